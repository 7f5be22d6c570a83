"""The app on hostile stories: a failed load is checked once per file version, and the chapter
picker's labels are built once per story."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import story.loader

APP = str(Path(__file__).resolve().parent.parent / "app.py")
STORY = """\
title: Two harbours
source: {title: Notes, publisher: Ourselves, date: "2024"}
chapters:
  - {id: south, title: South, caption: Busan harbour., narrative: The south port., places: [busan]}
  - {id: west, title: West, caption: Incheon harbour., narrative: The west port., places: [incheon]}
"""


def counting_loads(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = story.loader.load_story

    def load(path, *args, **kwargs):
        calls.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(story.loader, "load_story", load)
    return calls


def test_a_story_that_cannot_be_shown_is_checked_once_per_file_version(monkeypatch, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(STORY.replace("[busan]", "[atlantis]"), encoding="utf-8")
    calls = counting_loads(monkeypatch)
    monkeypatch.setattr("sys.argv", ["app.py", "--story", str(path)])
    for _ in range(3):  # three page views
        at = AppTest.from_file(APP, default_timeout=30)
        at.run()
        assert "cannot be shown" in at.error[0].value
    assert calls.count(str(path)) == 1
    path.write_text(STORY.replace("[busan]", "[atlantis, elsewhere]"), encoding="utf-8")  # a new version
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert calls.count(str(path)) == 2 and "2 problem(s)" in at.error[0].value


def test_chapter_labels_are_numbered_titles(monkeypatch, tmp_path):
    path = tmp_path / "harbours.yaml"
    path.write_text(STORY, encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["app.py", "--story", str(path)])
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert at.selectbox[0].options == ["1. South", "2. West"]

"""The app writes nothing into the project's own files while it runs: what it publishes (the base
map's script, the timeline's drawing, a story's pictures) goes to the published folder outside
them (geo/assets.py), so the app can run from a read-only install."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.assets import published_dir

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SKIPPED = {".git", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under the folder with its size and modification time."""
    files = {}
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED and not name.endswith(".egg-info")]
        for name in names:
            info = os.stat(os.path.join(directory, name), follow_symlinks=False)
            files[os.path.relpath(os.path.join(directory, name), folder)] = (info.st_size, info.st_mtime_ns)
    return files


def test_running_the_app_writes_nothing_into_the_project(tmp_path, monkeypatch):
    story = tmp_path / "photo-story.yaml"
    (tmp_path / "photo.png").write_bytes(PNG)
    story.write_text(
        "title: A photo\nsource: {title: t, publisher: p, date: 2020}\nchapters:\n"
        "  - {id: one, title: One, date: 1950-06-25, caption: c, narrative: n, places: [busan],"
        " media: {url: photo.png, alt: A dot}}\n"
        "  - {id: two, title: Two, date: 1950-07-01, caption: c, narrative: n, places: [incheon]}\n",
        encoding="utf-8",
    )
    before = snapshot(ROOT)
    for argv in (["app.py"], ["app.py", "--story", str(story)]):
        monkeypatch.setattr("sys.argv", argv)
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        assert not at.exception, at.exception
        next(b for b in at.button if b.label == "Next").click().run()
        assert not at.exception, at.exception
    assert snapshot(ROOT) == before, "the app wrote into the project's files"
    published = {path.suffix for path in published_dir().iterdir()}
    assert {".js", ".txt", ".png"} <= published, "what it publishes went to the published folder"
    assert ROOT not in published_dir().resolve().parents

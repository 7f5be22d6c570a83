"""A story of 500 chapters: it loads and validates in reasonable time, and the app handles it.

Timings are printed (`pytest -s`), not asserted: a shared 2-core machine is too noisy for that.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from geo.history import layer_ids
from story.loader import load_story_with_warnings
from story.writer import dump_story
from geo.references import builtin_references

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CHAPTERS = 500


def large_story(gazetteer) -> dict:
    """500 chapters over three years: places from the gazetteer, every kind of view, every date precision."""
    slugs = sorted(gazetteer)
    start = dt.date(1950, 6, 25)
    chapters = []
    for number in range(1, CHAPTERS + 1):
        day = start + dt.timedelta(days=2 * number)
        place = gazetteer[slugs[number % len(slugs)]]
        chapter = {
            "id": f"chapter-{number:03d}",
            "title": f"Chapter {number}: {place.name}",
            "caption": f"What happened near {place.name} on day {2 * number}.",
            "narrative": f"Chapter {number} of {CHAPTERS}. " + "A paragraph of the story, long enough to wrap. " * 4,
        }
        precision = number % 4
        if precision:
            chapter["date"] = [None, day.isoformat(), f"{day:%Y-%m}", str(day.year)][precision]
        kind = number % 5
        if kind != 4:  # a chapter without places has a view instead
            chapter["places"] = [slugs[number % len(slugs)], slugs[(number + 1 + number % 3) % len(slugs)]]
        if kind in (1, 4):
            chapter["view"] = {"center": [round(place.lat + (number % 7) * 0.01, 4), round(place.lon, 4)], "zoom": 5 + number % 9}
        elif kind == 2:
            chapter["view"] = {"bounds": [[round(place.lat - 0.5, 4), round(place.lon - 0.7, 4)], [round(place.lat + 0.5, 4), round(place.lon + 0.7, 4)]]}
        chapters.append(chapter)
    chapters[0]["overview"] = True
    return {
        "title": "Five hundred chapters",
        "introduction": "A long story, to see that nothing grows slow with its length.",
        "source": {"title": "Generated", "publisher": "The test suite", "date": "2024-05"},
        "layers": sorted(layer_ids()),
        "chapters": chapters,
    }


@pytest.fixture(scope="module")
def story_path(tmp_path_factory, gazetteer) -> Path:
    path = tmp_path_factory.mktemp("large") / "five-hundred.yaml"
    path.write_text(yaml.safe_dump(large_story(gazetteer), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_500_chapter_story_loads_validates_and_round_trips(story_path, gazetteer):
    started = time.perf_counter()
    story, warnings = load_story_with_warnings(story_path, builtin_references())
    loaded = time.perf_counter() - started
    assert len(story.chapters) == CHAPTERS and warnings == []
    assert {chapter.date.precision for chapter in story.chapters} == {"day", "month", "year", "undated"}
    assert sum(chapter.view is not None and chapter.view.bounds is not None for chapter in story.chapters) == CHAPTERS // 5
    started = time.perf_counter()
    text = dump_story(story)
    written = time.perf_counter() - started
    again_path = story_path.with_name("again.yaml")
    again_path.write_text(text, encoding="utf-8")
    assert load_story_with_warnings(again_path, builtin_references())[0] == story
    print(f"\n500 chapters ({story_path.stat().st_size:,} bytes): loaded and validated in {loaded:.2f} s, written in {written:.2f} s")


def button(at, label):
    return next(b for b in at.button if b.label == label)


def position(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Chapter "))


def test_the_app_runs_a_500_chapter_story(story_path, monkeypatch):
    monkeypatch.setattr("sys.argv", ["app.py", "--story", str(story_path)])
    at = AppTest.from_file(APP, default_timeout=120)
    started = time.perf_counter()
    at.run()
    first_run = time.perf_counter() - started
    assert not at.exception, at.exception
    assert position(at) == f"**Chapter 1 of {CHAPTERS}**"
    assert at.selectbox[0].value == "chapter-001"
    assert len(at.selectbox[0].options) == CHAPTERS and at.selectbox[0].options[-1].startswith(f"{CHAPTERS}. Chapter {CHAPTERS}: ")

    started = time.perf_counter()
    button(at, "Next").click().run()
    next_run = time.perf_counter() - started
    assert not at.exception, at.exception
    assert position(at) == f"**Chapter 2 of {CHAPTERS}**"
    assert at.query_params["chapter"] == "chapter-002"

    started = time.perf_counter()
    at.selectbox[0].set_value(f"chapter-{CHAPTERS:03d}").run()
    jump_run = time.perf_counter() - started
    assert not at.exception, at.exception
    assert position(at) == f"**Chapter {CHAPTERS} of {CHAPTERS}**"
    assert button(at, "Next").disabled and not button(at, "Previous").disabled
    assert at.header[0].value.replace("\\", "") == f"Chapter {CHAPTERS}: " + at.selectbox[0].options[-1].split(": ", 1)[1]

    [component] = at.get("component_instance")
    print(f"\nAppTest, 500 chapters: first run (load, validate, draw) {first_run:.2f} s, "
          f"Next {next_run:.2f} s, picker to chapter 500 {jump_run:.2f} s; "
          f"the map's arguments are {len(component.proto.json_args):,} characters")

"""Worst cases within the story limits: how long validating and drawing the first page take.

    python -m bench.hostile            # every case, a Markdown table on stdout
    python -m bench.hostile --no-app   # validation only (no AppTest run of the page)

Each case is the most expensive file of its kind that the limits in story/README.md allow (or
the attack a security review used, brought within them). Targets (printed, never asserted):
validating any of them under 5 s, the first page under 10 s, on this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from geo.layer_file import MAX_FEATURES, MAX_LAYER_FILE_BYTES
from geo.references import builtin_references
from story.loader import load_story_with_warnings
from story.media import MAX_MEDIA_BYTES, MAX_STORY_MEDIA_BYTES
from story.problems import StoryError
from story.references import References
from story.reading import MAX_STORY_BYTES
from story.storymapjs import MAX_HTML_FIELD
from story.validate import MAX_CHAPTERS, MAX_OWN_PLACES, MAX_PLACES_PER_CHAPTER, MAX_STORY_FEATURES

ROOT = Path(__file__).resolve().parents[1]
SOURCE = {"title": "Worst case", "publisher": "Benchmark", "date": "2024"}


def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def storymapjs_bomb(folder: Path) -> Path:
    """Unterminated markup ("<a <a <a ...", the review's 60 KB story took 128 s) in as many slides
    and fields as fit in the size limit."""
    field = "<a " * (MAX_HTML_FIELD // 3)
    count = max(1, MAX_STORY_BYTES // (2 * len(field) + 200) - 1)
    slides = [{"location": {"lat": 35 + n * 0.01, "lon": 127}, "text": {"headline": field, "text": field}} for n in range(count)]
    return _write(folder, "bomb.json", {"storymap": {"slides": slides}})


def suggestion_story(folder: Path) -> Path:
    """Every chapter names the most unknown places it may, among the most own places: each could
    ask for a "did you mean" against every place (the review's 117 KB story took 30 s a view)."""
    places = {f"place-number-{n}": {"name": f"P{n}", "lat": 35, "lon": 127, "kind": "city", "description": "d",
                                    "source": "s", "accuracy": "a"} for n in range(MAX_OWN_PLACES)}
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C", "narrative": "N",
                 "places": [f"place-numbr-{n}-{k}" for k in range(MAX_PLACES_PER_CHAPTER)]} for n in range(MAX_CHAPTERS)]
    data = {"title": "Suggestions", "source": SOURCE, "places": places, "chapters": chapters}
    while len(json.dumps(data)) > MAX_STORY_BYTES:
        data["chapters"] = data["chapters"][: len(data["chapters"]) * 9 // 10]
    return _write(folder, "suggestions.json", data)


def problem_flood(folder: Path) -> Path:
    """As many errors as fit in the size limit (unknown fields), reported to a reader."""
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C", "narrative": "N", "places": ["busan"],
                 **{f"x{k}": 0 for k in range(300)}} for n in range(MAX_CHAPTERS)]
    data = {"title": "Flood", "source": SOURCE, "chapters": chapters}
    while len(json.dumps(data)) > MAX_STORY_BYTES:
        data["chapters"] = data["chapters"][: len(data["chapters"]) * 9 // 10]
    return _write(folder, "flood.json", data)


def largest_valid_story(folder: Path) -> Path:
    """The most chapters, own places and places per chapter, and layer files as large as allowed
    with the most features a story may draw."""
    places = {f"place-{n}": {"name": f"Place {n}", "lat": 33 + (n % 50) * 0.1, "lon": 125 + (n // 50) * 0.2, "kind": "city",
                             "description": "d", "source": "s", "accuracy": "a"} for n in range(MAX_OWN_PLACES)}
    chapters = [{"id": f"chapter-{n}", "title": f"Chapter {n}", "date": f"{1900 + n % 100}-01-01", "caption": "C", "narrative": "N",
                 "places": [f"place-{(n * 7 + k) % MAX_OWN_PLACES}" for k in range(MAX_PLACES_PER_CHAPTER)]} for n in range(MAX_CHAPTERS)]
    feature = {"type": "Feature", "properties": {"label": "L", "source": "S", "accuracy": "A"},
               "geometry": {"type": "LineString", "coordinates": []}}
    size = len(json.dumps(feature)) + 2
    points = max(2, (MAX_LAYER_FILE_BYTES // MAX_FEATURES - size) // 20)
    features = [{**feature, "geometry": {"type": "LineString", "coordinates": [[126 + k * 0.001, 36 + n * 0.0001] for k in range(points)]}}
                for n in range(MAX_FEATURES)]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    while len(text) > MAX_LAYER_FILE_BYTES:
        features = features[: len(features) * 19 // 20]
        text = json.dumps({"type": "FeatureCollection", "features": features})
    _write(folder, "big.geojson", text)
    layers = [{"id": f"big-{n}", "name": "Big", "start": "1900-01-01", "color": "#aa3300", "legend": "Big", "description": "D",
               "file": "big.geojson"} for n in range(MAX_STORY_FEATURES // MAX_FEATURES)]
    data = {"title": "Largest", "source": SOURCE, "places": places, "layers": layers, "chapters": chapters}
    while len(json.dumps(data)) > MAX_STORY_BYTES:
        data["chapters"] = data["chapters"][: len(data["chapters"]) * 9 // 10]
    return _write(folder, "largest.json", data)


def heaviest_media(folder: Path) -> Path:
    """Local pictures up to the story's total: each read once, checked and hashed at load."""
    count = MAX_STORY_MEDIA_BYTES // MAX_MEDIA_BYTES
    for n in range(count):
        (folder / f"photo-{n}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([n]) * (MAX_MEDIA_BYTES - 8))
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C", "narrative": "N", "places": ["busan"],
                 "media": {"url": f"photo-{n % count}.png", "alt": "A"}} for n in range(MAX_CHAPTERS)]
    return _write(folder, "media.json", {"title": "Pictures", "source": SOURCE, "chapters": chapters})


CASES = (
    ("StoryMapJS unterminated markup", storymapjs_bomb),
    ("unknown places among the most places", suggestion_story),
    ("problem flood", problem_flood),
    ("largest valid story and layer file", largest_valid_story),
    ("local pictures up to the total", heaviest_media),
)


def validate(path: Path, references: References) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        story, warnings = load_story_with_warnings(path, references)
        outcome = f"valid, {len(story.chapters)} chapters"
    except StoryError as error:
        outcome = f"refused, {len(error.problems)} problems listed"
    return time.perf_counter() - started, outcome


def first_page(path: Path) -> float:
    """A fresh AppTest run of app.py on the story: load, validate, draw (or show the problems)."""
    from streamlit.testing.v1 import AppTest

    sys.argv = ["app.py", "--story", str(path)]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-app", action="store_true", help="time validation only")
    parser.add_argument("--case", help="only the cases whose name contains this")
    args = parser.parse_args(argv)
    references = builtin_references()
    rows = ["| case | file size | validate | outcome | first page |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as temporary:
        for name, make in CASES:
            if args.case and args.case not in name:
                continue
            folder = Path(temporary) / make.__name__
            folder.mkdir()
            path = make(folder)
            print(f"{name} ...", file=sys.stderr)
            seconds, outcome = validate(path, references)
            page = "-" if args.no_app else f"{first_page(path):.2f} s"
            rows.append(f"| {name} | {path.stat().st_size / 1e6:.2f} MB | {seconds:.2f} s | {outcome} | {page} |")
    print("\n".join(rows))
    print("\ntargets: validate < 5 s, first page < 10 s (each case)")


if __name__ == "__main__":
    main()

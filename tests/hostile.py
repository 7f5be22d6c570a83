"""Hostile story files for the tests: a story layer, media and text carrying payloads."""

from __future__ import annotations

import json
from pathlib import Path

PAYLOAD = "<img src=x onerror=alert(1)>"
META_REFRESH = '<meta http-equiv="refresh" content="0;url=https://example.org">'

LAYER_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature",
         "properties": {"label": f"Label {PAYLOAD}", "source": f"Source {META_REFRESH}", "accuracy": "`${alert(2)}`"},
         "geometry": {"type": "LineString", "coordinates": [[128.9, 35.1], [129.1, 35.2]]}},
    ],
}


def layer_story(folder: Path, name: str = f"Ferry {PAYLOAD}", legend: str = f"Legend {META_REFRESH}", file: str = "ferry.geojson",
                geojson: dict | None = LAYER_GEOJSON) -> Path:
    """A story with a layer of its own whose name, legend and features carry payloads."""
    if geojson is not None:
        (folder / file).write_text(json.dumps(geojson), encoding="utf-8")
    layers = [{"id": "ferry", "name": name, "start": "1950-09-01", "color": "#aa3300", "legend": legend,
               "description": f"Description {PAYLOAD}", "file": file}]
    return write_story(folder, "Hostile layer", layers, [("one", "1950-09-15", "busan"), ("two", "1950-09-16", "incheon")])


def write_story(folder: Path, title: str, layers: list[dict], chapters: list[tuple[str, str, str]]) -> Path:
    """story.json in the folder: its layers, and a chapter for each (id, date, place)."""
    story = {
        "title": title, "source": {"title": "Notes", "publisher": "Us", "date": "2024"},
        "layers": layers,
        "chapters": [{"id": chapter_id, "title": chapter_id.title(), "date": date, "caption": "C.", "narrative": "N.", "places": [place]}
                     for chapter_id, date, place in chapters],
    }
    path = folder / "story.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path

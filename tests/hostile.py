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
    story = {
        "title": "Hostile layer", "source": {"title": "Notes", "publisher": "Us", "date": "2024"},
        "layers": [{"id": "ferry", "name": name, "start": "1950-09-01", "color": "#aa3300", "legend": legend,
                    "description": f"Description {PAYLOAD}", "file": file}],
        "chapters": [
            {"id": "one", "title": "One", "date": "1950-09-15", "caption": "C.", "narrative": "N.", "places": ["busan"]},
            {"id": "two", "title": "Two", "date": "1950-09-16", "caption": "C.", "narrative": "N.", "places": ["incheon"]},
        ],
    }
    path = folder / "story.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path

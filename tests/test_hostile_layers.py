"""A story's own layer is data: its text reaches the map escaped, its file is read by our JSON parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.map_builder import base_map
from hostile import META_REFRESH, PAYLOAD, layer_story, write_story
from story.loader import DEFAULT_STORY_PATH, load_story
from story.problems import StoryError
from geo.references import builtin_references


def _rendered_map(story, gazetteer) -> str:
    m = base_map(story, {**gazetteer, **story.places}, "/app/static/")
    return m.get_root().render()


def test_layer_name_and_legend_reach_the_map_escaped(tmp_path, gazetteer):
    story = load_story(layer_story(tmp_path), builtin_references())
    page = _rendered_map(story, gazetteer)
    # The layer control inserts names as HTML; the legend and popups too. No raw markup survives.
    for raw in (PAYLOAD, META_REFRESH, "<img src=x", "<meta http-equiv=\"refresh", "onerror=alert(1)>", "${alert"):
        assert raw not in page
    assert "Ferry &lt;img src=x onerror=alert(1)&gt;" in page
    # Leaflet's layer control takes each name as HTML; folium passes them as JSON strings.
    control = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.DOTALL).group(1)
    names = [json.loads(name) for name in re.findall(r'("(?:[^"\\]|\\.)*")\s*:', control)]
    ferry = [name for name in names if name.startswith("Ferry")]
    assert ferry == ["Ferry &lt;img src=x onerror=alert(1)&gt; (since 1 September 1950)"]


VRT = """<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>CSV:/etc/passwd</SrcDataSource>
<GeometryType>wkbLineString</GeometryType></OGRVRTLayer></OGRVRTDataSource>"""
CSV = "label,source,accuracy,WKT\nsecret,a,b,\"LINESTRING (128 35, 129 36)\"\n"


@pytest.mark.parametrize("content, words", [(VRT, "not valid JSON"), (CSV, "not valid JSON")])
def test_a_vrt_or_csv_posing_as_geojson_is_refused(tmp_path, gazetteer, content, words):
    (tmp_path / "ferry.geojson").write_text(content, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(layer_story(tmp_path, geojson=None), builtin_references())
    assert any(words in str(problem) and "layers[1].file" in str(problem) for problem in caught.value.problems)


def test_no_format_guessing_library_reads_a_story_layer(tmp_path, gazetteer, monkeypatch):
    import geopandas

    def refuse(*args, **kwargs):
        raise AssertionError("a story's layer file must not reach GDAL")

    monkeypatch.setattr(geopandas, "read_file", refuse)
    story = load_story(layer_story(tmp_path), builtin_references())
    assert list(story.own_layers[0].features["label"]) == [f"Label {PAYLOAD}"]


@pytest.mark.parametrize("properties, words", [
    ({"label": 7, "source": "s", "accuracy": "a"}, "'label' property (text)"),
    ({"label": "x\x01y", "source": "s", "accuracy": "a"}, "control character"),
    ({"label": "x", "source": "s\ud800", "accuracy": "a"}, "lone surrogate"),
])
def test_feature_properties_must_be_plain_text(tmp_path, gazetteer, properties, words):
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties, "geometry": {"type": "LineString", "coordinates": [[128, 35], [129, 36]]}}]}
    (tmp_path / "ferry.geojson").write_text(json.dumps(geojson), encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(layer_story(tmp_path, geojson=None), builtin_references())
    assert any(words in str(problem) for problem in caught.value.problems), caught.value.problems


def test_a_layer_file_that_is_a_symlink_or_a_fifo_is_refused(tmp_path, gazetteer):
    import os

    (tmp_path / "real.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    os.symlink(tmp_path / "real.geojson", tmp_path / "link.geojson")
    os.mkfifo(tmp_path / "fifo.geojson")
    for name, words in (("fifo.geojson", "not a regular file"), ("link.geojson", "")):
        with pytest.raises(StoryError) as caught:
            load_story(layer_story(tmp_path, file=name, geojson=None), builtin_references())
        assert any(words in str(problem) for problem in caught.value.problems)


def test_a_layer_file_over_the_limit_is_refused_unread(tmp_path, gazetteer):
    from geo.layer_file import MAX_LAYER_FILE_BYTES

    with open(tmp_path / "ferry.geojson", "wb") as handle:
        handle.truncate(MAX_LAYER_FILE_BYTES + 1)  # sparse: costs nothing to make
    with pytest.raises(StoryError, match="the limit is"):
        load_story(layer_story(tmp_path, geojson=None), builtin_references())


def _dated_story(folder: Path) -> Path:
    """A story whose own fronts and events files carry payloads in every text they hold."""
    data = DEFAULT_STORY_PATH.parent
    front_file = json.loads((data / "korean-war-fronts.geojson").read_text(encoding="utf-8"))
    front_file["sides"] = {"right": f"Right {PAYLOAD}", "left": f"Left {PAYLOAD}"}
    for feature in front_file["features"]:
        feature["properties"].update(label=f"Front {PAYLOAD}", source=f"Map {PAYLOAD}", accuracy=f"About {PAYLOAD}")
    event_file = json.loads((data / "korean-war-events.geojson").read_text(encoding="utf-8"))
    for feature in event_file["features"]:
        feature["properties"].update(label=f"Event {PAYLOAD}", description=f"Said {PAYLOAD}", source=f"Page {PAYLOAD}")
    (folder / "fronts.geojson").write_text(json.dumps(front_file), encoding="utf-8")
    (folder / "events.geojson").write_text(json.dumps(event_file), encoding="utf-8")
    layers = [
        {"id": "front", "name": f"Front {PAYLOAD}", "start": "1950-06-25", "end": "1953-07-27", "color": "#aa3300",
         "legend": "Front", "description": "D.", "file": "fronts.geojson", "timeline": "fronts"},
        {"id": "happenings", "name": "Events", "start": "1950-06-25", "end": "1953-08-06", "color": "#6e2c00",
         "legend": "Events", "description": "D.", "file": "events.geojson", "timeline": "events"},
    ]
    return write_story(folder, "Hostile dates", layers, [("one", "1950-09-15", "seoul"), ("two", "1951-02-18", "busan")])


def test_dated_layers_text_reaches_the_map_as_escaped_html(tmp_path, gazetteer):
    # The fronts, who held Seoul and the events are drawn by the browser from data sent with the
    # base map: every text in it that becomes HTML (tooltips, popups, labels) is escaped already.
    story = load_story(_dated_story(tmp_path), builtin_references())
    page = _rendered_map(story, gazetteer)
    sent = json.loads(re.search(r"storymap\.shareDrawings\((\{.*?\}), \d+\);", page, re.DOTALL).group(1))
    texts = [shape.get(field) for shapes in sent.values() for shape in shapes for field in ("tooltip", "popup", "text") if shape.get(field)]
    assert any(key.startswith("front@") for key in sent) and any(key.startswith("happenings/") for key in sent)
    assert any("held by Left &lt;img" in text for text in texts), "Seoul's holder is labelled"
    assert len(texts) > 40
    assert all("<img" not in text for text in texts)
    popups = [shape["popup"] for shapes in sent.values() for shape in shapes if shape.get("popup")]
    assert popups and all("onerror=alert(1)&gt;" in popup for popup in popups)

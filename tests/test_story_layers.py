"""A story's own historical layers: GeoJSON beside the story, checked, drawn by date, written back."""

from __future__ import annotations

import json

import pytest

from geo.history import story_layers
from geo.map_builder import active_layers, base_map
from story.loader import load_story
from story.problems import StoryError
from story.reading import parse_yaml
from story.validate import build_story
from story.writer import dump_story
from geo.references import builtin_references

FERRY = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"label": "Ferry to Wolmido", "source": "Harbour log", "accuracy": "About 1 km.", "kind": "arrow"},
         "geometry": {"type": "LineString", "coordinates": [[126.55, 37.40], [126.60, 37.47]]}},
        {"type": "Feature", "properties": {"label": "Anchorage", "source": "Harbour log", "accuracy": "About 2 km."},
         "geometry": {"type": "Polygon", "coordinates": [[[126.4, 37.3], [126.5, 37.3], [126.5, 37.4], [126.4, 37.3]]]}},
    ],
}

STORY = """\
title: Harbour days
source: {title: Notes, publisher: Ourselves, date: "2024"}
layers:
  - pusan-perimeter
  - id: ferry
    name: Ferry crossings
    start: 1950-09-10
    end: 1950-09-20
    color: "#aa3300"
    legend: Ferry crossings, Sep 1950
    description: Boats between the harbour and the island.
    file: ferry.geojson
chapters:
  - {id: before, title: Before, date: 1950-09-01, caption: Calm., narrative: Nothing moved., places: [incheon]}
  - {id: during, title: During, date: 1950-09-15, caption: Busy., narrative: Boats everywhere., places: [wolmido]}
"""


@pytest.fixture
def story_file(tmp_path):
    (tmp_path / "ferry.geojson").write_text(json.dumps(FERRY), encoding="utf-8")
    path = tmp_path / "harbour.yaml"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_own_layer_loads_with_its_sources(story_file, gazetteer):
    story = load_story(story_file, builtin_references())
    assert story.layers == ("pusan-perimeter", "ferry")
    [ferry] = story.own_layers
    assert list(ferry.features["kind"]) == ["arrow", "area"]  # kind given, or taken from the geometry
    assert set(ferry.features["source"]) == {"Harbour log"}
    assert [layer.id for layer in story_layers(story)] == ["pusan-perimeter", "ferry"]


def test_own_layer_is_drawn_by_date(story_file, gazetteer):
    story = load_story(story_file, builtin_references())
    assert [layer.id for layer in active_layers(story, 0)] == ["pusan-perimeter"]
    assert [layer.id for layer in active_layers(story, 1)] == ["pusan-perimeter", "ferry"]
    script = base_map(story, gazetteer, "/app/static/").get_root().render()
    assert "storymap-history-ferry" in script and "Ferry to Wolmido" in script


def test_own_layer_round_trips(story_file, gazetteer):
    story = load_story(story_file, builtin_references())
    again = build_story(parse_yaml(dump_story(story), "x"), str(story_file), builtin_references(), folder=story_file.parent)
    assert again == story


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("file: ferry.geojson", "file: missing.geojson"), "layers[2].file", "no such file"),
        (("file: ferry.geojson", "file: ../ferry.geojson"), "layers[2].file", "inside the story's folder"),
        (('color: "#aa3300"', "color: red"), "layers[2].color", "colour"),
        (("end: 1950-09-20", "end: 1950-09-01"), "layers[2].end", "before start"),
        (("id: ferry", "id: dmz"), "layers[2].id", "built-in"),
        (("    legend: Ferry crossings, Sep 1950\n", ""), "layers[2].legend", "missing"),
    ],
)
def test_bad_own_layers_are_named(story_file, gazetteer, change, field, words):
    story_file.write_text(STORY.replace(*change), encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(story_file, builtin_references())
    messages = [str(p) for p in caught.value.problems]
    assert any(f"field '{field}'" in m and words in m for m in messages), messages


def test_features_must_say_where_they_come_from(story_file, gazetteer):
    unsourced = json.loads(json.dumps(FERRY))
    del unsourced["features"][1]["properties"]["source"]
    (story_file.parent / "ferry.geojson").write_text(json.dumps(unsourced), encoding="utf-8")
    with pytest.raises(StoryError, match="every feature needs a 'source' property"):
        load_story(story_file, builtin_references())


def _with_days(story_file, **days) -> None:
    dated = json.loads(json.dumps(FERRY))
    dated["features"][0]["properties"].update(days)
    (story_file.parent / "ferry.geojson").write_text(json.dumps(dated), encoding="utf-8")


def test_a_feature_with_days_of_its_own_shows_only_on_chapters_of_those_days(story_file, gazetteer):
    from geo.map_builder import out_of_time

    _with_days(story_file, date="1950-09-16", end="1950-09-20")  # the ferry ran after the chapter's day
    story = load_story(story_file, builtin_references())
    ferry = next(layer for layer in story_layers(story) if layer.id == "ferry")
    assert ferry.feature_dates_label(0) == "16 September 1950 – 20 September 1950"
    assert ferry.feature_dates_label(1) == ferry.dates_label()  # the anchorage: the layer's days
    assert out_of_time(story, story.index_of("during")) == ["storymap-feature-ferry-0"]  # 15 September
    assert out_of_time(story, story.index_of("before")) == []  # the layer is off then: turned on by hand it shows whole
    page = base_map(story, {**gazetteer, **story.places}, "/app/static/").get_root().render()
    assert "storymap-feature-ferry-0" in page and "Ferry to Wolmido (16 September 1950 – 20 September 1950)" in page


@pytest.mark.parametrize("days, words", [
    ({"date": "15/09/1950"}, "feature 1: 'date' must be a day written YYYY-MM-DD"),
    ({"end": 19500915}, "feature 1: 'end' must be a day written YYYY-MM-DD"),
    ({"date": "1950-09-18", "end": "1950-09-12"}, "feature 1: 'end' comes before 'date'"),
    ({"date": "1950-08-01"}, "feature 1: 'date' 1950-08-01 lies outside the layer's days"),
    ({"end": "1950-10-01"}, "feature 1: 'end' 1950-10-01 lies outside the layer's days"),
])
def test_a_feature_s_days_are_checked_against_its_layer(story_file, gazetteer, days, words):
    _with_days(story_file, **days)
    with pytest.raises(StoryError) as caught:
        load_story(story_file, builtin_references())
    messages = [str(p) for p in caught.value.problems]
    assert any("layers[2].file" in m and "ferry.geojson" in m and words in m for m in messages), messages

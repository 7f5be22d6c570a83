"""A story's `map:` section and `photo_note`: read, checked with messages that name the field and
the fix, and written back unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from story.loader import load_story
from story.model import MapSettings, Parallel, View
from story.problems import StoryError
from story.writer import dump_story
from stories import GOOD
from geo.references import builtin_references

MAP = """\
map:
  start: {center: [37.5, 127.0], zoom: 7}
  home: [KOR, PRK]
  key_places: [parallel-38, busan]
  parallels:
    - {place: parallel-38, latitude: 38}
  drawn_from: {parallel-38: 1945-08-10}
  period: 1950s
  region: [[33, 124], [43, 131.5]]
photo_note: The photograph is in the archive.
"""


def load(tmp_path, gazetteer, text: str):
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return load_story(path, builtin_references())


def problems(tmp_path, gazetteer, section: str) -> list[str]:
    with pytest.raises(StoryError) as caught:
        load(tmp_path, gazetteer, GOOD.replace("chapters:\n", section + "chapters:\n", 1))
    return [str(problem) for problem in caught.value.problems]


def test_a_story_without_a_map_section_declares_nothing(tmp_path, gazetteer):
    story = load(tmp_path, gazetteer, GOOD)
    assert story.map == MapSettings() and story.photo_note is None


def test_the_map_section_is_read(tmp_path, gazetteer):
    story = load(tmp_path, gazetteer, GOOD.replace("chapters:\n", MAP + "chapters:\n", 1))
    assert story.map == MapSettings(
        start=View(center=(37.5, 127.0), zoom=7.0),
        home=("KOR", "PRK"),
        key_places=("parallel-38", "busan"),
        parallels=(Parallel("parallel-38", 38.0),),
        period="1950s",
        region=(((33.0, 124.0), (43.0, 131.5)),),
        drawn_from=(("parallel-38", dt.date(1945, 8, 10)),),
    )
    assert story.map.first_drawn("parallel-38") == dt.date(1945, 8, 10) and story.map.first_drawn("busan") is None
    assert story.photo_note == "The photograph is in the archive."


def test_the_map_section_is_written_back(tmp_path, gazetteer):
    story = load(tmp_path, gazetteer, GOOD.replace("chapters:\n", MAP + "chapters:\n", 1))
    assert load(tmp_path, gazetteer, dump_story(story)) == story


@pytest.mark.parametrize(
    "section, expected",
    [
        ("map:\n  strat: {center: [1, 2], zoom: 3}\n", "field 'map.strat': unknown field (fix: did you mean 'start'?)"),
        ("map:\n  start: {center: [1, 2]}\n", "field 'map.start.zoom': must be a number from 1 to 18"),
        ("map:\n  home: [France]\n", "field 'map.home': must be a list of three-letter country codes (fix: ISO 3166 alpha-3"),
        ("map:\n  home: [XYZ]\n", "field 'map.home': no country 'XYZ' in the land data"),
        ("map:\n  key_places: [atlantis]\n", "field 'map.key_places': unknown place 'atlantis'"),
        ("map:\n  parallels: [{place: busan, latitude: 38}]\n", "field 'map.parallels[1].place': place 'busan' is a city, not a line (fix: give the place 'kind: line')"),
        ("map:\n  parallels: [{place: parallel-38, latitude: 95}]\n", "field 'map.parallels[1].latitude': must be a latitude between -90 and 90"),
        ("map:\n  parallels: [{place: parallel-38, lat: 38}]\n", "field 'map.parallels[1].lat': unknown field (fix: known fields: place, latitude)"),
        ("map:\n  period: [1950s]\n", "field 'map.period': must be short text"),
        ("map: [busan]\n", "field 'map': must be a mapping"),
        ("photo_note: [a, b]\n", "field 'photo_note': must be non-empty text"),
    ],
)
def test_a_bad_map_section_names_the_field_and_the_fix(tmp_path, gazetteer, section, expected):
    found = problems(tmp_path, gazetteer, section)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("region", ["[33, 124]", "[[43, 124], [33, 131]]", "[[33, 124], [43, 200]]", "[[33, true], [43, 131]]"])
def test_a_bad_region_is_refused_with_its_fix(tmp_path, gazetteer, region):
    found = problems(tmp_path, gazetteer, f"map:\n  region: {region}\n")
    assert len(found) == 1 and "map.region" in found[0] and "[[south, west], [north, east]]" in found[0], found


def test_a_region_may_be_several_boxes_and_is_written_back_as_read(tmp_path, gazetteer):
    text = GOOD.replace("chapters:\n", "map:\n  region: [[[33, 124], [43, 131.5]], [[38.5, -77.5], [39.3, -76.6]]]\nchapters:\n", 1)
    story = load(tmp_path, gazetteer, text)
    assert story.map.region == (((33.0, 124.0), (43.0, 131.5)), ((38.5, -77.5), (39.3, -76.6)))
    assert load(tmp_path, gazetteer, dump_story(story)) == story
    found = problems(tmp_path, gazetteer, "map:\n  region: [[[33, 124], [43, 131.5]], [[39.3, -77.5], [38.5, -76.6]]]\n")
    assert len(found) == 1 and "map.region[2]" in found[0], found


def test_the_base_map_is_drawn_only_where_a_story_puts_its_region(default_story, gazetteer):
    from dataclasses import replace

    from geo.map_builder import base_map

    places = {**gazetteer, **default_story.places}
    assert "basemapLabels" in base_map(default_story, places, "/").get_root().render()
    regionless = replace(default_story, map=replace(default_story.map, region=None))
    assert "basemapLabels" not in base_map(regionless, places, "/").get_root().render()


@pytest.mark.parametrize("section, field, words", [
    ("map:\n  key_places: [busan]\n  drawn_from: [busan]\n", "map.drawn_from", "mapping of place slugs to dates"),
    ("map:\n  key_places: [busan]\n  drawn_from: {seoul: 1950-06-28}\n", "map.drawn_from.seoul", "not one of the key places or parallels"),
    ("map:\n  key_places: [busan]\n  drawn_from: {busan: 1950-13-01}\n", "map.drawn_from.busan", "is not a date"),
    ("map:\n  key_places: [busan]\n  drawn_from: {busan: '1950'}\n", "map.drawn_from.busan", "YYYY-MM-DD"),
])
def test_drawn_from_names_the_field_and_the_fix(tmp_path, gazetteer, section, field, words):
    [problem] = problems(tmp_path, gazetteer, section)
    assert f"field '{field}'" in problem and words in problem, problem

"""The story's dated layers on the map: events, who held a place, the shares chart, the play
control's data, and how a story declares them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import shapely

from geo import dated_layers, events, fronts, packed_points, share_chart, war_play
from geo.history import parse_story_layer, story_layers
from geo.provenance import layer_rows
from story.loader import DEFAULT_STORY_PATH, load_story
from geo.references import builtin_references

EVENTS = DEFAULT_STORY_PATH.parent / "korean-war-events.geojson"
REQUIRED_EVENTS = ("osan", "taejon", "naktong", "inchon", "seoul-retaken-1950", "pyongyang-taken", "wonsan", "onjong-unsan",
                   "chosan", "chongchon", "chosin", "hungnam", "chipyong-ni", "imjin", "kapyong", "bloody-ridge", "heartbreak-ridge",
                   "punchbowl", "white-horse", "pork-chop", "kumsong", "truce-kaesong", "panmunjom-talks", "koje-do")


@pytest.fixture(scope="module")
def story():
    return load_story(DEFAULT_STORY_PATH, builtin_references())


def layers_of(story) -> dict:
    return {layer.timeline: layer for layer in story_layers(story) if layer.timeline}


@pytest.fixture(scope="module")
def layers(story):
    return layers_of(story)


def test_the_issue_s_battles_and_events_are_all_there():
    ids = [event.id for event in events.load_events(EVENTS)]
    for wanted in REQUIRED_EVENTS:
        assert any(wanted in found for found in ids), wanted


def test_events_show_only_when_a_chapter_s_time_covers_them(layers):
    inchon_day = (dt.date(1950, 9, 15), dt.date(1950, 9, 15))
    shown = {event.id for event in events.events_between(layers["events"].series, *inchon_day)}
    assert "inchon" in shown and "naktong-offensive" in shown and "chosin" not in shown
    # The chapter names exactly those events' drawings, each a marker sent once with the base map.
    keys = dated_layers.chapter_keys([layers["events"]], inchon_day)
    assert sorted(keys) == sorted(f"{layers['events'].id}/{event_id}" for event_id in shown)
    drawings = dated_layers.shared_drawings([layers["events"]], [inchon_day], {}, {})
    assert set(keys) <= set(drawings) and len(drawings) == len(layers["events"].series)
    [marker] = drawings[f"{layers['events'].id}/inchon"]
    assert marker["kind"] == "point" and "storymap-event-inchon" in marker["style"]["className"]


def test_seoul_s_holder_changes_with_the_chapter_s_day(layers):
    seoul = (126.978, 37.566)
    holders = [dated_layers.holder_of(layers["fronts"], dated_layers.held_on(layers["fronts"], dt.date.fromisoformat(day)), *seoul)
               for day in ("1950-06-25", "1950-07-15", "1950-10-25", "1951-02-18", "1951-07-10")]
    assert holders == ["South Korea and the UN", "Communist forces", "South Korea and the UN", "Communist forces", "South Korea and the UN"]


@pytest.mark.parametrize("change, message", [
    (lambda f: f["features"][0]["properties"].pop("source"), "source"),
    (lambda f: f["features"][0]["properties"].update(end="1900-01-01"), "before"),
    (lambda f: f["features"][1]["properties"].update(id=f["features"][0]["properties"]["id"]), "twice"),
    (lambda f: f["features"][0]["geometry"].update(coordinates=[500, 37]), "longitude"),
])
def test_bad_events_files_are_refused_with_the_reason(change, message):
    data = json.loads(EVENTS.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(events.EventDataError, match=message):
        events.parse_events(json.dumps(data))


def test_a_story_layer_with_an_unknown_timeline_is_refused(tmp_path):
    (tmp_path / "f.geojson").write_text((DEFAULT_STORY_PATH.parent / "korean-war-fronts.geojson").read_text(encoding="utf-8"), encoding="utf-8")
    entry = {"id": "f", "name": "F", "start": "1950-06-25", "color": "#112233", "legend": "F", "description": "F.", "file": "f.geojson"}
    layer, problems = parse_story_layer({**entry, "timeline": "fronts"}, tmp_path)
    assert problems == [] and layer.series.first == dt.date(1950, 6, 25)
    layer, problems = parse_story_layer({**entry, "timeline": "weather"}, tmp_path)
    assert layer is None and problems[0][0] == "timeline"
    (tmp_path / "f.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    layer, problems = parse_story_layer({**entry, "timeline": "fronts"}, tmp_path)
    assert layer is None and "no front" in problems[0][1]


def test_share_chart_marks_the_day_with_its_figures(layers):
    series = layers["fronts"].series
    points = share_chart.share_series(series)
    assert points[0][0] == series.first and points[-1][0] == series.last
    assert min(share for _, share in points) < 0.08 < 0.75 < max(share for _, share in points)  # the see-saw
    svg = share_chart.share_chart_svg(points, "South Korea and the UN", "Communist forces", mark=dt.date(1950, 9, 1))
    assert svg.startswith("<svg") and 'class="storymap-share-mark"' in svg
    assert re.search(r"on 1 September 1950: [0-9]+% and [0-9]+%", svg)
    for year in ("1951", "1952", "1953"):
        assert f">{year}</text>" in svg
    assert 'class="storymap-share-mark"' not in share_chart.share_chart_svg(points, "A", "B", mark=dt.date(1960, 1, 1))
    assert "&lt;b&gt;" in share_chart.share_chart_svg(points, "<b>", "B")  # names are escaped


def polygon_of(packed_rings) -> shapely.Polygon:
    outer, *holes = ([(lon, lat) for lat, lon in packed_points.unpacked(ring)] for ring in packed_rings)
    return shapely.Polygon(outer, holes)


def test_play_config_sends_every_snapshot_once_with_the_same_number_of_points(layers):
    days = [dt.date(1950, 9, 15), dt.date(1951, 2, 18)]
    config = war_play.play_config(layers["fronts"], dated_layers.fronts_on_days(layers["fronts"], days))
    series = layers["fronts"].series
    assert [snap["date"] for snap in config["snapshots"]] == [snap.date.isoformat() for snap in series.snapshots]
    assert {len(packed_points.unpacked(snap["line"])) for snap in config["snapshots"]} == {war_play.PLAY_SAMPLES}
    assert len(config["areas"]) == len(series.snapshots) and all(config["areas"])
    gapped = next(snap for snap in config["snapshots"] if snap["date"] == "1950-11-24")
    assert len(gapped["gaps"]) >= 2  # three separate fronts
    # Each chapter day's land, both sides, sent once with the base map (not with every chapter).
    assert sorted(config["days"]) == ["1950-09-15", "1951-02-18"]
    held = dated_layers.held_on(layers["fronts"], days[0])
    for side, area in (("right", held.un), ("left", held.communist)):
        drawn = shapely.MultiPolygon([polygon_of(rings) for rings in config["days"]["1950-09-15"][side]])
        expected = shapely.transform(area, lambda xy: fronts._wgs84(xy))
        assert drawn.symmetric_difference(expected).area < 0.03 * expected.area, side  # simplified by 1.5 km
    assert len(json.dumps(config)) < 200_000


def test_packed_points_come_back_within_their_precision():
    points = [[37.5665, 126.978], [35.1028, 129.0403], [-33.8688, 151.2093], [37.5665, 126.978]]
    numbers = packed_points.packed(points)
    assert all(isinstance(n, int) for n in numbers) and len(numbers) == 8
    assert abs(numbers[2]) < abs(packed_points.packed(points[1:2])[0])  # the second point is a step from the first
    back = packed_points.unpacked(numbers)
    assert all(abs(a - b) <= 0.5 / 10**packed_points.DIGITS + 1e-12 for p, q in zip(points, back) for a, b in zip(p, q))


def test_each_chapter_plays_from_its_day_to_the_next(story):
    spans = {story.chapters[i].id: war_play.chapter_play_span(story, i, story_layers(story)) for i in range(len(story.chapters))}
    assert spans["overview"] == (dt.date(1950, 6, 25), dt.date(1953, 7, 27))  # the whole war
    assert spans["inchon-landing"] == (dt.date(1950, 9, 15), dt.date(1950, 10, 25))
    assert spans["into-seoul"] == (None, None)  # 1910: no war to play


def test_about_the_map_lists_each_snapshot_and_event_with_its_source(story):
    rows = layer_rows(story_layers(story))
    fronts_rows = [row for row in rows if row["Layer"].startswith("Front line: ")]
    assert len(fronts_rows) >= 15 and all("Map" in row["Source"] or "map" in row["Source"] for row in fronts_rows)
    assert any(row["Shown"].startswith("26 Oct 1950 – ") for row in fronts_rows)  # valid until the next snapshot
    # The pockets one side held inside the other's ground shape the shading too: each has its row.
    series = layers_of(story)["fronts"].series
    for pocket in series.pockets:
        assert any(row["Layer"] == f"Front line: {pocket.label}" and row["Source"] == pocket.source for row in fronts_rows), pocket.id
    assert sum(row["Layer"].startswith("Battles and events: ") for row in rows) == len(events.load_events(EVENTS))


def test_the_two_sides_shares_always_make_a_hundred(layers):
    # Rounded each on its own, 40.5 % and 59.5 % read "41 %" and "60 %"; the other side's share
    # is what is left of the first's rounded figure.
    fronts_layer = layers["fronts"]
    for snap in fronts_layer.series.snapshots:
        text = dated_layers.share_text(fronts_layer.series, dated_layers.held_on(fronts_layer, snap.date))
        right, left = (int(figure) for figure in re.findall(r"\((\d+)%\)", text))
        assert right + left == 100, text

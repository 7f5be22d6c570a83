"""The Korean War story's dated fronts: where they lie, how they are interpolated, who held what."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape

from geo import fronts
from geo.events import load_events
from geo.land import korea, load_land
from geo.references import builtin_references

ROOT = Path(__file__).resolve().parents[1]
FRONTS = ROOT / "story" / "data" / "korean-war-fronts.geojson"
EVENTS = ROOT / "story" / "data" / "korean-war-events.geojson"
TO_METRIC = Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)
CHECKABLE = re.compile(r"\b(Map [0-9IVXL]+|Maps [0-9IVXL]+|pp?\. ?\d+|ch\. [IVXL]+)")
TOWNS = {  # (lon, lat) of towns the tests place on one side or on the line
    "taegu": (128.60, 35.87), "waegwan": (128.40, 35.99), "pusan": (129.04, 35.10),
    "seoul": (126.978, 37.566), "pyongyang": (125.75, 39.02), "chipyong-ni": (127.63, 37.47),
}


@pytest.fixture(scope="module")
def series():
    return fronts.load_fronts(FRONTS)


@pytest.fixture(scope="module")
def land():
    return fronts.land_metric(("KOR", "PRK"))


def _km(line, lon_lat) -> float:
    metric = shapely.transform(line, lambda xy: __import__("numpy").column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1])))
    return metric.distance(Point(TO_METRIC.transform(*lon_lat))) / 1000


def _held_by_un(series, land, day: str, town: str) -> bool:
    areas = fronts.held_areas(fronts.front_on(series, dt.date.fromisoformat(day)), land)
    return areas.un.contains(Point(TO_METRIC.transform(*TOWNS[town])))


def test_at_least_fifteen_snapshots_over_the_war(series):
    assert len(series.snapshots) >= 15
    assert series.first == dt.date(1950, 6, 25) and series.last == dt.date(1953, 7, 27)


def test_every_snapshot_and_event_is_dated_sourced_to_a_map_or_page_and_has_an_accuracy(series):
    for item in (*series.snapshots, *series.pockets, *load_events(EVENTS)):
        assert isinstance(item.date, dt.date)
        assert CHECKABLE.search(item.source) and re.search(r"Appleman|Mossman|Hermes", item.source), item.id
        assert item.accuracy.strip(), item.id


def test_every_line_lies_on_land_and_continuous_fronts_run_coast_to_coast(series, land):
    coast = land.boundary
    for snap in series.snapshots:
        for segment in snap.segments:
            for lon, lat in segment.coords:
                assert land.distance(Point(TO_METRIC.transform(lon, lat))) < 1500, (snap.id, lon, lat)
        if len(snap.segments) == 1:
            for lon, lat in (snap.segments[0].coords[0], snap.segments[0].coords[-1]):
                assert coast.distance(Point(TO_METRIC.transform(lon, lat))) < 3000, (snap.id, "end not on the coast")


def test_the_november_1950_gap_is_drawn_as_separate_segments(series):
    by_id = {snap.id: snap for snap in series.snapshots}
    assert len(by_id["home-by-christmas"].segments) >= 2
    assert len(by_id["chosan"].segments) >= 2


def test_1_september_1950_taegu_held_by_the_un_and_waegwan_on_the_line(series, land):
    front = fronts.front_on(series, dt.date(1950, 9, 1))
    assert not front.interpolated
    assert _km(front.geometry, TOWNS["waegwan"]) < 5
    assert _held_by_un(series, land, "1950-09-01", "taegu")
    assert _held_by_un(series, land, "1950-09-01", "pusan")
    assert not _held_by_un(series, land, "1950-09-01", "seoul")


def test_26_october_1950_the_line_reaches_the_yalu_in_the_west(series, land):
    front = fronts.front_on(series, dt.date(1950, 10, 26))
    china = load_land()
    border = korea(china).union_all().intersection(china[china["iso_a3"] == "CHN"].union_all())
    reach = min(_km(front.geometry, point.coords[0]) for point in shapely.get_parts(shapely.points(list(border.coords) if border.geom_type == "LineString" else [c for part in shapely.get_parts(border) if part.geom_type == "LineString" for c in part.coords])) if point.x < 126.5)
    assert reach < 5
    assert _held_by_un(series, land, "1950-10-26", "pyongyang")


def test_seoul_changes_hands_four_times(series, land):
    held = [_held_by_un(series, land, day, "seoul") for day in ("1950-06-27", "1950-07-01", "1950-10-01", "1951-01-10", "1951-03-20", "1953-07-27")]
    assert held == [True, False, True, False, True, True]


def test_on_18_february_1951_the_front_is_interpolated_and_on_the_han_with_chipyong_ni_held(series, land):
    front = fronts.front_on(series, dt.date(1951, 2, 18))
    assert front.interpolated and len(front.between) == 2
    assert _held_by_un(series, land, "1951-02-18", "chipyong-ni")
    assert not _held_by_un(series, land, "1951-02-18", "seoul")
    assert _km(front.geometry, TOWNS["seoul"]) < 15


def test_interpolation_lies_between_its_snapshots(series):
    earlier, later = (snap for snap in series.snapshots if snap.id in ("line-d-late", "han-chipyong"))
    middle = fronts.front_on(series, earlier.date + (later.date - earlier.date) / 2)
    lat = shapely.get_coordinates(middle.geometry)[:, 1].mean()
    assert shapely.get_coordinates(earlier.segments[0])[:, 1].mean() < lat < shapely.get_coordinates(later.segments[0])[:, 1].mean()


@pytest.mark.parametrize("index", range(0, 26, 1))
def test_held_areas_sum_to_the_land_on_every_snapshot(series, land, index):
    if index >= len(series.snapshots):
        pytest.skip("fewer snapshots")
    areas = fronts.held_areas(fronts.front_on(series, series.snapshots[index].date), land)
    assert areas.un_km2 + areas.communist_km2 == pytest.approx(land.area / 1e6, rel=1e-6)
    assert 0 < areas.un_share < 1


def test_shares_are_sane(series, land):
    def share(day):
        return fronts.held_areas(fronts.front_on(series, dt.date.fromisoformat(day)), land).un_share

    assert share("1950-09-05") < 0.15
    assert share("1950-11-24") > 0.6
    assert 0.40 < share("1953-07-27") < 0.48  # South Korea is about 45 % of the peninsula


def test_pockets_count_for_the_un_only_while_they_stand(series, land):
    hungnam = Point(TO_METRIC.transform(127.62, 39.90))
    assert fronts.held_areas(fronts.front_on(series, dt.date(1950, 12, 20)), land).un.contains(hungnam)
    assert not fronts.held_areas(fronts.front_on(series, dt.date(1950, 12, 28)), land).un.contains(hungnam)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "geo", "front", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_prints_the_front_as_a_geojson_feature():
    result = _cli("1950-09-01")
    assert result.returncode == 0, result.stderr
    feature = json.loads(result.stdout)
    assert feature["type"] == "Feature" and feature["geometry"]["type"] in ("LineString", "MultiLineString")
    assert feature["properties"]["date"] == "1950-09-01" and feature["properties"]["interpolated"] is False
    assert feature["properties"]["sources"] and "Appleman" in feature["properties"]["sources"][0]
    assert _km(shape(feature["geometry"]), TOWNS["waegwan"]) < 5


def test_cli_marks_an_interpolated_day():
    feature = json.loads(_cli("1951-02-18").stdout)
    assert feature["properties"]["interpolated"] is True and len(feature["properties"]["sources"]) == 2


@pytest.mark.parametrize("day, words", [("1950-06-24", "before"), ("1953-07-28", "armistice line")])
def test_cli_reports_days_outside_the_war_plainly(day, words):
    result = _cli(day)
    assert result.returncode == 1 and result.stdout == ""
    assert words in result.stderr


@pytest.mark.parametrize("change, message", [
    (lambda f: f["features"][0]["properties"].pop("source"), "source"),
    (lambda f: f["features"][0]["properties"].update(date="1950-13-01"), "date"),
    (lambda f: f["features"][1]["properties"].update(date=f["features"][0]["properties"]["date"]), "two fronts"),
    (lambda f: f.pop("sides"), "sides"),
    (lambda f: f["features"][0].update(geometry={"type": "Point", "coordinates": [127, 37]}), "LineString"),
])
def test_bad_fronts_files_are_refused_with_the_reason(change, message):
    data = json.loads(FRONTS.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(fronts.FrontDataError, match=message):
        fronts.parse_fronts(json.dumps(data))


def test_a_fronts_file_over_the_size_cap_is_refused():
    with pytest.raises(fronts.FrontDataError, match="larger"):
        fronts.parse_fronts(" " * (fronts.MAX_FILE_BYTES + 1))


# --- every chapter's view holds what its text is about ---------------------------------------

MAP_PX = (700, 560)  # the map's size on a laptop screen, for views given as centre and zoom


def _view_box(view: dict) -> shapely.Polygon:
    import math

    if "bounds" in view:
        (south, west), (north, east) = view["bounds"]
        return shapely.box(west, south, east, north)
    lat, lon = view["center"]
    degrees_per_px = 360 / (256 * 2 ** view["zoom"])
    half_w, half_h = MAP_PX[0] / 2 * degrees_per_px, MAP_PX[1] / 2 * degrees_per_px * math.cos(math.radians(lat))
    return shapely.box(lon - half_w, lat - half_h, lon + half_w, lat + half_h)


def test_every_chapter_view_holds_its_korean_places_and_the_front_of_its_day(series):
    from geo.dated_layers import chapter_day
    from geo.places import load_gazetteer
    from geo.views import chapter_view
    from story.loader import DEFAULT_STORY_PATH, load_story
    from story.timeline import chapter_span

    gazetteer = load_gazetteer()
    story = load_story(DEFAULT_STORY_PATH, builtin_references())
    korea_box = shapely.box(124, 33, 131, 43.1)
    checked = 0
    for index, chapter in enumerate(story.chapters):
        box = _view_box(chapter_view(chapter, gazetteer))
        korean = [gazetteer[slug] for slug in chapter.places if korea_box.contains(Point(gazetteer[slug].location[::-1]))]
        for place in korean:  # places abroad (Washington, Geneva) are reached by the story's route
            assert box.contains(Point(place.location[::-1])), (chapter.id, place.slug)
        day = chapter_day(chapter_span(story, index), series)
        if day and box.intersects(korea_box) and chapter.date.value is not None:
            front = fronts.front_on(series, day)
            drawn = shapely.union_all([front.geometry, *(pocket.polygon.exterior for pocket in front.pockets if pocket.id != "cheju-do")])
            assert box.intersects(drawn), (chapter.id, day)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("chapter_id, lon, lat, what", [
    ("china-enters-the-war", 124.40, 40.10, "the Yalu crossing at Sinuiju"),
    ("china-enters-the-war", 127.20, 40.45, "the Chosin Reservoir"),
    ("dividing-korea", 130.0, 42.0, "the Soviet entry in the north-east"),
    ("macarthur-off-inchon", 126.597, 37.474, "Wolmido"),
    ("macarthur-off-inchon", 126.40, 37.30, "the approach by Flying Fish Channel"),
    ("holding-the-south", 127.63, 37.47, "Chipyong-ni"),
])
def test_views_show_what_the_text_is_about(chapter_id, lon, lat, what):
    from geo.places import load_gazetteer
    from geo.views import chapter_view
    from story.loader import DEFAULT_STORY_PATH, load_story

    gazetteer = load_gazetteer()
    story = load_story(DEFAULT_STORY_PATH, builtin_references())
    chapter = story.chapters[story.index_of(chapter_id)]
    assert _view_box(chapter_view(chapter, gazetteer)).contains(Point(lon, lat)), what


@pytest.mark.parametrize("day", ["1951-06-15", "1951-07-10", "1951-10-25", "1952-06-01", "1953-07-27"])
def test_from_mid_1951_the_han_estuarys_south_bank_and_munsan_are_the_uns(series, land, day):
    # The line runs up the Imjin north of Munsan and west along the Han estuary: Gimpo and
    # Ganghwa, south of it, and Munsan, the UN's truce camp, lie on the UN side; Kaesong does not.
    for town in ("gimpo", "ganghwa", "munsan"):
        assert _held_by(series, land, day, TOWNS_MID_1951[town]), town
    assert not _held_by(series, land, day, TOWNS_MID_1951["kaesong"])


TOWNS_MID_1951 = {"gimpo": (126.68, 37.64), "ganghwa": (126.48, 37.71), "munsan": (126.78, 37.86), "kaesong": (126.55, 37.97)}


def _held_by(series, land, day, lon_lat) -> bool:
    areas = fronts.held_areas(fronts.front_on(series, dt.date.fromisoformat(day)), land)
    return areas.un.contains(Point(TO_METRIC.transform(*lon_lat)))


@pytest.mark.parametrize("day, held", [
    ("1950-09-15", {"inchon"}),  # the landing's first day: Wolmi-do and the waterfront only
    ("1950-09-18", {"inchon", "kimpo"}),
    ("1950-09-21", {"inchon", "kimpo", "yongdungpo"}),  # across the Han
    ("1950-09-26", {"inchon", "kimpo", "yongdungpo", "seoul"}),  # in Seoul, before the line of the 28th
])
def test_the_inchon_beachhead_grows_day_by_day_to_seoul(series, land, day, held):
    towns = {"inchon": (126.64, 37.46), "kimpo": (126.794, 37.558), "yongdungpo": (126.905, 37.515), "seoul": TOWNS["seoul"]}
    assert {town for town, lon_lat in towns.items() if _held_by(series, land, day, lon_lat)} == held

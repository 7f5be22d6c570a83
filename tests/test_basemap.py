"""The offline base map: its shipped data, what each chapter's view names, and its font."""

from __future__ import annotations

import json
import math
import re

import pytest

from geo import basemap
from geo.basemap import BaseLabel, labels_in, load_labels, water_in
from geo.build_basemap import km_between, korean_name, plain_korean_names
from geo.build_font import FONT_DIR, FONT_FILE, korean_characters
from geo.map_builder import base_map, chapter_layer
from geo.views import chapter_view
from geo.references import builtin_references

STORY_RIVERS = ("Yalu River", "Chongchon River", "Taedong River", "Imjin River", "Han River", "Naktong River", "Kum River")
FONT_BUDGET_BYTES = 100 * 1024

# A small map, so the views below are the least a reader sees (a laptop's map is larger).
MAP_WIDTH, MAP_HEIGHT = 560, 380
FIT_PADDING = 40  # storymap.clearOfLegend pads a fitted view by at least this on each side
MAX_FIT_ZOOM = 13


def test_shipped_base_map_stays_within_its_size_budget():
    size = basemap.LABELS_PATH.stat().st_size + basemap.WATER_PATH.stat().st_size
    assert size <= basemap.SIZE_BUDGET_BYTES, f"base-map data is {size / 1024:.0f} KB"
    assert (FONT_DIR / FONT_FILE).stat().st_size <= FONT_BUDGET_BYTES


def test_every_feature_says_where_it_comes_from():
    for path in (basemap.LABELS_PATH, basemap.WATER_PATH):
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            source = feature["properties"]["source"]
            key = source.split(":")[0]
            # A short key explained in the file's "sources", or a hand-placed point's own citation and accuracy.
            assert key in collection["sources"] or (len(source) > 30 and feature["properties"].get("accuracy")), feature


def test_the_rivers_and_reservoir_the_story_follows_are_named():
    names = {label.name: label for label in load_labels()}
    for river in STORY_RIVERS:
        assert names[river].kind == "river" and names[river].name_ko
    assert names["Chosin (Changjin) Reservoir"].name_ko == "장진호"
    assert {"Yellow Sea", "Sea of Japan (East Sea)", "China", "Japan", "North Korea", "South Korea"} <= set(names)
    assert any(label.kind == "range" for label in names.values())


def test_river_lines_and_lakes_are_shipped():
    kinds = [f["properties"]["kind"] for f in water_in()["features"]]
    assert kinds.count("river") > 50 and "lake" in kinds


def test_korean_names_agree_with_the_gazetteer(gazetteer):
    towns = [label for label in load_labels() if label.kind == "city" and label.name_ko]
    checked = 0
    for place in gazetteer.values():
        if place.kind != "city" or not place.hangul:
            continue
        near = [t for t in towns if t.name == place.name and km_between((t.lat, t.lon), place.location) < 10]
        for town in near:
            assert town.name_ko == place.hangul, (town, place.slug)
            checked += 1
    assert checked >= 5  # Seoul, Busan, Incheon, Pyongyang, Pohang at least


def test_plain_korean_name_is_the_one_the_others_extend():
    assert korean_name(["Seoul", "경성", "서울", "서울시", "서울특별시", "한성", "한양"]) == "서울"
    assert korean_name(["Pyongyang", "평양", "평양시", "평양직할시", "平壤"]) == "평양"
    assert korean_name(["Kaesong"]) is None
    assert plain_korean_names("Ansan-si", "안산시") == ("Ansan", "안산")
    assert plain_korean_names("Samjiyŏn-ŭp", "삼지연읍") == ("Samjiyŏn", "삼지연")
    assert plain_korean_names("Hagaru-ri", "하갈우리") == ("Hagaru-ri", "하갈우리")


def test_labels_in_a_box_are_only_those_inside_it_most_important_first():
    box = ((37.0, 126.0), (38.0, 127.5))
    inside = labels_in([box])
    assert inside and all(37.0 <= label.lat <= 38.0 and 126.0 <= label.lon <= 127.5 for label in inside)
    assert [label.rank for label in inside] == sorted(label.rank for label in inside)
    assert "Seoul" in {label.name for label in inside} and "Pyongyang" not in {label.name for label in inside}
    assert len(water_in([box])["features"]) < len(water_in()["features"])
    # Several boxes: the names in each, and the water touching any.
    washington = ((38.5, -77.5), (39.3, -76.6))
    both = {label.name for label in labels_in([box, washington])}
    assert {"Seoul", "Washington"} <= both and "Pyongyang" not in both
    assert len(water_in([box, washington])["features"]) >= len(water_in([box])["features"])


def test_label_text_is_english_then_korean():
    assert BaseLabel("Pyongyang", "평양", "city", 5, 15, 39.0, 125.7).text == "Pyongyang 평양"
    assert BaseLabel("Japan", None, "country", 4, 10, 36.3, 138.4).text == "Japan"


# ---- what every chapter's view shows -------------------------------------------------------

def mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web-Mercator pixel coordinates, as Leaflet computes them."""
    scale = 256 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def view_of(view: dict) -> tuple[float, tuple[float, float]]:
    """The zoom and the pixel centre at zoom 0 of a chapter's view on a MAP_WIDTH x MAP_HEIGHT map."""
    if "bounds" not in view:
        return view["zoom"], mercator(*view["center"], 0)
    (south, west), (north, east) = view["bounds"]
    x0, y0 = mercator(north, west, 0)
    x1, y1 = mercator(south, east, 0)
    room_x, room_y = MAP_WIDTH - 2 * FIT_PADDING, MAP_HEIGHT - 2 * FIT_PADDING
    zoom = min(math.log2(room_x / (x1 - x0)), math.log2(room_y / (y1 - y0)), MAX_FIT_ZOOM)
    zoom = math.floor(zoom * 4) / 4  # the map snaps to quarter zooms
    return zoom, ((x0 + x1) / 2, (y0 + y1) / 2)


def estimated_box(label: BaseLabel, x: float, y: float) -> tuple[float, float, float, float]:
    """Roughly the box static/basemap.js gives a name: 7 px a Latin letter, 12 px a Hangul one."""
    width = 7 * len(label.name) + (12 * len(label.name_ko) + 4 if label.name_ko else 0) + 10
    left = x - 4 if label.kind == "city" else x - width / 2
    return left, y - 8, left + width, y + 8


# static/basemap.js: a name's min zoom is for a map about this many pixels across; a smaller
# map shows names log2(REFERENCE / its size) zooms sooner.
REFERENCE_MAP_PX = 750


def shown_names(view: dict, own_names: set[str]) -> list[str]:
    """The names a chapter's view shows besides its own places, placed greedily by importance
    without overlaps, as static/basemap.js places them."""
    zoom, (cx, cy) = view_of(view)
    scale = 2**zoom
    names_zoom = zoom + max(0.0, math.log2(REFERENCE_MAP_PX / math.sqrt(MAP_WIDTH * MAP_HEIGHT)))
    placed, names = [], []
    for label in load_labels():
        if label.min_zoom > names_zoom or label.name in own_names:
            continue
        x, y = mercator(label.lat, label.lon, zoom)
        x, y = x - cx * scale + MAP_WIDTH / 2, y - cy * scale + MAP_HEIGHT / 2
        box = estimated_box(label, x, y)
        if box[0] < 4 or box[1] < 4 or box[2] > MAP_WIDTH - 4 or box[3] > MAP_HEIGHT - 4:
            continue
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        names.append(label.name)
    return names


def chapter_ids():
    from story.loader import DEFAULT_STORY_PATH, load_story

    story = load_story(DEFAULT_STORY_PATH, builtin_references())
    return [c.id for c in story.chapters]


@pytest.mark.parametrize("chapter_id", chapter_ids())
def test_every_chapter_view_names_at_least_three_base_map_features(default_story, gazetteer, chapter_id):
    (chapter,) = [c for c in default_story.chapters if c.id == chapter_id]
    own = {gazetteer[slug].name for slug in chapter.places}
    names = shown_names(chapter_view(chapter, gazetteer), own)
    assert len(names) >= 3, names


def test_an_empty_view_would_fail_the_check():
    # A view of open ocean far from any shipped name shows nothing: the check above can fail.
    assert shown_names({"center": [-40.0, -120.0], "zoom": 9}, set()) == []


# ---- drawn once per story -----------------------------------------------------------------

def test_base_map_draws_the_base_map_once_and_chapters_never(default_story, gazetteer):
    page = base_map(default_story, gazetteer, "/app/static/").get_root().render()
    assert page.count("storymap.basemapLabels(") == 1
    assert "/app/static/basemap.js" in page and "/app/static/fonts.css" in page
    assert "Rivers and lakes" in page
    m = base_map(default_story, gazetteer, "/app/static/")
    for index in range(len(default_story.chapters)):
        layer = chapter_layer(default_story, index, gazetteer)
        layer.add_to(m)
        # Nothing of the base map travels with a chapter: its layer holds no base-map element.
        assert not any(type(child).__module__ == "geo.basemap" for child in layer._children.values())


# ---- the font -----------------------------------------------------------------------------

def test_the_font_covers_every_korean_character_the_app_shows():
    ttLib = pytest.importorskip("fontTools.ttLib")
    font = ttLib.TTFont(FONT_DIR / FONT_FILE)
    covered = set(chr(code) for code in font.getBestCmap())
    needed = korean_characters()
    assert needed, "no Korean text found: the collector is broken"
    missing = "".join(sorted(needed - covered))
    assert not missing, f"rebuild the font (python -m geo.build_font): missing {missing}"
    assert (FONT_DIR / "OFL.txt").read_text().count("SIL Open Font License") >= 1


def test_fonts_css_names_the_shipped_font():
    css = (FONT_DIR.parent / "fonts.css").read_text(encoding="utf-8")
    assert set(re.findall(r'url\("([^"]+)"\)', css)) == {f"fonts/{FONT_FILE}"}


def test_an_island_name_must_sit_on_the_land_and_a_sea_name_off_it():
    import shapely

    from geo.build_basemap import check_land_and_water

    land = shapely.box(126.0, 37.0, 127.0, 38.0)
    check_land_and_water({"islands": [{"name": "Isle", "lat": 37.5, "lon": 126.5}], "seas": [{"name": "Sea", "lat": 36.5, "lon": 126.5}]}, land)
    with pytest.raises(SystemExit, match="Isle.*on the land"):
        check_land_and_water({"islands": [{"name": "Isle", "lat": 36.5, "lon": 126.5}]}, land)
    with pytest.raises(SystemExit, match="Sea.*off the land"):
        check_land_and_water({"seas": [{"name": "Sea", "lat": 37.5, "lon": 126.5}]}, land)


def test_a_river_label_moves_onto_its_line_and_must_pass_its_town():
    import shapely

    from geo.build_basemap import place_river_labels

    # Two pieces of one river joined end to end (the data cut rivers at whole degrees), and another river.
    river = [shapely.LineString([(126.0, 37.0), (127.0, 37.5)]), shapely.LineString([(127.0, 37.5), (128.0, 37.5)])]
    other = shapely.LineString([(126.0, 36.0), (128.0, 36.0)])
    label = {"name": "Test River", "lat": 37.55, "lon": 127.6, "near": [37.0, 126.0], "near_km": 5}
    place_river_labels([*river, other], [label])
    assert (round(label["lat"], 6), round(label["lon"], 6)) == (37.5, 127.6)  # on the line
    wrong_town = {**label, "lat": 36.05, "lon": 127.0}  # sits on the other river, which misses the town
    with pytest.raises(SystemExit, match="passes"):
        place_river_labels([*river, other], [wrong_town])
    far = {**label, "lat": 39.0}
    with pytest.raises(SystemExit, match="nearest river line"):
        place_river_labels([*river, other], [far])


def test_the_app_page_gets_the_font_rules_with_absolute_addresses():
    from geo.fonts import font_face_css

    css = font_face_css("/base/app/static/")
    assert set(re.findall(r'url\("([^"]+)"\)', css)) == {f"/base/app/static/fonts/{FONT_FILE}"}
    assert css.count("@font-face") == 2 and "/*" not in css and "\n" not in css


def test_names_true_only_for_a_time_carry_their_days():
    by_name: dict[str, list] = {}
    for label in load_labels():
        by_name.setdefault(label.name, []).append(label)
    [north] = by_name["North Korea"]
    [korea] = by_name["Korea"]
    assert north.drawn_from == "1948-09-09" and korea.drawn_until == "1948-08-14"
    assert not north.true_on("1910-12-31") and korea.true_on("1910-12-31")
    assert north.true_on("1950-06-25") and not korea.true_on("1950-06-25")
    assert north.true_on(None) and korea.true_on(None)  # a map of no date shows every name
    soviet = next(label for label in by_name["Soviet Union"])
    assert soviet.true_on("1953-07-27") and not soviet.true_on("2013-04-23")
    assert [label.true_on("1953-07-27") for label in by_name["Russia"]] == [False, False]


def test_a_town_the_story_marks_is_named_as_the_story_spells_it():
    # GeoNames writes Kaesŏng; the story marks Kaesong there: the map writes Kaesong, as the
    # story's own label would. A town of that name far from the story's marker keeps its own.
    [kaesong] = [label for label in labels_in() if label.name == "Kaesŏng"]
    near = [label.name for label in labels_in(spellings=[(kaesong.lat + 0.02, kaesong.lon, "Kaesong")]) if label.lat == kaesong.lat]
    far = [label.name for label in labels_in(spellings=[(kaesong.lat + 1.0, kaesong.lon, "Kaesong")]) if label.lat == kaesong.lat]
    assert "Kaesong" in near and "Kaesŏng" not in near
    assert "Kaesŏng" in far


def test_town_names_coined_after_the_war_are_not_on_its_maps():
    # Sejong (2012), Seongnam (1973), Ansan (1986): modern cities, not names of the 1950s.
    labels = {label.name: label for label in load_labels() if label.kind == "city"}
    for name in ("Sejong", "Seongnam", "Ansan", "Hanam", "Namyangju"):
        assert not labels[name].true_on("1950-09-15") and labels[name].true_on("2013-07-27"), name
    assert labels["Daejeon"].true_on("1950-09-15")  # an old town keeps its name on every map

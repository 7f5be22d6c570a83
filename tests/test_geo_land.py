"""The committed base geography files and their loaders (offline, no streamlit)."""

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import box, Point, Polygon

from geo import build_land
from geo.land import LAND_PATH, WORLD_PATH, korea, load_land, load_world

SEOUL = Point(126.978, 37.5665)
PYONGYANG = Point(125.7625, 39.0392)
JEJU_CITY = Point(126.5312, 33.4996)
ULLEUNG = Point(130.86, 37.50)


@pytest.fixture(scope="module")
def land():
    return load_land()


@pytest.fixture(scope="module")
def world():
    return load_world()


def test_file_sizes():
    assert LAND_PATH.stat().st_size < 400 * 1024
    assert WORLD_PATH.stat().st_size < 150 * 1024


def test_land_raw_file_is_lon_lat_in_the_region():
    # Read the raw JSON, not the loader, so a file written in metres would be caught.
    coords = np.array(
        [xy for f in json.loads(LAND_PATH.read_text())["features"]
         for xy in shapely.get_coordinates(shapely.geometry.shape(f["geometry"]))]
    )
    lon, lat = coords[:, 0], coords[:, 1]
    assert lon.min() >= 115 and lon.max() <= 135
    assert lat.min() >= 30 and lat.max() <= 45
    # Rounded to 4 decimals (keeps the file small).
    assert np.allclose(coords, np.round(coords, 4), rtol=0, atol=1e-9)


def test_land_crs_columns_and_validity(land):
    assert land.crs.to_epsg() == 4326
    assert list(land.columns) == ["name", "iso_a3", "source", "geometry"]
    assert land.geometry.is_valid.all()
    assert land["source"].str.contains("Natural Earth").all()
    assert {"KOR", "PRK", "CHN", "JPN", "RUS"} <= set(land["iso_a3"])


def test_cities_and_islands_fall_on_the_right_country(land):
    by_iso = land.set_index("iso_a3").geometry
    assert by_iso["KOR"].contains(SEOUL)
    assert by_iso["PRK"].contains(PYONGYANG)
    assert by_iso["KOR"].contains(JEJU_CITY)
    assert by_iso["KOR"].distance(ULLEUNG) < 0.05  # the island survives simplification


def test_korean_border_is_shared_exactly(land):
    by_iso = land.set_index("iso_a3").geometry
    south, north = by_iso["KOR"], by_iso["PRK"]
    assert shapely.coverage_is_valid(land.geometry.values)
    assert south.intersection(north).area == 0
    shared = shapely.line_merge(south.boundary.intersection(north.boundary))
    assert shared.geom_type == "LineString"  # one piece: no gaps along the border


def test_korea_returns_only_the_two_koreas(land):
    k = korea(land)
    assert sorted(k["iso_a3"]) == ["KOR", "PRK"]
    assert k.crs.to_epsg() == 4326


def test_loaders_return_copies():
    first = load_land()
    first.loc[:, "name"] = "changed"
    assert "changed" not in set(load_land()["name"])


def test_world(world):
    assert world.crs.to_epsg() == 4326
    assert world.geometry.is_valid.all()
    assert {"USA", "CHE"} <= set(world["iso_a3"])
    # The detailed land layer's box is cut out, so the coarse world never covers it.
    assert {"KOR", "PRK"}.isdisjoint(world["iso_a3"])
    assert not world.intersects(box(115.01, 30.01, 134.99, 44.99)).any()
    assert len(world) > 200
    washington = Point(-77.0369, 38.9072)
    assert world.set_index("iso_a3").geometry["USA"].contains(washington)


def test_build_keeps_a_shared_border_identical():
    # Two countries with a jagged common border inside the land box, their rings
    # starting at different corners and running opposite ways along it (as real
    # neighbours do). Simplifying each polygon on its own would leave gaps and
    # overlaps here; the build must keep one identical border for both.
    rng = np.random.default_rng(0)
    border = list(zip(np.linspace(120, 130, 200), 38 + rng.normal(0, 0.01, 200)))
    north = Polygon([(130, 40), (120, 40), *border])
    south = Polygon([*border[::-1], (120, 36), (130, 36)])
    countries = gpd.GeoDataFrame(
        {"name": ["N", "S"], "iso_a3": ["PRK", "KOR"]}, geometry=[north, south], crs=4326
    )
    out = build_land.build_land(countries, "test").set_index("iso_a3").geometry
    assert shapely.get_num_coordinates(out["KOR"]) < shapely.get_num_coordinates(south)
    assert out["KOR"].intersection(out["PRK"]).area == 0
    shared = shapely.line_merge(out["KOR"].boundary.intersection(out["PRK"].boundary))
    assert shared.geom_type == "LineString"
    assert shared.bounds[0] == pytest.approx(120) and shared.bounds[2] == pytest.approx(130)

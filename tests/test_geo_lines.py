"""The 38th parallel, the MDL and the DMZ derived from the land polygons."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod

from geo.land import korea, load_land
from geo.lines import demarcation_line, dmz, parallel_38

GEOD = Geod(ellps="WGS84")
OFFICIAL_DMZ_KM2 = 907.0


def geodesic_km(geom) -> float:
    return GEOD.geometry_length(geom) / 1000.0


def metric(geom):
    return gpd.GeoSeries([geom], crs=4326).to_crs(5179).iloc[0]


@pytest.fixture(scope="module")
def land():
    return load_land()


@pytest.fixture(scope="module")
def parallel(land):
    return parallel_38(land)


@pytest.fixture(scope="module")
def mdl(land):
    return demarcation_line(land)


def ends(geom):
    xy = shapely.get_coordinates(geom)
    return xy[xy[:, 0].argmin()], xy[xy[:, 0].argmax()]


def test_outputs_are_wgs84_with_the_documented_columns(parallel, mdl, land):
    zone = dmz(mdl)
    for gdf in (parallel, mdl):
        assert gdf.crs.to_epsg() == 4326
        assert list(gdf.columns) == ["name", "length_km", "source", "accuracy", "geometry"]
    assert zone.crs.to_epsg() == 4326
    assert list(zone.columns) == [
        "name", "area_km2", "length_km", "source", "accuracy", "geometry"
    ]


def test_parallel_is_exactly_38_north(parallel):
    lat = shapely.get_coordinates(parallel.geometry).T[1]
    assert len(lat) >= 2
    assert np.abs(lat - 38.0).max() <= 1e-9


def test_parallel_ends_on_the_coast(parallel, land):
    coast = metric(korea(land).union_all().boundary)
    west, east = ends(parallel.geometry.iloc[0])
    for lon, lat in (west, east):
        assert metric(shapely.Point(lon, lat)).distance(coast) < 2000
    # Ongjin peninsula in the west, the Sea of Japan coast in the east.
    assert 124.9 < west[0] < 125.3
    assert 128.5 < east[0] < 128.9


def test_parallel_only_over_land(parallel, land):
    peninsula = korea(land).union_all()
    # Every piece's midpoint is on land (a line left unclipped would cross the sea).
    for piece in parallel.geometry.iloc[0].geoms:
        assert peninsula.buffer(1e-6).contains(piece.interpolate(0.5, normalized=True))


def test_parallel_length_on_the_ground(parallel):
    # Measured: about 303 km (Ongjin ~41 km + mainland ~262 km).
    km = parallel["length_km"].iloc[0]
    assert 300 < km < 400
    assert km == pytest.approx(geodesic_km(parallel.geometry.iloc[0]), rel=0.005)


def test_mdl_runs_from_han_estuary_to_east_coast(mdl):
    line = mdl.geometry.iloc[0]
    assert line.geom_type == "LineString"
    (start_lon, start_lat), (end_lon, end_lat) = line.coords[0], line.coords[-1]
    westmost, eastmost = ends(line)
    # Measured in Natural Earth: the border leaves the Han estuary at (126.6675, 37.8278),
    # its westernmost vertex is (126.6605, 37.9138) just north of there, and it meets
    # the east coast at (128.3649, 38.6243). Bounds allow ~5 km if the simplification
    # is retuned.
    assert 126.62 < start_lon < 126.72 and 37.78 < start_lat < 37.88
    assert 126.62 < westmost[0] < 126.72 and 37.78 < westmost[1] < 37.95
    assert 128.31 < end_lon < 128.42 and 38.58 < end_lat < 38.67
    assert (end_lon, end_lat) == tuple(eastmost)  # oriented west to east


def test_mdl_lies_on_both_countries_borders(mdl, land):
    by_iso = land.set_index("iso_a3").geometry
    line = mdl.geometry.iloc[0]
    assert by_iso["KOR"].boundary.buffer(1e-9).contains(line)
    assert by_iso["PRK"].boundary.buffer(1e-9).contains(line)


def test_mdl_length(mdl):
    # Measured: about 204 km; the surveyed MDL is longer (it does not cut corners).
    km = mdl["length_km"].iloc[0]
    assert 180 < km < 250
    assert km == pytest.approx(geodesic_km(mdl.geometry.iloc[0]), rel=0.005)


@pytest.mark.parametrize("clip", [False, True])
def test_dmz_area_close_to_official(mdl, land, clip):
    zone = dmz(mdl, land=korea(land) if clip else None)
    area = zone["area_km2"].iloc[0]
    assert abs(area / OFFICIAL_DMZ_KM2 - 1) < 0.15
    geodesic_area = abs(GEOD.geometry_area_perimeter(zone.geometry.iloc[0])[0]) / 1e6
    assert area == pytest.approx(geodesic_area, rel=0.01)
    assert zone.geometry.iloc[0].contains(mdl.geometry.iloc[0].interpolate(0.5, normalized=True))


def test_dmz_width_follows_half_width(mdl):
    full = dmz(mdl)
    half = dmz(mdl, half_width_km=1.0)
    length = full["length_km"].iloc[0]
    assert full["area_km2"].iloc[0] / length == pytest.approx(4.0, rel=0.05)
    assert half["area_km2"].iloc[0] == pytest.approx(full["area_km2"].iloc[0] / 2, rel=0.05)


def test_lsib_demarcation_line_matches_the_surveyed_length():
    from geo.lines import SURVEYED_MDL_KM, lsib_demarcation_line

    mdl = lsib_demarcation_line()
    length = float(mdl["length_km"].iloc[0])
    assert abs(length - SURVEYED_MDL_KM) < 5  # the Natural Earth border gives about 204 km
    line = mdl.geometry.iloc[0]
    assert line.coords[0][0] < line.coords[-1][0]  # west to east
    assert f"{length:.0f} km" in mdl["accuracy"].iloc[0] and "238" in mdl["accuracy"].iloc[0] and "248" in mdl["accuracy"].iloc[0]
    assert "566a35e" in mdl["source"].iloc[0]


def test_lsib_dmz_is_one_valid_zone_close_to_the_cited_area():
    from geo.lines import lsib_demarcation_line, lsib_dmz

    zone = lsib_dmz()
    assert zone.geometry.iloc[0].is_valid and zone.geometry.iloc[0].geom_type == "Polygon"
    area = float(zone["area_km2"].iloc[0])
    assert abs(area / OFFICIAL_DMZ_KM2 - 1) < 0.03
    assert zone.geometry.iloc[0].contains(lsib_demarcation_line().geometry.iloc[0].interpolate(0.5, normalized=True))
    assert f"{area:.0f} km²" in zone["accuracy"].iloc[0]

"""Lines derived from the land polygons: the 38th parallel, the MDL and the DMZ.

Pure functions: GeoDataFrames in, GeoDataFrames out (EPSG:4326). Lengths and areas
are computed in EPSG:5179 (Korea 2000 / Unified CS, metres), never typed in.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString

from geo.land import home_land, korea

KOREA_CODES = ("KOR", "PRK")

WGS84 = "EPSG:4326"
METRIC = "EPSG:5179"
LATITUDE = 38.0
OFFICIAL_DMZ_KM2 = 907.0  # commonly cited area, used only in the accuracy text


def _land_source(land: gpd.GeoDataFrame) -> str:
    return "; ".join(sorted(set(korea(land)["source"])))


def _peninsula(land: gpd.GeoDataFrame) -> shapely.Geometry:
    return korea(land).to_crs(WGS84).union_all()


def _length_km(gdf: gpd.GeoDataFrame) -> float:
    # Densify first so straight lon/lat segments follow their true path once projected.
    return float(gdf.segmentize(0.01).to_crs(METRIC).length.sum() / 1000.0)


def _lines_only(geom: shapely.Geometry) -> list[LineString]:
    return [g for g in shapely.get_parts(geom) if g.geom_type == "LineString" and g.length > 0]


def _pin_to_latitude(xy: np.ndarray, latitude: float = LATITUDE) -> np.ndarray:
    return np.column_stack([xy[:, 0], np.full(len(xy), latitude)])


def parallel(land: gpd.GeoDataFrame, latitude: float, codes: tuple[str, ...]) -> gpd.GeoDataFrame:
    """A line of latitude where it crosses the given countries' land (ISO alpha-3), west to east;
    empty when it crosses none of it."""
    home = home_land(land, codes).to_crs(WGS84)
    area = home.union_all() if len(home) else None
    pieces: list[LineString] = []
    if area is not None and not area.is_empty:
        west, _, east, _ = area.bounds
        crossing = area.intersection(LineString([(west - 1, latitude), (east + 1, latitude)]))
        pieces = sorted(_lines_only(shapely.line_merge(crossing)), key=lambda g: g.bounds[0])
    # GEOS computes the crossings in floating point; the latitude is exact by definition.
    geom = shapely.transform(MultiLineString(pieces), lambda xy: _pin_to_latitude(xy, latitude))
    gdf = gpd.GeoDataFrame({"name": [f"Parallel {latitude:g}°N"]}, geometry=[geom], crs=WGS84)
    gdf["length_km"] = _length_km(gdf) if pieces else 0.0
    sources = "; ".join(sorted(set(home["source"]))) if len(home) else "no land"
    gdf["source"] = f"Latitude {latitude:g}°N (WGS84) clipped to land from {sources}"
    gdf["accuracy"] = (
        "Latitude is exact; the ends are where it meets the simplified Natural Earth "
        f"coastline (within about a kilometre); {len(pieces)} pieces over land incl. islands."
    )
    return gdf[["name", "length_km", "source", "accuracy", "geometry"]]


def parallel_38(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The 38th parallel north where it crosses Korean land (KOR + PRK), west to east."""
    return parallel(land, LATITUDE, KOREA_CODES)


def demarcation_line(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Approximate 1953 Military Demarcation Line: the KOR/PRK shared border, west to east."""
    k = korea(land).to_crs(WGS84)
    south = k.loc[k["iso_a3"] == "KOR"].union_all()
    north = k.loc[k["iso_a3"] == "PRK"].union_all()
    shared = _lines_only(shapely.line_merge(south.boundary.intersection(north.boundary)))
    if not shared:
        raise ValueError("KOR and PRK share no border in this land data")
    geom = shapely.line_merge(MultiLineString(shared))
    if geom.geom_type == "LineString" and geom.coords[0][0] > geom.coords[-1][0]:
        geom = geom.reverse()
    gdf = gpd.GeoDataFrame(
        {"name": ["Military Demarcation Line (approx.)"]}, geometry=[geom], crs=WGS84
    )
    gdf["length_km"] = _length_km(gdf)
    gdf["source"] = f"Shared KOR/PRK land boundary in {_land_source(land)}"
    gdf["accuracy"] = (
        "Approximate: Natural Earth's generalised land boundary, not the surveyed MDL; "
        "it cuts corners, so it is shorter than the real line. It starts where the Han "
        "estuary begins; in the estuary the MDL is not defined on land."
    )
    return gdf[["name", "length_km", "source", "accuracy", "geometry"]]


def dmz(
    mdl: gpd.GeoDataFrame,
    half_width_km: float = 2.0,
    land: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """The Demilitarized Zone: the MDL buffered half_width_km each side (in EPSG:5179).

    Flat caps, because the zone ends at the estuary and the coast rather than in a
    half-disc. If land is given, the zone is clipped to it (drops the bits at sea).
    """
    line = mdl.to_crs(METRIC).union_all()
    zone = line.buffer(half_width_km * 1000.0, cap_style="flat")
    if land is not None:
        zone = zone.intersection(land.to_crs(METRIC).union_all())
    area_km2 = zone.area / 1e6
    gdf = gpd.GeoDataFrame({"name": ["Demilitarized Zone (approx.)"]}, geometry=[zone], crs=METRIC)
    gdf["area_km2"] = area_km2
    gdf["length_km"] = _length_km(mdl.to_crs(WGS84))
    sources = "; ".join(sorted(set(mdl["source"]))) if "source" in mdl else "given MDL"
    gdf["source"] = f"{half_width_km:g} km each side of: {sources}"
    gdf["accuracy"] = (
        f"Approximate: {area_km2:.0f} km² against the commonly cited {OFFICIAL_DMZ_KM2:.0f} km² "
        f"({(area_km2 / OFFICIAL_DMZ_KM2 - 1) * 100:+.0f}%); the generalised line is shorter "
        "than the real MDL, so the buffered zone is smaller."
        + (" Clipped to land." if land is not None else "")
    )
    return gdf.to_crs(WGS84)[["name", "area_km2", "length_km", "source", "accuracy", "geometry"]]


# --- the surveyed line, from the US State Department's Large Scale International Boundaries ---

LSIB_PATH = Path(__file__).resolve().parent / "data" / "dmz-lsib.geojson"
LSIB_SOURCE = (
    "US Department of State, Large Scale International Boundaries (LSIB, public domain), as "
    "extracted in github.com/stiles/data, dmz/dmz-geojson.json, commit 566a35e (2019-08-29)"
)
SURVEYED_MDL_KM = 238.0  # the line as surveyed in 1953, marked by 1,292 signs
QUOTED_MDL_KM = 248.0  # "155 miles", the figure most often quoted


def _lsib() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(LSIB_PATH).set_crs(WGS84, allow_override=True)
    if len(gdf) != 3 or "DISCLAIME1" not in gdf:
        raise ValueError(f"{LSIB_PATH}: expected the MDL and the two DMZ edges")
    return gdf


def lsib_demarcation_line() -> gpd.GeoDataFrame:
    """The Military Demarcation Line as LSIB draws it, west to east, with its computed length."""
    lsib = _lsib()
    line = lsib.loc[lsib["DISCLAIME1"] == "Military Demarcation Line"].geometry.iloc[0]
    if line.coords[0][0] > line.coords[-1][0]:
        line = line.reverse()
    gdf = gpd.GeoDataFrame({"name": ["Military Demarcation Line"]}, geometry=[line], crs=WGS84)
    length = _length_km(gdf)
    gdf["length_km"] = length
    gdf["source"] = LSIB_SOURCE
    gdf["accuracy"] = (
        f"Approximate, though close: computed {length:.0f} km long, against about {SURVEYED_MDL_KM:.0f} km surveyed (1,292 markers) and "
        f"the {QUOTED_MDL_KM:.0f} km (155 miles) often quoted without a method (it may count the Han "
        "estuary, where the armistice drew no line on land). LSIB generalises the line slightly and, like "
        "the surveyed line, starts where the estuary ends."
    )
    return gdf[["name", "length_km", "source", "accuracy", "geometry"]]


def lsib_dmz() -> gpd.GeoDataFrame:
    """The Demilitarized Zone between LSIB's two edges, with its computed area."""
    lsib = _lsib()
    edges = lsib.loc[lsib["DISCLAIME1"] == "DMZ"].to_crs(METRIC).geometry
    first, second = (np.asarray(edge.coords) for edge in edges)
    # Walk one edge, then the other back the other way, so the ring does not cross itself.
    if np.hypot(*(first[-1] - second[0])) > np.hypot(*(first[-1] - second[-1])):
        second = second[::-1]
    zone = shapely.make_valid(shapely.Polygon(np.vstack([first, second])))
    area_km2 = zone.area / 1e6
    gdf = gpd.GeoDataFrame({"name": ["Demilitarized Zone"]}, geometry=[zone], crs=METRIC)
    gdf["area_km2"] = area_km2
    gdf["length_km"] = float(lsib_demarcation_line()["length_km"].iloc[0])
    gdf["source"] = LSIB_SOURCE + " (the zone's northern and southern edges)"
    gdf["accuracy"] = (
        f"Approximate, though close: computed {area_km2:.0f} km² between the two edges, against the {OFFICIAL_DMZ_KM2:.0f} km² commonly "
        f"cited ({(area_km2 / OFFICIAL_DMZ_KM2 - 1) * 100:+.1f}%): the edges are generalised, and over the years "
        "both sides moved their fences inside the nominal 2 km."
    )
    return gdf.to_crs(WGS84)[["name", "area_km2", "length_km", "source", "accuracy", "geometry"]]

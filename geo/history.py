"""Historical layers: hand-drawn fronts and arrows, and lines derived from the land data.

Each layer has a date range; a chapter shows the layers whose range overlaps its own dates.
Geometry is a GeoDataFrame in EPSG:4326 whose rows say what they are (label), where they come
from (source) and how exact they are (accuracy). A feature may have days of its own within its
layer's (`date`, `end`): a chapter inside the layer's range shows only the features of its time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml

from geo import land, lines
from geo.layer_file import read_layer_file
from story.files import UnreadableFile, inside_folder

DATA_DIR = Path(__file__).resolve().parent / "data"
LAYERS_PATH = DATA_DIR / "history.yaml"
FEATURES_PATH = DATA_DIR / "history.geojson"
WGS84, METRIC = "EPSG:4326", "EPSG:5179"
ARROW_HEAD_KM = (14.0, 7.0)  # length and half-width of an arrowhead on the ground
ARROW_HEAD_SHARE = 0.2
_FIELDS = {"name", "start", "end", "color", "legend", "description", "derived"}


@dataclass(frozen=True, eq=False)
class HistoricalLayer:
    id: str
    name: str
    start: dt.date
    end: dt.date | None  # None: still standing
    color: str
    legend: str
    description: str
    features: gpd.GeoDataFrame  # label, kind, source, accuracy, geometry (+ length_km, area_km2)
    file: str | None = None  # for a story's own layer: its GeoJSON file, as the story names it
    timeline: str | None = None  # "fronts" or "events": dated data drawn for a chapter's day, not all at once
    series: Any = None  # the parsed dated data (geo.fronts.FrontSeries, geo.events.EventSeries)

    def __eq__(self, other) -> bool:
        # A GeoDataFrame has no single truth value under ==; compare its content instead.
        if not isinstance(other, HistoricalLayer):
            return NotImplemented
        simple = ("id", "name", "start", "end", "color", "legend", "description", "file", "timeline", "series")
        return all(getattr(self, f) == getattr(other, f) for f in simple) and self.features.equals(other.features)

    __hash__ = None

    def active(self, span: tuple[dt.date, dt.date] | None) -> bool:
        if span is None:
            return False
        first, last = span
        return self.start <= last and (self.end is None or first <= self.end)

    def dates_label(self) -> str:
        return f"{_day(self.start)} – {_day(self.end)}" if self.end else f"since {_day(self.start)}"

    def feature_days(self, index) -> tuple[dt.date, dt.date | None]:
        """The first and last day (None: still standing) feature `index` stands for: its own
        `date` and `end`, else the layer's."""
        return _own_day(self.features, index, "date") or self.start, _own_day(self.features, index, "end") or self.end

    def feature_dates_label(self, index) -> str:
        if _own_day(self.features, index, "date") is None and _own_day(self.features, index, "end") is None:
            return self.dates_label()
        return days_label(*self.feature_days(index))

    def features_out_of_time(self, span: tuple[dt.date, dt.date] | None) -> list:
        """The features a chapter with this span leaves off: those with days of their own that miss
        the span, when the span falls in the layer's range (a layer turned on by hand on a chapter
        outside it shows whole)."""
        if not self.active(span):
            return []
        first, last = span
        out = []
        for index in self.features.index:
            start, end = self.feature_days(index)
            if start > last or (end is not None and end < first):
                out.append(index)
        return out


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def days_label(first: dt.date, last: dt.date | None) -> str:
    if last is None:
        return f"since {_day(first)}"
    return _day(first) if first == last else f"{_day(first)} – {_day(last)}"


def _own_day(features: gpd.GeoDataFrame, index, name: str) -> dt.date | None:
    """A feature's own `date` or `end`, or None (derived layers have neither column)."""
    return features.at[index, name] if name in features.columns else None


def feature_class(layer_id: str, index) -> str:
    """The CSS class of one feature's shapes, by which a chapter leaves it off."""
    return f"storymap-feature-{layer_id}-{index}"


def feature_day_problems(features: gpd.GeoDataFrame, start: dt.date, end: dt.date | None) -> list[str]:
    """What is wrong with the features' own days against their layer's range."""
    problems = []
    for number, index in enumerate(features.index, start=1):
        first, last = _own_day(features, index, "date"), _own_day(features, index, "end")
        if first is not None and (first < start or (end is not None and first > end)):
            problems.append(f"feature {number}: 'date' {first} lies outside the layer's days")
        if last is not None and (last < (first or start) or (end is not None and last > end)):
            problems.append(f"feature {number}: 'end' {last} lies outside the layer's days or before the feature's date")
    return problems


def _own_days(features: gpd.GeoDataFrame, where: str) -> gpd.GeoDataFrame:
    """The built-in features' optional `date` and `end` as days (None where absent)."""
    for name in ("date", "end"):
        if name not in features.columns:
            features[name] = None
            continue
        values = []
        for value in features[name]:
            if value is None or value != value or str(value) in ("", "NaT"):  # missing (None, NaN, NaT)
                values.append(None)
                continue
            try:
                values.append(dt.date.fromisoformat(str(value)[:10]))
            except ValueError:
                raise ValueError(f"{where}: '{name}' {value!r} is not a YYYY-MM-DD date") from None
        features[name] = pd.Series(values, index=features.index, dtype=object)
    return features


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{LAYERS_PATH}: {where}: '{value}' is not a YYYY-MM-DD date") from None


def arrowheads(arrows: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A triangle at the end of each line, pointing along its last segment (drawn in metres);
    at most a fifth of the arrow's length, so a short arrow is not all head."""
    heads = []
    for line in arrows.to_crs(METRIC).geometry:
        length, half_width = (min(km * 1000, line.length * ARROW_HEAD_SHARE * km / ARROW_HEAD_KM[0]) for km in ARROW_HEAD_KM)
        (x0, y0), (x1, y1) = np.asarray(line.coords)[-2:]
        direction = np.array([x1 - x0, y1 - y0]) / np.hypot(x1 - x0, y1 - y0)
        normal = np.array([-direction[1], direction[0]])
        tip = np.array([x1, y1])
        base = tip - direction * length
        heads.append(shapely.Polygon([tip, base + normal * half_width, base - normal * half_width]))
    return gpd.GeoSeries(heads, crs=METRIC, index=arrows.index).to_crs(WGS84)


def _derived_features(kind: str) -> gpd.GeoDataFrame:
    if kind in ("lsib-demarcation-line", "lsib-dmz"):
        gdf = (lines.lsib_dmz() if kind == "lsib-dmz" else lines.lsib_demarcation_line()).rename(columns={"name": "label"})
        gdf["kind"] = "area" if kind == "lsib-dmz" else "front"
        return gdf
    region = land.load_land()
    mdl = lines.demarcation_line(region)
    gdf = lines.dmz(mdl, land=region) if kind == "dmz" else mdl
    gdf = gdf.rename(columns={"name": "label"})
    gdf["kind"] = "area" if kind == "dmz" else "front"
    return gdf


@functools.lru_cache(maxsize=1)
def load_history() -> tuple[HistoricalLayer, ...]:
    """Every historical layer, in the order of history.yaml; raises ValueError on bad data."""
    raw = yaml.safe_load(LAYERS_PATH.read_text(encoding="utf-8"))
    drawn = gpd.read_file(FEATURES_PATH).set_crs(WGS84, allow_override=True)
    unknown = sorted(set(drawn["layer"]) - set(raw))
    if unknown:
        raise ValueError(f"{FEATURES_PATH}: features name unknown layers {unknown}; add them to {LAYERS_PATH.name}")
    layers = []
    for layer_id, entry in raw.items():
        extra = set(entry) - _FIELDS
        if extra:
            raise ValueError(f"{LAYERS_PATH}: layer '{layer_id}': unknown fields {sorted(extra)}")
        if entry.get("derived"):
            features = _derived_features(entry["derived"])
        else:
            features = drawn[drawn["layer"] == layer_id].drop(columns="layer").reset_index(drop=True)
        if features.empty:
            raise ValueError(f"{LAYERS_PATH}: layer '{layer_id}' has no features in {FEATURES_PATH.name}")
        features = _own_days(features, f"{FEATURES_PATH}: layer '{layer_id}'")
        start = _date(entry["start"], f"layer '{layer_id}', field 'start'")
        end = _date(entry["end"], f"layer '{layer_id}', field 'end'") if entry.get("end") else None
        if problems := feature_day_problems(features, start, end):
            raise ValueError(f"{FEATURES_PATH}: layer '{layer_id}': {'; '.join(problems)}")
        layers.append(
            HistoricalLayer(
                id=layer_id,
                name=entry["name"],
                start=start,
                end=end,
                color=entry["color"],
                legend=entry["legend"],
                description=entry["description"],
                features=features,
            )
        )
    return tuple(layers)


def active_layer_ids(layers, span: tuple[dt.date, dt.date] | None) -> list[str]:
    return [layer.id for layer in layers if layer.active(span)]


def layer_ids() -> tuple[str, ...]:
    """The ids a story may list under `layers:`."""
    return tuple(layer.id for layer in load_history())


def story_layers(story) -> list[HistoricalLayer]:
    """The layers a story draws, in its own order: built-in ones by id, and its own."""
    available = {layer.id: layer for layer in (*load_history(), *story.own_layers)}
    return [available[layer_id] for layer_id in story.layers]


# A story's own layer: the fields of history.yaml plus `file`, a GeoJSON file beside the story.
STORY_LAYER_FIELDS = ("id", "name", "start", "end", "color", "legend", "description", "file", "timeline")
TIMELINES = ("fronts", "events")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _story_file(file: str, folder: Path | None) -> tuple[Path | None, list[tuple[str, str]]]:
    """The data file's path inside the story's folder (story/files.py's rule), or the problem."""
    if folder is None:
        return None, [("file", "a layer file needs a story file beside it")]
    try:
        return inside_folder(folder, file), []
    except UnreadableFile as error:
        return None, [("file", f"'{file[:80]}' {error}")]


def _read_timeline(kind: str, path: Path) -> tuple[Any, gpd.GeoDataFrame | None, list[tuple[str, str]]]:
    """Dated fronts or events (our own JSON readers), and one row per item for listings."""
    from geo import events, fronts  # here, not at the top: both are only needed for dated layers

    try:
        if kind == "fronts":
            series = fronts.load_fronts(path)
            rows = [
                {"kind": "front", "label": f"{snap.date:%d %b %Y}: {snap.label}", "source": snap.source, "accuracy": snap.accuracy,
                 "geometry": snap.segments[0] if len(snap.segments) == 1 else shapely.MultiLineString(list(snap.segments))}
                for snap in series.snapshots
            ]
        else:
            series = events.load_events(path)
            rows = [
                {"kind": "event", "label": f"{event.dates_label()}: {event.label}", "source": event.source, "accuracy": event.accuracy,
                 "geometry": shapely.Point(event.lon, event.lat)}
                for event in series
            ]
    except (ValueError, OSError) as error:
        return None, None, [("file", str(error))]
    return series, gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84), []


def _read_story_features(file: str, folder: Path | None) -> tuple[gpd.GeoDataFrame | None, list[tuple[str, str]]]:
    """The layer file's features, read by our own GeoJSON reader (geo/layer_file.py), never by GDAL."""
    if folder is None:
        return None, [("file", "a layer file needs a story file beside it")]
    try:
        path = inside_folder(folder, file)
    except UnreadableFile as error:
        return None, [("file", f"'{file[:80]}' {error}")]
    features, problems = read_layer_file(path)
    return features, [("file", problem) for problem in problems]


def parse_story_layer(entry, folder: Path | None) -> tuple[HistoricalLayer | None, list[tuple[str, str]]]:
    """A layer a story defines itself; returns it with every (field, problem) found."""
    problems: list[tuple[str, str]] = []
    for name in sorted(set(entry) - set(STORY_LAYER_FIELDS), key=str):
        problems.append((str(name), f"unknown field; a layer has {', '.join(STORY_LAYER_FIELDS)}"))
    for name in ("id", "name", "legend", "description", "file"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            problems.append((name, "required text is missing"))
    if not _COLOR.match(str(entry.get("color", ""))):
        problems.append(("color", "must be a colour like \"#1f5fa8\""))
    dates = {}
    for name in ("start", "end"):
        value = entry.get(name)
        if value is None and name == "end":
            continue
        try:
            dates[name] = dt.date.fromisoformat(str(value))
        except ValueError:
            problems.append((name, f"'{value}' is not a YYYY-MM-DD date"))
    if "start" in dates and "end" in dates and dates["end"] < dates["start"]:
        problems.append(("end", "comes before start"))
    timeline = entry.get("timeline")
    if timeline is not None and timeline not in TIMELINES:
        problems.append(("timeline", f"must be one of {', '.join(TIMELINES)}"))
        timeline = None
    features = series = None
    if isinstance(entry.get("file"), str) and entry["file"].strip():
        if timeline:
            path, file_problems = _story_file(entry["file"], folder)
            if path is not None:
                series, features, file_problems = _read_timeline(timeline, path)
        else:
            features, file_problems = _read_story_features(entry["file"], folder)
        problems += file_problems
    if features is not None and not timeline and "start" in dates:
        problems += [("file", f"{entry['file']}: {problem}") for problem in feature_day_problems(features, dates["start"], dates.get("end"))]
    if problems:
        return None, problems
    layer = HistoricalLayer(
        id=entry["id"], name=entry["name"].strip(), start=dates["start"], end=dates.get("end"), color=entry["color"],
        legend=entry["legend"].strip(), description=entry["description"].strip(), features=features, file=entry["file"],
        timeline=timeline, series=series,
    )
    return layer, []

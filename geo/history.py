"""Historical layers: hand-drawn fronts and arrows, and lines derived from the land data.

Each layer has a date range; a chapter shows the layers whose range overlaps its own dates.
Geometry is a GeoDataFrame in EPSG:4326 whose rows say what they are (label), where they come
from (source) and how exact they are (accuracy).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import yaml

from geo import land, lines

DATA_DIR = Path(__file__).resolve().parent / "data"
LAYERS_PATH = DATA_DIR / "history.yaml"
FEATURES_PATH = DATA_DIR / "history.geojson"
WGS84, METRIC = "EPSG:4326", "EPSG:5179"
ARROW_HEAD_KM = (14.0, 7.0)  # length and half-width of an arrowhead on the ground
_FIELDS = {"name", "start", "end", "color", "legend", "description", "derived"}


@dataclass(frozen=True)
class HistoricalLayer:
    id: str
    name: str
    start: dt.date
    end: dt.date | None  # None: still standing
    color: str
    legend: str
    description: str
    features: gpd.GeoDataFrame  # label, kind, source, accuracy, geometry (+ length_km, area_km2)

    def active(self, span: tuple[dt.date, dt.date] | None) -> bool:
        if span is None:
            return False
        first, last = span
        return self.start <= last and (self.end is None or first <= self.end)

    def dates_label(self) -> str:
        def day(d: dt.date) -> str:
            return f"{d.day} {d:%B %Y}"

        return f"{day(self.start)} – {day(self.end)}" if self.end else f"since {day(self.start)}"


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{LAYERS_PATH}: {where}: '{value}' is not a YYYY-MM-DD date") from None


def arrowheads(arrows: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A triangle at the end of each line, pointing along its last segment (drawn in metres)."""
    length, half_width = (km * 1000 for km in ARROW_HEAD_KM)
    heads = []
    for line in arrows.to_crs(METRIC).geometry:
        (x0, y0), (x1, y1) = np.asarray(line.coords)[-2:]
        direction = np.array([x1 - x0, y1 - y0]) / np.hypot(x1 - x0, y1 - y0)
        normal = np.array([-direction[1], direction[0]])
        tip = np.array([x1, y1])
        base = tip - direction * length
        heads.append(shapely.Polygon([tip, base + normal * half_width, base - normal * half_width]))
    return gpd.GeoSeries(heads, crs=METRIC, index=arrows.index).to_crs(WGS84)


def _derived_features(kind: str) -> gpd.GeoDataFrame:
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
        layers.append(
            HistoricalLayer(
                id=layer_id,
                name=entry["name"],
                start=_date(entry["start"], f"layer '{layer_id}', field 'start'"),
                end=_date(entry["end"], f"layer '{layer_id}', field 'end'") if entry.get("end") else None,
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


def story_layers(ids) -> list[HistoricalLayer]:
    """The layers a story draws, in the library's order."""
    wanted = set(ids)
    return [layer for layer in load_history() if layer.id in wanted]

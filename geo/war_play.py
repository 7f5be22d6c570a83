"""The play control's data and its two small elements: one with the base map (every snapshot,
sent once), one with each chapter (its day and the next chapter's). The browser code is
static/war-play.js; these only hand it data, escaped with tojson."""

from __future__ import annotations

import datetime as dt

import folium
import numpy as np
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo import fronts, share_chart
from geo.packed_points import DIGITS, packed
from geo.dated_layers import AREA_TOLERANCE_M as CHAPTER_AREA_TOLERANCE_M
from geo.dated_layers import OTHER_FILL, UN_FILL, chapter_day

PLAY_SAMPLES = 120  # points per front sent to the browser; blending needs the same count on each
AREA_TOLERANCE_M = 5000  # the held land while playing is a wash: 5 km simplification is plenty
SMALLEST_ISLAND_KM2 = 200


def _latlon(xy: np.ndarray) -> list[list[float]]:
    lonlat = fronts._wgs84(xy)
    return [[round(lat, DIGITS), round(lon, DIGITS)] for lon, lat in lonlat]


def _packed_polygons(geom_metric: shapely.Geometry, smallest_km2: float = 0.0) -> list[list[list[int]]]:
    """Each polygon (EPSG:5179) as its packed rings, outer ring first, in latitude/longitude."""
    return [
        [packed(_latlon(np.asarray(ring.coords))) for ring in (part.exterior, *part.interiors)]
        for part in shapely.get_parts(geom_metric)
        if part.area / 1e6 >= smallest_km2
    ]


def play_config(layer, days_fronts=None) -> dict:
    """Everything the browser needs to play the layer's fronts and shade the land each side held,
    computed once per story: every snapshot (its line, and the land the left side held, for
    playing), and for each chapter day in `days_fronts` (day -> its front and held areas, from
    geo.dated_layers.fronts_on_days) both sides' land, drawn with the chapter's front."""
    series = layer.series
    land = fronts.land_metric(series.land_codes)
    snapshots, areas = [], []
    for snap in series.snapshots:
        xy, gap = fronts._resampled(snap, PLAY_SAMPLES)
        snapshots.append({"date": snap.date.isoformat(), "line": packed(_latlon(xy)), "gaps": np.flatnonzero(gap).tolist()})
        held = fronts.held_areas(fronts.front_on(series, snap.date), land).communist.simplify(AREA_TOLERANCE_M)
        areas.append(_packed_polygons(held, SMALLEST_ISLAND_KM2))
    held_on_days = {}
    for day, (_front, held) in sorted((days_fronts or {}).items()):
        held_on_days[day.isoformat()] = {
            "right": _packed_polygons(held.un.simplify(CHAPTER_AREA_TOLERANCE_M)),
            "left": _packed_polygons(held.communist.simplify(CHAPTER_AREA_TOLERANCE_M)),
        }
    points = share_chart.share_series(series)
    return {
        "first": series.first.isoformat(),
        "last": series.last.isoformat(),
        "snapshots": snapshots,
        "areas": areas,
        "days": held_on_days,
        "shares": [{"date": day.isoformat(), "share": round(share, 4)} for day, share in points],
        "chart": share_chart.share_chart_svg(points, series.right_side, series.left_side, mark=series.first),
        "chart_x": [share_chart.PAD_LEFT, share_chart.WIDTH - share_chart.PAD_RIGHT],
        "colour": layer.color,
        "left_colour": OTHER_FILL["fillColor"],
        "right_colour": UN_FILL["fillColor"],
        "shade": OTHER_FILL["fillOpacity"],
        "digits": DIGITS,
        "right": series.right_side,
        "left": series.left_side,
    }


class WarPlay(JSCSSMixin, MacroElement):
    """The play control, added to the base map once."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymapWar.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )
    default_js = [("war_play", "war-play.js")]

    def __init__(self, config: dict):
        super().__init__()
        self._name = "WarPlay"
        self.config = config


class ChapterDay(MacroElement):
    """Tells the play control a chapter's day and the day play runs to, when the chapter shows."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name() }}, group = {{ this._parent.get_name() }};
            var tell = function () { if (window.storymapWar) { window.storymapWar.chapter(map, {{ this.day|tojson }}, {{ this.until|tojson }}); } };
            group.on("add", tell);
            if (map.hasLayer(group)) { tell(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, day: dt.date | None, until: dt.date | None):
        super().__init__()
        self._name = "ChapterDay"
        self.day = day.isoformat() if day else None
        self.until = until.isoformat() if until else None

    def map_name(self) -> str:
        return get_obj_in_upper_tree(self, folium.Map).get_name()


def fronts_layer(layers):
    return next((layer for layer in layers if layer.timeline == "fronts"), None)


def chapter_play_span(story, index: int, layers) -> tuple[dt.date | None, dt.date | None]:
    """The day a chapter's play starts (its own) and ends (the next dated chapter's, or the
    end of the fronts; the whole war for an overview)."""
    from story.timeline import date_span  # the chapter's own dates, not a neighbour's

    layer = fronts_layer(layers)
    if layer is None:
        return None, None
    series = layer.series
    chapter = story.chapters[index]
    if chapter.overview:
        return series.first, series.last
    day = chapter_day(date_span(chapter.date), series)
    if day is None:
        return None, None
    later = [span[0] for c in story.chapters[index + 1:] if (span := date_span(c.date)) and span[0] > day]
    until = min([d for d in later if d <= series.last], default=series.last)
    return day, until

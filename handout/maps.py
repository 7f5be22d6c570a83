"""The handout's maps, drawn with geopandas and matplotlib (Agg, no browser): the app's land,
the story's places and the historical layers of a chapter's date, in Web Mercator like the
app's map, with a legend, a scale bar and a north arrow.

`MapKit` projects everything once per story; each map is then a PNG of the size the page asks for.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Collection, Mapping, Sequence

import geopandas as gpd
import shapely
import shapely.geometry
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.text import Text
from PIL import Image

from geo import basemap, fronts, land
from geo.dated_layers import AREA_TOLERANCE_M, EVENT_STYLE, OTHER_FILL, UN_FILL, chapter_day
from geo.history import HistoricalLayer, arrowheads
from geo.map_builder import (
    HIGHLIGHT_STYLE, HOME_FILL, KEY_RADIUS, KIND_LEGEND, KIND_STYLES, MAP_HEIGHT, NEIGHBOUR_FILL, OTHER_RADIUS, PARALLEL_STYLE,
)
from story.places import Place
from geo.story_places import drawn_as_line, key_place_slugs, parallel_line
from handout.fonts import FONT_FILES
from story.model import Story

WGS84, MERCATOR = "EPSG:4326", "EPSG:3857"
EARTH_RADIUS_M = 6378137.0  # Web Mercator's sphere
EARTH_CIRCUMFERENCE_M = 2 * math.pi * EARTH_RADIUS_M
TILE_PX = 256  # Leaflet's zoom z shows the world 256 * 2**z pixels wide
MAX_LATITUDE = 85.0  # Web Mercator's edge
MM_PER_INCH = 25.4
DPI = 200

SEA = "#cfe0ea"  # the app's map background (static/storymap.css)
COAST = "#a99f88"
INK = "#222222"
LABEL_BOX = {"boxstyle": "round,pad=0.25", "facecolor": "#fffdf7", "edgecolor": HIGHLIGHT_STYLE["color"], "linewidth": 0.6}
PX_TO_PT = 0.75  # the app's styles are in CSS pixels; 1 px = 0.75 pt
LAYER_LINE_PT = 2.0
MAX_RINGS_AT_FULL_SIZE = 4  # more rings than this are drawn smaller, so a crowded view stays legible
AREA_ALPHA = 0.35


def _font(size: float, weight: str = "regular") -> FontProperties:
    return FontProperties(fname=str(FONT_FILES[weight]), size=size)


@dataclass(frozen=True)
class Extent:
    """A box in Web Mercator metres."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    def center_latitude(self) -> float:
        y = (self.ymin + self.ymax) / 2
        return math.degrees(2 * math.atan(math.exp(y / EARTH_RADIUS_M)) - math.pi / 2)

    def fitted(self, aspect: float, margin: float = 0.0) -> Extent:
        """This box grown by `margin` (a share of each side) and then to width/height = aspect."""
        cx, cy = (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2
        width, height = max(self.width, 1.0) * (1 + 2 * margin), max(self.height, 1.0) * (1 + 2 * margin)
        if width / height < aspect:
            width = height * aspect
        else:
            height = width / aspect
        return Extent(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def to_mercator(lat: float, lon: float) -> tuple[float, float]:
    """EPSG:3857 metres, as Leaflet projects; latitudes beyond its edge are held at the edge."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    x = math.radians(lon) * EARTH_RADIUS_M
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH_RADIUS_M
    return x, y


def extent_of_view(view: dict, aspect: float) -> Extent:
    """The ground a chapter view (geo.views.chapter_view) shows in a map of this aspect: bounds
    fitted whole, with a little room; a center and zoom show what the app's map, MAP_HEIGHT
    pixels tall, shows at that zoom."""
    if "bounds" in view:
        (south, west), (north, east) = view["bounds"]
        x0, y0 = to_mercator(south, west)
        x1, y1 = to_mercator(north, east)
        return Extent(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)).fitted(aspect, margin=0.03)
    x, y = to_mercator(*view["center"])
    height = MAP_HEIGHT * EARTH_CIRCUMFERENCE_M / (TILE_PX * 2 ** view["zoom"])
    return Extent(x - height * aspect / 2, y - height / 2, x + height * aspect / 2, y + height / 2)


def nice_scale_km(width_km: float) -> float:
    """A round length (1, 2 or 5 times a power of ten) of at most a quarter of the map's width."""
    target = width_km / 4
    power = 10 ** math.floor(math.log10(target))
    return max(step * power for step in (1, 2, 5) if step * power <= target)


def _coast(polygons: gpd.GeoDataFrame, cut: shapely.Geometry | None) -> gpd.GeoSeries:
    """The coastline of the land's union (no borders: a modern border would be wrong on a
    historical map), less the edges where the data was clipped to its box."""
    outline = polygons.union_all().boundary
    if cut is not None:
        outline = outline.difference(cut)
    return gpd.GeoSeries([outline], crs=WGS84).to_crs(MERCATOR)


class MapKit:
    """Everything a story's maps draw, projected once: land, coast, places, lines and layers,
    styled as the app's map styles them (geo.map_builder)."""

    def __init__(self, story: Story, places: Mapping[str, Place], layers: Sequence[HistoricalLayer]):
        self.places = dict(places)
        self.layers = list(layers)
        self.keys = set(key_place_slugs(story))
        self.as_lines = drawn_as_line(story)
        region, world = land.load_land(), land.load_world()
        box = shapely.box(*region.total_bounds)
        # The region is detailed but clipped to its box: the coarse world fills in around it.
        world = world[~world.geometry.within(box)]
        home = set(story.map.home)
        self.land = [
            (frame.to_crs(MERCATOR), [HOME_FILL["fillColor"] if code in home else NEIGHBOUR_FILL["fillColor"] for code in frame["iso_a3"]])
            for frame in (world, region)
        ]
        self.coast = [_coast(world, box), _coast(region, box.exterior.buffer(1e-6))]
        # Dated layers (a timeline of fronts or events) are drawn for a chapter's days, not whole.
        self.layer_shapes = {layer.id: [] if layer.timeline else self._layer_shapes(layer) for layer in self.layers}
        self._dated: dict[tuple[str, tuple], list] = {}
        # The base map's rivers, lakes and names, where the story's map section asks for them.
        region = story.map.region
        water = basemap.water_in(region)["features"] if region else []
        self.water = gpd.GeoDataFrame(
            {"kind": [feature["properties"].get("kind", "river") for feature in water]},
            geometry=[shapely.geometry.shape(feature["geometry"]) for feature in water], crs=WGS84,
        ).to_crs(MERCATOR)
        self.base_labels = basemap.labels_in(region, [(p.lat, p.lon, p.name) for p in places.values()]) if region else []
        self.points = {slug: to_mercator(place.lat, place.lon) for slug, place in self.places.items()}
        # The story's parallels: (place, line in Web Mercator).
        self.parallels = [
            (places[parallel.place], parallel_line(story, parallel).to_crs(MERCATOR).geometry.iloc[0])
            for parallel in story.map.parallels
        ]

    @staticmethod
    def _layer_shapes(layer: HistoricalLayer) -> list[tuple[str, shapely.Geometry, object]]:
        """(kind, geometry in Web Mercator, feature index) for each feature, with arrowheads as 'head'."""
        features = layer.features
        shapes = list(zip(features["kind"], features.to_crs(MERCATOR).geometry, features.index))
        arrows = features[features["kind"] == "arrow"]
        if not arrows.empty:
            shapes += list(zip(["head"] * len(arrows), arrowheads(arrows).to_crs(MERCATOR), arrows.index))
        return shapes

    def shown_shapes(self, layer: HistoricalLayer, span) -> list[tuple[str, shapely.Geometry]]:
        """(kind, geometry) of the layer's features a chapter with this span shows: as in the app,
        not those whose own days miss it."""
        out = set(layer.features_out_of_time(span))
        return [(kind, shape) for kind, shape, index in self.layer_shapes[layer.id] if index not in out]

    def layers_extent(self) -> Extent | None:
        """The box holding every layer of the story, for maps that compare them (its shape
        kept between a landscape 1.6:1 and a portrait 0.7:1)."""
        boxes = [layer.features.to_crs(MERCATOR).total_bounds for layer in self.layers]
        if not boxes:
            return None
        box = Extent(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        aspect = min(1.6, max(0.7, box.width / max(box.height, 1.0)))
        return box.fitted(aspect, margin=0.06)

    # Drawing ---------------------------------------------------------------------------------

    def _axes(self, width_mm: float, height_mm: float, extent: Extent):
        figure = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=DPI)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_facecolor(SEA)
        axes.set_xlim(extent.xmin, extent.xmax)
        axes.set_ylim(extent.ymin, extent.ymax)
        axes.set_aspect("equal")
        axes.set_xticks([])
        axes.set_yticks([])
        for spine in axes.spines.values():
            spine.set_edgecolor("#8a8a8a")
            spine.set_linewidth(0.6)
        box = shapely.box(extent.xmin, extent.ymin, extent.xmax, extent.ymax)
        for frame, colours in self.land:
            shown = frame.geometry.intersects(box).to_numpy()
            if shown.any():
                frame[shown].plot(ax=axes, color=[c for c, s in zip(colours, shown) if s], linewidth=0)
        for coast in self.coast:
            shown = coast.clip(box)
            if not shown.is_empty.all():
                shown.plot(ax=axes, color=COAST, linewidth=0.5)
        return figure, axes

    def dated_shapes(self, layer: HistoricalLayer, span) -> list[tuple[str, shapely.Geometry, dict]]:
        """(what, geometry in Web Mercator, style) a dated layer draws for these days, as the app's
        geo.dated_layers draws them: the front of the chapter's day with the land each side held
        (dashed where it lies between two snapshots), or the events the days cover."""
        key = (layer.id, span)
        if key not in self._dated:
            shapes = []
            if span is not None and layer.timeline == "fronts" and (day := chapter_day(span, layer.series)):
                front = fronts.front_on(layer.series, day)
                areas = fronts.held_areas(front, fronts.land_metric(layer.series.land_codes))
                right, left = areas.in_wgs84(AREA_TOLERANCE_M)
                shapes += [("held", _mercator(right), {"color": UN_FILL["fillColor"], "label": f"Held by {layer.series.right_side}"}),
                           ("held", _mercator(left), {"color": OTHER_FILL["fillColor"], "label": f"Held by {layer.series.left_side}"}),
                           ("front", _mercator(front.geometry), {"dashed": front.interpolated})]
            elif span is not None and layer.timeline == "events":
                shapes += [("event", _mercator(shapely.Point(event.lon, event.lat)), {}) for event in layer.series if event.overlaps(*span)]
            self._dated[key] = shapes
        return self._dated[key]

    def _draw_layers(self, axes, layers: Sequence[HistoricalLayer], span, scale: float = 1.0) -> None:
        for layer in layers:
            for kind, shape, style in self.dated_shapes(layer, span) if layer.timeline else ():
                series = gpd.GeoSeries([shape], crs=MERCATOR)
                if kind == "held":
                    series.plot(ax=axes, facecolor=style["color"], alpha=0.16, edgecolor="none", zorder=2)
                elif kind == "front":
                    series.plot(ax=axes, color=layer.color, linewidth=LAYER_LINE_PT * scale, linestyle=(0, (5, 2.5)) if style["dashed"] else "-", zorder=3)
                else:
                    x, y = shape.x, shape.y
                    axes.plot(x, y, marker="o", markersize=2 * EVENT_STYLE["radius"] * PX_TO_PT * scale, markerfacecolor=EVENT_STYLE["fill_color"],
                              markeredgecolor=EVENT_STYLE["color"], markeredgewidth=EVENT_STYLE["weight"] * PX_TO_PT * scale, linestyle="none", zorder=4)
            for kind, shape in self.shown_shapes(layer, span):
                series = gpd.GeoSeries([shape], crs=MERCATOR)
                if kind == "area":
                    series.plot(ax=axes, facecolor=layer.color, alpha=AREA_ALPHA, edgecolor="none")
                    series.boundary.plot(ax=axes, color=layer.color, linewidth=0.6 * scale)
                elif kind == "head":
                    series.plot(ax=axes, facecolor=layer.color, edgecolor=layer.color, linewidth=0.3)
                else:
                    series.plot(ax=axes, color=layer.color, linewidth=LAYER_LINE_PT * scale, capstyle="round")

    def _draw_water(self, axes, extent: Extent, scale: float) -> None:
        shown = self.water[self.water.geometry.intersects(shapely.box(extent.xmin, extent.ymin, extent.xmax, extent.ymax))]
        for kind, features in shown.groupby("kind"):
            style = basemap.WATER_STYLES["lake" if kind == "lake" else "river"]
            if kind == "lake":
                features.plot(ax=axes, facecolor=style["fillColor"], edgecolor=style["color"], linewidth=style["weight"] * PX_TO_PT * scale, zorder=1.5)
            else:
                features.plot(ax=axes, color=style["color"], linewidth=style["weight"] * PX_TO_PT * scale, zorder=1.5)

    def _draw_base_labels(self, axes, extent: Extent, day: str | None = None) -> None:
        """The base map's names that the app shows at this map's zoom on `day` (YYYY-MM-DD, the
        end of the chapter's time), most important first, each only where it overlaps no name
        already placed."""
        zoom = math.log2(EARTH_CIRCUMFERENCE_M * MAP_HEIGHT / (TILE_PX * extent.height))
        renderer = FigureCanvasAgg(axes.figure).get_renderer()
        taken = []
        for label in self.base_labels:
            x, y = to_mercator(label.lat, label.lon)
            if label.min_zoom > zoom or not inside((x, y), extent) or not label.true_on(day):
                continue
            big = label.kind in ("sea", "country")
            artist = axes.text(
                x, y, label.text, ha="center", va="center", zorder=2.5, color="#4f6f8f" if label.kind in ("sea", "river", "lake") else "#6b6256",
                fontproperties=_font(7.5 if big else 6.2, "bold" if big else "regular"), alpha=0.9,
            )
            box = artist.get_window_extent(renderer).expanded(1.1, 1.3)
            if any(box.overlaps(other) for other in taken):
                artist.remove()
            else:
                taken.append(box)

    def _draw_places(self, axes, ringed: Sequence[str], labelled: bool, scale: float = 1.0, others: bool = True, absent: Collection[str] = ()) -> None:
        ringed = [slug for slug in ringed if slug not in self.as_lines]  # a line is labelled where it is drawn
        shown = [slug for slug in (self.places if others else ringed) if slug not in self.as_lines and slug not in absent]
        # Key places last, so they draw on top, as in the app.
        for slug in sorted(shown, key=lambda slug: slug in self.keys):
            style = KIND_STYLES[self.places[slug].kind]
            key = slug in self.keys
            x, y = self.points[slug]
            axes.plot(
                x, y, marker="o", markersize=2 * (KEY_RADIUS if key else OTHER_RADIUS) * PX_TO_PT * scale,
                markerfacecolor=style["fill_color"], markeredgecolor=style["color"],
                markeredgewidth=(2 if key else 1.5) * PX_TO_PT * scale, linestyle="none", zorder=5,
            )
        radius = HIGHLIGHT_STYLE["radius"] - (4 if len(ringed) > MAX_RINGS_AT_FULL_SIZE else 0)
        for slug in ringed:
            x, y = self.points[slug]
            axes.plot(
                x, y, marker="o", markersize=2 * radius * PX_TO_PT * scale, markerfacecolor="none",
                markeredgecolor=HIGHLIGHT_STYLE["color"], markeredgewidth=HIGHLIGHT_STYLE["weight"] * PX_TO_PT * scale,
                linestyle="none", zorder=6,
            )
        if labelled and ringed:
            # Key places first: when labels must give way, the others do (as in the app).
            ordered = sorted(ringed, key=lambda slug: slug not in self.keys)
            place_labels(axes, [(self.points[slug], map_label(self.places[slug])) for slug in ordered], radius * PX_TO_PT)

    def _draw_parallels(self, axes, extent: Extent, scale: float, labelled: bool, absent: Collection[str] = ()) -> None:
        """Each parallel dashed across the home land, labelled with its names at the view's left."""
        for place, line in self.parallels:
            if place.slug in absent:
                continue
            series = gpd.GeoSeries([line], crs=MERCATOR)
            series.plot(ax=axes, color=PARALLEL_STYLE["color"], linewidth=PARALLEL_STYLE["weight"] * PX_TO_PT * scale, linestyle=(0, (4, 3)), zorder=4)
            shown = line.intersection(shapely.box(extent.xmin, extent.ymin, extent.xmax, extent.ymax))
            if labelled and not shown.is_empty:
                west, y = shown.bounds[0], shown.bounds[1]
                axes.annotate(
                    map_label(place), (west, y), xytext=(4, 3), textcoords="offset points", ha="left", va="bottom",
                    fontproperties=_font(7, "bold"), color=PARALLEL_STYLE["color"], zorder=7,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"},
                )

    def _furniture(self, axes, extent: Extent, legend: list) -> None:
        """Scale bar (at the map's centre latitude), north arrow and legend."""
        ground_km = extent.width * math.cos(math.radians(extent.center_latitude())) / 1000
        km = nice_scale_km(ground_km)
        share = km / ground_km
        x0, y0 = 0.03, 0.035
        axes.add_patch(Polygon(
            [(x0 - 0.012, y0 - 0.022), (x0 + share + 0.012 + 0.06, y0 - 0.022), (x0 + share + 0.072, y0 + 0.05), (x0 - 0.012, y0 + 0.05)],
            closed=True, transform=axes.transAxes, facecolor="white", alpha=0.85, edgecolor="none", zorder=8,
        ))
        for part in range(2):
            axes.add_patch(Polygon(
                [(x0 + share * part / 2, y0), (x0 + share * (part + 1) / 2, y0), (x0 + share * (part + 1) / 2, y0 + 0.012), (x0 + share * part / 2, y0 + 0.012)],
                closed=True, transform=axes.transAxes, facecolor=INK if part == 0 else "white", edgecolor=INK, linewidth=0.5, zorder=9,
            ))
        label = f"{km:g} km" if km >= 1 else f"{km * 1000:g} m"
        axes.text(x0, y0 + 0.02, "0", transform=axes.transAxes, fontproperties=_font(6.5), ha="center", va="bottom", zorder=9)
        axes.text(x0 + share, y0 + 0.02, label, transform=axes.transAxes, fontproperties=_font(6.5), ha="center", va="bottom", zorder=9)
        # North is up in Web Mercator: a plain arrow says so.
        axes.annotate(
            "", xy=(0.965, 0.955), xytext=(0.965, 0.875), xycoords="axes fraction",
            arrowprops={"arrowstyle": "-|>,head_length=0.6,head_width=0.3", "color": INK, "linewidth": 1.0}, zorder=9,
        )
        axes.text(0.965, 0.86, "N", transform=axes.transAxes, ha="center", va="top", fontproperties=_font(8, "bold"), color=INK, zorder=9)
        if legend:
            handles, labels = zip(*legend)
            box = axes.legend(
                handles, labels, loc="lower right", prop=_font(6.5), frameon=True, framealpha=0.92, edgecolor="#bbbbbb",
                borderpad=0.5, handlelength=1.8, labelspacing=0.35, fancybox=True,
            )
            box.set_zorder(10)

    def _legend(self, layers: Sequence[HistoricalLayer], span, ringed: Sequence[str], ring_label: str, extent: Extent, absent: Collection[str] = ()) -> list:
        """The symbols this map really draws: kinds of place, key places, rings, lines, layers."""
        marked = [slug for slug in self.places if slug not in self.as_lines and slug not in absent and inside(self.points[slug], extent)]
        rows = []
        for kind, label in KIND_LEGEND.items():
            if any(self.places[slug].kind == kind for slug in marked):
                rows.append((_dot(KIND_STYLES[kind], OTHER_RADIUS, 1.5), label))
        if any(slug in self.keys for slug in marked):
            rows.append((_dot({"color": "#222222", "fill_color": "#bbbbbb"}, KEY_RADIUS, 2), "Key place"))
        if any(slug not in self.as_lines for slug in ringed):
            rows.append((Line2D([], [], marker="o", markersize=8, markerfacecolor="none", markeredgecolor=HIGHLIGHT_STYLE["color"], markeredgewidth=1.5, linestyle="none"), ring_label))
        box = shapely.box(extent.xmin, extent.ymin, extent.xmax, extent.ymax)
        for place, line in self.parallels:
            if line.intersects(box) and place.slug not in absent:
                rows.append((Line2D([], [], color=PARALLEL_STYLE["color"], linewidth=1.6, linestyle=(0, (4, 3))), place.name))
        for layer in layers:
            dated = self.dated_shapes(layer, span) if layer.timeline else []
            for kind, shape, style in dated:
                if kind == "held" and shape.intersects(box):
                    rows.append((Patch(facecolor=style["color"], alpha=0.3, edgecolor="none"), style["label"]))
            if dated and any(kind == "event" for kind, _, _ in dated):
                rows.append((_dot(EVENT_STYLE, EVENT_STYLE["radius"], EVENT_STYLE["weight"]), layer.legend))
                continue
            shown = self.shown_shapes(layer, span)
            shapes = [shape for _, shape in shown] + [shape for kind, shape, _ in dated if kind == "front"]
            if not any(shape.intersects(box) for shape in shapes):
                continue  # drawn, but off this map
            kinds = {kind for kind, _ in shown}
            if kinds <= {"area"}:
                handle = Patch(facecolor=layer.color, alpha=0.5, edgecolor=layer.color)
            else:
                handle = Line2D([], [], color=layer.color, linewidth=LAYER_LINE_PT)
            rows.append((handle, layer.legend))
        return rows

    def draw(
        self, extent: Extent, width_mm: float, height_mm: float, layers: Sequence[HistoricalLayer], ringed: Sequence[str] = (),
        labelled: bool = True, furniture: bool = True, ring_label: str = "This chapter's places", span=None, absent: Collection[str] = (),
    ) -> bytes:
        """A PNG of the map: the land, every story place but the `absent` ones (geo.story_places.left_off),
        `ringed` ones ringed (and labelled), the given layers; with furniture, a legend, scale bar and north arrow."""
        figure, axes = self._axes(width_mm, height_mm, extent)
        self._draw_water(axes, extent, 1.0 if furniture else 0.6)
        if furniture:
            self._draw_base_labels(axes, extent, span[1].isoformat() if span else None)
        # A small multiple is about the layers: thinner lines, and only the chapter's places, small.
        self._draw_layers(axes, layers, span, 1.0 if furniture else 0.7)
        self._draw_parallels(axes, extent, 1.0 if furniture else 0.5, labelled=furniture, absent=absent)
        self._draw_places(axes, ringed, labelled, 1.0 if furniture else 0.4, others=furniture, absent=absent)
        if furniture:
            self._furniture(axes, extent, self._legend(layers, span, ringed, ring_label, extent, absent))
        return _png(figure)


# Where a label may go around its point (in units of the ring's radius): beside it first, then
# above or below, then diagonally; then the same further out, with a leader line.
_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
LABEL_SPOTS = tuple((dx * reach, dy * reach) for reach in (1, 2.5, 4, 5.5) for dx, dy in _DIRECTIONS)


def place_labels(axes, labels: Sequence[tuple[tuple[float, float], str]], gap_pt: float) -> None:
    """Label each point where its label overlaps no label placed before it and stays inside the
    map; the first free spot wins, and a label that finds none goes where it fits best."""
    renderer = FigureCanvasAgg(axes.figure).get_renderer()
    frame = axes.get_window_extent(renderer)
    taken = []
    for (x, y), text in labels:
        best = None
        for dx, dy in LABEL_SPOTS:
            far = abs(dx) > 1 or abs(dy) > 1
            offset = (dx * (gap_pt + 3), dy * (gap_pt + 2))
            artist = axes.annotate(
                text, (x, y), xytext=offset, textcoords="offset points",
                ha="left" if dx > 0 else "right" if dx < 0 else "center", va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                fontproperties=_font(7.5, "bold"), color=INK, bbox=LABEL_BOX, zorder=7,
                arrowprops={"arrowstyle": "-", "color": HIGHLIGHT_STYLE["color"], "linewidth": 0.6, "shrinkA": 0, "shrinkB": gap_pt} if far else None,
            )
            # The label's own box, without its leader line (which may cross other labels).
            artist.update_positions(renderer)
            box = Text.get_window_extent(artist, renderer).expanded(1.1, 1.4)
            overlaps = sum(box.overlaps(other) for other in taken)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            score = overlaps + (0 if inside else 10)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, artist, box)
            else:
                artist.remove()
            if score == 0:
                break
        taken.append(best[2])


def _dot(style: dict, radius: float, weight: float) -> Line2D:
    return Line2D(
        [], [], marker="o", markersize=2 * radius * PX_TO_PT, markerfacecolor=style["fill_color"],
        markeredgecolor=style["color"], markeredgewidth=weight * PX_TO_PT, linestyle="none",
    )


def _mercator(geometry: shapely.Geometry) -> shapely.Geometry:
    return gpd.GeoSeries([geometry], crs=WGS84).to_crs(MERCATOR).iloc[0]


def inside(point: tuple[float, float], extent: Extent) -> bool:
    x, y = point
    return extent.xmin <= x <= extent.xmax and extent.ymin <= y <= extent.ymax


def map_label(place: Place) -> str:
    """A place's label on a printed map: its name and, where known, its Korean name (as the app's)."""
    return f"{place.name} {place.hangul}" if place.hangul else place.name


def _png(figure: Figure) -> bytes:
    """The figure as a 256-colour PNG: flat map colours survive, and the file is a third the size."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

"""Build the story map from small named pieces: base geography, place markers, chapter layer.

The base map depends on the story, never on the chapter, so streamlit-folium keeps the same
Leaflet map across chapter changes; each chapter arrives as one feature group.
"""

from __future__ import annotations

import math
from typing import Mapping

import folium
import folium.plugins
import shapely.geometry

from geo import dated_layers, land, war_play
from geo.assets import localize_assets
from geo.basemap import add_basemap
from geo.history import HistoricalLayer, active_layer_ids, arrowheads, feature_class, story_layers
from geo.map_script import ChapterView, Legend, LineLabel, RegisterLayer, StoryMapRuntime
from geo.places import distance_km
from story.places import Place
from geo.story_places import drawn_as_line, key_place_slugs, left_off, parallel_line, story_places  # noqa: F401  (story_places: for callers)
from geo.map_hooks import FollowsItsBox, TouchGestures
from geo.shared_drawings import SharedDrawings
from geo.popups import place_popup, place_short_label, place_tooltip, safe_html
from geo.views import chapter_view, view_dict
from story.model import Parallel, Story
from story.navigation import chapters_about, route_stops
from story.timeline import chapter_span

MAP_HEIGHT = 560
# The view a story without a start or a located first chapter opens on: the whole world.
WORLD_VIEW = {"center": [20.0, 0.0], "zoom": 2}

# Fills only: clipped polygons would stroke the clip box's edges across the sea.
HOME_FILL = {"className": "storymap-land", "fillColor": "#f2ebda", "fillOpacity": 1.0, "stroke": False}
NEIGHBOUR_FILL = {**HOME_FILL, "fillColor": "#e2ddd2"}
# Places are drawn by what they are; a key place (on every chapter's map) is drawn larger.
KIND_STYLES = {
    "city": {"color": "#5c1a1a", "fill_color": "#b23a3a", "fill_opacity": 0.95},
    "village": {"color": "#5c1a1a", "fill_color": "#ffffff", "fill_opacity": 1.0},
    "island": {"color": "#1f4f4a", "fill_color": "#3f8f86", "fill_opacity": 0.95},
    "river": {"color": "#1f4a7a", "fill_color": "#4a8ad0", "fill_opacity": 0.95},
    "building": {"color": "#222222", "fill_color": "#555555", "fill_opacity": 0.95},
    "line": {"color": "#7a1f1f", "fill_color": "#7a1f1f", "fill_opacity": 0.95},
}
KIND_LEGEND = {
    "city": "City",
    "village": "Village",
    "island": "Island",
    "river": "River",
    "building": "Site",
    "line": "Line",
}
KEY_RADIUS, OTHER_RADIUS = 7, 5
HIGHLIGHT_STYLE = {"radius": 13, "color": "#d35400", "weight": 3}
PARALLEL_STYLE = {"className": "storymap-parallel", "color": "#7a1f1f", "weight": 2.5, "dashArray": "8 6"}
# The route is a reading aid, not a movement: thin, grey, dotted, with no direction and no
# highlighted leg, and hidden until the reader turns it on.
ROUTE_STYLE = {"color": "#5d6d7e", "weight": 1.5, "opacity": 0.6, "dash_array": "1 5"}
ROUTE_NAME = "Route of the story (chapter order)"
FAR_LEG_KM = 3000  # Hong Kong-Busan (about 2,000 km) is drawn; Korea-Washington is not

# Web basemaps for readers who are online; the plain land map needs nothing from outside.
OFFLINE_BASE_NAME = "Plain map (works offline)"
LAND_PANE = ("storymap-land", 300)  # above web maps' tiles (200), below the story's layers (390 and up)
WEB_BASEMAPS = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("OpenTopoMap", "OpenTopoMap terrain (online)"),
    ("Esri.WorldImagery", "Esri satellite imagery (online)"),
)


def non_interactive(layer):
    """Folium drops Leaflet's `interactive` option; without it a decoration swallows clicks."""
    layer.options["interactive"] = False
    return layer


def start_view(story: Story, gazetteer: Mapping[str, Place]) -> dict:
    """Where the map opens before the first chapter's view: the story's start, else that view."""
    if story.map.start is not None:
        return view_dict(story.map.start)
    return chapter_view(story.chapters[0], gazetteer) if story.chapters else WORLD_VIEW


def _centre_zoom(view: dict) -> tuple[list[float], float]:
    """A center and zoom for folium.Map from a view (the map is set to the view itself at once)."""
    if "center" in view:
        return view["center"], view["zoom"]
    (south, west), (north, east) = view["bounds"]
    span = max(east - west, (north - south) * 1.3, 1e-6)
    return [(south + north) / 2, (west + east) / 2], max(1.0, min(18.0, math.floor(math.log2(360 * 2 / span))))


def land_layer(home: tuple[str, ...] = ()) -> folium.FeatureGroup:
    """Coarse world land under the detailed region, so the map reads with no tiles at all; the
    story's home countries a shade lighter than their neighbours."""
    group = folium.FeatureGroup(name=OFFLINE_BASE_NAME, overlay=False)
    home_codes = frozenset(home)
    for gdf, name in ((land.load_world(), "world"), (land.load_land(), "region")):
        folium.GeoJson(
            gdf[["iso_a3", "geometry"]].to_json(),  # the code picks the fill; names are not shown
            name=f"Land ({name})",
            style_function=lambda feature: HOME_FILL if feature["properties"]["iso_a3"] in home_codes else NEIGHBOUR_FILL,
            interactive=False,
            control=False,
            pane=LAND_PANE[0],
        ).add_to(group)
    return group


def web_basemaps() -> list[folium.TileLayer]:
    return [folium.TileLayer(tiles, name=name, show=False, overlay=False) for tiles, name in WEB_BASEMAPS]


def parallel_layer(story: Story, parallel: Parallel, place: Place) -> folium.FeatureGroup:
    """The line itself, labelled with its names where it leaves the view; its tooltip and class
    are the place's, so clicking it acts like a place's marker, in the app and in the export."""
    line = parallel_line(story, parallel)
    row = line.iloc[0]
    titles = [chapter.title for chapter in chapters_about(story, place.slug)]
    measure = f"{line.length_km.sum():.0f} km over land. {row.source}. {row.accuracy}"
    popup = place_popup(place, titles, period=story.map.period, measure=measure)
    group = folium.FeatureGroup(name=place.name)
    style = {**PARALLEL_STYLE, "className": f"storymap-parallel storymap-line storymap-place storymap-place-{place.slug}"}
    folium.GeoJson(
        line[["geometry"]].to_json(),
        name=place.name,
        style_function=lambda _feature: style,
        popup=folium.Popup(popup, max_width=300),
        tooltip=folium.Tooltip(place_tooltip(place, story.map.period)),
    ).add_to(group)
    west, _, east, _ = row.geometry.bounds if not row.geometry.is_empty else (place.lon, 0, place.lon, 0)
    LineLabel(place.slug, place.name, place.hangul, "ko", parallel.latitude, west, east).add_to(group)
    return group


def place_markers(story: Story, places: Mapping[str, Place]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Places")
    keys = set(key_place_slugs(story))
    lines_drawn = drawn_as_line(story)
    # Key places last, so they draw on top where markers overlap.
    for place in sorted(places.values(), key=lambda place: place.slug in keys):
        if place.slug in lines_drawn:
            continue
        style = KIND_STYLES[place.kind]
        titles = [chapter.title for chapter in chapters_about(story, place.slug)]
        key = place.slug in keys
        folium.CircleMarker(
            location=place.location,
            radius=KEY_RADIUS if key else OTHER_RADIUS,
            color=style["color"],
            weight=2 if key else 1.5,
            fill=True,
            fill_color=style["fill_color"],
            fill_opacity=style["fill_opacity"],
            tooltip=folium.Tooltip(place_tooltip(place, story.map.period)),
            popup=folium.Popup(place_popup(place, titles, period=story.map.period), max_width=300),
            class_name=f"storymap-place storymap-place-{place.slug} storymap-kind-{place.kind}" + (" storymap-key" if key else ""),
        ).add_to(group)
    return group


def near_legs(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The route as runs of nearby stops: a leg to the far side of the world (Washington,
    Geneva) would only streak across the map, so the line breaks there."""
    runs: list[list[tuple[float, float]]] = [[points[0]]] if points else []
    for start, end in zip(points, points[1:]):
        if distance_km(start, end) > FAR_LEG_KM:
            runs.append([end])
        else:
            runs[-1].append(end)
    return [run for run in runs if len(run) > 1]


def route_runs(story: Story, gazetteer: Mapping[str, Place]) -> list[list[tuple[float, float]]]:
    lines_drawn = drawn_as_line(story)
    return near_legs([gazetteer[slug].location for _, slug in route_stops(story) if slug not in lines_drawn])


def route_layer(story: Story, gazetteer: Mapping[str, Place]) -> folium.FeatureGroup:
    """A faint line joining the chapters' places in story order, off until the reader turns it on."""
    group = folium.FeatureGroup(name=ROUTE_NAME, show=False)
    runs = route_runs(story, gazetteer)
    if runs:
        non_interactive(folium.PolyLine(runs, class_name="storymap-route", **ROUTE_STYLE)).add_to(group)
    RegisterLayer("route", registry="extras").add_to(group)
    return group


def _feature_popup(layer: HistoricalLayer, row, index) -> str:
    measures = []
    if "length_km" in row and row.length_km == row.length_km:  # NaN-safe: only derived lines have it
        measures.append(f"{row.length_km:.0f} km long")
    if "area_km2" in row and row.area_km2 == row.area_km2:
        measures.append(f"{row.area_km2:.0f} km²")
    parts = [
        f"<strong>{safe_html(row.label)}</strong>",
        safe_html(f"{layer.name}, {layer.feature_dates_label(index)}"),
        safe_html(layer.description),
    ]
    if measures:
        parts.append(safe_html("Computed: " + ", ".join(measures)))
    parts.append(f"<small>Source: {safe_html(row.source)}. {safe_html(row.accuracy)}</small>")
    return '<div class="storymap-popup">' + "<br>".join(parts) + "</div>"


def historical_layer(layer: HistoricalLayer) -> folium.FeatureGroup:
    """One layer's lines, arrows (with heads) or areas, hidden until a chapter's date calls for it."""
    # Leaflet's layer control shows a layer's name as HTML: escape it like every story string.
    group = folium.FeatureGroup(name=safe_html(f"{layer.name} ({layer.dates_label()})"), show=False)
    features = layer.features
    for index, row in features.iterrows():
        # Each feature's shapes carry its own class, by which a chapter outside its days leaves it off.
        line_style = {"className": f"storymap-history storymap-history-{layer.id} {feature_class(layer.id, index)}",
                      "color": layer.color, "weight": 4, "opacity": 0.9}
        head_style = {**line_style, "weight": 1, "fillColor": layer.color, "fillOpacity": 0.9}
        area_style = {**line_style, "weight": 1, "fillColor": layer.color, "fillOpacity": 0.35}
        style = area_style if row.kind == "area" else line_style
        shapes = [row.geometry]
        if row.kind == "arrow":
            shapes.append(arrowheads(features.loc[[index]]).iloc[0])
        for shape in shapes:
            folium.GeoJson(
                shapely.geometry.mapping(shape),
                style_function=lambda _f, style=(head_style if shape.geom_type == "Polygon" and row.kind == "arrow" else style): style,
                tooltip=folium.Tooltip(safe_html(f"{row.label} ({layer.feature_dates_label(index)})")),
                popup=folium.Popup(_feature_popup(layer, row, index), max_width=320),
            ).add_to(group)
    RegisterLayer(layer.id).add_to(group)
    return group


def base_map(story: Story, gazetteer: Mapping[str, Place], asset_prefix: str) -> folium.Map:
    """Everything that stays the same from chapter to chapter."""
    centre, zoom = _centre_zoom(start_view(story, gazetteer))
    m = folium.Map(
        location=centre,
        zoom_start=zoom,
        tiles=None,
        min_zoom=2,
        max_zoom=18,
        control_scale=True,
        world_copy_jump=True,
        zoom_snap=0.25,  # fitted views frame their places closely, not at the next whole zoom
    )
    # Land in a pane of its own under every overlay: chosen again in the layer control (after a
    # web map), it would otherwise be drawn over the fronts, lines and places.
    folium.map.CustomPane(LAND_PANE[0], z_index=LAND_PANE[1], pointer_events=False).add_to(m)
    land_layer(story.map.home).add_to(m)
    if story.map.region:  # rivers, lakes and names, where the story says its region is
        # A town the story marks is named as the story spells it.
        add_basemap(m, story.map.region, [(place.lat, place.lon, place.name) for place in story_places(story, gazetteer).values()])
    for tiles in web_basemaps():
        tiles.add_to(m)
    for layer in story_layers(story):
        for item in dated_layers.base_items(layer) if layer.timeline else [historical_layer(layer)]:
            item.add_to(m)
    if route_runs(story, gazetteer):
        route_layer(story, gazetteer).add_to(m)
    for parallel in story.map.parallels:
        parallel_layer(story, parallel, gazetteer[parallel.place]).add_to(m)
    places = story_places(story, gazetteer)
    place_markers(story, places).add_to(m)
    folium.plugins.Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen").add_to(m)
    FollowsItsBox().add_to(m)  # the page sizes the map
    TouchGestures().add_to(m)  # on a touch screen one finger scrolls the page, two move the map
    StoryMapRuntime().add_to(m)
    add_dated_drawings(m, story, gazetteer)
    layer_legend = tuple((layer.id, layer.color, layer.legend) for layer in story_layers(story))
    if route_runs(story, gazetteer):
        layer_legend += (("route", ROUTE_STYLE["color"], "Route of the story, in chapter order"),)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)  # before the legend, which avoids it
    Legend(legend_rows(story, places), layer_legend, kind_legend_rows(story, places)).add_to(m)
    return localize_assets(m, asset_prefix)


def add_dated_drawings(m: folium.Map, story: Story, gazetteer: Mapping[str, Place]) -> None:
    """The dated layers' drawings for every chapter (each chapter's front, who held what, the
    events) and the play control's data: computed once per story and sent with the base map, so
    that a chapter change only names its day and its drawings."""
    layers = story_layers(story)
    spans = [chapter_span(story, index) for index in range(len(story.chapters))]
    days_fronts, play_days = {}, set()
    if fronts_layer := war_play.fronts_layer(layers):
        play_days = {war_play.chapter_play_span(story, index, layers)[0] for index in range(len(story.chapters))} - {None}
        days = {dated_layers.chapter_day(span, fronts_layer.series) for span in spans if span and fronts_layer.active(span)} - {None}
        days_fronts = dated_layers.fronts_on_days(fronts_layer, days | play_days)
    drawings = dated_layers.shared_drawings(layers, spans, gazetteer, days_fronts)
    if drawings:
        SharedDrawings(drawings).add_to(m)
    if fronts_layer:
        # Each chapter's day shades the land each side held.
        war_play.WarPlay(war_play.play_config(fronts_layer, {day: days_fronts[day] for day in play_days})).add_to(m)


def kind_legend_rows(story: Story, places: Mapping[str, Place]) -> tuple[tuple[str, str], ...]:
    """(swatch CSS class, label) for each kind of place the map marks, side by side in the legend."""
    lines_drawn = drawn_as_line(story)
    kinds = dict.fromkeys(place.kind for place in places.values() if place.slug not in lines_drawn)
    rows = [(f"storymap-kind-dot storymap-kind-{kind}", KIND_LEGEND[kind]) for kind in KIND_LEGEND if kind in kinds]
    if any(slug not in lines_drawn for slug in key_place_slugs(story)):
        rows.append(("storymap-kind-dot storymap-key-dot", "Key place"))
    return tuple(rows)


def legend_rows(story: Story, places: Mapping[str, Place]) -> tuple[tuple[str, ...], ...]:
    """(swatch CSS class, label) for the other symbols this story's map really draws."""
    rows = [("storymap-ring", "This chapter's places")]
    # A line's row goes with the line: off the legend where the chapter's time leaves it off the map.
    rows += [("storymap-dashes", places[parallel.place].name, f"storymap-place-{parallel.place}") for parallel in story.map.parallels]
    return tuple(rows)


def always_drawn(story: Story, gazetteer: Mapping[str, Place], index: int | None = None) -> list[str]:
    """What the chapter's map (every chapter's, when index is None) draws besides its own places,
    in words, from what is drawn."""
    absent = set(left_off(story, index)) if index is not None else {slug for slug, _ in story.map.drawn_from}
    names = (gazetteer[parallel.place].name for parallel in story.map.parallels if parallel.place not in absent)
    drawn = [name if name.lower().startswith("the ") else f"the {name}" for name in names]
    lines_drawn = drawn_as_line(story)
    keys = [gazetteer[slug].name for slug in key_place_slugs(story) if slug not in lines_drawn and slug not in absent]
    if keys:
        drawn.append(f"the key place{'s' if len(keys) > 1 else ''} ({_join(keys)})")
    if story.map.region:
        drawn.append("rivers, lakes and the names of towns, seas and countries (GeoNames, GSHHG, Natural Earth)")
    drawn.append("land from Natural Earth")
    return drawn


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def active_layers(story: Story, index: int) -> list[HistoricalLayer]:
    """The historical layers the chapter's date calls for."""
    layers = story_layers(story)
    wanted = set(active_layer_ids(layers, chapter_span(story, index)))
    return [layer for layer in layers if layer.id in wanted]


def drawn_on_map(story: Story, index: int, gazetteer: Mapping[str, Place]) -> list[str]:
    """What the chapter's map draws besides its places, in words, for the text alternative."""
    return [*(f"{layer.name} ({layer.dates_label()})" for layer in active_layers(story, index)), *always_drawn(story, gazetteer, index)]


def out_of_time(story: Story, index: int) -> list[str]:
    """The classes of the features the chapter's layers have for other days than the chapter's
    (the January 1951 offensive on a chapter of October 1950), which its map leaves off."""
    span = chapter_span(story, index)
    return [feature_class(layer.id, i) for layer in active_layers(story, index) if not layer.timeline for i in layer.features_out_of_time(span)]


def _last_day(story: Story, index: int) -> str | None:
    """The last day of the chapter's time (YYYY-MM-DD), by which the base map dates its names."""
    span = chapter_span(story, index)
    return span[1].isoformat() if span else None


def chapter_layer(story: Story, index: int, gazetteer: Mapping[str, Place], register: bool = False) -> folium.FeatureGroup:
    """The chapter's places ringed and labelled, and the move to its view. A line (a parallel) is
    labelled where it is drawn, so it gets no ring. In the browser a label that would overlap
    another or the map's controls moves to another side of its place, or hides with its ring.

    register=True files the chapter for a page that switches chapters itself (hidden until then)."""
    chapter = story.chapters[index]
    group = folium.FeatureGroup(name="This chapter", control=False, show=not register)
    keys = set(key_place_slugs(story))
    lines_drawn = drawn_as_line(story)
    # Key places first: when labels must give way, the others do.
    ringed = sorted((slug for slug in chapter.places if slug not in lines_drawn), key=lambda slug: slug not in keys)
    for slug in ringed:
        place = gazetteer[slug]
        ring = folium.CircleMarker(
            location=place.location,
            radius=HIGHLIGHT_STYLE["radius"],
            color=HIGHLIGHT_STYLE["color"],
            weight=HIGHLIGHT_STYLE["weight"],
            fill=False,
            class_name=f"storymap-highlight storymap-highlight-{slug}",
            tooltip=folium.Tooltip(place_short_label(place), permanent=True, direction="right", offset=(10, 0), class_name="storymap-label"),
        )
        non_interactive(ring).add_to(group)
    if drawing := dated_layers.chapter_drawing(story_layers(story), chapter_span(story, index)):
        drawing.add_to(group)  # its front, who held what and its events, sent with the base map
    if war_play.fronts_layer(story_layers(story)):
        war_play.ChapterDay(*war_play.chapter_play_span(story, index, story_layers(story))).add_to(group)
    layer_ids = [layer.id for layer in active_layers(story, index)]
    # The places the view must show (or point to, when far): the runtime frames them clear of the controls.
    shown = [gazetteer[slug] for slug in chapter.places if slug not in lines_drawn]
    view = {**chapter_view(chapter, gazetteer), "places": [list(place.location) for place in shown], "names": [place.name for place in shown],
            "absent": list(left_off(story, index)), "day": _last_day(story, index), "outOfTime": out_of_time(story, index)}
    ChapterView(view, layer_ids, register_as=chapter.id if register else None).add_to(group)
    return group

"""Build the story map from small named pieces: base geography, place markers, chapter layer.

The base map depends on the story, never on the chapter, so streamlit-folium keeps the same
Leaflet map across chapter changes; each chapter arrives as one feature group.
"""

from __future__ import annotations

from typing import Mapping

import folium
import folium.plugins
import shapely.geometry

from geo import dated_layers, land, lines, war_play
from geo.assets import localize_assets
from geo.history import HistoricalLayer, active_layer_ids, arrowheads, story_layers
from geo.map_script import ChapterView, Legend, RegisterLayer, StoryMapRuntime
from geo.places import Place, distance_km
from geo.popups import place_popup, place_short_label, place_tooltip, safe_html
from geo.views import chapter_view
from story.model import Story
from story.navigation import chapters_about, leg_into, route_stops
from story.timeline import chapter_span

START_LOCATION = (38.0, 127.5)
START_ZOOM = 6
MAP_HEIGHT = 560

# Fills only: clipped polygons would stroke the clip box's edges across the sea.
KOREA_FILL = {"className": "storymap-land", "fillColor": "#f2ebda", "fillOpacity": 1.0, "stroke": False}
NEIGHBOUR_FILL = {**KOREA_FILL, "fillColor": "#e2ddd2"}
KOREA_CODES = ("KOR", "PRK")
KEY_PLACE_STYLE = {"radius": 7, "color": "#7a1f1f", "fill_color": "#b23a3a", "weight": 2}
OTHER_PLACE_STYLE = {"radius": 5, "color": "#3d4f66", "fill_color": "#6b84a3", "weight": 1.5}
HIGHLIGHT_STYLE = {"radius": 14, "color": "#d35400", "weight": 3}
MAX_LABELLED_PLACES = 4  # more permanent labels than this overlap on a peninsula-wide view
PARALLEL_STYLE = {"className": "storymap-parallel", "color": "#7a1f1f", "weight": 2.5, "dashArray": "8 6"}
ROUTE_STYLE = {"color": "#5d6d7e", "weight": 2, "opacity": 0.45, "dash_array": "2 6"}
LEG_STYLE = {"color": "#d35400", "weight": 4, "opacity": 0.85}
FAR_LEG_KM = 3000  # Hong Kong-Busan (about 2,000 km) is drawn; Korea-Washington is not

# Web basemaps for readers who are online; the plain land map needs nothing from outside.
OFFLINE_BASE_NAME = "Plain map (works offline)"
WEB_BASEMAPS = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("OpenTopoMap", "OpenTopoMap terrain (online)"),
    ("Esri.WorldImagery", "Esri satellite imagery (online)"),
)


def non_interactive(layer):
    """Folium drops Leaflet's `interactive` option; without it a decoration swallows clicks."""
    layer.options["interactive"] = False
    return layer


def story_places(story: Story, gazetteer: Mapping[str, Place]) -> dict[str, Place]:
    """The five key places plus every place a chapter names, key places first."""
    named = {slug for chapter in story.chapters for slug in chapter.places}
    ordered = sorted(gazetteer.values(), key=lambda place: not place.key)
    return {place.slug: place for place in ordered if place.key or place.slug in named}


def land_layer() -> folium.FeatureGroup:
    """Coarse world land under the detailed region, so the map reads with no tiles at all."""
    group = folium.FeatureGroup(name=OFFLINE_BASE_NAME, overlay=False)
    for gdf, name in ((land.load_world(), "world"), (land.load_land(), "region")):
        folium.GeoJson(
            gdf[["name", "iso_a3", "geometry"]].to_json(),
            name=f"Land ({name})",
            style_function=lambda feature: KOREA_FILL if feature["properties"]["iso_a3"] in KOREA_CODES else NEIGHBOUR_FILL,
            interactive=False,
            control=False,
        ).add_to(group)
    return group


def web_basemaps() -> list[folium.TileLayer]:
    return [folium.TileLayer(tiles, name=name, show=False, overlay=False) for tiles, name in WEB_BASEMAPS]


def parallel_layer(parallel, place: Place) -> folium.GeoJson:
    """The line itself; its tooltip is the place's, so clicking it acts like the marker."""
    row = parallel.iloc[0]
    popup = (
        f"<strong>38th parallel</strong><br>{safe_html(f'{parallel.length_km.sum():.0f} km across the peninsula')}"
        f"<br><small>{safe_html(row.source)}. {safe_html(row.accuracy)}</small>"
    )
    return folium.GeoJson(
        parallel[["geometry"]].to_json(),
        name="38th parallel",
        style_function=lambda _feature: PARALLEL_STYLE,
        popup=folium.Popup(popup, max_width=280),
        tooltip=folium.Tooltip(place_tooltip(place)),
    )


def place_markers(story: Story, places: Mapping[str, Place]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Places")
    # Key places last, so they draw on top where markers overlap.
    for place in sorted(places.values(), key=lambda place: place.key):
        style = KEY_PLACE_STYLE if place.key else OTHER_PLACE_STYLE
        titles = [chapter.title for chapter in chapters_about(story, place.slug)]
        folium.CircleMarker(
            location=place.location,
            radius=style["radius"],
            color=style["color"],
            weight=style["weight"],
            fill=True,
            fill_color=style["fill_color"],
            fill_opacity=0.95,
            tooltip=folium.Tooltip(place_tooltip(place)),
            popup=folium.Popup(place_popup(place, titles), max_width=300),
            class_name=f"storymap-place storymap-place-{place.slug}",
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


def route_layer(story: Story, gazetteer: Mapping[str, Place]) -> folium.FeatureGroup:
    """A faint line joining the chapters' places in story order."""
    group = folium.FeatureGroup(name="Story route")
    runs = near_legs([gazetteer[slug].location for _, slug in route_stops(story)])
    if runs:
        non_interactive(folium.PolyLine(runs, class_name="storymap-route", **ROUTE_STYLE)).add_to(group)
    return group


def _feature_popup(layer: HistoricalLayer, row) -> str:
    measures = []
    if "length_km" in row and row.length_km == row.length_km:  # NaN-safe: only derived lines have it
        measures.append(f"{row.length_km:.0f} km long")
    if "area_km2" in row and row.area_km2 == row.area_km2:
        measures.append(f"{row.area_km2:.0f} km²")
    parts = [
        f"<strong>{safe_html(row.label)}</strong>",
        safe_html(f"{layer.name}, {layer.dates_label()}"),
        safe_html(layer.description),
    ]
    if measures:
        parts.append(safe_html("Computed: " + ", ".join(measures)))
    parts.append(f"<small>Source: {safe_html(row.source)}. {safe_html(row.accuracy)}</small>")
    return '<div class="storymap-popup">' + "<br>".join(parts) + "</div>"


def historical_layer(layer: HistoricalLayer) -> folium.FeatureGroup:
    """One layer's lines, arrows (with heads) or areas, hidden until a chapter's date calls for it."""
    group = folium.FeatureGroup(name=f"{layer.name} ({layer.dates_label()})", show=False)
    line_style = {"className": f"storymap-history storymap-history-{layer.id}", "color": layer.color, "weight": 4, "opacity": 0.9}
    head_style = {**line_style, "weight": 1, "fillColor": layer.color, "fillOpacity": 0.9}
    area_style = {**line_style, "weight": 1, "fillColor": layer.color, "fillOpacity": 0.35}
    features = layer.features
    for index, row in features.iterrows():
        style = area_style if row.kind == "area" else line_style
        shapes = [row.geometry]
        if row.kind == "arrow":
            shapes.append(arrowheads(features.loc[[index]]).iloc[0])
        for shape in shapes:
            folium.GeoJson(
                shapely.geometry.mapping(shape),
                style_function=lambda _f, style=(head_style if shape.geom_type == "Polygon" and row.kind == "arrow" else style): style,
                tooltip=folium.Tooltip(safe_html(f"{row.label} ({layer.dates_label()})")),
                popup=folium.Popup(_feature_popup(layer, row), max_width=320),
            ).add_to(group)
    RegisterLayer(layer.id).add_to(group)
    return group


def base_map(story: Story, gazetteer: Mapping[str, Place], asset_prefix: str) -> folium.Map:
    """Everything that stays the same from chapter to chapter."""
    m = folium.Map(
        location=START_LOCATION,
        zoom_start=START_ZOOM,
        tiles=None,
        min_zoom=2,
        max_zoom=18,
        control_scale=True,
        world_copy_jump=True,
        zoom_snap=0.25,  # fitted views frame their places closely, not at the next whole zoom
    )
    land_layer().add_to(m)
    for tiles in web_basemaps():
        tiles.add_to(m)
    for layer in story_layers(story):
        for item in dated_layers.base_items(layer) if layer.timeline else [historical_layer(layer)]:
            item.add_to(m)
    route_layer(story, gazetteer).add_to(m)
    if "parallel-38" in gazetteer:
        parallel_layer(lines.parallel_38(land.load_land()), gazetteer["parallel-38"]).add_to(m)
    place_markers(story, story_places(story, gazetteer)).add_to(m)
    folium.plugins.Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen").add_to(m)
    StoryMapRuntime().add_to(m)
    if fronts_layer := war_play.fronts_layer(story_layers(story)):
        war_play.WarPlay(war_play.play_config(fronts_layer)).add_to(m)
    Legend(LEGEND_ROWS, tuple((layer.id, layer.color, layer.legend) for layer in story_layers(story))).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return localize_assets(m, asset_prefix)


# What every chapter's map draws besides its own places, for the text alternative.
ALWAYS_DRAWN = ("the 38th parallel", "the five key places", "the route of the story", "land from Natural Earth")

LEGEND_ROWS = (
    ("storymap-key-dot", "Key place"),
    ("storymap-place-dot", "Other place in the story"),
    ("storymap-ring", "This chapter's places"),
    ("storymap-dashes", "38th parallel"),
    ("storymap-route", "Route of the story; this chapter's leg in orange"),
)


def active_layers(story: Story, index: int) -> list[HistoricalLayer]:
    """The historical layers the chapter's date calls for."""
    layers = story_layers(story)
    wanted = set(active_layer_ids(layers, chapter_span(story, index)))
    return [layer for layer in layers if layer.id in wanted]


def drawn_on_map(story: Story, index: int) -> list[str]:
    """What the chapter's map draws besides its places, in words, for the text alternative."""
    return [*(f"{layer.name} ({layer.dates_label()})" for layer in active_layers(story, index)), *ALWAYS_DRAWN]


def chapter_layer(story: Story, index: int, gazetteer: Mapping[str, Place], register: bool = False) -> folium.FeatureGroup:
    """The chapter's places ringed (and labelled when few enough to read), its leg, and the move to its view.

    register=True files the chapter for a page that switches chapters itself (hidden until then)."""
    chapter = story.chapters[index]
    group = folium.FeatureGroup(name="This chapter", control=False, show=not register)
    if leg := leg_into(story, index):
        for run in near_legs([gazetteer[slug].location for slug in leg]):
            non_interactive(folium.PolyLine(run, class_name="storymap-leg", **LEG_STYLE)).add_to(group)
    labelled = len(chapter.places) <= MAX_LABELLED_PLACES
    for slug in chapter.places:
        place = gazetteer[slug]
        ring = folium.CircleMarker(
            location=place.location,
            radius=HIGHLIGHT_STYLE["radius"] if labelled else HIGHLIGHT_STYLE["radius"] - 4,
            color=HIGHLIGHT_STYLE["color"],
            weight=HIGHLIGHT_STYLE["weight"],
            fill=False,
            class_name="storymap-highlight",
            tooltip=folium.Tooltip(place_short_label(place), permanent=True, direction="right", offset=(8, 0), class_name="storymap-label") if labelled else None,
        )
        non_interactive(ring).add_to(group)
    for item in dated_layers.chapter_items(story_layers(story), chapter_span(story, index), gazetteer):
        item.add_to(group)
    if war_play.fronts_layer(story_layers(story)):
        war_play.ChapterDay(*war_play.chapter_play_span(story, index, story_layers(story))).add_to(group)
    layer_ids = [layer.id for layer in active_layers(story, index)]
    ChapterView(chapter_view(chapter, gazetteer), layer_ids, register_as=chapter.id if register else None).add_to(group)
    return group

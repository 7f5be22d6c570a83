"""Draw a story's dated layers for one chapter: the front on the chapter's day with the land each
side held, the events its days cover, and who held the watched places.

The data (geo.fronts, geo.events) says what and where; this module only turns it into Folium
objects, escaped through geo.popups.safe_html.
"""

from __future__ import annotations

import datetime as dt
import json

import folium
import shapely

from geo import fronts
from geo.map_script import RegisterLayer
from geo.popups import safe_html

UN_FILL = {"className": "storymap-held storymap-held-right", "stroke": False, "fillColor": "#2e6da4", "fillOpacity": 0.13}
OTHER_FILL = {"className": "storymap-held storymap-held-left", "stroke": False, "fillColor": "#b03a2e", "fillOpacity": 0.13}
AREA_TOLERANCE_M = 1500  # the shading is a wash under the line; a 1.5 km simplification cannot be seen
LINE_TOLERANCE_DEG = 0.0005  # about 50 m: far below the fronts' accuracy of kilometres
EVENT_STYLE = {"radius": 6, "color": "#4a2300", "weight": 1.5, "fill_color": "#e59866"}
EVENTS_PANE = "storymap-events"  # under the place markers (overlayPane is 400), so a town's marker stays clickable
EVENTS_PANE_Z = 390


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def chapter_day(span: tuple[dt.date, dt.date] | None, series: fronts.FrontSeries) -> dt.date | None:
    """The day whose front a chapter shows: the first day of its span within the fronts' dates."""
    if span is None or span[1] < series.first or span[0] > series.last:
        return None
    return max(span[0], series.first)


def _rounded(geom) -> dict:
    return json.loads(shapely.to_geojson(shapely.set_precision(geom, 0.0001)))


def share_text(series: fronts.FrontSeries, areas: fronts.HeldAreas) -> str:
    return (
        f"{series.right_side}: {areas.un_km2:,.0f} km² ({areas.un_share:.0%}); "
        f"{series.left_side}: {areas.communist_km2:,.0f} km² ({1 - areas.un_share:.0%})"
    )


def front_items(layer, day: dt.date, front: fronts.Front, areas: fronts.HeldAreas) -> list:
    """The front line on `day` (`front`, splitting the land into `areas`), with its popup. The
    land each side held is shaded by the play control (static/war-play.js), which has every
    chapter day's areas from the base map."""
    series = layer.series
    feature = front.feature()
    what = "interpolated between two snapshots" if front.interpolated else "snapshot"
    popup = "<br>".join(
        [
            f"<strong>{safe_html(f'Front line, {_long(day)}')}</strong> ({safe_html(what)})",
            safe_html(feature["properties"]["label"]),
            safe_html(share_text(series, areas)),
            f"<small>Sources: {safe_html(' | '.join(front.sources))}. {safe_html(feature['properties']['accuracy'])}</small>",
        ]
    )
    style = {"className": f"storymap-history storymap-front storymap-history-{layer.id}", "color": layer.color, "weight": 4, "opacity": 0.95}
    if front.interpolated:
        style["dashArray"] = "10 5"
    # An interpolated front is resampled densely; points on a straight run add bytes, not shape.
    line = shapely.simplify(front.geometry, LINE_TOLERANCE_DEG)
    return [
        folium.GeoJson(
            _rounded(line),
            style_function=lambda _f: style,
            tooltip=folium.Tooltip(safe_html(f"Front line, {_long(day)}" + (" (interpolated)" if front.interpolated else ""))),
            popup=folium.Popup('<div class="storymap-popup">' + popup + "</div>", max_width=340),
        )
    ]


def held_by(layer, front: fronts.Front) -> fronts.HeldAreas:
    """The land the layer's fronts divide, split along `front`."""
    return fronts.held_areas(front, fronts.land_metric(layer.series.land_codes))


def held_on(layer, day: dt.date) -> fronts.HeldAreas:
    return held_by(layer, fronts.front_on(layer.series, day))


def holder_of(layer, areas: fronts.HeldAreas, lon: float, lat: float) -> str | None:
    """Who held the point, by the side of the front it lay on."""
    series = layer.series
    point = shapely.Point(fronts._TO_METRIC.transform(lon, lat))
    if areas.un.contains(point):
        return series.right_side
    if areas.communist.contains(point):
        return series.left_side
    return None


def event_items(layer, span: tuple[dt.date, dt.date]) -> list:
    """A marker for every event the span covers."""
    items = []
    for event in layer.series:
        if not event.overlaps(*span):
            continue
        popup = "<br>".join(
            [
                f"<strong>{safe_html(event.label)}</strong>",
                safe_html(event.dates_label()),
                safe_html(event.description),
                f"<small>Source: {safe_html(event.source)}. {safe_html(event.accuracy)}</small>",
            ]
        )
        marker = folium.CircleMarker(
            location=(event.lat, event.lon),
            radius=EVENT_STYLE["radius"],
            color=EVENT_STYLE["color"],
            weight=EVENT_STYLE["weight"],
            fill=True,
            fill_color=EVENT_STYLE["fill_color"],
            fill_opacity=0.95,
            tooltip=folium.Tooltip(safe_html(f"{event.label} ({event.dates_label()})")),
            popup=folium.Popup('<div class="storymap-popup">' + popup + "</div>", max_width=320),
            class_name=f"storymap-event storymap-event-{event.id}",
        )
        marker.options["pane"] = EVENTS_PANE  # folium drops a `pane` argument; Leaflet reads the option
        items.append(marker)
    return items


def base_items(layer) -> list:
    """What a dated layer puts on the base map: an empty group under the layer's id, so the
    legend and the chapter switch treat it like any other layer (its drawing comes with each
    chapter), and for events the pane their markers go in."""
    group = folium.FeatureGroup(name=layer.name, show=False, control=False)
    RegisterLayer(layer.id).add_to(group)
    if layer.timeline == "events":
        return [folium.map.CustomPane(EVENTS_PANE, z_index=EVENTS_PANE_Z, pointer_events=True), group]
    return [group]


def watched_labels(layer, areas: fronts.HeldAreas, gazetteer) -> list:
    """For each place the fronts file watches, a label saying who held it on the areas' day."""
    items = []
    for slug in layer.series.watch:
        place = gazetteer.get(slug)
        holder = place and holder_of(layer, areas, place.location[1], place.location[0])
        if holder:
            marker = folium.CircleMarker(location=place.location, radius=1, opacity=0, fill=False, interactive=False,
                                         class_name="storymap-holder")
            marker.options["interactive"] = False
            folium.Tooltip(safe_html(f"{place.name}: held by {holder}"), permanent=True, direction="left",
                           offset=(-8, 0), class_name="storymap-label storymap-holder-label").add_to(marker)
            items.append(marker)
    return items


def chapter_items(layers, span: tuple[dt.date, dt.date] | None, gazetteer) -> list:
    """Everything the story's dated layers draw for a chapter with this span of days."""
    items = []
    for layer in layers:
        if span is None or not layer.active(span):
            continue
        if layer.timeline == "fronts" and (day := chapter_day(span, layer.series)):
            front = fronts.front_on(layer.series, day)  # once: for its line and for the land it splits
            areas = held_by(layer, front)
            items += front_items(layer, day, front, areas) + watched_labels(layer, areas, gazetteer)
        elif layer.timeline == "events":
            items += event_items(layer, span)
    return items

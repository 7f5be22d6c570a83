"""Draw a story's dated layers: the front on each chapter's day, who held the watched places
then, and the events. They are shared drawings (geo.shared_drawings): made once per story and sent
with the base map; a chapter names the front of its day and the events its days cover.

The data (geo.fronts, geo.events) says what and where; this module only turns it into shapes,
their text escaped through geo.popups.safe_html.
"""

from __future__ import annotations

import datetime as dt
import folium
import shapely

from geo import fronts
from geo.map_script import RegisterLayer
from geo.popups import safe_html
from geo.shared_drawings import DrawShared, label_shape, line_shape, point_shape

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


def share_text(series: fronts.FrontSeries, areas: fronts.HeldAreas) -> str:
    percent = round(areas.un_share * 100)  # the other side's is what is left, so the two make 100
    return (
        f"{series.right_side}: {areas.un_km2:,.0f} km² ({percent}%); "
        f"{series.left_side}: {areas.communist_km2:,.0f} km² ({100 - percent}%)"
    )


def front_shape(layer, day: dt.date, front: fronts.Front, areas: fronts.HeldAreas) -> dict:
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
    return line_shape(
        [part.coords for part in shapely.get_parts(line)],
        style,
        tooltip=safe_html(f"Front line, {_long(day)}" + (" (interpolated)" if front.interpolated else "")),
        popup='<div class="storymap-popup">' + popup + "</div>",
        popup_width=340,
    )


def held_by(layer, front: fronts.Front) -> fronts.HeldAreas:
    """The land the layer's fronts divide, split along `front`."""
    return fronts.held_areas(front, fronts.land_metric(layer.series.land_codes))


def held_on(layer, day: dt.date) -> fronts.HeldAreas:
    return held_by(layer, fronts.front_on(layer.series, day))


def fronts_on_days(layer, days) -> dict[dt.date, tuple[fronts.Front, fronts.HeldAreas]]:
    """For each day, the front and the land it splits: computed once per story, for the
    chapters' drawings and the play control's shading alike."""
    found = {}
    for day in sorted(set(days)):
        front = fronts.front_on(layer.series, day)
        found[day] = (front, held_by(layer, front))
    return found


def holder_of(layer, areas: fronts.HeldAreas, lon: float, lat: float) -> str | None:
    """Who held the point, by the side of the front it lay on."""
    series = layer.series
    point = shapely.Point(fronts._TO_METRIC.transform(lon, lat))
    if areas.un.contains(point):
        return series.right_side
    if areas.communist.contains(point):
        return series.left_side
    return None


def event_shape(event) -> dict:
    """An event's marker, with its dates, description and source."""
    popup = "<br>".join(
        [
            f"<strong>{safe_html(event.label)}</strong>",
            safe_html(event.dates_label()),
            safe_html(event.description),
            f"<small>Source: {safe_html(event.source)}. {safe_html(event.accuracy)}</small>",
        ]
    )
    style = {"radius": EVENT_STYLE["radius"], "color": EVENT_STYLE["color"], "weight": EVENT_STYLE["weight"], "fill": True,
             "fillColor": EVENT_STYLE["fill_color"], "fillOpacity": 0.95, "className": f"storymap-event storymap-event-{event.id}",
             "pane": EVENTS_PANE}
    return point_shape(event.lat, event.lon, style, tooltip=safe_html(f"{event.label} ({event.dates_label()})"),
                       popup='<div class="storymap-popup">' + popup + "</div>", popup_width=320)


def base_items(layer) -> list:
    """What a dated layer puts on the base map: an empty group under the layer's id, so the
    legend and the chapter switch treat it like any other layer (its drawing comes with each
    chapter), and for events the pane their markers go in."""
    group = folium.FeatureGroup(name=layer.name, show=False, control=False)
    RegisterLayer(layer.id).add_to(group)
    if layer.timeline == "events":
        return [folium.map.CustomPane(EVENTS_PANE, z_index=EVENTS_PANE_Z, pointer_events=True), group]
    return [group]


def holder_shapes(layer, areas: fronts.HeldAreas, gazetteer) -> list[dict]:
    """For each place the fronts file watches, a label saying who held it on the areas' day."""
    shapes = []
    for slug in layer.series.watch:
        place = gazetteer.get(slug)
        holder = place and holder_of(layer, areas, place.location[1], place.location[0])
        if holder:
            shapes.append(label_shape(place.location[0], place.location[1], safe_html(f"{place.name}: held by {holder}"),
                                      "storymap-label storymap-holder-label", "storymap-holder", "left", (-8, 0)))
    return shapes


def _front_key(layer, day: dt.date) -> str:
    return f"{layer.id}@{day.isoformat()}"


def _event_key(layer, event) -> str:
    return f"{layer.id}/{event.id}"


def shared_drawings(layers, spans, gazetteer, days_fronts) -> dict[str, list[dict]]:
    """Every drawing the story's dated layers make for its chapters (spans: each chapter's span
    of days, or None), by key; days_fronts: fronts_on_days for the fronts layer's chapter days."""
    drawings: dict[str, list[dict]] = {}
    for layer in layers:
        if layer.timeline == "fronts":
            for span in spans:
                if span is None or not layer.active(span) or (day := chapter_day(span, layer.series)) is None:
                    continue
                front, areas = days_fronts[day] if day in days_fronts else fronts_on_days(layer, [day])[day]
                drawings[_front_key(layer, day)] = [front_shape(layer, day, front, areas), *holder_shapes(layer, areas, gazetteer)]
        elif layer.timeline == "events":
            for event in layer.series:
                drawings[_event_key(layer, event)] = [event_shape(event)]
    return drawings


def chapter_keys(layers, span: tuple[dt.date, dt.date] | None) -> list[str]:
    """The shared drawings a chapter with this span of days shows."""
    keys = []
    for layer in layers:
        if span is None or not layer.active(span):
            continue
        if layer.timeline == "fronts" and (day := chapter_day(span, layer.series)):
            keys.append(_front_key(layer, day))
        elif layer.timeline == "events":
            keys += [_event_key(layer, event) for event in layer.series if event.overlaps(*span)]
    return keys


def chapter_drawing(layers, span: tuple[dt.date, dt.date] | None) -> DrawShared | None:
    """The element that draws a chapter's dated layers into its group, or None when it has none."""
    keys = chapter_keys(layers, span)
    return DrawShared(keys) if keys else None

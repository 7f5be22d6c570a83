"""A text alternative to the map: what it shows for a chapter, in a sentence or two."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from geo.places import distance_km

from story.places import Place
from geo.story_places import story_places
from geo.views import chapter_view
from story.model import Story

# Assumed map width for describing a center-and-zoom view; Web Mercator tiles are 256 px.
MAP_WIDTH_PX = 640
EARTH_CIRCUMFERENCE_KM = 40_075


def _join(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def view_bounds(view: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    """The view's box; for center and zoom, the box a square map MAP_WIDTH_PX wide would show."""
    if "bounds" in view:
        (south, west), (north, east) = view["bounds"]
        return (south, west), (north, east)
    lat, lon = view["center"]
    half_lon = MAP_WIDTH_PX / 2 * 360 / (256 * 2 ** view["zoom"])
    half_lat = half_lon * math.cos(math.radians(lat))
    return (lat - half_lat, lon - half_lon), (lat + half_lat, lon + half_lon)


def view_width_km(view: dict) -> float:
    (south, west), (north, east) = view_bounds(view)
    return (east - west) / 360 * EARTH_CIRCUMFERENCE_KM * math.cos(math.radians((south + north) / 2))


def _inside(place: Place, bounds) -> bool:
    (south, west), (north, east) = bounds
    return south <= place.lat <= north and west <= place.lon <= east


def _nearest(places: Sequence[Place], lat: float, lon: float) -> Place:
    return min(places, key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * math.cos(math.radians(lat))) ** 2)


def _rounded(km: float) -> str:
    digits = max(0, len(str(int(km))) - 2)
    return f"{round(km, -digits):,.0f}"


def _spoken_name(place: Place) -> str:
    details = [place.hangul or "", f"then {place.old_spelling}" if place.old_spelling else ""]
    details = ", ".join(detail for detail in details if detail)
    return f"{place.name} ({details})" if details else place.name


def describe_map(story: Story, index: int, gazetteer: Mapping[str, Place], shown: Sequence[str]) -> str:
    """E.g. 'The map is framed on an area about 60 km across, marking Incheon (인천, then Inchon) ...'
    (the framed area: a wide window shows more around it)."""
    chapter = story.chapters[index]
    view = chapter_view(chapter, gazetteer)
    bounds = view_bounds(view)
    (south, west), (north, east) = bounds
    width = view_width_km(view)
    text = f"The map is framed on an area about {_rounded(width)} km across"
    # Name the nearest of the story's towns (not a line, which has no centre) if it is near.
    towns = [place for place in story_places(story, gazetteer).values() if place.kind != "line"]
    centre = _nearest(towns, (south + north) / 2, (west + east) / 2) if towns else None
    if centre is not None and distance_km(centre.location, ((south + north) / 2, (west + east) / 2)) < width / 4:
        text += f", centred near {centre.name}"
    marked = [gazetteer[slug] for slug in chapter.places if _inside(gazetteer[slug], bounds)]
    if marked:
        text += f", marking {_join([_spoken_name(place) for place in marked])}"
    text += "."
    elsewhere = [gazetteer[slug].name for slug in chapter.places if not _inside(gazetteer[slug], bounds)]
    if elsewhere:
        text += f" {_join(elsewhere)}, also in this chapter, {'lies' if len(elsewhere) == 1 else 'lie'} outside this view."
    if shown:
        text += f" Also drawn: {_join(list(shown))}."
    return text

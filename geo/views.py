"""What part of the map a chapter shows, as a plain dict the browser code understands."""

from __future__ import annotations

from typing import Iterable, Mapping

from story.places import Place
from story.model import Chapter, View

SINGLE_PLACE_ZOOM = 10
# Pad a fitted box so a place never sits on the map's edge.
FIT_MARGIN_DEGREES = 0.05


def bounds_of(points: Iterable[tuple[float, float]], margin: float = 0.0) -> list[list[float]]:
    lats, lons = zip(*points)
    return [[min(lats) - margin, min(lons) - margin], [max(lats) + margin, max(lons) + margin]]


def view_dict(view: View) -> dict:
    """{'center': [lat, lon], 'zoom': z} or {'bounds': [[s, w], [n, e]]}."""
    if view.bounds is not None:
        return {"bounds": [list(view.bounds[0]), list(view.bounds[1])]}
    return {"center": list(view.center), "zoom": view.zoom}


def chapter_view(chapter: Chapter, places: Mapping[str, Place]) -> dict:
    """The chapter's own view, else one fitting its places; as view_dict."""
    if chapter.view is not None:
        return view_dict(chapter.view)
    points = [places[slug].location for slug in chapter.places]
    if len(points) == 1:
        return {"center": list(points[0]), "zoom": SINGLE_PLACE_ZOOM}
    return {"bounds": bounds_of(points, FIT_MARGIN_DEGREES)}


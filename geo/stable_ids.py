"""Folium names every element with a random id, so the same map renders to different JavaScript
in every process. Numbering the elements instead makes a story's map script the same text each
time: the published file keeps its address across server restarts (browsers keep their cached
copy, a reconnecting page keeps its map) and no new copy piles up in the published folder."""

from __future__ import annotations

import re
from collections import OrderedDict

import folium

# Elements a folium element holds outside its children (a Figure's parts, a Popup's html).
_HELD = ("header", "html", "script")


def _tree(element: folium.Element, seen: set[int]):
    if id(element) in seen:
        return
    seen.add(id(element))
    yield element
    for attribute in _HELD:
        held = getattr(element, attribute, None)
        if isinstance(held, folium.Element):
            yield from _tree(held, seen)
    for child in list(getattr(element, "_children", {}).values()):
        yield from _tree(child, seen)


def number_elements(root: folium.Element, prefix: str) -> None:
    """Give every element under `root` the id `<prefix>n<number>` in tree order (before rendering).
    Parents list children under their old names; those keys are renamed too, since templates
    use them as variable names. Different prefixes keep separately rendered trees apart.
    Ids are lowercase letters and digits only, as folium's are: streamlit-folium rewrites
    variable names by matching `_<id>` and would split an id at an underscore."""
    if not re.fullmatch(r"[a-z][a-z0-9]*", prefix):
        raise ValueError(f"an id prefix is lowercase letters and digits: {prefix!r}")
    elements = list(_tree(root, set()))
    old_names = {id(element): element.get_name() for element in elements}
    for number, element in enumerate(elements):
        element._id = f"{prefix}n{number}"
    for element in elements:
        children = getattr(element, "_children", None)
        if children:
            element._children = OrderedDict(
                (child.get_name() if key == old_names.get(id(child)) else key, child) for key, child in children.items()
            )

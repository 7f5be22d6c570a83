"""Render the story map for a static page: the base map plus every chapter filed for switching."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from geo.assets import map_assets
from geo.map_builder import base_map, chapter_layer
from story.places import Place
from story.model import Story

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class ExportedMap:
    scripts: tuple[str, ...]  # local JavaScript files, in load order
    stylesheets: tuple[str, ...]  # local CSS files
    body: str  # the map's <div>
    script: str  # everything folium would inline, for a file of its own (strict CSP: no inline script)
    map_name: str  # the JavaScript variable holding the Leaflet map


def render_map(story: Story, places: Mapping[str, Place], asset_prefix: str) -> ExportedMap:
    m = base_map(story, places, asset_prefix)
    for index in range(len(story.chapters)):
        chapter_layer(story, index, places, register=True).add_to(m)
    figure = m.get_root()
    figure.render()
    # Folium's head also sets full-page sizes and a zoom-blocking viewport meant for a map-only
    # page; the export page lays itself out, so only the inline code is kept, and the asset
    # links are the ones the app's component loads (geo.assets.map_assets).
    head = figure.header.render()
    script = "\n".join(_INLINE_SCRIPT.findall(head)) + "\n" + figure.script.render()
    stylesheets, scripts = map_assets(m)
    return ExportedMap(
        scripts=scripts,
        stylesheets=stylesheets,
        body=figure.html.render().strip(),
        script=script,
        map_name=m.get_name(),
    )

"""A story's own layer is data: its text reaches the map escaped, its file is read by our JSON parser."""

from __future__ import annotations

import json
import re

import pytest

from geo.history import layer_ids
from geo.map_builder import base_map
from hostile import META_REFRESH, PAYLOAD, layer_story
from story.loader import load_story
from story.problems import StoryError


def _rendered_map(story, gazetteer) -> str:
    m = base_map(story, {**gazetteer, **story.places}, "/app/static/")
    return m.get_root().render()


def test_layer_name_and_legend_reach_the_map_escaped(tmp_path, gazetteer):
    story = load_story(layer_story(tmp_path), gazetteer, layer_ids())
    page = _rendered_map(story, gazetteer)
    # The layer control inserts names as HTML; the legend and popups too. No raw markup survives.
    for raw in (PAYLOAD, META_REFRESH, "<img src=x", "<meta http-equiv=\"refresh", "onerror=alert(1)>", "${alert"):
        assert raw not in page
    assert "Ferry &lt;img src=x onerror=alert(1)&gt;" in page
    # Leaflet's layer control takes each name as HTML; folium passes them as JSON strings.
    control = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.DOTALL).group(1)
    names = [json.loads(name) for name in re.findall(r'("(?:[^"\\]|\\.)*")\s*:', control)]
    ferry = [name for name in names if name.startswith("Ferry")]
    assert ferry == ["Ferry &lt;img src=x onerror=alert(1)&gt; (since 1 September 1950)"]

"""The map's script is the same text in every process: element ids are numbered, not random."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import folium

from geo.stable_ids import number_elements

ROOT = Path(__file__).resolve().parents[1]

RENDER_BASE = """
import hashlib
from geo.history import layer_ids
from geo.map_builder import base_map, chapter_layer
from geo.places import load_gazetteer
from story.loader import DEFAULT_STORY_PATH, load_story
from ui.map_component import render_base, render_feature_group
from geo.references import builtin_references
gazetteer = load_gazetteer()
story = load_story(DEFAULT_STORY_PATH, builtin_references())
places = {**gazetteer, **story.places}
base = render_base(base_map(story, places, "/app/static/"))
chapter = render_feature_group(chapter_layer(story, 3, places), "chapter3")
print(base.js_links[-1], hashlib.sha256((base.script + base.header + chapter).encode()).hexdigest())
"""


def render_in_a_new_process() -> str:
    done = subprocess.run([sys.executable, "-c", RENDER_BASE], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_same_story_renders_to_the_same_script_in_two_processes():
    first, second = render_in_a_new_process(), render_in_a_new_process()
    assert first == second


def test_numbering_reaches_popups_and_renames_the_keys_templates_use():
    m = folium.Map(tiles=None)
    marker = folium.Marker([37.5, 127.0], popup=folium.Popup("Seoul"), tooltip="Seoul").add_to(m)
    number_elements(m.get_root(), "b")
    popup = next(child for child in marker._children.values() if isinstance(child, folium.Popup))
    held = list(popup.html._children.items())
    assert held and all(key == child.get_name() and re.search(r"_bn\d+$", child.get_name()) for key, child in held)
    names = [element.get_name() for element in (m, marker, popup)]
    assert len(set(names)) == 3 and all(re.search(r"_bn\d+$", name) for name in names)
    html = m.get_root().render()
    for key, _ in held:
        assert f"var {key} = " in html  # the popup's content is declared under its new name ...
        assert f".setContent({key})" in html  # ... and used under it


def test_prefixes_keep_separately_rendered_trees_apart():
    one, two = folium.FeatureGroup(name="a"), folium.FeatureGroup(name="b")
    number_elements(one, "chapter1")
    number_elements(two, "chapter2")
    assert one.get_name() != two.get_name()

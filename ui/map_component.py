"""The story map as a streamlit-folium component whose base is rendered once, not every run.

This is the one module that relies on streamlit-folium's internals (its private functions, the
arguments its `st_folium` passes to the component, the key order of its page's report); the
contract test tests/test_streamlit_folium_contract.py reads the installed package and fails when
any of them changes. Import refuses a version it was not verified on.

Why not the documented path (`st_folium(m, key=..., feature_group_to_add=...)`): `st_folium`
renders the whole folium map to JavaScript on every script run (most of a chapter change's server
time; `python -m bench` measures both, see bench/RESULTS.md). The base map never changes within a
story, so we render it once, keep the strings (never the folium objects, which must not be
rendered twice), and per run send only the chapter's feature group, itself rendered once per
chapter. The arguments are those `st_folium` sends, so the browser side is unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib.metadata import version
from typing import Callable, Sequence

import folium
import streamlit as st
from geo.assets import map_assets, publish_text
from geo.stable_ids import number_elements
from ui.published import published_url

# The streamlit-folium releases whose internals this module was checked against (the contract test).
VERIFIED_SERIES = "0.27."
INSTALLED = version("streamlit-folium")
if not INSTALLED.startswith(VERIFIED_SERIES):
    raise ImportError(
        f"ui/map_component.py relies on streamlit-folium {VERIFIED_SERIES}x internals, but {INSTALLED} is installed: "
        f"install the version pinned in pyproject.toml, or run tests/test_streamlit_folium_contract.py against the "
        f"new version and update this module and VERIFIED_SERIES"
    )

from streamlit_folium import (  # noqa: E402  (after the version check, which says what to do)
    _component_func,
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_map_string,
    generate_js_hash,
    get_full_id,
)


@dataclass(frozen=True)
class RenderedMap:
    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def render_base(m: folium.Map) -> RenderedMap:
    """The strings st_folium would send for this map (it must not be rendered again after).

    The map's own script (land, layers, markers: about half a megabyte) goes into a static file
    the browser loads once and caches; the component's script only calls it. A chapter change
    then sends the component a few kilobytes instead of the whole map again.
    """
    number_elements(m.get_root(), "base")  # the same script, and file, in every process
    m.get_root().render()
    m.render()
    html, header, script = _get_html(m), _get_header(m), _get_map_string(m)
    # Folium's page sets user-scalable=no; a frame needs no viewport of its own, and readers
    # must be free to zoom the page.
    header = re.sub(r"<meta name=\"viewport\"[^>]*>", "", header)
    css, scripts = map_assets(m)
    js = dict.fromkeys(scripts)
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:16]
    builder = f"storymapBuild_{digest}"
    name = publish_text(f"window.{builder} = function () {{\n{script}\nreturn map_div;\n}};\n", ".js")
    js[published_url(name)] = None
    call = f"var map_div = window.{builder}();\nvar drawnItems = [];\n"
    return RenderedMap(call, header, html, get_full_id(m), tuple(css), tuple(js))


def render_feature_group(group: folium.FeatureGroup, id_prefix: str) -> str:
    """A feature group's script, addressed to the component's map (`map_div`). `id_prefix`
    names its elements apart from the base map's and from other groups'."""
    number_elements(group, id_prefix)
    host = folium.Map(tiles=None)  # only a parent to render against; its name becomes map_div
    return _get_feature_group_string(group, host, idx=0)


# The fields of the map's report in the order streamlit-folium's page builds it (0.27).
REPORT_ORDER = (
    "last_clicked", "last_object_clicked", "last_object_clicked_count", "last_object_clicked_tooltip",
    "last_object_clicked_popup", "all_drawings", "last_active_drawing", "last_geocoder_result", "bounds",
    "zoom", "last_circle_radius", "last_circle_polygon", "center", "selected_layers", "selected_tags",
)


def unclicked_report(returned_objects: Sequence[str]) -> dict:
    """What the map reports before any click. The page sends its report only when it differs
    from the last one as JSON text, starting from this default, so it must match field for
    field and in order: then loading the page does not rerun the app a second time."""
    if unknown := set(returned_objects) - set(REPORT_ORDER):
        raise ValueError(f"not reported by the map: {sorted(unknown)}")
    return {name: 0 if name.endswith("_count") else None for name in REPORT_ORDER if name in returned_objects}


@functools.lru_cache(maxsize=16)
def _component_key(script: str, key: str) -> str:
    # The same identity st_folium computes; normalising ~0.5 MB of script is worth doing once.
    return generate_js_hash(script, key, False)


def story_map(
    base: RenderedMap,
    feature_group: str,
    *,
    key: str,
    height: int,
    returned_objects: Sequence[str],
    on_change: Callable[[], None],
):
    """Show the map; like st_folium(..., use_container_width=True), minus the per-run rendering."""
    component_key = _component_key(base.script, key)

    def changed() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
        on_change()

    return _component_func(
        script=base.script,
        header=base.header,
        html=base.html,
        id=base.map_id,
        key=component_key,
        height=height,
        width=None,
        returned_objects=list(returned_objects),
        default=unclicked_report(returned_objects),
        zoom=None,
        center=None,
        feature_group=feature_group,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(base.css_links),
        js_links=list(base.js_links),
        on_change=changed,
        wrap_longitude=False,
    )

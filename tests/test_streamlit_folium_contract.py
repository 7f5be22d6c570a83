"""What ui/map_component.py relies on in the installed streamlit-folium, read from the package
itself: an upgrade that changes any of it fails here instead of on a reader's map."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import streamlit_folium

from ui import map_component

PACKAGE = Path(streamlit_folium.__file__).parent

# The private functions the adapter calls, with the parameters it passes them.
PRIVATE_SIGNATURES = {
    "_get_header": ["fig"],
    "_get_html": ["fig"],
    "_get_map_string": ["fig"],
    "_get_feature_group_string": ["feature_group_to_add", "map", "idx"],
    "generate_js_hash": ["js_string", "key", "return_on_hover"],
    "get_full_id": ["m"],
}


def _component_keywords(function) -> list[str]:
    """The keyword names of the `_component_func(...)` call inside `function`, in order."""
    tree = ast.parse(_dedented(function))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_component_func"]
    assert len(calls) == 1, f"{function.__name__} calls the component {len(calls)} times"
    return [keyword.arg for keyword in calls[0].keywords]


def _dedented(function) -> str:
    source = inspect.getsource(function)
    indent = len(source) - len(source.lstrip())
    return "\n".join(line[indent:] for line in source.splitlines())


def test_the_installed_version_is_the_verified_series():
    assert map_component.INSTALLED.startswith(map_component.VERIFIED_SERIES)


def test_the_adapter_sends_the_component_exactly_what_st_folium_sends():
    theirs = _component_keywords(streamlit_folium.st_folium)
    ours = _component_keywords(map_component.story_map)
    assert sorted(ours) == sorted(theirs), f"st_folium sends {theirs}"


def test_the_private_functions_keep_their_signatures():
    for name, parameters in PRIVATE_SIGNATURES.items():
        function = getattr(streamlit_folium, name)
        assert list(inspect.signature(function).parameters) == parameters, name


def test_the_component_is_declared_from_the_bundled_frontend():
    assert (PACKAGE / "frontend" / "build" / "index.html").is_file()
    assert getattr(streamlit_folium, "_RELEASE", None) is True


def test_the_pages_report_has_the_key_order_the_adapter_expects():
    """The page sends its report only when it differs, as JSON text, from the default we give it;
    a different key order would make every first load rerun the app."""
    bundles = list((PACKAGE / "frontend" / "build" / "static" / "js").glob("main.*.js"))
    assert len(bundles) == 1, bundles
    literal = re.search(r"\{(last_clicked:.*?selected_tags:[^}]*)\}", bundles[0].read_text(encoding="utf-8"))
    assert literal, "the report's object literal is not in the bundle"
    keys = re.findall(r"(?:^|,)([a-z_]+):", literal.group(1))
    assert tuple(keys) == map_component.REPORT_ORDER


def test_a_new_chapter_layer_replaces_the_last_one_on_the_page():
    """On a chapter change the page removes every layer in `window.feature_group` and runs the new
    group's script, which must add itself to the map and to that list."""
    import folium

    bundle = next((PACKAGE / "frontend" / "build" / "static" / "js").glob("main.*.js")).read_text(encoding="utf-8")
    assert "window.feature_group.forEach(t=>{window.map.removeLayer(t)})" in bundle.replace(" ", "")

    script = map_component.render_feature_group(folium.FeatureGroup(name="This chapter"), "chapter0")
    assert "window.feature_group.push(feature_group_feature_group_0)" in script
    assert "map_div.addLayer(feature_group_feature_group_0)" in script

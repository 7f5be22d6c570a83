"""Serve the map's JavaScript and CSS from the app itself, never from a CDN.

Folium lists CDN addresses for Leaflet and friends; streamlit-folium loads whatever each
element lists. We swap every address for a same-origin copy under static/ (served by
Streamlit at <base>/app/static/) and drop libraries the map does not use, so the map draws
with no internet. An element listing an asset we have no copy of is an error, not a CDN call.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import folium
import folium.elements

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

# Asset name (as folium and its plugins call it) -> path under static/.
LOCAL_ASSETS = {
    "leaflet": "vendor/leaflet/leaflet.js",
    "jquery": "vendor/jquery/jquery.min.js",  # folium's popups call $()
    "leaflet_css": "vendor/leaflet/leaflet.css",
    "Control.Fullscreen.js": "vendor/leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "vendor/leaflet.fullscreen/Control.FullScreen.css",
    "leaflet-gesture-handling": "vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.js",
    "leaflet-gesture-handling_css": "vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.css",
    "touch-gestures": "touch-gestures.js",  # geo/map_hooks.py
    "map-follows-its-box": "map-follows-its-box.js",  # geo/map_hooks.py
}
# Folium's defaults for features we do not use (Bootstrap, awesome-markers icons).
UNUSED_ASSETS = {
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
}
APP_STYLESHEET = ("storymap_css", "storymap.css")


def static_url_prefix(base_url_path: str = "") -> str:
    """Where Streamlit serves static/ for a server with this baseUrlPath."""
    base = base_url_path.strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"


def walk_elements(element):
    """The element and everything below it in folium's tree."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk_elements(child)


def localize_assets(m: folium.Map, url_prefix: str) -> folium.Map:
    """Point every element's JS/CSS at local copies; set on instances so other maps are untouched."""
    for element in walk_elements(m):
        if not isinstance(element, folium.elements.JSCSSMixin):
            continue
        for attribute in ("default_js", "default_css"):
            local = []
            for name, url in getattr(element, attribute):
                if name in UNUSED_ASSETS:
                    continue
                if name not in LOCAL_ASSETS:
                    raise ValueError(f"{type(element).__name__} needs {name} ({url}); add a local copy to geo/assets.py")
                local.append((name, url_prefix + LOCAL_ASSETS[name]))
            if element is m and attribute == "default_css":
                local.append((APP_STYLESHEET[0], url_prefix + APP_STYLESHEET[1]))
            setattr(element, attribute, local)
    return m


PUBLISHED_DIR = "published"  # under static/, for files made or copied at run time (not committed)


def _publish(data: bytes, suffix: str) -> str:
    # Named by content: a changed file gets a new address, so no browser keeps a stale copy.
    name = f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}"
    target = STATIC_DIR / PUBLISHED_DIR / name
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(target)  # whole or absent, even with several servers writing at once
    return f"{PUBLISHED_DIR}/{name}"


def publish_file(path: Path) -> str:
    """Copy a story's local file where Streamlit serves static/; return its path under static/."""
    return _publish(Path(path).read_bytes(), Path(path).suffix.lower())


def publish_text(text: str, suffix: str) -> str:
    """Write generated text (e.g. a map's script) where Streamlit serves static/; its path there."""
    return _publish(text.encode("utf-8"), suffix)

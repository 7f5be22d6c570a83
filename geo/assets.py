"""Serve the map's JavaScript and CSS from the app itself, never from a CDN.

Folium lists CDN addresses for Leaflet and friends; streamlit-folium loads whatever each
element lists. We swap every address for a same-origin copy under static/ (served by
Streamlit at <base>/app/static/) and drop libraries the map does not use, so the map draws
with no internet. An element listing an asset we have no copy of is an error, not a CDN call.
"""

from __future__ import annotations

import hashlib
import shutil
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


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def localize_assets(m: folium.Map, url_prefix: str) -> folium.Map:
    """Point every element's JS/CSS at local copies; set on instances so other maps are untouched."""
    for element in _walk(m):
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


PUBLISHED_DIR = "story-media"  # under static/, for a story's local pictures (not committed)


def publish_file(path: Path) -> str:
    """Copy a story's local file where Streamlit serves static/; return its path under static/.
    The name comes from the content, so an edited picture gets a new address (no stale cache)."""
    data = Path(path).read_bytes()
    name = f"{hashlib.sha256(data).hexdigest()[:20]}{Path(path).suffix.lower()}"
    target = STATIC_DIR / PUBLISHED_DIR / name
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
    return f"{PUBLISHED_DIR}/{name}"

"""Serve the map's JavaScript and CSS from the app itself, never from a CDN.

Folium lists CDN addresses for Leaflet and friends; streamlit-folium loads whatever each
element lists. We swap every address for a same-origin copy under static/ (served by
Streamlit at <base>/app/static/) and drop libraries the map does not use, so the map draws
with no internet. An element listing an asset we have no copy of is an error, not a CDN call.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
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
    "storymap_js": "storymap.js",  # the story map's own runtime (geo/map_script.py configures it)
    "basemap.js": "basemap.js",  # our own: the base map's names (geo/basemap.py)
    "basemap.css": "basemap.css",
    "fonts.css": "fonts.css",  # the Korean font subset, static/fonts/
    "shared_drawings": "shared-drawings.js",  # our own: drawings the chapters share (geo/shared_drawings.py)
    "war_play": "war-play.js",  # our own: the play control of a story's dated fronts
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


def map_assets(m: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(stylesheets, scripts) every element of the map asks for, each once, in folium's order:
    the one list the app's component and the static export both load."""
    css: dict[str, None] = {}
    js: dict[str, None] = {}
    for element in walk_elements(m):
        css.update((href, None) for _, href in getattr(element, "default_css", []))
        js.update((src, None) for _, src in getattr(element, "default_js", []))
    return tuple(css), tuple(js)


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


# The only folder the app writes to, outside the project's own files (so the app runs from a
# read-only install): STORYMAP_PUBLISH_DIR, or a folder in the user's cache. The app serves it
# (ui/published.py). Files nobody has published for this long are removed the next time a
# process starts publishing (a file in use is re-published, which renews it).
PUBLISH_DIR_VARIABLE = "STORYMAP_PUBLISH_DIR"
PRUNE_AFTER_SECONDS = 30 * 24 * 3600
_pruned = False


def published_dir() -> Path:
    if configured := os.environ.get(PUBLISH_DIR_VARIABLE):
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "storymap" / "published"


def prune_published(now: float | None = None) -> int:
    """Remove published files (and temporary files left by a crash) not renewed for a while."""
    folder, removed = published_dir(), 0
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            age = now - info.st_mtime
            if entry.is_file(follow_symlinks=False) and (age > PRUNE_AFTER_SECONDS or (entry.name.startswith(".tmp-") and age > 3600)):
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:  # another process got there first
            continue
    return removed


def _publish(data: bytes, name: str) -> str:
    """Write `data` as published/`name` once: the content decides the name, so a file already
    there is this very file and is only renewed. Written whole under a unique temporary name and
    linked into place, so several processes publishing at once all succeed, and no reader ever
    sees half a file."""
    global _pruned
    folder = published_dir()
    target = folder / name
    if not _pruned:
        _pruned = True
        prune_published()
    try:
        os.utime(target)  # already there: renew it so pruning keeps it
        return name
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        try:
            os.link(temporary, target)
        except FileExistsError:
            pass  # another process published it first: the same bytes
    finally:
        os.unlink(temporary)
    return name


def publish_media(media) -> str:
    """Publish a story's local picture (its bytes, read and checked when the story loaded) under
    its content name, whose extension is the image type its bytes show; returns that name."""
    if media.data is None or media.published_name is None:
        raise ValueError("only a local picture checked when the story loaded can be published")
    return _publish(media.data, media.published_name)


def publish_text(text: str, suffix: str) -> str:
    """Publish generated text (e.g. a map's script); returns its name in the published folder."""
    data = text.encode("utf-8")
    # Named by content: a changed file gets a new address, so no browser keeps a stale copy.
    return _publish(data, f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}")

"""Page helpers shared by the browser tests: an offline page and the story map's frame."""

from __future__ import annotations

import time
from urllib.parse import urlparse

from bench.browser import LOCAL_HOSTS, MAP_FRAME, drag_and_wheel  # noqa: F401  (re-exported for tests)


class OfflinePage:
    """A page whose requests beyond localhost are aborted and listed in `outside`."""

    def __init__(self, context):
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


def open_app(offline_page: OfflinePage, url: str):
    """Load the app and wait until the text and the map with its markers are there."""
    page = offline_page.page
    page.goto(url)
    page.locator(".st-key-chapter-text").wait_for(timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
    return page, frame


def boxes_overlap(a: dict, b: dict) -> bool:
    """Whether two boxes ({left, top, right, bottom}) overlap by more than a pixel."""
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def show_export_chapter(page, site, chapter_id: str) -> None:
    """Open an exported chapter and wait until the map has arrived at its view."""
    page.goto(f"{site.as_uri()}#{chapter_id}")
    page.wait_for_function(
        "(id) => window.storymap && storymap.chapters[id] && storymap.view === storymap.chapters[id].view && !storymap.flying", arg=chapter_id
    )
    page.wait_for_timeout(150)  # the legend's size settles and the labels are placed again


# --- The story map inside the app's frame ------------------------------------------------


def in_map(frame, script: str, arg=None):
    """Run `script` (a function of window.map and arg) inside the map's frame."""
    return frame.locator("body").evaluate(f"(body, arg) => ({script})(window.map, arg)", arg)


def wait_until_settled(frame) -> None:
    """Let any flight finish: the center must stop changing."""
    previous = None
    for _ in range(40):
        center = in_map(frame, "(map) => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
        if center == previous:
            return
        previous = center
        time.sleep(0.15)


def map_shows(frame, view: dict) -> bool:
    lat, lng, zoom = in_map(frame, "(map) => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    if "bounds" in view:
        # All of the box, and close in: at most 1.5 levels out from the closest zoom showing it
        # (the app pads unevenly, keeping places clear of the legend, so it is not centred).
        return in_map(frame, "(map, b) => map.getBounds().pad(0.01).contains(b) && map.getZoom() >= Math.min(13, map.getBoundsZoom(b)) - 1.5",
                      view["bounds"])
    return abs(lat - view["center"][0]) < 0.01 and abs(lng - view["center"][1]) < 0.01 and zoom == view["zoom"]


MAP_STATE = """(map) => ({center: map.getCenter(), zoom: map.getZoom(), size: map.getSize(), bounds: map.getBounds().toBBoxString(),
    flying: storymap.flying, readerMoved: storymap.readerMoved, view: storymap.view, featureGroup: Boolean((window.__GLOBAL_DATA__ || {}).last_feature_group)})"""


def assert_map_shows(frame, view: dict, timeout: float = 6.0) -> None:
    """The map reaches the view (a flight takes under a second) and stays there."""
    deadline = time.monotonic() + timeout
    while not map_shows(frame, view):
        assert time.monotonic() < deadline, f"the map did not reach {view}; its state: {in_map(frame, MAP_STATE)}"
        time.sleep(0.1)
    wait_until_settled(frame)
    assert map_shows(frame, view)

"""Headless Chromium for the benchmark: offline pages and a tap on their websocket."""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from urllib.parse import urlparse

CHROMIUM = os.environ.get("STORYMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The chapter's caption: the app's figure caption, or the references' italic line.
CAPTION = ".st-key-chapter-text .storymap-caption, .st-key-chapter-text em"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def _keep_local(route) -> None:
    # Anything beyond localhost would time a network we do not control: abort it.
    url = route.request.url
    if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@contextmanager
def offline_context(browser, reduced_motion: bool = True):
    """A fresh context (cold cache, no cookies); reduced motion makes the map jump, not fly."""
    context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce" if reduced_motion else "no-preference")
    context.route("**/*", _keep_local)
    try:
        yield context
    finally:
        context.close()


class WsTap:
    """Counts what a page's websockets receive (bytes) and send (messages)."""

    def __init__(self, page):
        self.received_bytes = 0
        self.sent_messages = 0
        self.last_frame_at = time.monotonic()
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framereceived", self._received)
        ws.on("framesent", self._sent)

    def _received(self, payload) -> None:
        # Streamlit sends binary protobuf (bytes); a text frame would arrive as str.
        self.received_bytes += len(payload) if isinstance(payload, bytes) else len(payload.encode())
        self.last_frame_at = time.monotonic()

    def _sent(self, _payload) -> None:
        self.sent_messages += 1
        self.last_frame_at = time.monotonic()

    def reset(self) -> None:
        self.received_bytes = 0
        self.sent_messages = 0

    def wait_quiet(self, page, quiet: float = 0.4, timeout: float = 5.0) -> None:
        """Wait until no frame has come or gone for `quiet` seconds from now on (so a rerun the
        page asks for a moment later, like a component's first value, is still counted)."""
        start = time.monotonic()
        deadline = start + timeout
        while time.monotonic() < deadline and time.monotonic() - max(self.last_frame_at, start) < quiet:
            page.wait_for_timeout(50)  # lets Playwright deliver the queued frame events


def drag_and_wheel(page) -> None:
    """A reader's pan and zoom: drag the map from its middle, then roll the wheel."""
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y - 80, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)

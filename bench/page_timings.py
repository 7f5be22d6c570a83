"""What a reader's browser sees: chapter changes, first load, panning and sessions' memory.

Times are taken inside the page (performance.timeOrigin + performance.now(), comparable
across the page and the map's same-origin frame), so Playwright's own round trips are not
counted. Websocket traffic is counted by Playwright.
"""

from __future__ import annotations

import json
import re
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.browser import CAPTION, MAP_FRAME, WsTap, drag_and_wheel, offline_context

MARKER = "path.storymap-place-busan"
NEXT = re.compile(r"^Next")

# Armed before each click: a capturing click listener stamps the click, a MutationObserver
# stamps the caption's change, and a per-frame poll finds the map settled at the view. The
# map is looked up afresh each frame, because the naive baseline's frame reloads.
ARM_CHANGE = """([caption, frameSelector, view]) => {
    const now = () => performance.timeOrigin + performance.now();
    const text = () => (document.querySelector(caption) || {}).textContent;
    const before = text();
    const w = window.__bench = {clickAt: null, textAt: null, mapAt: null, wantMap: view !== null};
    document.addEventListener("click", () => { w.clickAt = now(); }, {capture: true, once: true});
    const observer = new MutationObserver(() => {
        if (w.clickAt !== null && w.textAt === null && text() !== before) { w.textAt = now(); observer.disconnect(); }
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true});
    if (view === null) return;
    // At the view: showing all of a box, at most 1.5 zoom levels out from the closest zoom that
    // shows it (or 13, the closest the app goes), whatever padding the app fits it with (the
    // app's is uneven: it keeps places clear of the legend); or showing a center view's centre
    // within 1.5 zoom levels of its zoom.
    const atView = (map) => {
        if (view.bounds) {
            const closest = Math.min(13, map.getBoundsZoom(view.bounds));
            return map.getBounds().contains(view.bounds) && map.getZoom() >= closest - 1.5;
        }
        // The app may shift a centre view, or widen it a little, to keep its places clear of the controls.
        return map.getBounds().contains(view.center) && Math.abs(map.getZoom() - view.zoom) <= 1.5;
    };
    const stateOf = (map) => { const c = map.getCenter(); return [c.lat, c.lng, map.getZoom()].join(); };
    const hooked = new WeakSet();
    let previous = null, movedAt = null, start = null;
    const poll = () => {
        const frame = document.querySelector(frameSelector);
        const win = frame && frame.contentWindow;
        let map = null;
        try { map = win && win.map && win.map.getCenter && win.map; map && map.getCenter(); } catch (e) { map = null; }
        if (map) {
            // A map that outlives the click reports the exact end of its move.
            if (!hooked.has(map)) { hooked.add(map); map.on("moveend", () => { movedAt = win.performance.timeOrigin + win.performance.now(); }); }
            const state = stateOf(map);
            if (start === null) start = state;
            // Two equal frames at the view, moved since the click: arrived, not passing through.
            if (w.clickAt !== null && state !== start && previous && previous.state === state && atView(map)) {
                w.mapAt = movedAt !== null && movedAt > w.clickAt ? Math.min(movedAt, previous.at) : previous.at;
                return;
            }
            previous = {state, at: now()};
        } else {
            previous = null;
        }
        requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
}"""
DIAGNOSE = """([frameSelector]) => {
    const frame = document.querySelector(frameSelector), map = frame && frame.contentWindow.map;
    const where = map ? {center: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds().toBBoxString()} : "no map";
    return JSON.stringify({stamps: window.__bench, map: where});
}"""
CHANGE_DONE = "() => window.__bench.textAt !== null && (!window.__bench.wantMap || window.__bench.mapAt !== null)"

# Runs in the page from its first byte: stamps when the caption and the map frame's Busan
# marker first exist, on the page's clock. An init script cannot watch the frame itself: the
# frame's document replaces the about:blank one the script ran in. So the page polls each
# animation frame and hangs a MutationObserver on each new frame document for exact stamps.
STAMP_LOAD = """(() => {
    if (window !== window.top) return;
    const load = window.__benchLoad = {};
    const now = () => performance.timeOrigin + performance.now();
    const stamp = () => {
        if (load.caption === undefined && document.querySelector(%s)) load.caption = now();
        const frame = document.querySelector(%s), doc = frame && frame.contentDocument;
        if (!doc || load.marker !== undefined) return;
        if (doc.querySelector(%s)) load.marker = now();
        else if (!doc.__benchWatched) { doc.__benchWatched = true; new MutationObserver(stamp).observe(doc, {subtree: true, childList: true}); }
    };
    new MutationObserver(stamp).observe(document, {subtree: true, childList: true});
    const poll = () => { stamp(); if (load.marker === undefined) requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
})();""" % tuple(json.dumps(selector) for selector in (CAPTION, MAP_FRAME, MARKER))


class Reader:
    """One reader's page, loaded and quiet: the session the measurements click through."""

    def __init__(self, context, url: str, with_map: bool):
        self.page = context.new_page()
        self.tap = WsTap(self.page)
        self.page.goto(url)
        self.page.locator(CAPTION).first.wait_for(timeout=60_000)
        if with_map:
            self.page.frame_locator(MAP_FRAME).locator(MARKER).wait_for(state="attached", timeout=60_000)
        self.tap.wait_quiet(self.page, quiet=0.8, timeout=10)  # start-up messages and any extra rerun


def chapter_changes(reader: Reader, changes: list) -> dict[str, list[float]]:
    """Click Next once per view in `changes` (None: a page with no map): ms to text and map, bytes, sends."""
    page, tap = reader.page, reader.tap
    out = {"text": [], "map": [], "ws_bytes": [], "ws_sent": []}
    next_button = page.get_by_role("button", name=NEXT)
    for view in changes:
        page.evaluate(ARM_CHANGE, [CAPTION, MAP_FRAME, view])
        tap.reset()
        next_button.click()
        try:
            page.wait_for_function(CHANGE_DONE, timeout=30_000)
        except PlaywrightTimeout as error:
            raise RuntimeError(f"{page.url}: after Next, {page.evaluate(DIAGNOSE, [MAP_FRAME])} (wanted {view})") from error
        stamps = page.evaluate("() => window.__bench")
        tap.wait_quiet(page)
        out["text"].append(stamps["textAt"] - stamps["clickAt"])
        if view is not None:
            out["map"].append(stamps["mapAt"] - stamps["clickAt"])
        out["ws_bytes"].append(tap.received_bytes)
        out["ws_sent"].append(tap.sent_messages)
    return out


def pan_messages(reader: Reader) -> int:
    """Messages the page sends while the reader drags and wheels the map."""
    page, tap = reader.page, reader.tap
    tap.reset()
    drag_and_wheel(page)
    page.wait_for_timeout(600)  # longer than streamlit-folium's 250 ms debounce
    tap.wait_quiet(page)
    return tap.sent_messages


def first_load(browser, url: str, with_map: bool) -> dict[str, float]:
    """Ms from navigation start to the map's markers drawn (no map: to the caption shown), and
    what the websocket carried until the page went quiet (a second send is an extra rerun)."""
    with offline_context(browser) as context:
        context.add_init_script(STAMP_LOAD)
        page = context.new_page()
        tap = WsTap(page)
        page.goto(url, wait_until="commit")
        name = "marker" if with_map else "caption"
        page.wait_for_function(f"() => window.__benchLoad && window.__benchLoad.{name}", timeout=60_000)
        ms = page.evaluate(f"() => window.__benchLoad.{name} - performance.timeOrigin")
        tap.wait_quiet(page, quiet=0.6, timeout=10)
        return {"first_load": ms, "load_bytes": tap.received_bytes, "load_sent": tap.sent_messages}


def session_memory(context, server, sessions: int, with_map: bool) -> dict[str, float]:
    """Server RSS with the one reader already open, then with `sessions` open at once."""
    out = {"rss_1": server.rss_bytes()}
    pages = []
    for _ in range(sessions - 1):  # load them together: the time stays bounded
        page = context.new_page()
        page.goto(server.url, wait_until="commit")
        pages.append(page)
    for page in pages:  # each session fully shown, its map's first value (a rerun) sent too
        page.locator(CAPTION).first.wait_for(timeout=120_000)
        if with_map:
            page.frame_locator(MAP_FRAME).locator(MARKER).wait_for(state="attached", timeout=120_000)
    time.sleep(1)  # let the last script runs finish
    out["rss_n"] = server.rss_bytes()
    out["rss_per_session"] = (out["rss_n"] - out["rss_1"]) / (sessions - 1)
    for page in pages:
        page.close()
    return out

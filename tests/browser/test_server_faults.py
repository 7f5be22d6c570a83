"""Server faults: the server dies and comes back while a reader's page is open."""

from __future__ import annotations

import time

from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import ROOT, start_streamlit, stop
from pages import OfflinePage, open_app


def wait_until(page, condition, timeout_ms: int = 90_000) -> bool:
    """Poll a Python-side condition while the page keeps running its own timers."""
    for _ in range(timeout_ms // 250):
        if condition():
            return True
        page.wait_for_timeout(250)
    return condition()


def test_page_reconnects_to_a_restarted_server_at_its_chapter(browser, default_story):
    process, url = start_streamlit(ROOT / "app.py")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        offline = OfflinePage(context)
        sockets: list = []
        received: list[int] = []  # frames each socket received, by socket number
        last_frame = [0.0]

        def track(socket) -> None:
            sockets.append(socket)
            received.append(0)
            number = len(received) - 1
            def count(_payload) -> None:
                received[number] += 1
                last_frame[0] = time.monotonic()

            socket.on("framereceived", count)

        offline.page.on("websocket", track)
        page, frame = open_app(offline, f"{url}/?chapter=truce-talks")
        page.get_by_role("button", name="Next").click()
        expect(page).to_have_url(f"{url}/?chapter=eisenhower")

        # An idle reader: the run has finished when the server goes (a run cut short would be
        # rerun on reconnecting anyway).
        assert wait_until(page, lambda: time.monotonic() - last_frame[0] > 1.5), "the run never finished"
        # The reader's map, panned away from the chapter's view, marked to tell a reload apart.
        body = frame.locator("body")
        body.evaluate("() => { window.beforeRestart = true; window.map.panBy([120, 80], {animate: false}); }")
        centre = body.evaluate("() => window.map.getCenter()")
        stop(process)
        connections = len(sockets)
        process, _ = start_streamlit(ROOT / "app.py", port=urlparse(url).port)

        # Streamlit's page reconnects by itself (a new websocket) and the app has it run at once,
        # so the new session draws the chapter in the URL before the reader does anything.
        assert wait_until(page, lambda: len(sockets) > connections), "the page did not reconnect to the restarted server"
        assert wait_until(page, lambda: any(count > 0 for count in received[connections:])), "the restarted server sent the page nothing"
        index = default_story.index_of("eisenhower")
        expect(page.get_by_text(f"Chapter {index + 1} of {len(default_story.chapters)}", exact=True)).to_be_visible()
        expect(page.locator(".st-key-chapter-text .storymap-caption")).to_have_text(default_story.chapters[index].caption)
        expect(page).to_have_url(f"{url}/?chapter=eisenhower")

        # The new server renders the same map script, so the page keeps its map as the reader left it.
        assert body.evaluate("() => window.beforeRestart === true"), "the map's frame reloaded"
        assert body.evaluate("() => window.map.getCenter()") == centre

        # The first click after the reconnecting run counts (a session that never ran would drop
        # it: its callback is unknown until the button has been drawn once).
        assert wait_until(page, lambda: time.monotonic() - last_frame[0] > 1.5), "the reconnecting run never finished"
        page.get_by_role("button", name="Next").click()
        expect(page).to_have_url(f"{url}/?chapter={default_story.chapters[index + 1].id}")
        expect(page.locator(".st-key-chapter-text .storymap-caption")).to_have_text(default_story.chapters[index + 1].caption)
    finally:
        context.close()
        stop(process)

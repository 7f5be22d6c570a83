"""Turning a layer on or off in the layer control keeps the view the reader is looking at (the
legend grows with the layer's row; that must not refit the chapter's view)."""

from __future__ import annotations

from playwright.sync_api import expect

from pages import MAP_FRAME

VIEW = "() => { const m = window.storymap.map, c = m.getCenter(); return [c.lat.toFixed(5), c.lng.toFixed(5), m.getZoom()]; }"
# The view once the map has stopped moving (the same twice, 300 ms apart, and not in flight).
STILL_VIEW = """async () => {
    const view = () => { const m = window.storymap.map, c = m.getCenter(); return [c.lat.toFixed(5), c.lng.toFixed(5), m.getZoom()]; };
    const pause = (ms) => new Promise((done) => setTimeout(done, ms));
    let last = null;
    for (let i = 0; i < 100; i++) {
        const now = JSON.stringify(view());
        if (window.storymap.view && !window.storymap.flying && now === last) { return view(); }
        last = now;
        await pause(300);
    }
    return view();
}"""


def test_turning_on_the_route_keeps_the_view(browser, app_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?chapter=the-armistice")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
        container = frame.locator(".leaflet-container")
        before = container.evaluate(STILL_VIEW)  # once the chapter's flight has landed
        frame.locator(".leaflet-control-layers").hover()
        route = frame.locator(".leaflet-control-layers-overlays label", has_text="Route of the story")
        expect(route).to_be_visible()
        route.click()
        expect(frame.locator('.storymap-legend li[data-layer="route"]')).not_to_have_attribute("hidden", "")
        page.wait_for_timeout(1200)
        assert container.evaluate(VIEW) == before
    finally:
        context.close()

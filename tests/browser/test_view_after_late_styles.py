"""The app's map frame adds its stylesheets after the map is made (streamlit-folium's page), so the
first view is framed around controls that are not yet in their corners. When Leaflet's stylesheet
arrives it moves them there without changing the map's size; the chapter is framed again then,
not left as fitted around the unstyled controls (on a slow machine that left the opening map
zoomed all the way in)."""

from __future__ import annotations

import time

from geo.views import chapter_view
from pages import MAP_FRAME, OfflinePage, assert_map_shows, in_map


def test_the_opening_view_is_framed_again_when_leaflets_stylesheet_arrives(browser, app_url, default_story, gazetteer):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    offline = OfflinePage(context)
    held = []
    # Registered after OfflinePage's route, so it answers first: Leaflet's stylesheet waits.
    context.route("**/leaflet.css", lambda route: held.append(route))
    try:
        page = offline.page
        page.goto(app_url)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
        deadline = time.monotonic() + 10
        while not held and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert held, "the map frame asked for Leaflet's stylesheet"
        page.wait_for_timeout(500)  # the frame's own stylesheet has sized the map by now
        size = "(map) => [map.getSize().x, map.getSize().y]"
        size_before = in_map(frame, size)
        for route in held:
            route.continue_()
        assert_map_shows(frame, chapter_view(default_story.chapters[0], gazetteer))
        # The map kept its size: it was the stylesheet, not a resize, that framed it again.
        assert in_map(frame, size) == size_before
    finally:
        context.close()

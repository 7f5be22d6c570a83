"""A popup fits the map it opens on: on a phone's short map a long popup scrolls inside the
map instead of running off it, and on a laptop the open legend folds rather than cover one."""

from __future__ import annotations

from pages import MAP_FRAME, open_app

# Opens the popup of the first event marker (long: title, dates, description, source) and
# returns the boxes of the popup and the map, and whether the popup's content scrolls.
# Opens a popup longer than any phone's map is tall (a place's description, its sources), at the
# map's centre, as a click on a marker there would.
OPEN_LONG_POPUP = """() => {
    const map = window.storymap.map;
    L.popup({maxWidth: 300}).setLatLng(map.getCenter()).setContent("<b>A place</b><br>" + "Its description and sources. ".repeat(40)).openOn(map);
    return true;
}"""
BOXES = """() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const popup = document.querySelector(".leaflet-popup"), content = popup.querySelector(".leaflet-popup-content");
    return {map: box(window.storymap.map.getContainer()), popup: box(popup), scrolls: content.scrollHeight > content.clientHeight + 1};
}"""
# A popup opened right beside the legend, as a click on a place there would.
OPEN_BESIDE_LEGEND = """() => {
    const map = window.storymap.map, legend = document.querySelector("details.storymap-legend");
    const frame = map.getContainer().getBoundingClientRect(), r = legend.getBoundingClientRect();
    const at = map.containerPointToLatLng([r.right - frame.left - 10, r.top - frame.top + 30]);
    L.popup({maxWidth: 300}).setLatLng(at).setContent("<b>A place</b><br>" + "Its description. ".repeat(12)).openOn(map);
    return legend.open;
}"""


def test_a_long_popup_scrolls_inside_a_phones_map(browser, app_url):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?chapter=macarthur-off-inchon")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
        frame.locator(".leaflet-container").evaluate(OPEN_LONG_POPUP)
        frame.locator(".leaflet-popup").wait_for()
        page.wait_for_timeout(600)  # the pan that brings it into view
        seen = frame.locator(".leaflet-container").evaluate(BOXES)
        (left, top, right, bottom), popup = seen["map"], seen["popup"]
        assert left - 1 <= popup[0] and popup[2] <= right + 1 and top - 1 <= popup[1] and popup[3] <= bottom + 1, seen
        assert seen["scrolls"], "the map is shorter than the popup's text: it should scroll"
    finally:
        context.close()


def test_the_legend_folds_rather_than_cover_a_popup(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=macarthur-off-inchon")
    legend = frame.locator("details.storymap-legend")
    assert legend.evaluate("details => details.open"), "the legend starts open on a laptop"
    frame.locator(".leaflet-container").evaluate(OPEN_BESIDE_LEGEND)
    frame.locator(".leaflet-popup").wait_for()
    page.wait_for_timeout(600)
    popup = frame.locator(".leaflet-popup").bounding_box()
    box = legend.bounding_box()
    covers = popup["x"] < box["x"] + box["width"] and box["x"] < popup["x"] + popup["width"] and \
        popup["y"] < box["y"] + box["height"] and box["y"] < popup["y"] + popup["height"]
    assert not covers or not legend.evaluate("details => details.open")
    assert not legend.evaluate("details => details.open"), "the popup opened over the legend"

"""The map first, in Chromium: on a laptop the whole map is in the window beside the text on every
chapter; on a phone the map comes near the top with Next in reach, one finger scrolls the page and
two move the map; Back and Forward step through the chapters visited. The app and the export."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from pages import MAP_FRAME, OfflinePage, open_app

LAPTOPS = [{"width": 1366, "height": 768}, {"width": 1440, "height": 900}]
PHONE = {"width": 375, "height": 812}
# Title, navigation and timeline together above the map, at most.
MOST_ABOVE_THE_MAP = 150


def wait_for_chapter(page, story, number: int) -> None:
    """The page shows chapter `number` (1-based): its position and its title."""
    expect(page.get_by_text(f"Chapter {number} of {len(story.chapters)}", exact=True).first).to_be_visible()
    expect(page.locator("h2").first).to_have_text(story.chapters[number - 1].title)


def in_window(box: dict, viewport: dict) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 0.5 and box["y"] + box["height"] <= viewport["height"] + 0.5


def laptop_problems(page, map_box: dict, legend_box: dict | None, viewport: dict, leaflet_size: list) -> list[str]:
    """What keeps the map from being the whole of its half of the window, unscrolled."""
    problems = []
    if page.evaluate("() => Math.max(window.scrollY, document.scrollingElement.scrollTop)") != 0:
        problems.append("the page is scrolled")
    if not in_window(map_box, viewport):
        problems.append(f"map {map_box} not inside the window")
    if map_box["width"] < viewport["width"] / 2 or map_box["height"] < 0.6 * viewport["height"]:
        problems.append(f"map {map_box['width']:.0f}x{map_box['height']:.0f} too small")
    if map_box["y"] > MOST_ABOVE_THE_MAP:
        problems.append(f"{map_box['y']:.0f} px above the map")
    if legend_box is None or not in_window(legend_box, viewport) or legend_box["x"] + legend_box["width"] > map_box["x"] + map_box["width"] + 0.5:
        problems.append(f"legend {legend_box} not inside the map in the window")
    # Leaflet knows its frame's size (it redraws when the frame is resized).
    if abs(leaflet_size[0] - map_box["width"]) > 1 or abs(leaflet_size[1] - map_box["height"]) > 1:
        problems.append(f"Leaflet's size {leaflet_size} is not its frame's {map_box}")
    return problems


def phone_problems(page, map_box: dict, next_button, viewport: dict) -> list[str]:
    problems = []
    if not page.evaluate("""() => [...document.querySelectorAll('body, [data-testid="stMain"], [data-testid="stAppViewContainer"]')]
                                  .every(e => e.scrollWidth <= e.clientWidth)"""):
        problems.append("the page scrolls sideways")
    if map_box["height"] < viewport["height"] / 3 or not in_window(map_box, viewport):
        problems.append(f"map {map_box} is not a third of the screen, in view")
    if map_box["y"] > viewport["height"] / 4:
        problems.append(f"the map starts {map_box['y']:.0f} px down")
    box = next_button.bounding_box()
    if box is None or not in_window(box, viewport):
        problems.append(f"Next {box} is not on the screen")
    else:
        # Nothing covers it: a tap there reaches the button.
        hit = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); return !!(e && e.closest('button') && e.closest('button').innerText.includes('Next')); }",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        if not hit:
            problems.append("something covers Next")
    return problems


# --- the app ---------------------------------------------------------------------------------


def app_page(browser, viewport: dict, phone: bool = False) -> OfflinePage:
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, reduced_motion="reduce")
    return OfflinePage(context)


def app_map(page, frame):
    box = page.locator(MAP_FRAME).bounding_box()
    legend = frame.locator(".storymap-legend")
    size = frame.locator("body").evaluate("() => [map.getSize().x, map.getSize().y]")
    return box, legend.bounding_box() if legend.count() else None, size


@pytest.mark.parametrize("viewport", LAPTOPS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_app_on_a_laptop_shows_the_whole_map_beside_the_text_on_every_chapter(browser, app_url, default_story, viewport):
    offline = app_page(browser, viewport)
    try:
        page, frame = open_app(offline, app_url)
        problems = []
        for number in range(1, len(default_story.chapters) + 1):
            if number > 1:
                page.get_by_role("button", name="Next").click()
            wait_for_chapter(page, default_story, number)
            page.wait_for_timeout(150)  # the layout settles as the rerun's elements arrive
            map_box, legend_box, leaflet_size = app_map(page, frame)
            problems += [f"chapter {number}: {p}" for p in laptop_problems(page, map_box, legend_box, viewport, leaflet_size)]
            box = page.locator(".st-key-chapter-text").bounding_box()
            if box["y"] + box["height"] > viewport["height"] + 0.5:
                problems.append(f"chapter {number}: the text runs below the window")
        assert not problems
        assert offline.outside == [] and offline.console_errors == []
    finally:
        offline.page.context.close()


def test_app_text_scrolls_on_its_own_and_starts_at_the_top_of_each_chapter(browser, app_url, default_story):
    offline = app_page(browser, {"width": 1280, "height": 600})  # a short window
    try:
        page, frame = open_app(offline, app_url)  # the overview, with its long list of places
        text = page.locator(".st-key-chapter-text")
        expect(text).to_have_attribute("role", "region")
        expect(text).to_have_attribute("tabindex", "0")
        assert text.evaluate("e => e.scrollHeight > e.clientHeight + 1")
        before = page.locator(MAP_FRAME).bounding_box()
        text.hover()
        page.mouse.wheel(0, 400)
        page.wait_for_function("() => document.querySelector('.st-key-chapter-text').scrollTop > 0")
        assert page.locator(MAP_FRAME).bounding_box() == before
        assert page.evaluate("() => document.scrollingElement.scrollTop") == 0
        page.get_by_role("button", name="Next").click()
        wait_for_chapter(page, default_story, 2)
        page.wait_for_function("() => document.querySelector('.st-key-chapter-text').scrollTop === 0")
    finally:
        offline.page.context.close()


def test_app_map_follows_the_window_size(browser, app_url):
    offline = app_page(browser, LAPTOPS[0])
    try:
        page, frame = open_app(offline, app_url)
        small = page.locator(MAP_FRAME).bounding_box()
        page.set_viewport_size(LAPTOPS[1])
        page.wait_for_function(f"() => document.querySelector('{MAP_FRAME}').getBoundingClientRect().height > {small['height'] + 100}")
        page.wait_for_timeout(300)
        map_box, legend_box, leaflet_size = app_map(page, frame)
        assert not laptop_problems(page, map_box, legend_box, LAPTOPS[1], leaflet_size)
    finally:
        offline.page.context.close()


def test_app_on_a_phone_puts_the_map_near_the_top_with_next_in_reach_on_every_chapter(browser, app_url, default_story):
    offline = app_page(browser, PHONE, phone=True)
    try:
        page, frame = open_app(offline, app_url)
        next_button = page.get_by_role("button", name="Next")
        problems = []
        for number in range(1, len(default_story.chapters) + 1):
            if number > 1:
                next_button.click()
            wait_for_chapter(page, default_story, number)
            page.wait_for_timeout(150)
            if page.evaluate("() => document.scrollingElement.scrollTop") == 0:
                problems += [f"chapter {number}: {p}" for p in phone_problems(page, page.locator(MAP_FRAME).bounding_box(), next_button, PHONE)]
            else:
                problems.append(f"chapter {number}: the page scrolled")
        assert not problems
        assert offline.outside == [] and offline.console_errors == []
    finally:
        offline.page.context.close()


def touch_swipe(cdp, x: float, y: float, dx: float = 0, dy: float = 0, fingers: int = 1) -> None:
    """A swipe by `fingers` fingers side by side, starting at (x, y), as a touch screen sends it."""
    def points(step: float):
        return [{"x": x + finger * 60 + dx * step, "y": y + dy * step, "id": finger} for finger in range(fingers)]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(step / 10)})
        time.sleep(0.02)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_on_a_phone_one_finger_scrolls_the_page_and_two_move_the_map(browser, app_url):
    offline = app_page(browser, PHONE, phone=True)
    try:
        page, frame = open_app(offline, f"{app_url}/?chapter=inchon-landing")
        cdp = page.context.new_cdp_session(page)
        center = lambda: frame.locator("body").evaluate("() => [map.getCenter().lat, map.getCenter().lng]")  # noqa: E731
        page.wait_for_timeout(500)
        start, box = center(), page.locator(MAP_FRAME).bounding_box()
        touch_swipe(cdp, box["x"] + 80, box["y"] + box["height"] * 0.7, dy=-150)
        page.wait_for_timeout(600)
        assert page.locator(MAP_FRAME).bounding_box()["y"] < box["y"] - 50, "a finger on the map must scroll the page"
        assert center() == start, "one finger must not move the map"
        box = page.locator(MAP_FRAME).bounding_box()
        # In the map's middle: its corners hold controls (the war's play control, the legend).
        touch_swipe(cdp, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, dx=-100, fingers=2)
        page.wait_for_timeout(600)
        assert center() != start, "two fingers move the map"
        # Still not caught afterwards: the next one-finger swipe scrolls the page again.
        box, moved = page.locator(MAP_FRAME).bounding_box(), center()
        touch_swipe(cdp, box["x"] + 80, box["y"] + box["height"] - 40, dy=120)
        page.wait_for_timeout(600)
        assert page.locator(MAP_FRAME).bounding_box()["y"] > box["y"] + 40
        assert center() == moved
    finally:
        offline.page.context.close()


def test_app_back_and_forward_step_through_the_chapters_visited(offline_page, app_url, default_story):
    page, _ = open_app(offline_page, f"{app_url}/?chapter={default_story.chapters[4].id}")
    wait_for_chapter(page, default_story, 5)
    for number in (6, 7):
        page.get_by_role("button", name="Next").click()
        wait_for_chapter(page, default_story, number)
        expect(page).to_have_url(f"{app_url}/?chapter={default_story.chapters[number - 1].id}")
    page.go_back()
    wait_for_chapter(page, default_story, 6)
    expect(page).to_have_url(f"{app_url}/?chapter={default_story.chapters[5].id}")
    page.go_back()
    wait_for_chapter(page, default_story, 5)
    page.go_forward()
    wait_for_chapter(page, default_story, 6)
    page.go_forward()
    wait_for_chapter(page, default_story, 7)
    page.wait_for_timeout(500)
    wait_for_chapter(page, default_story, 7)  # and it stays there
    page.reload()
    wait_for_chapter(page, default_story, 7)


# --- the static export -----------------------------------------------------------------------


def export_page(browser, viewport: dict, phone: bool = False):
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def export_map(page):
    box = page.locator(".leaflet-container").first.bounding_box()
    legend = page.locator(".storymap-legend").bounding_box()
    size = page.evaluate("() => { const s = window[window.STORYMAP_DATA.mapName].getSize(); return [s.x, s.y]; }")
    return box, legend, size


@pytest.mark.parametrize("viewport", LAPTOPS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_export_on_a_laptop_shows_the_whole_map_beside_the_text_on_every_chapter(browser, site, default_story, viewport):
    page = export_page(browser, viewport)
    try:
        page.goto(site.as_uri())
        problems = []
        for number in range(1, len(default_story.chapters) + 1):
            if number > 1:
                page.locator("#next").click()
            wait_for_chapter(page, default_story, number)
            map_box, legend_box, leaflet_size = export_map(page)
            problems += [f"chapter {number}: {p}" for p in laptop_problems(page, map_box, legend_box, viewport, leaflet_size)]
            chapter = page.locator("#chapter").bounding_box()
            if chapter["y"] + chapter["height"] > viewport["height"] + 0.5:
                problems.append(f"chapter {number}: the text runs below the window")
        assert not problems
        assert page.errors == []
    finally:
        page.context.close()


def test_export_on_a_phone_puts_the_map_near_the_top_with_next_in_reach_on_every_chapter(browser, site, default_story):
    page = export_page(browser, PHONE, phone=True)
    try:
        page.goto(site.as_uri())
        problems = []
        for number in range(1, len(default_story.chapters) + 1):
            if number > 1:
                page.locator("#next").click()
            wait_for_chapter(page, default_story, number)
            problems += [f"chapter {number}: {p}" for p in phone_problems(page, page.locator(".map-box").bounding_box(), page.locator("#next"), PHONE)]
        assert not problems
        assert page.errors == []
    finally:
        page.context.close()


def test_export_back_and_forward_step_through_the_chapters_visited(browser, site, default_story):
    page = export_page(browser, LAPTOPS[0])
    try:
        page.goto(site.as_uri() + f"#{default_story.chapters[4].id}")
        wait_for_chapter(page, default_story, 5)
        page.locator("#next").click()
        page.locator("#next").click()
        wait_for_chapter(page, default_story, 7)
        page.go_back()
        wait_for_chapter(page, default_story, 6)
        page.go_back()
        wait_for_chapter(page, default_story, 5)
        page.go_forward()
        wait_for_chapter(page, default_story, 6)
        assert page.url.endswith(f"#{default_story.chapters[5].id}")
        page.reload()
        wait_for_chapter(page, default_story, 6)
    finally:
        page.context.close()

"""The export's scrolling layout in Chromium, from disk with the network blocked: the map follows
the chapters as they scroll past, links and keys step, the audit passes, and a phone's screen
holds it."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from export.site import export_site
from geo.views import chapter_view
from test_accessibility import FRAME_OPTIONS, WIDTHS, blocking, run_axe_on_page, sample_chapters


@pytest.fixture(scope="module")
def site(tmp_path_factory, default_story, gazetteer):
    return export_site(default_story, {**gazetteer, **default_story.places}, tmp_path_factory.mktemp("scroll"), layout="scroll")


def map_view(page):
    return page.evaluate("() => { const map = window[window.STORYMAP_DATA.mapName]; "
                         "return [map.getCenter().lat, map.getCenter().lng, map.getZoom(), map.getBounds().toBBoxString()]; }")


def shows(page, view: dict) -> bool:
    script = "(b) => { const map = window[window.STORYMAP_DATA.mapName]; return map.getBounds().pad(0.01).contains(b) && map.getZoom() >= Math.min(13, map.getBoundsZoom(b)) - 1.5; }"
    if "bounds" in view:
        return page.evaluate(script, view["bounds"])
    # A centre-and-zoom view may open a little wider to keep its places clear of the controls.
    in_sight = page.evaluate("(c) => window[window.STORYMAP_DATA.mapName].getBounds().contains(c)", view["center"])
    return in_sight and view["zoom"] - 1.5 <= map_view(page)[2] <= view["zoom"]


def wait_for_view(page, view: dict, timeout: float = 6.0) -> None:
    deadline = time.monotonic() + timeout
    while not shows(page, view):
        assert time.monotonic() < deadline, f"the map did not reach {view}; it shows {map_view(page)}"
        page.wait_for_timeout(100)


def current_chapter(page) -> str:
    return page.evaluate("() => decodeURIComponent(location.hash.slice(1))")


def test_scrolling_moves_the_map_to_each_chapter(open_file_page, site, default_story, gazetteer):
    page = open_file_page(site.as_uri())
    places = {**gazetteer, **default_story.places}
    history_before = page.evaluate("() => history.length")
    for index, chapter in enumerate(default_story.chapters):
        # The reader scrolls the chapter's text up to the middle of the screen.
        page.evaluate("(id) => { const step = document.querySelector(`.step[data-chapter=\"${id}\"]`);"
                      " window.scrollTo(0, step.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.3); }", chapter.id)
        expect(page.locator(".step.is-current h2")).to_have_text(chapter.title)
        wait_for_view(page, chapter_view(chapter, places))
        assert current_chapter(page) == chapter.id
    assert page.evaluate("() => history.length") == history_before, "reading must not fill the browser's history"
    assert page.errors == []


def test_a_chapter_link_opens_there(open_file_page, site, default_story, gazetteer):
    chapter = default_story.chapters[default_story.index_of("inchon-landing")]
    page = open_file_page(site.as_uri() + "#inchon-landing")
    expect(page.locator(".step.is-current h2")).to_have_text(chapter.title)
    wait_for_view(page, chapter_view(chapter, {**gazetteer, **default_story.places}))
    top = page.locator('.step[data-chapter="inchon-landing"]').bounding_box()["y"]
    assert 0 <= top < 100, "the chapter's text is at the top of the screen"


def test_page_down_space_and_arrows_step_one_chapter(open_file_page, site, default_story):
    ids = [chapter.id for chapter in default_story.chapters]
    page = open_file_page(site.as_uri())
    page.locator("h1").click()
    for key, expected in (("PageDown", 1), ("PageDown", 2), ("Space", 3), ("ArrowRight", 4), ("PageUp", 3), ("ArrowLeft", 2)):
        page.keyboard.press(key)
        expect(page.locator(".step.is-current")).to_have_attribute("data-chapter", ids[expected])
        page.wait_for_function("(id) => decodeURIComponent(location.hash.slice(1)) === id", arg=ids[expected])


def test_every_chapters_text_is_on_the_page_with_its_paragraphs(open_file_page, site, default_story):
    page = open_file_page(site.as_uri())
    steps = page.locator(".step")
    expect(steps).to_have_count(len(default_story.chapters))
    for number, chapter in enumerate(default_story.chapters):
        step = steps.nth(number)
        expect(step.locator("h2")).to_have_text(chapter.title)
        expect(step.locator(".storymap-caption")).to_have_text(chapter.caption)
        expect(step.locator("p:not([class])").first).to_have_text(chapter.narrative.split("\n\n")[0])


def test_on_a_phone_the_map_stays_on_screen_and_nothing_is_too_wide(open_file_page, site):
    page = open_file_page(site.as_uri() + "#the-armistice", viewport=WIDTHS["phone"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator(".scrolly-map").bounding_box()
    assert box["y"] >= -1 and box["height"] >= 812 / 3 - 20, box
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    box = page.locator(".scrolly-map").bounding_box()
    assert -1 <= box["y"] < 5, "the map stays at the top while the text scrolls"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_scrolling_page_passes_the_audit(open_file_page, site, default_story, width):
    found = {}
    for chapter_id in sample_chapters(default_story):
        page = open_file_page(site.as_uri() + "#" + chapter_id, viewport=WIDTHS[width], bypass_csp=True)
        expect(page.locator(".step.is-current")).to_have_attribute("data-chapter", chapter_id)
        if bad := blocking(run_axe_on_page(page, FRAME_OPTIONS)):
            found[chapter_id] = bad
    assert not found, json.dumps({chapter: [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in bad] for chapter, bad in found.items()}, indent=1)

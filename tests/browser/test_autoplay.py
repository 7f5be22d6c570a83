"""Autoplay for kiosks and talks (static/autoplay.js): the page steps through the chapters on
its own, pauses when the reader takes over and says so, and loops when asked. The static export
in both layouts here; the app's own test is beside its other browser tests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from export.site import export_site


@pytest.fixture(scope="module")
def sites(tmp_path_factory, default_story, gazetteer):
    folder = tmp_path_factory.mktemp("autoplay")
    places = {**gazetteer, **default_story.places}
    return {layout: export_site(default_story, places, folder / layout, layout=layout) for layout in ("steps", "scroll")}


@pytest.fixture
def open_page(browser):
    contexts = []

    def opened(url: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        return page

    yield opened
    for context in contexts:
        context.close()


def current(page) -> str:
    return page.evaluate("() => decodeURIComponent(location.hash.slice(1))")


def wait_for_chapter(page, chapter_id: str, timeout: float = 8000) -> None:
    page.wait_for_function("(id) => decodeURIComponent(location.hash.slice(1)) === id", arg=chapter_id, timeout=timeout)


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_autoplay_steps_on_its_own_and_a_key_pauses_it(open_page, sites, default_story, layout):
    ids = [chapter.id for chapter in default_story.chapters]
    page = open_page(sites[layout].as_uri() + "?autoplay=1")
    status = page.locator("#autoplay-status")
    expect(status).to_contain_text("a new chapter every 1 second.")
    expect(page.locator("#autoplay")).to_have_text("Pause")
    wait_for_chapter(page, ids[1])
    wait_for_chapter(page, ids[2])
    page.keyboard.press("Shift")
    expect(status).to_contain_text("paused")
    expect(page.locator("#autoplay")).to_have_text("Play story")
    stopped_at = current(page)
    page.wait_for_timeout(2500)
    assert current(page) == stopped_at, "paused autoplay must not step"
    page.locator("#autoplay").click()  # the button resumes it
    wait_for_chapter(page, ids[ids.index(stopped_at) + 1])
    page.mouse.click(5, 5)  # a click elsewhere pauses it too
    expect(status).to_contain_text("paused")
    assert page.errors == []


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_loop_wraps_from_the_last_chapter_to_the_first(open_page, sites, default_story, layout):
    ids = [chapter.id for chapter in default_story.chapters]
    page = open_page(sites[layout].as_uri() + f"?autoplay=1&loop=1#{ids[-1]}")
    wait_for_chapter(page, ids[-1])
    wait_for_chapter(page, ids[0])
    wait_for_chapter(page, ids[1])


def test_without_loop_autoplay_stops_at_the_end(open_page, sites, default_story):
    ids = [chapter.id for chapter in default_story.chapters]
    page = open_page(sites["steps"].as_uri() + f"?autoplay=1#{ids[-2]}")
    wait_for_chapter(page, ids[-1])
    expect(page.locator("#autoplay-status")).to_contain_text("finished")
    expect(page.locator("#autoplay")).to_have_text("Play story")


def test_without_the_parameter_nothing_plays_until_asked(open_page, sites, default_story):
    ids = [chapter.id for chapter in default_story.chapters]
    page = open_page(sites["steps"].as_uri())
    expect(page.locator("#autoplay")).to_be_visible()
    expect(page.locator("#autoplay")).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(1500)
    assert current(page) == ids[0]


def test_the_app_plays_itself_pauses_on_a_key_and_loops(browser, app_url, default_story):
    from pages import OfflinePage, open_app

    ids = [chapter.id for chapter in default_story.chapters]
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    try:
        page, _frame = open_app(OfflinePage(context), f"{app_url}/?chapter={ids[-2]}&autoplay=1&loop=1")
        position = page.locator(".st-key-chapter-nav").get_by_text(re.compile(r"^Chapter \d+ of"))
        expect(page.locator(".storymap-autoplay")).to_have_text("Pause")
        expect(position).to_have_text(f"Chapter {len(ids)} of {len(ids)}", timeout=15_000)
        expect(position).to_have_text(f"Chapter 1 of {len(ids)}", timeout=15_000)  # loop=1: from the last to the first
        expect(position).to_have_text(f"Chapter 2 of {len(ids)}", timeout=15_000)
        page.keyboard.press("Shift")
        expect(page.locator(".storymap-autoplay-status")).to_contain_text("paused")
        expect(page.locator(".storymap-autoplay")).to_have_text("Play story")
        shown = position.inner_text()
        page.wait_for_timeout(2500)
        assert position.inner_text() == shown, "paused autoplay must not step"
    finally:
        context.close()

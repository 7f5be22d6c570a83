"""Autoplay for kiosks and talks (static/autoplay.js): the page steps through the chapters on
its own, pauses when the reader takes over and says so, and loops when asked. The static export
in both layouts here; the app's own test is beside its other browser tests."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from playwright.sync_api import expect

from export.site import export_site
from story.loader import load_story
from geo.references import builtin_references


PARIS = Path(__file__).resolve().parent.parent / "fixtures" / "paris" / "paris.yaml"


@pytest.fixture(scope="module")
def paris(gazetteer):
    """A story with nothing that plays on its own, so each chapter takes just the autoplay time."""
    return load_story(PARIS, builtin_references())


@pytest.fixture(scope="module")
def sites(tmp_path_factory, paris, gazetteer):
    folder = tmp_path_factory.mktemp("autoplay")
    places = {**gazetteer, **paris.places}
    return {layout: export_site(paris, places, folder / layout, layout=layout, source=PARIS) for layout in ("steps", "scroll")}


@pytest.fixture(scope="module")
def war_site(tmp_path_factory, default_story, gazetteer):
    return export_site(default_story, {**gazetteer, **default_story.places}, tmp_path_factory.mktemp("autoplay-war") / "site")


def current(page) -> str:
    return page.evaluate("() => decodeURIComponent(location.hash.slice(1))")


def wait_for_chapter(page, chapter_id: str, timeout: float = 8000) -> None:
    page.wait_for_function("(id) => decodeURIComponent(location.hash.slice(1)) === id", arg=chapter_id, timeout=timeout)


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_autoplay_steps_on_its_own_and_a_key_or_click_pauses_it(open_file_page, sites, paris, layout):
    ids = [chapter.id for chapter in paris.chapters]
    page = open_file_page(sites[layout].as_uri() + "?autoplay=3")
    status = page.locator("#autoplay-status")
    expect(status).to_contain_text("a new chapter every 3 seconds.")
    expect(page.locator("#autoplay")).to_have_text("Pause")
    page.keyboard.press("Shift")  # the reader takes over
    expect(status).to_contain_text("paused")
    expect(page.locator("#autoplay")).to_have_text("Play story")
    page.wait_for_timeout(3500)
    assert current(page) == ids[0], "paused autoplay must not step"
    page.locator("#autoplay").click()  # the button resumes it
    expect(page.locator("#autoplay")).to_have_text("Pause")
    wait_for_chapter(page, ids[1])
    page.mouse.click(5, 5)  # a click elsewhere pauses it too
    expect(status).to_contain_text("paused")
    assert page.errors == []


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_loop_wraps_from_the_last_chapter_to_the_first(open_file_page, sites, paris, layout):
    ids = [chapter.id for chapter in paris.chapters]
    page = open_file_page(sites[layout].as_uri() + f"?autoplay=1&loop=1#{ids[-1]}")
    wait_for_chapter(page, ids[-1])
    wait_for_chapter(page, ids[0])
    wait_for_chapter(page, ids[1])


def test_without_loop_autoplay_stops_at_the_end(open_file_page, sites, paris):
    ids = [chapter.id for chapter in paris.chapters]
    page = open_file_page(sites["steps"].as_uri() + f"?autoplay=1#{ids[-2]}")
    wait_for_chapter(page, ids[-1])
    expect(page.locator("#autoplay-status")).to_contain_text("finished")
    expect(page.locator("#autoplay")).to_have_text("Play story")


def test_without_the_parameter_nothing_plays_until_asked(open_file_page, sites, paris):
    ids = [chapter.id for chapter in paris.chapters]
    page = open_file_page(sites["steps"].as_uri())
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
        page.keyboard.press("Shift")
        expect(page.locator(".storymap-autoplay-status")).to_contain_text("paused")
        expect(page.locator(".storymap-autoplay")).to_have_text("Play story")
        shown = position.inner_text()
        page.wait_for_timeout(2500)
        assert position.inner_text() == shown, "paused autoplay must not step"
    finally:
        context.close()


def test_a_chapter_waits_for_its_war_time_to_finish_playing(open_file_page, war_site, default_story):
    ids = [chapter.id for chapter in default_story.chapters]
    start = ids.index("inchon-landing")
    page = open_file_page(war_site.as_uri() + f"?autoplay=1#{ids[start]}")
    page.wait_for_function("() => window.storymap.busy()", timeout=8000)  # the chapter's time plays
    while page.evaluate("() => window.storymap.busy()"):
        assert current(page) == ids[start], "autoplay moved on while the chapter's time was playing"
        page.wait_for_timeout(100)
    wait_for_chapter(page, ids[start + 1])

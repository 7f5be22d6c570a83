"""A story set in Paris, in the running app and in its static export: the page, the map (its
labels, legend, popups' markup), the map's description and the live region hold nothing of the
default story, and the story's own places and layer are drawn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, start_streamlit, stop
from export.site import export_site
from pages import MAP_FRAME
from story.loader import load_story
from geo.references import builtin_references

PARIS = ROOT / "tests" / "fixtures" / "paris" / "paris.yaml"
KOREAN_WAR = re.compile(
    r"korea|38th|parallel|busan|pusan|incheon|inchon|pyongyang|panmunjom|seoul|wolmido|yalu|1950s|"
    r"photograph appeared|\bbbc\b|[\uac00-\ud7af]",
    re.IGNORECASE,
)


def korean_war_words(text: str) -> list[str]:
    return sorted({match.group(0) for match in KOREAN_WAR.finditer(text)})


@pytest.fixture(scope="module")
def paris_url():
    process, url = start_streamlit(ROOT / "app.py", "--", "--story", str(PARIS))
    yield url
    stop(process)


def test_the_paris_story_in_the_app(offline_page, paris_url):
    page = offline_page.page
    page.goto(paris_url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.storymap-place-hotel-de-ville").wait_for(state="attached", timeout=30_000)
    for number in (1, 2):
        if number == 2:
            page.get_by_role("button", name="Next").click()
        expect(page.locator('[aria-live="polite"]')).to_contain_text(f"Chapter {number} of 2")
        expect(frame.locator(".leaflet-tooltip.storymap-label").first).to_be_attached()
        whole_page = page.locator("body").evaluate("body => body.outerHTML")
        whole_map = frame.locator("html").evaluate("html => html.outerHTML")
        description = page.locator(".st-key-map-description").inner_text()
        live = page.locator('[aria-live="polite"]').inner_text()
        assert korean_war_words(whole_page + whole_map + description + live) == []
        assert "Hôtel de Ville" in description
    # Its own layer is drawn by date, and listed in the legend.
    expect(frame.locator("path.storymap-history-armoured-column").first).to_be_attached()
    expect(frame.locator('.storymap-legend li[data-layer="armoured-column"]')).not_to_have_attribute("hidden", "")
    assert frame.locator(".storymap-parallel").count() == 0
    assert offline_page.outside == []
    assert offline_page.console_errors == []


def test_the_paris_story_exported(browser, tmp_path, gazetteer):
    story = load_story(PARIS, builtin_references())
    index = export_site(story, {**gazetteer, **story.places}, tmp_path)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(index.as_uri())
    expect(page.locator(".leaflet-container path.storymap-place-hotel-de-ville")).to_be_attached()
    for chapter in story.chapters:
        page.goto(f"{index.as_uri()}#{chapter.id}")
        expect(page.locator("#chapter-title")).to_have_text(chapter.title)
        text = page.locator("html").evaluate("html => html.outerHTML")
        assert korean_war_words(text) == []
    expect(page.locator("path.storymap-history-armoured-column").first).to_be_attached()
    assert errors == []
    context.close()

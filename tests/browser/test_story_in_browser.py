"""The running app in Chromium with the internet cut off: the map draws and Next walks the story."""

from __future__ import annotations

from playwright.sync_api import expect

from geo.map_builder import story_places
from pages import open_app

KEY_SLUGS = ["parallel-38", "busan", "incheon", "pyongyang", "panmunjom"]


def caption_of(page) -> str:
    return page.locator(".st-key-chapter-text .storymap-caption").first.inner_text()


def test_map_draws_offline_with_the_five_key_places(offline_page, app_url, default_story, gazetteer):
    page, frame = open_app(offline_page, app_url)
    for slug in KEY_SLUGS:
        assert frame.locator(f"path.storymap-place-{slug}").count() == 1, slug
    assert frame.locator("path.storymap-place").count() == len(story_places(default_story, gazetteer))
    # Land is drawn by the app itself: no tiles, no CDN.
    assert frame.locator("path.storymap-land").count() > 0
    assert frame.locator("path.storymap-parallel").count() > 0
    assert offline_page.outside == []
    assert offline_page.console_errors == []


def test_next_walks_every_caption_from_first_to_last(offline_page, app_url, default_story):
    page, _ = open_app(offline_page, app_url)
    chapters = default_story.chapters
    assert caption_of(page) == chapters[0].caption
    next_button = page.get_by_role("button", name="Next")
    for number, chapter in enumerate(chapters[1:], start=2):
        next_button.click()
        # Streamlit swaps elements in as the rerun streams in: wait for the text itself.
        expect(page.get_by_text(f"Chapter {number} of {len(chapters)}", exact=True)).to_be_visible()
        expect(page.locator(".st-key-chapter-text .storymap-caption").first).to_have_text(chapter.caption)
        expect(page.locator(".st-key-chapter-text")).to_contain_text(chapter.narrative)
        # Screen readers are told of the new chapter through a polite live region.
        expect(page.locator('[aria-live="polite"]')).to_have_text(f"Chapter {number} of {len(chapters)}: {chapter.title}")
    expect(next_button).to_be_disabled()
    assert offline_page.outside == []

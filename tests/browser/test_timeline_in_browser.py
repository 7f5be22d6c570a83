"""The timeline in Chromium: every dated chapter is a mark; clicking one goes there; the current
chapter is marked and follows Next."""

from __future__ import annotations

from playwright.sync_api import expect

from pages import open_app
from story.timeline import timeline_points

MARKS = ".st-key-timeline svg path[role='graphics-symbol']"


def mark(page, number: int):
    return page.locator(f"{MARKS}[aria-label^='Chapter {number}:']")


def test_timeline_marks_and_jumps(offline_page, app_url, default_story):
    page, _ = open_app(offline_page, app_url)
    expect(page.locator(MARKS)).to_have_count(len(timeline_points(default_story)))
    for era in ("1910", "1945", "1950–1953", "2013"):
        expect(page.locator(".st-key-timeline svg text", has_text=era)).to_have_count(1)

    armistice = default_story.index_of("the-armistice") + 1
    mark(page, armistice).click()
    expect(page.get_by_text(f"Chapter {armistice} of {len(default_story.chapters)}", exact=True)).to_be_visible()
    expect(mark(page, armistice)).to_have_attribute("aria-label", f"Chapter {armistice}: The armistice, 27 July 1953 (this chapter)")

    page.get_by_role("button", name="Next").click()
    expect(mark(page, armistice + 1)).to_have_attribute("aria-label", "Chapter 17: Operation Big Switch, 6 August 1953 (this chapter)")
    assert "(this chapter)" not in mark(page, armistice).get_attribute("aria-label")

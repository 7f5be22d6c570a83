"""The timeline in Chromium: every dated chapter is a mark; clicking one goes there; the current
chapter is marked and follows Next."""

from __future__ import annotations

from playwright.sync_api import expect

from pages import OfflinePage, open_app
from story.timeline import timeline_points

MARKS = ".st-key-timeline svg g.mark-symbol > path"  # Vega's group of the chapter circles


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


def test_timeline_by_keyboard(offline_page, app_url, default_story):
    """One tab stop on the current chapter's mark; arrows move along the marks without leaving
    the chapter (the app's own Left/Right shortcuts must not fire); Enter goes there, and focus
    stays on the timeline for the next step."""
    page, _ = open_app(offline_page, app_url)
    total = len(default_story.chapters)
    first_dated = timeline_points(default_story)[0]["index"] + 1
    stops = page.locator(f"{MARKS}[tabindex='0']")
    expect(stops).to_have_count(1)
    expect(stops).to_have_attribute("aria-label", f"Chapter {first_dated}: " + default_story.chapters[first_dated - 1].title + ", " + default_story.chapters[first_dated - 1].date.label())
    stops.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Still on chapter 1: the arrows moved focus along the timeline, not through the story.
    expect(page.get_by_text(f"Chapter 1 of {total}", exact=True)).to_be_visible()
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    target = int(focused.split(":")[0].removeprefix("Chapter "))
    assert target == timeline_points(default_story)[2]["index"] + 1
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Chapter {target} of {total}", exact=True)).to_be_visible()
    expect(mark(page, target)).to_have_attribute("aria-current", "step")
    # Focus came back to the (redrawn) timeline, on the chapter just chosen.
    expect(page.locator(f"{MARKS}:focus")).to_have_attribute("aria-label", f"{focused} (this chapter)")
    page.keyboard.press("End")
    page.keyboard.press(" ")
    expect(page.get_by_text(f"Chapter {timeline_points(default_story)[-1]['index'] + 1} of {total}", exact=True)).to_be_visible()


def test_every_mark_stands_apart_on_a_phone(browser, app_url, default_story):
    """At 375 px the crowded 1950-53 marks must not overlap, so each can be seen and tapped."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page, _ = open_app(OfflinePage(context), app_url)  # the overview: no mark is enlarged
        expect(page.locator(MARKS)).to_have_count(len(timeline_points(default_story)))
        boxes = [page.locator(MARKS).nth(n).bounding_box() for n in range(page.locator(MARKS).count())]
        assert max(box["x"] + box["width"] for box in boxes) <= 375
        overlapping = [
            (a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
            and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
        ]
        assert not overlapping, f"{len(overlapping)} pair(s) of marks overlap at 375 px"
    finally:
        context.close()

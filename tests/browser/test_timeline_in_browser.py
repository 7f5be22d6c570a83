"""The timeline in Chromium: every dated chapter is a mark; clicking one goes there; the current
chapter is marked and follows Next; it works by keyboard; on a phone no two marks overlap.
The page draws the chart twice (wide and narrow) and shows one; these tests use the one shown."""

from __future__ import annotations

from playwright.sync_api import expect

from pages import OfflinePage, open_app
from story.timeline import timeline_points

WIDE_MARKS = ".st-key-timeline .timeline-wide .timeline-mark"
NARROW_MARKS = ".st-key-timeline .timeline-narrow .timeline-mark"


def mark(page, number: int):
    return page.locator(f"{WIDE_MARKS}[aria-label^='Chapter {number}:']")


def position(page, story, number: int):
    return page.get_by_text(f"Chapter {number} of {len(story.chapters)}", exact=True)


def test_timeline_marks_and_jumps(offline_page, app_url, default_story):
    page, _ = open_app(offline_page, app_url)
    expect(page.locator(WIDE_MARKS)).to_have_count(len(timeline_points(default_story)))
    expect(page.locator(NARROW_MARKS).first).to_be_hidden()
    for era in ("1910", "1945", "1948–1953", "2013"):
        expect(page.locator(".st-key-timeline .timeline-wide text", has_text=era)).to_have_count(1)

    armistice = default_story.index_of("the-armistice") + 1
    mark(page, armistice).click()
    expect(position(page, default_story, armistice)).to_be_visible()
    expect(mark(page, armistice)).to_have_attribute("aria-label", f"Chapter {armistice}: The armistice, 27 July 1953 (this chapter)")

    page.get_by_role("button", name="Next").click()
    expect(mark(page, armistice + 1)).to_have_attribute("aria-label", "Chapter 17: Operation Big Switch, 6 August 1953 (this chapter)")
    expect(mark(page, armistice + 1)).to_have_attribute("aria-current", "step")
    assert "(this chapter)" not in mark(page, armistice).get_attribute("aria-label")


def test_timeline_by_keyboard(offline_page, app_url, default_story):
    """One tab stop; arrows move along the marks without leaving the chapter (the app's own
    Left/Right shortcuts must not fire); Enter goes there, and focus stays on the timeline."""
    page, _ = open_app(offline_page, app_url)
    points = timeline_points(default_story)
    stops = page.locator(f"{WIDE_MARKS}[tabindex='0']")
    expect(stops).to_have_count(1)
    first = default_story.chapters[points[0]["index"]]
    expect(stops).to_have_attribute("aria-label", f"Chapter {points[0]['index'] + 1}: {first.title}, {first.date.label()}")
    stops.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Still on chapter 1: the arrows moved focus along the timeline, not through the story.
    expect(position(page, default_story, 1)).to_be_visible()
    target = points[2]["index"] + 1
    expect(page.locator(f"{WIDE_MARKS}:focus")).to_have_attribute(
        "aria-label", f"Chapter {target}: {default_story.chapters[target - 1].title}, {default_story.chapters[target - 1].date.label()}")
    page.keyboard.press("Enter")
    expect(position(page, default_story, target)).to_be_visible()
    expect(mark(page, target)).to_have_attribute("aria-current", "step")
    # Focus is still on the timeline, on the chapter just chosen, so the next key goes on from there.
    expect(page.locator(f"{WIDE_MARKS}:focus")).to_have_attribute("aria-current", "step")
    page.keyboard.press("End")
    page.keyboard.press(" ")
    expect(position(page, default_story, points[-1]["index"] + 1)).to_be_visible()


def test_every_mark_stands_apart_on_a_phone(browser, app_url, default_story):
    """At 375 px the crowded 1950-53 marks must not overlap, so each can be seen and tapped."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page, _ = open_app(OfflinePage(context), app_url)  # the overview: no mark is enlarged
        marks = page.locator(NARROW_MARKS)
        expect(marks).to_have_count(len(timeline_points(default_story)))
        expect(page.locator(WIDE_MARKS).first).to_be_hidden()
        boxes = [marks.nth(n).bounding_box() for n in range(marks.count())]
        assert max(box["x"] + box["width"] for box in boxes) <= 375
        overlapping = [
            (a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
            and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
        ]
        assert not overlapping, f"{len(overlapping)} pair(s) of marks overlap at 375 px"
        # A tap goes to the chapter, as a click does.
        armistice = default_story.index_of("the-armistice") + 1
        page.locator(f"{NARROW_MARKS}[aria-label^='Chapter {armistice}:']").click()
        expect(position(page, default_story, armistice)).to_be_visible()
    finally:
        context.close()

"""Key places and lines are drawn from the day they began to matter (the story's map.drawn_from):
in the app and in both export layouts, a 1910 chapter shows neither the 38th parallel nor
Panmunjom (nor the parallel's row in the legend), 1948 shows the parallel but not Panmunjom,
and the armistice shows both. Turning the places off and on in the layer control does not
bring a left-off place back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from export.site import export_site
from pages import MAP_FRAME

PARALLEL = "path.storymap-place-parallel-38"
PARALLEL_LABEL = ".storymap-line-label.storymap-place-parallel-38"
PARALLEL_ROW = ".storymap-legend li.storymap-place-parallel-38"
PANMUNJOM = "path.storymap-place-panmunjom"
BUSAN = "path.storymap-place-busan"
# chapter id -> (parallel drawn, Panmunjom drawn)
EXPECTED = {"into-seoul": (False, False), "kim-il-sung": (True, False), "the-armistice": (True, True)}


def displayed(frame, selector: str) -> bool:
    """Drawn (not display: none), whether or not the chapter's view reaches it."""
    locator = frame.locator(selector)
    locator.first.wait_for(state="attached")
    return locator.first.evaluate("node => getComputedStyle(node).display !== 'none'")


def check(frame, chapter: str) -> None:
    parallel, panmunjom = EXPECTED[chapter]
    # The chapter's rule is in place once the runtime has handled the chapter.
    expect(frame.locator("style.storymap-absent")).to_be_attached()
    assert displayed(frame, BUSAN)
    assert displayed(frame, PARALLEL) == parallel, chapter
    assert displayed(frame, PANMUNJOM) == panmunjom, chapter
    if not parallel:
        assert not displayed(frame, PARALLEL_LABEL)
    # The legend's row for the line goes with it.
    assert displayed(frame, PARALLEL_ROW) == parallel, chapter


def test_the_app_leaves_off_what_did_not_matter_yet(offline_page, app_url):
    page = offline_page.page
    for chapter in EXPECTED:
        page.goto(f"{app_url}?chapter={chapter}")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(BUSAN).wait_for(state="attached", timeout=30_000)
        check(frame, chapter)
    # Back to 1910 by the page's own navigation, then the Places layer off and on again.
    page.goto(f"{app_url}?chapter=into-seoul")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(BUSAN).wait_for(state="attached", timeout=30_000)
    check(frame, "into-seoul")
    places = frame.locator(".leaflet-control-layers-overlays label", has_text="Places").locator("input")
    places.evaluate("input => input.click()")
    expect(frame.locator(BUSAN)).to_have_count(0)
    places.evaluate("input => input.click()")
    assert displayed(frame, BUSAN) and not displayed(frame, PANMUNJOM)
    assert offline_page.console_errors == []


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_the_export_leaves_off_what_did_not_matter_yet(open_file_page, tmp_path, default_story, gazetteer, layout):
    site = export_site(default_story, {**gazetteer, **default_story.places}, tmp_path / "site", layout=layout)
    for chapter in EXPECTED:
        page = open_file_page(f"{site.as_uri()}#{chapter}")
        check(page, chapter)
        assert page.errors == []

"""The static export in Chromium from file:// with all network blocked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from export.site import export_site
from story.timeline import timeline_points
from geo.references import builtin_references

# Every Content-Security-Policy violation the page meets, whether or not it reaches the console.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(event.violatedDirective + " " + event.blockedURI));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, default_story, gazetteer):
    outdir = tmp_path_factory.mktemp("export")
    return export_site(default_story, {**gazetteer, **default_story.places}, outdir)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort()))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.outside = outside
    yield page
    context.close()


def position(page, number: int, total: int):
    expect(page.locator("#position")).to_have_text(f"Chapter {number} of {total}")


def test_opens_from_disk_and_walks_to_the_end(page, site, default_story):
    chapters = default_story.chapters
    page.goto(site.as_uri())
    position(page, 1, len(chapters))
    expect(page.locator("#chapter-figure .storymap-caption")).to_have_text(chapters[0].caption)
    expect(page.locator(".leaflet-container path.storymap-place-busan")).to_have_count(1)
    expect(page.locator(".leaflet-container path.storymap-land").first).to_be_attached()
    page.locator("#next").click()
    position(page, 2, len(chapters))
    page.locator("h1").click()
    for number in range(3, len(chapters) + 1):
        page.keyboard.press("ArrowRight")
        position(page, number, len(chapters))
        expect(page.locator("#chapter-narrative")).to_have_text(chapters[number - 1].narrative)
    expect(page.locator("#next")).to_be_disabled()
    assert page.url.endswith(f"#{chapters[-1].id}")
    assert page.outside == [] and page.errors == []


def test_deep_links_and_unknown_links(page, site, default_story, gazetteer):
    index = default_story.index_of("inchon-landing")
    page.goto(site.as_uri() + "#inchon-landing")
    position(page, index + 1, len(default_story.chapters))
    expect(page.locator("#notice")).to_be_hidden()
    # The map is at the chapter's view: its places (Incheon, Wolmido) are in sight.
    for slug in default_story.chapters[index].places:
        place = gazetteer[slug]
        page.wait_for_function("([lat, lon]) => window[window.STORYMAP_DATA.mapName].getBounds().contains([lat, lon])", arg=list(place.location))
    page.goto("about:blank")
    page.goto(site.as_uri() + "#no-such-chapter")
    position(page, 1, len(default_story.chapters))
    expect(page.locator("#notice")).to_contain_text("names no chapter")
    assert page.url.endswith(f"#{default_story.chapters[0].id}")
    page.reload()  # the corrected link now names a real chapter
    position(page, 1, len(default_story.chapters))
    expect(page.locator("#notice")).to_be_hidden()


def test_a_place_click_goes_to_its_chapter(page, site, default_story):
    page.goto(site.as_uri())
    page.locator(".leaflet-container path.storymap-place-incheon").click()
    position(page, default_story.index_of("macarthur-off-inchon") + 1, len(default_story.chapters))


def test_strict_content_security_policy_holds(page, site):
    page.goto(site.as_uri())
    expect(page.locator("#position")).to_contain_text("Chapter 1")
    assert page.errors == [], "a policy violation is reported as a console error"
    # The policy is really in force: an inline script in the same page is refused.
    tampered = site.parent / "tampered.html"
    tampered.write_text(site.read_text(encoding="utf-8").replace("</body>", "<script>window.ran = true;</script></body>"), encoding="utf-8")
    page.goto(tampered.as_uri())
    expect(page.locator("#position")).to_contain_text("Chapter 1")
    assert page.evaluate("() => window.ran === true") is False
    assert any("Content Security Policy" in error for error in page.errors)


def visible_mark(page, chapter_id: str):
    """The chapter's mark in the timeline shown at this width (one of two drawn)."""
    return page.locator(f".timeline-chart:visible .timeline-mark[data-chapter='{chapter_id}']")


def assert_current(page, chapter_id: str):
    expect(visible_mark(page, chapter_id)).to_have_class("timeline-mark is-current")
    expect(visible_mark(page, chapter_id)).to_have_attribute("aria-label", re.compile(r"\(this chapter\)$"))
    expect(visible_mark(page, chapter_id)).to_have_attribute("aria-current", "step")
    expect(page.locator(".timeline-chart:visible .is-current")).to_have_count(1)
    expect(page.locator(".timeline-chart:visible [aria-current]")).to_have_count(1)


def test_timeline_marks_jump_and_follow_the_reader(page, site, default_story):
    total = len(default_story.chapters)
    page.goto(site.as_uri())
    position(page, 1, total)
    expect(page.locator(".timeline-chart:visible .timeline-mark")).to_have_count(len(timeline_points(default_story)))
    expect(page.locator(".timeline-chart:visible .is-current")).to_have_count(0)  # the overview has no date

    armistice = default_story.index_of("the-armistice")
    visible_mark(page, "the-armistice").click()
    position(page, armistice + 1, total)
    expect(visible_mark(page, "the-armistice")).to_have_attribute("aria-label", f"Chapter {armistice + 1}: The armistice, 27 July 1953 (this chapter)")
    assert_current(page, "the-armistice")

    page.locator("#next").click()
    position(page, armistice + 2, total)
    assert_current(page, default_story.chapters[armistice + 1].id)
    expect(visible_mark(page, "the-armistice")).to_have_attribute("aria-label", f"Chapter {armistice + 1}: The armistice, 27 July 1953")

    page.goto(site.as_uri() + "#inchon-landing")  # a link, then the arrow keys
    position(page, default_story.index_of("inchon-landing") + 1, total)
    assert_current(page, "inchon-landing")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    assert_current(page, default_story.chapters[default_story.index_of("inchon-landing") + 1].id)
    assert page.errors == [] and page.evaluate("window.cspViolations") == []


def test_timeline_works_from_the_keyboard(page, site, default_story):
    total = len(default_story.chapters)
    order = [point["id"] for point in timeline_points(default_story)]
    page.goto(site.as_uri())
    position(page, 1, total)
    page.locator("#autoplay").focus()  # the last control of the title row
    page.keyboard.press("Tab")  # one tab stop: the first mark while the chapter has none
    focused = page.locator(".timeline-mark:focus")
    expect(focused).to_have_attribute("data-chapter", order[0])
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid", "a visible focus ring"
    page.keyboard.press("Enter")
    position(page, default_story.index_of(order[0]) + 1, total)
    page.keyboard.press("ArrowRight")  # moves along the marks, not through the chapters
    expect(focused).to_have_attribute("data-chapter", order[1])
    position(page, default_story.index_of(order[0]) + 1, total)
    page.keyboard.press(" ")
    position(page, default_story.index_of(order[1]) + 1, total)
    assert_current(page, order[1])
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    position(page, default_story.index_of(order[-1]) + 1, total)
    page.keyboard.press("Tab")  # out of the timeline in one press
    expect(page.locator(".timeline-mark:focus")).to_have_count(0)
    page.keyboard.press("Shift+Tab")  # and back to the current chapter's mark
    expect(focused).to_have_attribute("data-chapter", order[-1])
    assert page.errors == [] and page.evaluate("window.cspViolations") == []


def test_timeline_fits_a_phone(page, site, default_story):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.as_uri() + "#the-armistice")
    expect(page.locator(".timeline-narrow")).to_be_visible()
    expect(page.locator(".timeline-wide")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "nothing wider than the screen"
    marks = page.locator(".timeline-narrow .timeline-mark")
    expect(marks).to_have_count(len(timeline_points(default_story)))
    for index in range(marks.count()):
        box = marks.nth(index).bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 375
        assert box["width"] >= 9, "marks keep about the size the app draws them"
    era = page.locator(".timeline-narrow text", has_text="1948–1953").bounding_box()
    assert era["height"] >= 9, "era names stay readable"
    assert_current(page, "the-armistice")
    visible_mark(page, "into-seoul").click()
    position(page, default_story.index_of("into-seoul") + 1, len(default_story.chapters))
    assert page.errors == [] and page.evaluate("window.cspViolations") == []


def test_a_chapter_shown_by_the_page_keeps_its_paragraphs(page, tmp_path, gazetteer):
    from story.validate import build_story

    raw = {
        "title": "Paragraphs",
        "source": {"title": "t", "publisher": "p", "date": "2020"},
        "chapters": [
            {"id": "one", "title": "One", "caption": "c", "narrative": "Only one.", "places": ["busan"]},
            {"id": "two", "title": "Two", "caption": "c", "narrative": "First.\n\nSecond <b>bold</b>?", "places": ["busan"]},
        ],
    }
    site = export_site(build_story(raw, "paragraphs.yaml", builtin_references()), gazetteer, tmp_path / "site")
    page.goto(site.as_uri())
    page.locator("#next").click()
    paragraphs = page.locator("#chapter-narrative p")
    expect(paragraphs).to_have_text(["First.", "Second <b>bold</b>?"])
    page.locator("#previous").click()
    expect(paragraphs).to_have_text(["Only one."])

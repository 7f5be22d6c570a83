"""The static export in Chromium from file:// with all network blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from export.site import export_site


@pytest.fixture(scope="module")
def site(tmp_path_factory, default_story, gazetteer):
    outdir = tmp_path_factory.mktemp("export")
    return export_site(default_story, {**gazetteer, **default_story.places}, outdir)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort()))
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


def test_deep_links_and_unknown_links(page, site, default_story):
    index = default_story.index_of("inchon-landing")
    page.goto(site.as_uri() + "#inchon-landing")
    position(page, index + 1, len(default_story.chapters))
    expect(page.locator("#notice")).to_be_hidden()
    map_center = page.evaluate("() => { const c = window[window.STORYMAP_DATA.mapName].getCenter(); return [c.lat, c.lng]; }")
    assert abs(map_center[0] - 37.47) < 0.05 and abs(map_center[1] - 126.64) < 0.05
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

"""Accessibility audit with axe-core: the app's page, the map's frame and the static export.

axe (vendored in tests/browser/vendor/, see its README) runs on the first, a middle and the last
chapter. A violation of impact "serious" or "critical" fails the test; every violation, and what
axe's color-contrast rule found (passes, failures, and the nodes it could not decide, such as text
over the map), is printed, so `pytest -s` shows the whole audit. Nothing is excluded: no part of
Streamlit's own chrome currently has a serious violation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pages import MAP_FRAME, OfflinePage, open_app

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# The map's frame is audited on its own (below), so the page's run does not descend into it.
PAGE_OPTIONS = {"resultTypes": ["violations", "incomplete"], "iframes": False}
FRAME_OPTIONS = {"resultTypes": ["violations", "incomplete"]}


def sample_chapters(story) -> list[str]:
    """The first chapter, one in the middle and the last."""
    ids = [chapter.id for chapter in story.chapters]
    return [ids[0], ids[len(ids) // 2], ids[-1]]


def describe(results: dict, where: str) -> str:
    """Every violation with its nodes, then the color-contrast rule's results."""
    lines = [f"axe on {where}: {len(results['violations'])} violation(s)"]
    for violation in results["violations"]:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])} node(s))")
        for node in violation["nodes"][:5]:
            lines.append(f"      {node['target']}: {node['html'][:140]}")
            lines.append("      " + node["failureSummary"].replace("\n", " ")[:300])
    contrast_fail = next((v for v in results["violations"] if v["id"] == "color-contrast"), None)
    contrast_review = next((v for v in results["incomplete"] if v["id"] == "color-contrast"), None)
    lines.append(
        f"  color-contrast: {results.get('contrast_passes', 0)} node(s) pass, "
        f"{len(contrast_fail['nodes']) if contrast_fail else 0} fail, "
        f"{len(contrast_review['nodes']) if contrast_review else 0} need review"
    )
    if contrast_review:
        reasons = sorted({node["any"][0]["message"].split(" because ")[-1][:70] for node in contrast_review["nodes"] if node["any"]})
        lines.append("      needs review because: " + "; ".join(reasons))
    return "\n".join(lines)


# Rules held to whatever their impact: headings that skip a level mislead screen-reader users
# who move by heading; a page that forbids zooming fails readers who need it; content outside
# any landmark (the map before it was named one) is skipped by landmark navigation.
ALSO_BLOCKING = ("heading-order", "meta-viewport", "region")


def blocking(results: dict) -> list[dict]:
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING or violation["id"] in ALSO_BLOCKING]


RUN_AXE = """async (options) => {
    const results = await axe.run(document, options);
    const contrast = results.passes ? results.passes.find(rule => rule.id === 'color-contrast') : undefined;
    return {violations: results.violations, incomplete: results.incomplete,
            contrast_passes: contrast ? contrast.nodes.length : 0};
}"""


def run_axe_on_page(page, options: dict = PAGE_OPTIONS) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE, {**options, "resultTypes": ["violations", "incomplete", "passes"]})


def run_axe_in_frame(frame) -> dict:
    """axe inside the map's iframe: its source is evaluated there, then run on the frame's document."""
    body = frame.locator("body")
    body.evaluate("(body, source) => { if (typeof window.axe === 'undefined') { (0, eval)(source); } }", AXE_JS.read_text(encoding="utf-8"))
    return body.evaluate("(body, options) => (" + RUN_AXE + ")(options)", {**FRAME_OPTIONS, "resultTypes": ["violations", "incomplete", "passes"]})


def settle(page) -> None:
    """Wait until Streamlit has finished running: stale elements are drawn faded, which axe would
    rightly report as low contrast."""
    quiet = """() => !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]')"""
    page.wait_for_function(quiet, timeout=30_000)
    page.wait_for_timeout(600)  # the fade back to full opacity
    page.wait_for_function(quiet, timeout=30_000)


@pytest.fixture(scope="module")
def chapters(default_story):
    return sample_chapters(default_story)


def open_chapter(browser, app_url, chapter_id: str, viewport: dict, story):
    context = browser.new_context(viewport=viewport)
    page, frame = open_app(OfflinePage(context), f"{app_url}/?chapter={chapter_id}")
    title = story.chapters[story.index_of(chapter_id)].title
    expect(page.locator(".st-key-chapter-text h2")).to_contain_text(title)
    settle(page)
    return context, page, frame


def audit_chapters(browser, app_url, story, chapters, viewport, audit, where: str) -> dict:
    """Run `audit(page)` on each chapter; the blocking violations found, by chapter."""
    found = {}
    for chapter_id in chapters:
        context, page, _ = open_chapter(browser, app_url, chapter_id, viewport, story)
        try:
            results = audit(page)
        finally:
            context.close()
        print("\n" + describe(results, f"{where}, ?chapter={chapter_id}"))
        if bad := blocking(results):
            found[chapter_id] = bad
    return found


def summary(found: dict) -> str:
    return json.dumps({chapter: [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in bad] for chapter, bad in found.items()}, indent=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_app_page_has_no_serious_violations(browser, app_url, default_story, chapters, width):
    found = audit_chapters(browser, app_url, default_story, chapters, WIDTHS[width], run_axe_on_page, f"the app, {width}")
    assert not found, "serious or critical axe violations: " + summary(found)


def test_map_frame_has_no_serious_violations(browser, app_url, default_story, chapters):
    found = audit_chapters(browser, app_url, default_story, chapters, WIDTHS["desktop"],
                           lambda page: run_axe_in_frame(page.frame_locator(MAP_FRAME)), "the map's frame, desktop")
    assert not found, "serious or critical axe violations in the map: " + summary(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_static_export_has_no_serious_violations(browser, site, default_story, chapters, width):
    # The export's Content-Security-Policy (script-src 'self') forbids the inline script tag that
    # injects axe; bypass_csp lets the audit in. The policy itself is tested in test_export_in_browser.
    context = browser.new_context(viewport=WIDTHS[width], bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    found = {}
    try:
        for chapter_id in chapters:
            page = context.new_page()
            page.goto(site.as_uri() + "#" + chapter_id)
            number = default_story.index_of(chapter_id) + 1
            expect(page.locator("#position")).to_have_text(f"Chapter {number} of {len(default_story.chapters)}")
            page.wait_for_timeout(600)  # the map's fly to the chapter
            results = run_axe_on_page(page, FRAME_OPTIONS)
            print("\n" + describe(results, f"the static export, {width}, #{chapter_id}"))
            if bad := blocking(results):
                found[chapter_id] = bad
            page.close()
    finally:
        context.close()
    assert not found, "serious or critical axe violations in the export: " + json.dumps(
        {chapter: [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in bad] for chapter, bad in found.items()}, indent=1)


def test_the_audit_can_fail(browser, app_url, default_story, chapters):
    """The harness itself: an image without alt text, and faint text, on the real page are reported."""
    context, page, frame = open_chapter(browser, app_url, chapters[0], WIDTHS["desktop"], default_story)
    try:
        page.evaluate("""() => {
            const where = document.querySelector('.st-key-chapter-text');
            const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            where.appendChild(img);
            const faint = document.createElement('p');
            faint.textContent = 'Faint words';
            faint.style.color = '#cccccc';
            where.appendChild(faint);
        }""")
        results = run_axe_on_page(page)
        frame.locator("body").evaluate("""body => { const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; body.appendChild(img); }""")
        in_frame = run_axe_in_frame(frame)
    finally:
        context.close()
    print("\n" + describe(results, "the app with a planted image without alt and faint text"))
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in blocking(results)}
    assert "image-alt" in {v["id"] for v in blocking(in_frame)}

"""The static export embedded in another site's page: opened at a chapter through the frame's
address, with its buttons, keys and links working inside the frame."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from export.site import export_site

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A museum page</title></head>
<body><h1>Our exhibition</h1>
<iframe src="site/index.html#{chapter}" title="The story" width="1100" height="760" style="border:0"></iframe>
<p>Text after the story.</p></body></html>
"""


@pytest.fixture(scope="module")
def host(tmp_path_factory, default_story, gazetteer):
    folder = tmp_path_factory.mktemp("host")
    export_site(default_story, {**gazetteer, **default_story.places}, folder / "site")
    page = folder / "museum.html"
    page.write_text(HOST_PAGE.format(chapter="the-armistice"), encoding="utf-8")
    return page


def test_the_export_works_inside_another_sites_frame(browser, host, default_story):
    ids = [chapter.id for chapter in default_story.chapters]
    start = ids.index("the-armistice")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator('iframe[title="The story"]')
        total = len(ids)
        expect(frame.locator("#position")).to_have_text(f"Chapter {start + 1} of {total}")
        expect(frame.locator(".leaflet-container")).to_be_visible()
        frame.locator("#next").click()
        expect(frame.locator("#position")).to_have_text(f"Chapter {start + 2} of {total}")
        frame.locator("h1").click()  # focus inside the frame: the arrow keys are the story's
        page.keyboard.press("ArrowLeft")
        expect(frame.locator("#position")).to_have_text(f"Chapter {start + 1} of {total}")
        frame.locator("#picker").select_option(ids[1])
        expect(frame.locator("#position")).to_have_text(f"Chapter 2 of {total}")
        # The host page is untouched: its own address and text stay as they were.
        assert page.url == host.as_uri()
        expect(page.locator("body > p")).to_have_text("Text after the story.")
        assert errors == []
    finally:
        context.close()

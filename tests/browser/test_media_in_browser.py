"""Chapter photos in Chromium: a local picture shows with its alt text; one that cannot load
leaves its caption and credit and a placeholder, never a broken-image icon."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from conftest import ROOT, start_streamlit, stop
from pages import OfflinePage

STORY = """\
title: Pictures
source: {title: Notes, publisher: Ourselves, date: "2024"}
photo_note: The photograph appeared in the original notes; it is not reproduced here.
chapters:
  - id: local
    title: Local
    caption: A marker, photographed.
    narrative: The first picture is a file beside the story.
    places: [busan]
    media: {url: photos/marker.png, alt: A blue map marker, credit: Leaflet}
  - id: remote
    title: Remote
    caption: A picture from far away.
    narrative: This one lives on a server the reader cannot reach.
    places: [incheon]
    media: {url: "https://photos.example.org/far.jpg", alt: A distant harbour, credit: Someone Else}
  - id: without
    title: Without
    caption: A caption with no picture.
    narrative: The photograph is not ours to show.
    places: [seoul]
"""


@pytest.fixture(scope="module")
def media_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pictures")
    (folder / "photos").mkdir()
    shutil.copy(ROOT / "static/vendor/leaflet/images/marker-icon-2x.png", folder / "photos" / "marker.png")
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    process, url = start_streamlit(ROOT / "app.py", "--", "--story", str(folder / "story.yaml"))
    yield url
    stop(process)


def test_local_photo_remote_failure_and_no_photo(browser, media_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        offline = OfflinePage(context)
        page = offline.page
        page.goto(media_url)
        photo = page.locator(".st-key-chapter-text img.storymap-photo")
        expect(photo).to_be_visible()
        assert photo.get_attribute("alt") == "A blue map marker"
        page.wait_for_function("() => { const i = document.querySelector('img.storymap-photo'); return i && i.complete && i.naturalWidth > 0; }")
        expect(page.locator(".storymap-credit")).to_have_text("Photo: Leaflet")

        page.get_by_role("button", name="Next").click()
        expect(page.locator(".storymap-caption")).to_have_text("A picture from far away.")
        figure = page.locator(".st-key-chapter-text .storymap-figure")
        expect(figure).to_have_class("storymap-figure storymap-broken")
        expect(page.locator("img.storymap-photo")).to_be_hidden()
        expect(page.locator(".storymap-photo-missing")).to_be_visible()
        expect(page.locator(".storymap-credit")).to_have_text("Photo: Someone Else")
        assert any("photos.example.org" in url for url in offline.outside)

        page.get_by_role("button", name="Next").click()
        expect(page.locator(".storymap-caption")).to_have_text("A caption with no picture.")
        expect(page.locator(".storymap-photo-note")).to_contain_text("appeared in the original")
        assert page.locator("img.storymap-photo").count() == 0
    finally:
        context.close()

"""The app and the static export say the same things around the story's text, from one page
model (render/page.py): the byline, the chapter list, the chapter's position and the "About the
map" section with its captioned tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from export.site import export_site
from geo.history import story_layers
from geo.map_builder import story_places
from geo.provenance import layer_rows, place_rows
from render.page import about_html, byline, chapter_list, position
from story.escaping import html_text

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def about(default_story, gazetteer) -> str:
    places = {**gazetteer, **default_story.places}
    return about_html(layer_rows(story_layers(default_story), default_story, places),
                      place_rows(story_places(default_story, places), default_story.map.period))


@pytest.fixture(scope="module")
def app():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def exported(tmp_path_factory, default_story, gazetteer):
    folder = tmp_path_factory.mktemp("page-model")
    export_site(default_story, {**gazetteer, **default_story.places}, folder / "site")
    return folder / "site"


def test_about_the_map_is_the_same_html_in_the_app_and_the_export(app, exported, about):
    assert about.count("<table>") == 2 and "<caption>" in about and 'role="region"' in about
    assert [element.proto.body for element in app.get("html") if "<table>" in element.proto.body] == [about]
    assert about in (exported / "index.html").read_text(encoding="utf-8")


def test_the_chapter_list_byline_and_position_are_the_same(app, exported, default_story):
    entries = chapter_list(default_story)
    assert app.selectbox[0].options == list(entries.values())
    page = (exported / "index.html").read_text(encoding="utf-8")
    for chapter_id, entry in entries.items():
        assert f'<option value="{chapter_id}">{html_text(entry)}</option>' in page
    assert html_text(byline(default_story)) in page
    assert f"**{position(0, len(default_story.chapters))}**" in [m.value for m in app.markdown]
    data = (exported / "assets" / "story-data.js").read_text(encoding="utf-8")
    records = json.loads(data.removeprefix("window.STORYMAP_DATA = ").rstrip().rstrip(";"))["chapters"]
    assert [record["position"] for record in records] == [position(n, len(records)) for n in range(len(records))]

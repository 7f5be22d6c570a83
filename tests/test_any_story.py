"""The engine knows no story: a story set in Paris draws, says and announces nothing of the
default story; the default story draws its 38th parallel and key places on every chapter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from export.site import export_site
from test_app import PUBLISHED, published_file
from geo.describe import describe_map
from geo.map_builder import always_drawn, base_map, chapter_layer, drawn_on_map, story_places
from geo.provenance import layer_rows, place_rows
from story.figure import figure_html
from story.loader import load_story
from story.timeline import chapter_span
from geo.references import builtin_references

HERE = Path(__file__).resolve().parent
PARIS = HERE / "fixtures" / "paris" / "paris.yaml"
APP = str(HERE.parent / "app.py")
# Words of the default story that must never reach another story's page or map.
KOREAN_WAR = re.compile(
    r"korea|38th|38선|parallel|busan|pusan|incheon|inchon|pyongyang|panmunjom|seoul|wolmido|yalu|1950s|"
    r"photograph appeared|\bbbc\b|[\uac00-\ud7af]",
    re.IGNORECASE,
)
KEY_PLACES = ("busan", "incheon", "pyongyang", "panmunjom")


def korean_war_words(text: str) -> list[str]:
    return sorted({match.group(0) for match in KOREAN_WAR.finditer(text)})


@pytest.fixture(scope="module")
def paris(gazetteer):
    story = load_story(PARIS, builtin_references())
    return story, {**gazetteer, **story.places}


def test_the_pattern_finds_the_default_storys_words(default_story, gazetteer):
    # The check below can fail: the default story's own map is full of these words.
    m = base_map(default_story, gazetteer, "/x/")
    assert {"38th", "Busan", "Panmunjom"} <= set(korean_war_words(m.get_root().render()))


def test_the_paris_story_declares_its_own_map(paris):
    story, places = paris
    assert story.map.home == ("FRA",) and story.map.key_places == ("hotel-de-ville",)
    assert story.map.parallels == () and story.photo_note is None
    assert list(story_places(story, places)) == ["hotel-de-ville", "porte-d-orleans", "montparnasse"]


def test_the_paris_map_draws_nothing_of_korea(paris):
    story, places = paris
    m = base_map(story, places, "/x/")
    for index in range(len(story.chapters)):
        chapter_layer(story, index, places, register=True).add_to(m)
    page = m.get_root().render()
    assert korean_war_words(page) == []
    assert "storymap-place-hotel-de-ville" in page and "armoured-column" in page
    assert "storymap-parallel" not in page


def test_the_paris_words_say_nothing_of_korea(paris):
    story, places = paris
    for index, chapter in enumerate(story.chapters):
        description = describe_map(story, index, places, drawn_on_map(story, index, places))
        assert korean_war_words(description) == [], description
        assert korean_war_words(figure_html(story, chapter)) == []
    assert always_drawn(story, places) == ["the key place (Hôtel de Ville)", "land from Natural Earth"]
    tables = json.dumps([layer_rows([], story, places), place_rows(story_places(story, places), story.map.period)], ensure_ascii=False)
    assert korean_war_words(tables) == []
    assert set(place_rows(story_places(story, places), story.map.period)[0]) == {"Place", "1944", "Source", "Accuracy"}


def test_the_paris_export_holds_nothing_of_korea(paris, tmp_path):
    story, places = paris
    export_site(story, places, tmp_path)
    files = [path for path in tmp_path.rglob("*") if path.suffix in (".html", ".js", ".css") and "vendor" not in path.parts]
    assert {"index.html", "map.js", "story-data.js", "storymap.js"} <= {path.name for path in files}
    for path in files:
        assert korean_war_words(path.read_text(encoding="utf-8")) == [], path


def test_the_paris_app_holds_nothing_of_korea(monkeypatch, paris):
    monkeypatch.setattr("sys.argv", ["app.py", "--story", str(PARIS)])
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    for step in range(len(paris[0].chapters)):
        if step:
            next(b for b in at.button if b.label == "Next").click().run()
        texts = [element.value for kind in ("title", "header", "markdown", "caption") for element in getattr(at, kind)]
        texts += [element.proto.body for element in at.get("html")]
        [component] = at.get("component_instance")
        args = json.loads(component.proto.json_args)
        # The base map's script is published as a file the component loads.
        scripts = [published_file(link).read_text(encoding="utf-8") for link in args["js_links"] if PUBLISHED in link]
        assert scripts, "the base map's script file"
        page = "\n".join([*texts, args["feature_group"], args["header"], args["html"], *scripts])
        assert korean_war_words(page) == []
        assert "Hôtel de Ville" in "\n".join(scripts)


def chapter_layer_view(story, index, gazetteer) -> dict:
    """The view the chapter's layer hands the map's runtime."""
    [view] = [child.view for child in chapter_layer(story, index, gazetteer)._children.values() if type(child).__name__ == "ChapterView"]
    return view


def test_the_default_story_draws_its_parallel_and_key_places_on_every_chapter_of_their_time(default_story, gazetteer):
    assert default_story.map.key_places == ("parallel-38", *KEY_PLACES)
    assert [parallel.place for parallel in default_story.map.parallels] == ["parallel-38"]
    m = base_map(default_story, gazetteer, "/x/")
    page = m.get_root().render()
    # The base map, the same under every chapter, holds the line (clickable as the place) and the
    # key places' markers; a chapter's layer never takes them away.
    assert page.count("storymap-parallel storymap-line storymap-place storymap-place-parallel-38") == 1
    for slug in KEY_PLACES:
        assert re.search(rf"storymap-place storymap-place-{slug} storymap-kind-\w+ storymap-key", page), slug
    # From the day each began to matter (map.drawn_from), or on a chapter that names it.
    first = dict(default_story.map.drawn_from)
    assert set(first) == {"parallel-38", "panmunjom"}
    said_by_id = {}
    for index, chapter in enumerate(default_story.chapters):
        said = " ".join(drawn_on_map(default_story, index, gazetteer))
        said_by_id[chapter.id] = said
        end = chapter_span(default_story, index)[1]
        drawn = {slug for slug in ("parallel-38", *KEY_PLACES) if slug in chapter.places or end >= first.get(slug, end)}
        view = chapter_layer_view(default_story, index, gazetteer)
        assert set(view["absent"]) == {"parallel-38", *KEY_PLACES} - drawn, chapter.id
        assert ("the 38th parallel" in said) == ("parallel-38" in drawn), chapter.id
        assert ("Panmunjom" in said) == ("panmunjom" in drawn), chapter.id
        assert all(gazetteer[slug].name in said for slug in drawn - {"parallel-38"}), chapter.id
    # Seoul under Japanese rule (1910): neither the line nor the truce village yet.
    assert "38th parallel" not in said_by_id["into-seoul"] and "the key places (Busan, Incheon and Pyongyang)" in said_by_id["into-seoul"]
    assert "the 38th parallel" in said_by_id["kim-il-sung"] and "Panmunjom" not in said_by_id["kim-il-sung"]
    assert "the key places (Busan, Incheon, Pyongyang and Panmunjom)" in said_by_id["eisenhower"]

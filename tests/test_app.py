"""The page as Streamlit runs it (AppTest): chapters, navigation and what reaches the map."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.views import chapter_view

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


# Where the app serves what it publishes (ui/published.py), and the file behind such an address.
PUBLISHED = "/component/ui.published.published_files/"


def published_file(link: str):
    from geo.assets import published_dir

    return published_dir() / link.split(PUBLISHED, 1)[1]


def button(at, label):
    return next(b for b in at.button if b.label == label)


def position(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Chapter "))


def map_component(at):
    [component] = at.get("component_instance")
    return component.proto


def map_args(at) -> dict:
    return json.loads(map_component(at).json_args)


def test_starts_at_chapter_one(app, default_story):
    assert position(app) == f"**Chapter 1 of {len(default_story.chapters)}**"
    assert app.selectbox[0].value == default_story.chapters[0].id
    assert button(app, "Previous").disabled
    assert not button(app, "Next").disabled
    assert app.query_params["chapter"] == default_story.chapters[0].id


def test_next_and_previous_move_one_chapter(app, default_story):
    button(app, "Next").click().run()
    assert position(app).startswith("**Chapter 2 of")
    assert app.header[0].value.replace("\\", "") == default_story.chapters[1].title
    button(app, "Next").click().run()
    button(app, "Previous").click().run()
    assert position(app).startswith("**Chapter 2 of")
    assert app.query_params["chapter"] == default_story.chapters[1].id


def test_picker_lists_every_title_and_jumps(app, default_story):
    picker = app.selectbox[0]
    assert picker.options == [f"{n}. {c.title}" for n, c in enumerate(default_story.chapters, start=1)]
    picker.set_value("inchon-landing").run()
    index = default_story.index_of("inchon-landing")
    assert position(app) == f"**Chapter {index + 1} of {len(default_story.chapters)}**"


def test_ends_are_respected(app, default_story):
    app.selectbox[0].set_value(default_story.chapters[-1].id).run()
    assert button(app, "Next").disabled
    assert not button(app, "Previous").disabled
    assert position(app).startswith(f"**Chapter {len(default_story.chapters)} of")


def test_map_gets_the_chapter_view_without_changing_identity(app, default_story):
    first_id, first = map_component(app).id, map_args(app)
    button(app, "Next").click().run()
    second_id, second = map_component(app).id, map_args(app)
    assert first_id == second_id, "a new component id would reload the map's frame"
    assert (first["script"], first["js_links"]) == (second["script"], second["js_links"]), "the base map must not depend on the chapter"
    [built] = [link for link in second["js_links"] if PUBLISHED in link]
    base_script = published_file(built).read_text(encoding="utf-8")
    assert base_script and "[37.2, 124.6]" not in base_script
    assert '"bounds": [[37.2, 124.6], [38.8, 129.0]]' in second["feature_group"]
    assert "storymap.chapter(" in second["feature_group"]
    assert first["feature_group"] != second["feature_group"]


def test_map_loads_nothing_from_outside(app):
    args = map_args(app)
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith(("/app/static/", PUBLISHED)) for link in links)
    assert "://" not in args["header"] + args["html"] + args["script"]
    # The map's own script is a static file the component loads (cached by the browser); its only
    # outside addresses are tile templates of the optional web basemaps, which load nothing until
    # a reader picks one in the layer control. (Attribution links are text, not requests.)
    built = [link for link in args["js_links"] if PUBLISHED in link]
    assert len(built) == 1 and args["script"].startswith("var map_div = window.storymapBuild_")
    script = published_file(built[0]).read_text(encoding="utf-8")
    script = re.sub(r'"attribution": "(?:[^"\\]|\\.)*"', "", script)
    # (The SVG namespace names no request: the play control's chart is built as SVG.)
    outside = [url for url in re.findall(r"https?://[^\s\"'`]+", script) if not url.startswith("http://www.w3.org/")]
    assert outside and all("{z}" in url for url in outside)


def open_with_query(chapter: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if chapter is not None:
        at.query_params["chapter"] = chapter
    at.run()
    assert not at.exception, at.exception
    return at


def test_deep_link_opens_that_chapter(default_story, gazetteer):
    at = open_with_query("inchon-landing")
    index = default_story.index_of("inchon-landing")
    assert position(at) == f"**Chapter {index + 1} of {len(default_story.chapters)}**"
    assert at.selectbox[0].value == "inchon-landing"
    center = chapter_view(default_story.chapters[index], gazetteer)["center"]  # the story's own view
    assert f'"center": {json.dumps(center)}' in map_args(at)["feature_group"]
    assert not at.info


@pytest.mark.parametrize("bad", ["no-such-chapter", "", "../../etc/passwd", "<script>alert(1)</script>", "x" * 5000])
def test_bad_deep_link_opens_the_first_chapter_with_a_notice(bad, default_story):
    at = open_with_query(bad)
    assert position(at).startswith("**Chapter 1 of")
    assert at.query_params["chapter"] == default_story.chapters[0].id
    [notice] = at.info
    assert "opens at the start" in notice.value


def test_text_alternative_under_the_map(app, default_story):
    app.selectbox[0].set_value("truce-talks").run()
    description = [c for c in app.caption if "km across" in c.value]
    assert len(description) == 1
    for name in ("Kaesong", "Munsan", "Panmunjom"):
        assert name in description[0].value


def test_about_the_map_lists_every_layer_and_place_source(app, default_story, gazetteer):
    from geo.history import story_layers
    from geo.map_builder import story_places

    [about] = [element.proto.body for element in app.get("html") if "<table>" in element.proto.body]
    tables = [parse_table(table) for table in about.split("</table>")[:-1]]
    assert len(tables) == 2
    layers_table, places_table = tables
    # A dated layer has a row per front or event ("Front line: ..."), so each line can be checked.
    for layer in story_layers(default_story):
        assert any(row == layer.name or row.startswith(f"{layer.name}: ") for row in layers_table["Layer"]), layer.name
    assert {"Land", "38th parallel"} <= set(layers_table["Layer"])
    assert min(len(source) for source in layers_table["Source"]) > 20
    assert places_table["Source"] == [html.escape(p.source) for p in story_places(default_story, gazetteer).values()]


def parse_table(text: str) -> dict[str, list[str]]:
    """A table's columns by header (cell text as written, entities and all)."""
    headers = re.findall(r'<th scope="col">(.*?)</th>', text)
    rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", text)]
    rows = [row for row in rows if row]
    return {header: [row[column] for row in rows] for column, header in enumerate(headers)}


def test_chapter_layer_names_the_layers_its_date_calls_for(app):
    app.selectbox[0].set_value("macarthur-off-inchon").run()
    assert re.search(r'storymap\.chapter\(.*, \["inchon-landing", "front-line", "war-events"\]\);', map_args(app)["feature_group"])


SMALL_STORY = """\
title: Two harbours
source: {title: Notes, publisher: Ourselves, date: "2024"}
chapters:
  - {id: south, title: South, caption: Busan harbour., narrative: The south port., places: [busan]}
  - {id: west, title: West, caption: Incheon harbour., narrative: The west port., places: [incheon]}
"""


def run_with_story(monkeypatch, path) -> AppTest:
    monkeypatch.setattr("sys.argv", ["app.py", "--story", str(path)])
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_story_flag_opens_another_story(monkeypatch, tmp_path):
    path = tmp_path / "harbours.yaml"
    path.write_text(SMALL_STORY, encoding="utf-8")
    at = run_with_story(monkeypatch, path)
    assert at.title[0].value.replace("\\", "") == "Two harbours"
    assert position(at) == "**Chapter 1 of 2**"
    # No historical layer: the chapter asks for none.
    assert re.search(r"storymap\.chapter\(.*, \[\]\);", map_args(at)["feature_group"])


def test_a_broken_story_shows_its_problems_not_a_traceback(monkeypatch, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(SMALL_STORY.replace("[busan]", "[atlantis]").replace("id: west", "id: South"), encoding="utf-8")
    at = run_with_story(monkeypatch, path)
    assert "cannot be shown: 2 problem(s)" in at.error[0].value
    listing = at.code[0].value
    assert "unknown place 'atlantis'" in listing and "chapter 1 'south', field 'places'" in listing
    assert "chapter 2 'South', field 'id'" in listing and "not a slug" in listing
    assert not at.get("component_instance")


def test_a_storymapjs_file_runs_in_the_app(monkeypatch):
    fixture = Path(__file__).resolve().parent / "fixtures" / "storymapjs" / "korea.json"
    at = run_with_story(monkeypatch, fixture)
    assert position(at).startswith("**Chapter 1 of")
    assert not at.error
    button(at, "Next").click().run()
    assert position(at).startswith("**Chapter 2 of")


def test_back_and_forward_show_the_chapter_in_the_address(app, default_story):
    """Back or Forward reruns the app with that history entry's address and no choice made on
    the page: the app shows the address's chapter (and keeps it there)."""
    ids = [chapter.id for chapter in default_story.chapters]
    button(app, "Next").click().run()
    button(app, "Next").click().run()
    assert app.query_params["chapter"] == ids[2]
    app.query_params["chapter"] = ids[1]  # Back
    app.run()
    assert position(app).startswith("**Chapter 2 of")
    assert app.selectbox[0].value == ids[1]
    assert app.query_params["chapter"] == ids[1]
    app.query_params["chapter"] = ids[2]  # Forward
    app.run()
    assert position(app).startswith("**Chapter 3 of")
    app.query_params["chapter"] = "no-such-chapter"  # an address no chapter has changes nothing
    app.run()
    assert position(app).startswith("**Chapter 3 of")


def test_a_click_carrying_the_previous_address_still_steps_from_the_chapter_shown(app, default_story):
    """A second quick click can reach the server before the page has the first click's address:
    the click counts, and that address is not taken for Back."""
    ids = [chapter.id for chapter in default_story.chapters]
    button(app, "Next").click().run()
    app.query_params["chapter"] = ids[0]  # the address before the first click
    button(app, "Next").click().run()
    assert position(app).startswith("**Chapter 3 of")
    assert app.query_params["chapter"] == ids[2]
    app.query_params["chapter"] = ids[2]
    app.query_params["chapter"] = ids[1]  # likewise for a pick in the chapter list
    app.selectbox[0].set_value(ids[7]).run()
    assert position(app).startswith("**Chapter 8 of")

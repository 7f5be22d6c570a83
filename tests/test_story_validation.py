"""A broken story file is rejected whole, with messages naming the file, chapter and field."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from story.loader import load_story
from story.references import References
from story.problems import StoryError
from story.validate import parse_date
from stories import GOOD
from geo.references import builtin_references



def write(tmp_path, text: str, name: str = "story.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path, text: str, gazetteer) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(StoryError) as caught:
        load_story(path, builtin_references())
    messages = [str(problem) for problem in caught.value.problems]
    assert all(message.startswith(str(path)) for message in messages)
    return messages


def test_good_story_loads(tmp_path, gazetteer):
    story = load_story(write(tmp_path, GOOD), builtin_references())
    assert [c.id for c in story.chapters] == ["first-step", "second-step"]
    assert story.chapters[0].date.label() == "25 June 1950"
    assert story.chapters[1].date.label() == "Undated"
    assert story.source.date.label() == "May 2024"


def test_missing_caption_names_chapter_and_field(tmp_path, gazetteer):
    [message] = problems_of(tmp_path, GOOD.replace("    caption: Another caption.\n", ""), gazetteer)
    assert "chapter 2 'second-step'" in message and "field 'caption'" in message and "missing" in message


def test_latitude_out_of_range(tmp_path, gazetteer):
    [message] = problems_of(tmp_path, GOOD.replace("[37.5, 127.0]", "[123, 127.0]"), gazetteer)
    assert "chapter 2 'second-step'" in message and "field 'view.center'" in message
    assert "latitude -90..90" in message


def test_unknown_place_suggests_a_close_slug(tmp_path, gazetteer):
    [message] = problems_of(tmp_path, GOOD.replace("[busan]", "[pusan]"), gazetteer)
    assert "unknown place 'pusan'" in message and "field 'places'" in message
    assert "did you mean 'busan'" in message


def test_duplicate_chapter_id(tmp_path, gazetteer):
    [message] = problems_of(tmp_path, GOOD.replace("id: second-step", "id: first-step"), gazetteer)
    assert "chapter 2 'first-step'" in message and "duplicate id" in message and "chapter 1" in message


def test_empty_story(tmp_path, gazetteer):
    messages = problems_of(tmp_path, "", gazetteer)
    assert "must hold a mapping" in messages[0]
    messages = problems_of(tmp_path, GOOD[: GOOD.index("chapters:")] + "chapters: []\n", gazetteer)
    assert any("field 'chapters'" in m and "non-empty" in m for m in messages)


def test_bad_yaml_gives_line_and_column(tmp_path, gazetteer):
    [message] = problems_of(tmp_path, GOOD.replace("    title: Second step", "    title: [Second step"), gazetteer)
    assert "not valid YAML" in message
    path_and_position = message.split(": ")[0]
    line, column = path_and_position.rsplit(":", 2)[-2:]
    assert int(line) > 10 and int(column) > 0


def test_every_problem_is_reported_at_once(tmp_path, gazetteer):
    broken = GOOD.replace("[busan]", "[nowhere]").replace("zoom: 9", "zoom: 40").replace("title: Second step\n", "titel: Second step\n")
    messages = problems_of(tmp_path, broken, gazetteer)
    fields = sorted(m.split("field '")[1].split("'")[0] for m in messages)
    assert fields == sorted(["places", "title", "titel", "view.zoom"])
    assert any("did you mean 'title'" in m for m in messages)


def test_bad_slug_and_date(tmp_path, gazetteer):
    messages = problems_of(tmp_path, GOOD.replace("id: first-step", "id: First Step").replace("1950-06-25", "1950-13-40"), gazetteer)
    assert any("field 'id'" in m and "not a slug" in m for m in messages)
    assert any("field 'date'" in m and "YYYY-MM-DD" in m for m in messages)


def test_not_utf8(tmp_path, gazetteer):
    path = tmp_path / "story.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(StoryError, match="not UTF-8"):
        load_story(path, builtin_references())


def test_missing_file(tmp_path, gazetteer):
    with pytest.raises(StoryError, match="cannot read the file"):
        load_story(tmp_path / "absent.yaml", builtin_references())


@pytest.mark.parametrize(
    ("raw", "label"),
    [("1950-06-25", "25 June 1950"), ("1950-06", "June 1950"), (1910, "1910"), ("1910", "1910"), (None, "Undated"), (dt.date(1953, 7, 27), "27 July 1953")],
)
def test_dates_keep_their_precision(raw, label):
    assert parse_date(raw).label() == label


@pytest.mark.parametrize("raw", ["June 1950", "1950-6-1", "1950-02-30", True, 1.5])
def test_bad_dates_are_rejected(raw):
    assert parse_date(raw) is None


def test_readme_example_story_is_valid(tmp_path, gazetteer):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    story = load_story(write(tmp_path, example), builtin_references())
    assert [c.id for c in story.chapters] == ["the-harbour", "the-city"]


OWN_PLACES = """\
places:
  harbour-office:
    name: Harbour office
    name_1950s: Harbour office
    hangul: 항만 사무소
    lat: 37.47
    lon: 126.62
    kind: building
    description: Where the tide tables were kept.
    source: Our own survey.
    accuracy: About 50 m.
"""


def test_a_story_may_define_its_own_places(tmp_path, gazetteer):
    text = GOOD.replace("chapters:\n", OWN_PLACES + "chapters:\n").replace("[busan]", "[busan, harbour-office]")
    story = load_story(write(tmp_path, text), builtin_references())
    assert story.places["harbour-office"].name == "Harbour office"
    assert story.chapters[0].places == ("busan", "harbour-office")


def test_own_places_are_checked_like_the_gazetteer(tmp_path, gazetteer):
    text = GOOD.replace("chapters:\n", OWN_PLACES.replace("lat: 37.47", "lat: 137.47").replace("harbour-office:", "busan:") + "chapters:\n")
    messages = problems_of(tmp_path, text, gazetteer)
    assert any("field 'places.busan'" in m and "already in the gazetteer" in m for m in messages)
    assert any("field 'places.busan.lat'" in m and "outside -90..90" in m for m in messages)


def test_layers_must_be_known(tmp_path, gazetteer):
    path = write(tmp_path, GOOD.replace("chapters:\n", "layers: [pusan-perimiter]\nchapters:\n"))
    with pytest.raises(StoryError) as caught:
        load_story(path, References(places=gazetteer, layers=["pusan-perimeter", "dmz"]))
    [problem] = caught.value.problems
    assert "unknown layer 'pusan-perimiter'" in str(problem) and "did you mean 'pusan-perimeter'" in str(problem)
    assert load_story(write(tmp_path, GOOD.replace("chapters:\n", "layers: [dmz]\nchapters:\n")), References(places=gazetteer, layers=["dmz"])).layers == ("dmz",)


def test_editorial_and_note_are_read_checked_and_written_back(tmp_path, gazetteer):
    from story.writer import dump_story

    text = GOOD.replace("    narrative: A paragraph.\n", "    narrative: A paragraph.\n    editorial: true\n    note: The source has the date wrong.\n", 1)
    story = load_story(write(tmp_path, text), builtin_references())
    first = story.chapters[0]
    assert first.editorial and first.note == "The source has the date wrong."
    assert not story.chapters[1].editorial and story.chapters[1].note is None
    assert load_story(write(tmp_path, dump_story(story), "again.yaml"), builtin_references()) == story
    bad = GOOD.replace("    narrative: A paragraph.\n", "    narrative: A paragraph.\n    editorial: maybe\n    note: [a, list]\n", 1)
    messages = problems_of(tmp_path, bad, gazetteer)
    assert any("field 'editorial'" in m and "true or false" in m for m in messages)
    assert any("field 'note'" in m for m in messages)

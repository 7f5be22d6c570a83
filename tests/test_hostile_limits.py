"""Bounded work and plain text: limits, capped problem lists, cheap suggestions, linear tables,
and text the renderers can take."""

from __future__ import annotations

import difflib
import json

import pytest

from story.navigation import next_chapter_table
from story.collector import MAX_PROBLEMS, MAX_SUGGESTIONS
from story.html_text import html_to_text
from story.loader import load_story
from story.navigation import next_chapter_about
from story.problems import StoryError
from story.validate import MAX_CHAPTERS
from geo.references import builtin_references


def story(tmp_path, **fields) -> str:
    raw = {"title": "T", "source": {"title": "S", "publisher": "P", "date": "2020"},
           "chapters": [{"id": "one", "title": "One", "caption": "C.", "narrative": "N.", "places": ["busan"]}]}
    raw.update(fields)
    path = tmp_path / "story.json"
    path.write_text(json.dumps(raw), encoding="utf-8")  # JSON can carry any code point, escaped
    return path


@pytest.mark.parametrize("title, words", [
    ("a\x01b", "control character (U+0001)"),
    ("a\x0bb", "control character (U+000B)"),
    ("a\ud800b", "lone surrogate (U+D800)"),
])
def test_control_characters_and_lone_surrogates_are_refused(tmp_path, gazetteer, title, words):
    with pytest.raises(StoryError) as caught:
        load_story(story(tmp_path, title=title), builtin_references())
    [problem] = caught.value.problems
    assert problem.field == "title" and words in problem.message


def test_newlines_and_tabs_are_text(tmp_path, gazetteer):
    assert load_story(story(tmp_path, title="a\tb\nc"), builtin_references()).title == "a\tb\nc"


def test_problem_lists_are_capped_with_a_count_of_the_rest(tmp_path, gazetteer):
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C.", "narrative": "N.", "bogus": 1, "places": ["busan"]} for n in range(400)]
    with pytest.raises(StoryError) as caught:
        load_story(story(tmp_path, chapters=chapters), builtin_references())
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"and {400 - MAX_PROBLEMS:,} more errors not listed"


def test_suggestions_stay_few_however_many_names_are_wrong(tmp_path, gazetteer, monkeypatch):
    calls = []
    original = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or original(*a, **k))
    places = {f"place-{n}": {"name": "P", "lat": 35, "lon": 127, "kind": "city", "description": "d", "source": "s", "accuracy": "a"}
              for n in range(300)}
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C.", "narrative": "N.", "places": [f"plase-{n}"]} for n in range(300)]
    with pytest.raises(StoryError):
        load_story(story(tmp_path, places=places, chapters=chapters), builtin_references())
    assert 0 < len(calls) <= MAX_SUGGESTIONS


def test_too_many_chapters_are_refused_before_checking_them(tmp_path, gazetteer):
    chapters = [{"id": f"c{n}", "title": "T", "caption": "C.", "narrative": "N.", "places": ["busan"]} for n in range(MAX_CHAPTERS + 1)]
    with pytest.raises(StoryError) as caught:
        load_story(story(tmp_path, chapters=chapters), builtin_references())
    assert [p.field for p in caught.value.problems] == ["chapters"]


@pytest.mark.parametrize("bomb", ["<a " * 20_000, "<!--" * 15_000, "&lt;a " * 10_000, "<a b='" * 10_000, "<x" * 30_000])
def test_unterminated_markup_is_read_in_one_pass_by_our_scanner(bomb, monkeypatch):
    import html.parser

    def refuse(*args, **kwargs):
        raise AssertionError("Python's html.parser rescans unterminated markup (quadratic)")

    monkeypatch.setattr(html.parser.HTMLParser, "feed", refuse)
    assert "<" not in html_to_text(bomb)


def test_an_over_long_storymapjs_field_is_refused_unparsed(tmp_path, gazetteer):
    from story.storymapjs import MAX_HTML_FIELD

    slides = [{"location": {"lat": 35, "lon": 127}, "text": {"headline": "H", "text": "<a " * (MAX_HTML_FIELD // 3 + 1)}}]
    path = tmp_path / "bomb.json"
    path.write_text(json.dumps({"storymap": {"slides": slides}}), encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(path, builtin_references())
    assert any("the limit is" in p.message and p.field == "text.text" for p in caught.value.problems)


def test_the_next_chapter_table_matches_the_navigation_rule(default_story, gazetteer):
    places = {**gazetteer, **default_story.places}
    table = next_chapter_table(default_story, places)
    for slug, row in table.items():
        assert row == [next_chapter_about(default_story, slug, index) for index in range(len(default_story.chapters))], slug

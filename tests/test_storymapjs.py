"""StoryMapJS import: slides become chapters, HTML becomes plain text, and nothing is dropped unsaid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from story.html_text import html_to_text
from story.loader import load_story_with_warnings
from story.problems import StoryError, StoryReadError
from story.storymapjs import NO_TEXT, is_storymapjs, storymapjs_to_raw
from geo.references import builtin_references

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "storymapjs"
KOREA = FIXTURES / "korea.json"
HEADLINES = [
    "The Korean War in five places",
    "The Pusan Perimeter",
    "Landing at Inchon",
    "Meanwhile in Washington",
    "Pyongyang falls",
    "The Pusan Perimeter",
]


@pytest.fixture(scope="module")
def korea(gazetteer):
    return load_story_with_warnings(KOREA, builtin_references())


def every_text(story) -> list[str]:
    texts = [story.title, story.introduction, story.source.title]
    for chapter in story.chapters:
        texts += [chapter.title, chapter.caption, chapter.narrative, chapter.credit or ""]
        if chapter.media:
            texts += [chapter.media.url, chapter.media.alt or "", chapter.media.caption or "", chapter.media.credit or "", chapter.media.link or ""]
    texts += [place.name for place in story.places.values()] + [place.description for place in story.places.values()]
    return texts


def test_every_slide_becomes_a_chapter_in_order(korea):
    story, _ = korea
    assert [chapter.title for chapter in story.chapters] == HEADLINES
    assert [chapter.id for chapter in story.chapters] == [
        "the-korean-war-in-five-places", "the-pusan-perimeter", "landing-at-inchon",
        "meanwhile-in-washington", "pyongyang-falls", "the-pusan-perimeter-2",
    ]
    assert story.title == "The Korean War in five places"
    assert story.source.publisher == "StoryMapJS import"
    assert "korea.json" in story.source.title


def test_locations_become_views_and_places(korea):
    story, _ = korea
    by_id = {chapter.id: chapter for chapter in story.chapters}
    pusan, inchon = by_id["the-pusan-perimeter"], by_id["landing-at-inchon"]
    assert pusan.view.center == (35.1796, 129.0756) and pusan.view.zoom == 9
    assert inchon.view.center == (37.4563, 126.7052) and inchon.view.zoom == 11  # lat and lon given as strings
    assert by_id["pyongyang-falls"].view.zoom == 18  # 20, clamped
    assert by_id["the-pusan-perimeter-2"].view.zoom == 10  # missing, the default
    [pusan_place] = pusan.places
    place = story.places[pusan_place]
    assert (place.lat, place.lon) == (35.1796, 129.0756)
    assert place.source == "StoryMapJS slide location" and place.accuracy == "As placed by the story's author"
    assert by_id["the-pusan-perimeter-2"].places == pusan.places  # the same spot, one place
    assert len(story.places) == 3


def test_a_slide_without_location_keeps_the_previous_view(korea):
    story, warnings = korea
    washington = story.chapters[3]
    assert washington.view == story.chapters[2].view and washington.places == ()
    assert any(w.chapter == "slide 4 'meanwhile-in-washington'" and "keeps the previous slide's view" in w.message for w in warnings)


def test_overview_fits_every_location(korea):
    story, _ = korea
    overview = story.chapters[0]
    assert overview.overview and not any(chapter.overview for chapter in story.chapters[1:])
    (south, west), (north, east) = overview.view.bounds
    for place in story.places.values():
        assert south < place.lat < north and west < place.lon < east
    assert set(overview.places) == set(story.places)


def test_dates_captions_and_narratives(korea):
    story, _ = korea
    overview, pusan, inchon, washington, pyongyang, _ = story.chapters
    assert [c.date.iso() for c in story.chapters] == [None, "1950-08", "1950-09-15", None, "1950-10-19", "1953"]
    assert pusan.caption == "Troops at Pusan harbour"  # the media caption, as text
    assert washington.caption == "Meanwhile in Washington"  # no media caption: the headline
    assert overview.narrative == "A war that moved up and down a peninsula.\n\nFive places tell it."
    assert pyongyang.narrative == NO_TEXT
    assert pusan.narrative == (
        "The UN held a line around Pusan (https://en.wikipedia.org/wiki/Busan).\n\nTom & Jerry\xa0— said hello\ntwice."
        .replace("\xa0", " ")
    )
    assert inchon.narrative == "Marines came ashore at the flood tide."


def test_media_of_several_kinds(korea):
    story, warnings = korea
    overview, pusan, inchon, washington, pyongyang, _ = story.chapters
    assert overview.media.display == "image" and overview.media.alt == "A map of the Korean peninsula"
    assert overview.media.credit == "Wikimedia Commons (https://commons.wikimedia.org/)"
    assert pusan.media.url.endswith("Pusan_1950.jpg") and pusan.media.link == "https://commons.wikimedia.org/wiki/File:Pusan_1950.jpg"
    assert pusan.media.credit == "US Army" and pusan.media.path is None
    assert inchon.media.display == "link"  # YouTube
    assert washington.media.display == "link"  # an .mp3
    assert pyongyang.media is None
    shown_as_link = {w.chapter for w in warnings if w.field == "media.url" and "shown as a link" in w.message}
    assert shown_as_link == {"chapter 3 'landing-at-inchon'", "chapter 4 'meanwhile-in-washington'"}


def test_warnings_name_every_option_not_carried_over(korea):
    _, warnings = korea
    named = {(w.chapter.split(" '")[0], w.field) for w in warnings}
    expected = {
        ("", "width"), ("", "height"), ("", "font_css"),
        ("", "storymap.map_type"), ("", "storymap.line_color"), ("", "storymap.call_to_action"),
        ("", "storymap.call_to_action_text"), ("", "storymap.mystery_option"),
        ("slide 1", "background.color"), ("slide 1", "background.opacity"),
        ("slide 3", "location.icon"), ("slide 4", "media.link_target"), ("slide 4", "location"),
        ("slide 5", "sticker"), ("slide 5", "background.url"), ("slide 5", "location.line"),
        ("slide 5", "location.zoom"), ("slide 5", "text.text"), ("slide 6", "location.zoom"),
        ("", "source.date"),
    }
    assert expected <= named, expected - named
    [map_type] = [w for w in warnings if w.field == "storymap.map_type"]
    assert '"stamen:toner"' in map_type.message and "base map" in map_type.message
    assert all(w.is_warning and w.file == str(KOREA) for w in warnings)
    # Defaults carry nothing and say nothing: map_as_image false, language en, empty strings.
    assert not {"storymap.map_as_image", "storymap.language", "storymap.map_subdomains", "storymap.attribution"} & {w.field for w in warnings}


def test_no_html_survives(korea):
    story, _ = korea
    for text in every_text(story):
        assert not re.search(r"<\s*[a-zA-Z/!]", text), text
        for word in ("script", "onerror", "onclick", "alert", "javascript", "&amp;", "&lt;", "steal"):
            assert word not in text.lower(), (word, text)


def test_map_as_image_stories_are_refused(gazetteer):
    with pytest.raises(StoryError) as caught:
        load_story_with_warnings(FIXTURES / "gigapixel.json", builtin_references())
    assert not isinstance(caught.value, StoryReadError)  # it parses; it is not a story we can show
    [error] = caught.value.problems
    assert "only geographic maps are supported" in error.message and error.field == "storymap.map_as_image"


@pytest.mark.parametrize("options", [{"map_type": "zoomify"}, {"zoomify": {"path": "https://example.org/tiles/"}}])
def test_zoomify_alone_is_refused(options):
    data = {"storymap": {**options, "slides": [{"location": {"lat": 1, "lon": 2, "zoom": 3}}]}}
    with pytest.raises(StoryError, match="only geographic maps are supported"):
        storymapjs_to_raw(data, "image.json")


def slide(headline: str, text: str = "Text.", **extra) -> dict:
    return {"text": {"headline": headline, "text": text}, **extra}


def test_first_slide_without_location_shows_every_location():
    data = {"storymap": {"slides": [slide("Before"), slide("Here", location={"lat": 10, "lon": 20, "zoom": 5})]}}
    raw, warnings = storymapjs_to_raw(data, "s.json")
    assert raw["chapters"][0]["view"] == {"bounds": [[9.75, 19.75], [10.25, 20.25]]}
    assert any("no slide before it has one" in w.message for w in warnings)


def test_a_story_without_any_location_or_with_a_bad_one_is_refused():
    with pytest.raises(StoryError, match="no slide has a location"):
        storymapjs_to_raw({"storymap": {"slides": [slide("Nowhere")]}}, "s.json")
    with pytest.raises(StoryError) as caught:
        storymapjs_to_raw({"storymap": {"slides": [slide("Far north", location={"lat": 123, "lon": 20})]}}, "s.json")
    [error] = caught.value.problems
    assert error.field == "location.lat" and error.chapter == "slide 1 'far-north'" and "outside -90..90" in error.message
    with pytest.raises(StoryError, match="non-empty list of slides"):
        storymapjs_to_raw({"storymap": {"slides": []}}, "s.json")


def test_place_slugs_avoid_the_gazetteer(gazetteer):
    data = {"storymap": {"slides": [slide("Busan", location={"lat": 35.18, "lon": 129.08, "zoom": 9})]}}
    raw, _ = storymapjs_to_raw(data, "s.json", taken_places=gazetteer)
    assert list(raw["places"]) == ["busan-2"]
    assert raw["chapters"][0]["id"] == "busan"  # chapter ids are their own namespace


def test_language_other_than_english_and_headline_less_slides_warn():
    data = {"storymap": {"language": "fr", "slides": [slide("", location={"lat": 1, "lon": 2, "zoom": 3})]}}
    raw, warnings = storymapjs_to_raw(data, "s.json")
    assert raw["chapters"][0]["id"] == "slide-1" and raw["chapters"][0]["title"] == "Slide 1"
    assert {"storymap.language", "text.headline"} <= {w.field for w in warnings}


def test_embed_code_keeps_only_its_address():
    media = {"url": '<iframe src="https://player.vimeo.com/video/1" onload="x()"></iframe>'}
    data = {"storymap": {"slides": [slide("Film", location={"lat": 1, "lon": 2, "zoom": 3}, media=media)]}}
    raw, warnings = storymapjs_to_raw(data, "s.json")
    assert raw["chapters"][0]["media"] == {"url": "https://player.vimeo.com/video/1"}
    assert any(w.field == "media.url" and "embed code" in w.message for w in warnings)


def test_detection(tmp_path, gazetteer):
    assert is_storymapjs({"storymap": {"slides": []}})
    assert is_storymapjs({"slides": []}, json_file=True) and not is_storymapjs({"slides": []})
    assert not is_storymapjs({"title": "ours", "chapters": []}, json_file=True)
    # YAML is JSON's superset: a StoryMapJS story under another name is still recognised by its content.
    renamed = tmp_path / "story.txt"
    renamed.write_text(KOREA.read_text(encoding="utf-8"), encoding="utf-8")
    story, _ = load_story_with_warnings(renamed, builtin_references())
    assert len(story.chapters) == 6
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(json.loads(KOREA.read_text(encoding="utf-8"))["storymap"]), encoding="utf-8")
    assert len(load_story_with_warnings(bare, builtin_references())[0].chapters) == 6


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two<br/>lines</p>", "One\n\nTwo\nlines"),
        ("<b>Bold</b> &amp; <i>italic</i>&nbsp;&eacute;", "Bold & italic é"),
        ('<a href="https://example.org/x">a link</a>.', "a link (https://example.org/x)."),
        ('<a href="https://example.org/">https://example.org/</a>', "https://example.org/"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("<script>alert(1)</script><style>p{}</style>Kept", "Kept"),
        ('<img src=x onerror="alert(1)">After', "After"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Safe", "Safe"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("  spaced \n  out  ", "spaced out"),
    ],
)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_scheme_less_media_address_gets_https():
    media = {"url": "//upload.wikimedia.org/a.jpg", "alt": "A"}
    data = {"storymap": {"slides": [slide("Photo", location={"lat": 1, "lon": 2, "zoom": 3}, media=media)]}}
    raw, warnings = storymapjs_to_raw(data, "s.json")
    assert raw["chapters"][0]["media"] == {"url": "https://upload.wikimedia.org/a.jpg", "alt": "A"}
    assert any(w.field == "media.url" and "has no scheme" in w.message for w in warnings)


def test_zero_is_a_value_not_an_empty_option():
    data = {"storymap": {"line_weight": 0, "slides": [slide("A", location={"lat": 1, "lon": 2, "zoom": 3}, background={"opacity": 0})]}}
    _, warnings = storymapjs_to_raw(data, "s.json")
    assert {"storymap.line_weight", "background.opacity"} <= {w.field for w in warnings}

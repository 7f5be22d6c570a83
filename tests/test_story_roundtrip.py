"""dump_story writes our format back: what it writes loads to the same story."""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import yaml

from storymap.cli import main
from story.loader import DEFAULT_STORY_PATH, load_story, load_story_with_warnings
from story.writer import dump_story
from geo.references import builtin_references

KOREA = Path(__file__).resolve().parent / "fixtures" / "storymapjs" / "korea.json"

TRICKY = """\
title: "Quotes \\"inside\\", a colon: and # a hash"
introduction: 'yes'
source:
  title: Notes
  publisher: "Ourselves & co."
  date: '1910'
  url: https://example.org/notes?a=1&b=2
places:
  the-lighthouse:
    name: Palmido lighthouse
    hangul: 팔미도 등대
    lat: 37.3575
    lon: 126.5117
    kind: building
    key: true
    description: The lighthouse that guided the landing fleet in.
    source: OpenStreetMap.
    accuracy: About 50 m.
layers: [inchon-landing, dmz]
chapters:
  - id: one
    title: "- starts like a list"
    date: 1950-09
    overview: true
    caption: "  Leading spaces are trimmed, and so is this:  "
    narrative: "First paragraph, long enough to be folded over more than one line of the written file, which is a hundred characters wide.\\n\\nSecond paragraph, after a blank line.\\nA line of its own."
    places: [incheon, the-lighthouse]
    view: {bounds: [[36.5, 125.25], [38.0, 127.75]]}
  - id: two
    title: '123'
    date: 1950-09-15
    caption: "Double  spaces  inside, and a tab\\there, kept exactly as written in a caption that runs long."
    narrative: "null"
    credit: "@someone: 100%"
    view: {center: [37.45, 126.6], zoom: 7.5}
    media: {url: photos/lighthouse.jpg, alt: "The lighthouse: white, on a rock", caption: "#1", credit: US Navy, link: "https://example.org/original"}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_default_story_round_trips(tmp_path, gazetteer, default_story):
    for layer in default_story.own_layers:  # a story's own layer files travel with it
        shutil.copy(DEFAULT_STORY_PATH.parent / layer.file, tmp_path / layer.file)
    text = dump_story(default_story)
    again = load_story(write(tmp_path / "story.yaml", text), builtin_references())
    assert again == default_story
    assert again.chapters == default_story.chapters and again.places == default_story.places
    assert dump_story(again) == text  # stable: writing twice gives the same file


def test_written_story_reads_like_the_default_file(default_story):
    text = dump_story(default_story)
    assert "  - id: inchon-landing\n    title:" in text  # chapters indented, in order
    assert "    caption: >-\n      " in text and "    narrative: >-\n      " in text  # prose as folded blocks
    assert "    places: [incheon, wolmido]\n" in text  # short lists on one line
    assert "      bounds: [[33.0, 124.0], [42.9, 131.0]]\n" in text and "      zoom: 8\n" in text  # views as written
    assert "    date: 1950-06\n" in text and "    date: '1910'\n" in text and "  date: 2013-07-26\n" in text  # dates at their precision
    chapters = text.split("\nchapters:\n", 1)[1]  # the layers list has "  - id: " lines of its own
    ids = [line.split(": ", 1)[1] for line in chapters.splitlines() if line.startswith("  - id: ")]
    assert ids == [chapter.id for chapter in default_story.chapters]
    assert "\n\n  - id: " in text  # a blank line between chapters
    assert max(len(line) for line in text.splitlines()) <= 110


def test_tricky_text_own_places_and_media_round_trip(tmp_path, gazetteer):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "lighthouse.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    original = load_story(write(tmp_path / "tricky.yaml", textwrap.dedent(TRICKY)), builtin_references())
    assert "\n\n" in original.chapters[0].narrative and "  " in original.chapters[1].caption
    text = dump_story(original)
    again = load_story(write(tmp_path / "written.yaml", text), builtin_references())  # same folder: media still found
    assert again == original
    raw = yaml.safe_load(text)
    assert raw["places"]["the-lighthouse"]["hangul"] == "팔미도 등대" and "팔미도" in text  # readable, not escaped
    assert raw["chapters"][1]["media"] == {"url": "photos/lighthouse.jpg", "alt": "The lighthouse: white, on a rock", "caption": "#1",
                                           "credit": "US Navy", "link": "https://example.org/original"}
    assert raw["layers"] == ["inchon-landing", "dmz"]


def test_storymapjs_converted_loads_with_the_same_chapters(tmp_path, gazetteer):
    imported, warnings = load_story_with_warnings(KOREA, builtin_references())
    target = tmp_path / "korea.yaml"
    assert main(["convert", str(KOREA), str(target)], out=io.StringIO()) == 0
    converted, converted_warnings = load_story_with_warnings(target, builtin_references())
    assert converted.chapters == imported.chapters
    assert converted == imported
    # What was lost was said at conversion; what the YAML still lacks (alt text, links) is said again.
    assert {w.field for w in converted_warnings} == {"media.alt", "media.url"}
    assert len(warnings) > len(converted_warnings)


def test_default_story_file_converts_to_an_equal_story(tmp_path, gazetteer, default_story):
    target = tmp_path / "korean-war.yaml"
    for layer in default_story.own_layers:  # a story's own layer files travel with it
        shutil.copy(DEFAULT_STORY_PATH.parent / layer.file, tmp_path / layer.file)
    assert main(["convert", str(DEFAULT_STORY_PATH), str(target)], out=io.StringIO()) == 0
    assert load_story(target, builtin_references()) == default_story

"""Chapter media: safe addresses only, local files found next to the story, alt text asked for."""

from __future__ import annotations

import hashlib

import textwrap
from pathlib import Path

import pytest

from story.loader import load_story, load_story_with_warnings
from story.model import Media
from story.problems import StoryError
from geo.references import builtin_references

STORY = """\
title: A story with pictures
source:
  title: Notes
  publisher: Ourselves
  date: 2024-05
chapters:
  - id: the-harbour
    title: The harbour
    caption: Landing craft in the harbour.
    narrative: The tide came in at dawn.
    places: [incheon]
    media: {media}
"""


def write_story(folder: Path, media: str, name: str = "story.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(STORY).replace("{media}", media), encoding="utf-8")
    return path


def errors_for(tmp_path: Path, media: str, gazetteer) -> list:
    with pytest.raises(StoryError) as caught:
        load_story_with_warnings(write_story(tmp_path, media), builtin_references())
    return caught.value.problems


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("javascript:alert(1)", "'javascript:' addresses are not allowed"),
        ("JavaScript:alert(document.cookie)", "'javascript:' addresses are not allowed"),
        ("'data:image/png;base64,iVBORw0KGgo='", "'data:' addresses are not allowed"),
        ("file:///etc/passwd", "'file:' addresses are not allowed"),
        ("/etc/passwd", "is an absolute path"),
        ("'C:\\photos\\inchon.jpg'", "is an absolute path"),
        ("../outside.jpg", "leads outside the story's folder"),
        ("photos/../../outside.jpg", "leads outside the story's folder"),
        ("'photos\\inchon.jpg'", "uses backslashes"),
        ("//example.org/inchon.jpg", "has no scheme"),
        ("'https://example.org/an inchon photo.jpg'", "not a well-formed http(s) address"),
        ("https://", "not a well-formed http(s) address"),
    ],
)
def test_unsafe_urls_are_errors_naming_the_field(tmp_path, gazetteer, url, words):
    (tmp_path.parent / "outside.jpg").write_bytes(b"jpeg")  # exists, so only the escape is wrong
    [error] = errors_for(tmp_path, f"{{url: {url}, alt: A harbour}}", gazetteer)
    assert error.field == "media.url" and error.chapter == "chapter 1 'the-harbour'"
    assert words in error.message
    assert error.hint


def test_a_link_outside_the_folder_is_refused(tmp_path, gazetteer):
    outside = tmp_path.parent / "secret.jpg"
    outside.write_bytes(b"jpeg")
    (tmp_path / "innocent.jpg").symlink_to(outside)
    [error] = errors_for(tmp_path, "{url: innocent.jpg, alt: A harbour}", gazetteer)
    assert "leads outside the story's folder" in error.message


def test_link_must_be_http(tmp_path, gazetteer):
    [error] = errors_for(tmp_path, "{url: 'https://example.org/a.jpg', alt: A, link: 'javascript:alert(1)'}", gazetteer)
    assert error.field == "media.link" and "not an http(s) address" in error.message


def test_unknown_and_missing_media_fields(tmp_path, gazetteer):
    problems = errors_for(tmp_path, "{src: 'https://example.org/a.jpg', alt: A}", gazetteer)
    assert {(p.field, p.message) for p in problems} == {("media.src", "unknown field"), ("media.url", "required text is missing")}
    [error] = errors_for(tmp_path, "[https://example.org/a.jpg]", gazetteer)
    assert error.field == "media"


def test_missing_alt_is_a_warning(tmp_path, gazetteer):
    story, warnings = load_story_with_warnings(write_story(tmp_path, "{url: 'https://example.org/inchon.jpg'}"), builtin_references())
    assert story.chapters[0].media.url == "https://example.org/inchon.jpg"
    [warning] = warnings
    assert warning.is_warning and warning.field == "media.alt" and warning.chapter == "chapter 1 'the-harbour'"
    assert warning.message == "add alt text for readers who cannot see the image"
    assert str(warning).endswith(")") and ": warning: add alt text" in str(warning)
    assert load_story(write_story(tmp_path, "{url: 'https://example.org/inchon.jpg'}"), builtin_references()) == story  # warnings do not fail


def test_missing_local_file_is_an_error_with_its_path(tmp_path, gazetteer):
    [error] = errors_for(tmp_path, "{url: photos/inchon.jpg, alt: A harbour}", gazetteer)
    assert error.field == "media.url" and error.chapter == "chapter 1 'the-harbour'"
    assert str(tmp_path.resolve() / "photos" / "inchon.jpg") in error.message


def test_local_file_next_to_the_story_resolves(tmp_path, gazetteer):
    (tmp_path / "photos").mkdir()
    photo = tmp_path / "photos" / "inchon.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    story, warnings = load_story_with_warnings(
        write_story(tmp_path, "{url: photos/inchon.jpg, alt: Landing craft, credit: US Navy, link: 'https://example.org/original'}"), builtin_references())
    assert warnings == []
    media = story.chapters[0].media
    assert media == Media(url="photos/inchon.jpg", path=photo.resolve(), alt="Landing craft", credit="US Navy",
                          link="https://example.org/original", display="image", data=b"\xff\xd8\xff",
                          published_name=hashlib.sha256(b"\xff\xd8\xff").hexdigest()[:32] + ".jpg")
    assert media.is_local and media.path.read_bytes() == b"\xff\xd8\xff"


def test_one_line_photo(tmp_path, gazetteer):
    (tmp_path / "inchon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    story, warnings = load_story_with_warnings(write_story(tmp_path, "inchon.png"), builtin_references())
    assert story.chapters[0].media.path == (tmp_path / "inchon.png").resolve()
    assert [w.field for w in warnings] == ["media.alt"]


def test_caption_defaults_to_the_chapters(tmp_path, gazetteer):
    story = load_story(write_story(tmp_path, "{url: 'https://example.org/a.jpg', alt: A}"), builtin_references())
    assert story.chapters[0].media.caption is None
    assert story.chapters[0].media_caption == "Landing craft in the harbour."
    story = load_story(write_story(tmp_path, "{url: 'https://example.org/a.jpg', alt: A, caption: The sea wall.}"), builtin_references())
    assert story.chapters[0].media_caption == "The sea wall."


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("https://www.youtube.com/watch?v=abc", "a YouTube video"),
        ("https://youtu.be/abc", "a YouTube video"),
        ("https://vimeo.com/12345", "a Vimeo video"),
        ("https://x.com/someone/status/1", "a post on X (Twitter)"),
        ("https://twitter.com/someone/status/1", "a post on X (Twitter)"),
        ("https://soundcloud.com/someone/track", "a SoundCloud track"),
        ("https://example.org/speech.mp3", "an audio or video file (.mp3)"),
        ("https://example.org/film.MP4", "an audio or video file (.mp4)"),
    ],
)
def test_media_we_cannot_show_as_an_image_is_a_link_with_a_warning(tmp_path, gazetteer, url, what):
    story, warnings = load_story_with_warnings(write_story(tmp_path, f"{{url: '{url}', alt: Something}}"), builtin_references())
    assert story.chapters[0].media.display == "link"
    [warning] = warnings
    assert warning.field == "media.url" and warning.message == f"{what}: it will be shown as a link, not an image"


@pytest.mark.parametrize("url", ["https://example.org/inchon.jpg", "https://images.example.org/photo?id=3", "https://box.com/a.webp"])
def test_images_are_shown_as_images(tmp_path, gazetteer, url):
    story, warnings = load_story_with_warnings(write_story(tmp_path, f"{{url: '{url}', alt: Something}}"), builtin_references())
    assert story.chapters[0].media.display == "image" and warnings == []


def test_a_local_sound_is_refused_with_a_hint_to_link_it(tmp_path, gazetteer):
    (tmp_path / "speech.ogg").write_bytes(b"ogg")
    [error] = errors_for(tmp_path, "{url: speech.ogg, alt: Truman's speech}", gazetteer)
    assert error.field == "media.url" and "link anything else from the web" in error.hint


def test_errors_carry_the_warnings_found_on_the_way(tmp_path, gazetteer):
    text = textwrap.dedent(STORY).replace("{media}", "'https://example.org/a.jpg'") + "    credit: [not, text]\n"
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story_with_warnings(path, builtin_references())
    assert [p.field for p in caught.value.problems] == ["credit"]
    assert [w.field for w in caught.value.warnings] == ["media.alt"]

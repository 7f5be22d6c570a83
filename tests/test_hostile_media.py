"""Local media are raster pictures checked by their bytes, read once, published once under a
name that cannot serve as a page."""

from __future__ import annotations

import os
import threading
import time

import pytest

import geo.assets
from geo.assets import prune_published, publish_media
from story.loader import load_story
from story.problems import StoryError
from geo.references import builtin_references

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
STORY = """\
title: Pictures
source: {title: t, publisher: p, date: "2020"}
chapters:
  - {id: one, title: One, caption: C., narrative: N., places: [busan], media: {url: "%s", alt: A picture}}
"""


def story_with(tmp_path, name: str, content: bytes | None = None):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    path = tmp_path / "story.yaml"
    path.write_text(STORY % name, encoding="utf-8")
    return path


def problems(path, gazetteer) -> list[str]:
    with pytest.raises(StoryError) as caught:
        load_story(path, builtin_references())
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("name, content", [
    ("page.html", b"<script>alert(1)</script>"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("photo.jpg", b"<html><script>alert(1)</script></html>"),  # a page posing as a picture
    ("code.js", b"alert(1)"),
    ("noextension", PNG),
])
def test_anything_but_a_raster_picture_is_refused(tmp_path, gazetteer, name, content):
    [problem] = problems(story_with(tmp_path, name, content), gazetteer)
    assert "media.url" in problem and "link anything else from the web" in problem


def test_a_fifo_or_an_oversized_file_is_refused_without_reading_it(tmp_path, gazetteer):
    from story.media import MAX_MEDIA_BYTES

    os.mkfifo(tmp_path / "pipe.png")
    assert "not a regular file" in problems(story_with(tmp_path, "pipe.png"), gazetteer)[0]
    with open(tmp_path / "huge.png", "wb") as handle:
        handle.write(PNG)
        handle.truncate(MAX_MEDIA_BYTES + 1)
    assert "the limit is" in problems(story_with(tmp_path, "huge.png"), gazetteer)[0]


@pytest.fixture
def static_dir(tmp_path, monkeypatch):
    """The published folder, a new one for the test (STORYMAP_PUBLISH_DIR)."""
    folder = tmp_path / "published"
    monkeypatch.setenv(geo.assets.PUBLISH_DIR_VARIABLE, str(folder))
    return folder


def test_the_picture_checked_is_the_one_published_even_if_swapped_for_a_link(tmp_path, gazetteer, static_dir):
    stories = tmp_path / "stories"
    stories.mkdir()
    story = load_story(story_with(stories, "photo.jpg", PNG), builtin_references())
    (stories / "photo.jpg").unlink()
    (stories / "photo.jpg").symlink_to("/etc/passwd")
    address = publish_media(story.chapters[0].media)
    assert address.endswith(".png")  # the type its bytes show, whatever the file was called
    assert (static_dir / address).read_bytes() == PNG


def test_publishing_at_once_from_many_threads_all_succeed(tmp_path, gazetteer, static_dir):
    stories = tmp_path / "stories"
    stories.mkdir()
    media = load_story(story_with(stories, "photo.png", PNG + b"race"), builtin_references()).chapters[0].media
    results, errors = [], []

    def publish():
        try:
            results.append(publish_media(media))
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            errors.append(error)

    threads = [threading.Thread(target=publish) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(results)) == 1
    assert (static_dir / results[0]).read_bytes() == PNG + b"race"
    assert [p.name for p in static_dir.iterdir()] == [results[0]]  # no temporary left


def test_pruning_removes_what_was_not_published_lately(static_dir):
    folder = static_dir
    folder.mkdir()
    (folder / "old.png").write_bytes(PNG)
    (folder / "fresh.png").write_bytes(PNG)
    long_ago = time.time() - geo.assets.PRUNE_AFTER_SECONDS - 60
    os.utime(folder / "old.png", (long_ago, long_ago))
    assert prune_published() == 1
    assert [p.name for p in folder.iterdir()] == ["fresh.png"]

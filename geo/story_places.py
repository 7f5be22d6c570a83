"""What a story draws on every chapter besides its chapters' places: its key places and its
lines (parallels), and which of its places are drawn as lines rather than markers."""

from __future__ import annotations

import functools
from typing import Mapping

from geo import land, lines
from story.places import Place
from story.model import Parallel, Story
from story.timeline import chapter_span


def key_place_slugs(story: Story) -> tuple[str, ...]:
    """The places the story draws on every chapter: its map's key_places, and its own places marked key."""
    own = (slug for slug, place in story.places.items() if place.key)
    return tuple(dict.fromkeys((*story.map.key_places, *own)))


def story_places(story: Story, gazetteer: Mapping[str, Place]) -> dict[str, Place]:
    """The story's key places, then every other place a chapter names, in story order."""
    named = (slug for chapter in story.chapters for slug in chapter.places)
    parallel_places = (parallel.place for parallel in story.map.parallels)
    return {slug: gazetteer[slug] for slug in dict.fromkeys((*key_place_slugs(story), *parallel_places, *named))}


def left_off(story: Story, index: int) -> tuple[str, ...]:
    """The key places and parallels the chapter's map leaves off: their first day (map.drawn_from)
    comes after the chapter's time, and the chapter does not name them."""
    span = chapter_span(story, index)
    if span is None:
        return ()
    named = set(story.chapters[index].places)
    return tuple(slug for slug, day in story.map.drawn_from if span[1] < day and slug not in named)


def drawn_as_line(story: Story) -> set[str]:
    """Places drawn as a line rather than a marker (a parallel stands for them)."""
    return {parallel.place for parallel in story.map.parallels}


@functools.lru_cache(maxsize=16)
def _parallel(latitude: float, codes: tuple[str, ...]):
    return lines.parallel(land.load_land(), latitude, codes)


def parallel_line(story: Story, parallel: Parallel):
    """The parallel across the story's home land (all land in the region when it names none),
    computed once per latitude and home; a GeoDataFrame with its length, source and accuracy."""
    codes = story.map.home or tuple(sorted(set(land.load_land()["iso_a3"])))
    return _parallel(parallel.latitude, codes).copy()

"""The default story and its places, loaded as app.py loads them (one place to follow it)."""

from __future__ import annotations

from geo.references import builtin_references
from geo.views import chapter_view
from story.loader import DEFAULT_STORY_PATH, load_story


def load_default_story():
    """(story, places): the gazetteer plus the story's own places."""
    references = builtin_references()
    story = load_story(DEFAULT_STORY_PATH, references)
    return story, {**references.place_map(), **story.places}


def next_views() -> list[dict]:
    """The view each Next click should show, from the first chapter to the last."""
    story, places = load_default_story()
    return [chapter_view(chapter, places) for chapter in story.chapters[1:]]

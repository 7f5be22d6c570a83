"""The default story and its places, loaded as app.py loads them (one place to follow it)."""

from __future__ import annotations

from geo.history import layer_ids
from geo.places import load_gazetteer
from geo.views import chapter_view
from story.loader import DEFAULT_STORY_PATH, load_story


def load_default_story():
    """(story, places): the gazetteer plus the story's own places."""
    builtin = load_gazetteer()
    story = load_story(DEFAULT_STORY_PATH, builtin, layer_ids())
    return story, {**builtin, **story.places}


def next_views() -> list[dict]:
    """The view each Next click should show, from the first chapter to the last."""
    story, places = load_default_story()
    return [chapter_view(chapter, places) for chapter in story.chapters[1:]]

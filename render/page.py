"""What the page says around a story's own text, the same in the app and the static export: one
place for every phrase the engine adds (the byline, the chapter's position, what screen readers
hear, the chapter list's entries, the notice for a bad link, the "About the map" section).

Story text goes into HTML only through story/escaping.py (here, in render/tables.py, and in the
export's templates, whose autoescaping does the same)."""

from __future__ import annotations

from typing import Mapping, Sequence

from render.tables import table_html
from story.escaping import html_text
from story.model import Story
from story.navigation import next_chapter_table

UNKNOWN_LINK_NOTICE = "That link names no chapter of this story, so it opens at the start."
ABOUT_TITLE = "About the map: sources and accuracy"
ABOUT_INTRO = (
    "Every line and place on the map says where it comes from and how exact it is. "
    "Historical lines are approximate: they are drawn to follow published maps, not surveyed."
)
LAYER_TABLE_CAPTION = "Layers: where each comes from and how exact it is"
PLACE_TABLE_CAPTION = "Places: where each position comes from and how exact it is"


def byline(story: Story) -> str:
    """The line under the title: the story's introduction, its publisher and date."""
    source = f"{story.source.publisher}, {story.source.date.label()}"
    return f"{story.introduction} — {source}" if story.introduction else source


def position(index: int, count: int) -> str:
    return f"Chapter {index + 1} of {count}"


def announcement(story: Story, index: int) -> str:
    """What screen readers hear when a chapter is shown."""
    return f"{position(index, len(story.chapters))}: {story.chapters[index].title}"


def chapter_list(story: Story) -> dict[str, str]:
    """The chapter list's entry for each chapter id ("3. Across the parallel"), made once per story."""
    return {chapter.id: f"{number}. {chapter.title}" for number, chapter in enumerate(story.chapters, start=1)}


def about_html(layer_rows: Sequence[Mapping[str, str]], place_rows: Sequence[Mapping[str, str]]) -> str:
    """The body of "About the map": what it promises, and the sources of every layer and place."""
    parts = [f'<p class="storymap-about-intro">{html_text(ABOUT_INTRO)}</p>', table_html(layer_rows, LAYER_TABLE_CAPTION)]
    if place_rows:
        parts.append(table_html(place_rows, PLACE_TABLE_CAPTION))
    return "".join(parts)


def place_clicks(story: Story, places: Mapping) -> dict[str, list[int | None]]:
    """The one rule for a click on a place, in the app and the export: the map reports the text
    of the clicked marker's (or line's) tooltip, which is the place's label, and from each
    chapter that place leads to the next chapter about it (story/navigation.py). Keyed by label;
    `places` is slug -> place, for the places the map draws."""
    table = next_chapter_table(story, places)
    return {place.label: table[slug] for slug, place in places.items()}

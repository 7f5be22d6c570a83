"""Moving through a story: which chapter a place leads to, and the route the story travels."""

from __future__ import annotations

from story.model import Chapter, Story


def next_chapter_about(story: Story, place: str, current: int) -> int | None:
    """The next chapter after `current` that names `place`, wrapping round; overviews don't count."""
    count = len(story.chapters)
    for step in range(1, count + 1):
        index = (current + step) % count
        chapter = story.chapters[index]
        if not chapter.overview and place in chapter.places:
            return index
    return None


def next_chapter_table(story: Story, places) -> dict[str, list[int | None]]:
    """For each place and current chapter, next_chapter_about's answer, in one backward pass per
    place: linear in the table's size, where asking chapter by chapter would be quadratic."""
    count = len(story.chapters)
    about: dict[str, list[int]] = {slug: [] for slug in places}
    for index, chapter in enumerate(story.chapters):
        if not chapter.overview:
            for slug in chapter.places:
                if slug in about:
                    about[slug].append(index)
    table = {}
    for slug, indices in about.items():
        row: list[int | None] = [None] * count
        if indices:
            named, following = set(indices), indices[0]  # after the last one, the first comes round again
            for index in range(count - 1, -1, -1):
                row[index] = following
                if index in named:
                    following = index
        table[slug] = row
    return table


def chapters_about(story: Story, place: str) -> list[Chapter]:
    return [c for c in story.chapters if not c.overview and place in c.places]


def route_stops(story: Story) -> list[tuple[int, str]]:
    """(chapter index, place) for each chapter's first place, in story order, repeats merged."""
    stops: list[tuple[int, str]] = []
    for index, chapter in enumerate(story.chapters):
        if chapter.overview or not chapter.places:
            continue
        if not stops or stops[-1][1] != chapter.places[0]:
            stops.append((index, chapter.places[0]))
    return stops


def leg_into(story: Story, index: int) -> tuple[str, str] | None:
    """The leg of the route that ends at chapter `index`: (from place, to place), if it moved."""
    stops = route_stops(story)
    for (_, start), (stop_index, end) in zip(stops, stops[1:]):
        if stop_index == index:
            return (start, end)
    return None

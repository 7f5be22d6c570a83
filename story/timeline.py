"""When a chapter happens, as a span of days, so the map can show the war at that moment."""

from __future__ import annotations

import calendar
import datetime as dt

from story.model import Story, StoryDate

Span = tuple[dt.date, dt.date]


def date_span(date: StoryDate) -> Span | None:
    """The days a date covers: one day, a whole month or a whole year; None when undated."""
    if date.value is None:
        return None
    day = date.value
    if date.precision == "day":
        return (day, day)
    if date.precision == "month":
        return (day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1]))
    return (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def chapter_span(story: Story, index: int) -> Span | None:
    """The chapter's own span; an undated chapter takes the nearest dated one before it, else after."""
    chapters = story.chapters
    for candidate in [*range(index, -1, -1), *range(index + 1, len(chapters))]:
        if (span := date_span(chapters[candidate].date)) is not None:
            return span
    return None


# Dated chapters further apart than this start a new era on the timeline, so the long gaps
# (1910, 1945, 1950-53, 2013) show as breaks rather than as empty decades.
ERA_GAP = dt.timedelta(days=2 * 365)
# On the drawn axis, in years: an era is drawn at its true length (at least MIN_ERA_YEARS),
# and a break of BREAK_YEARS stands for each gap between eras.
MIN_ERA_YEARS, BREAK_YEARS = 0.4, 0.5


def _years(days: dt.timedelta) -> float:
    return days.days / 365.25


def timeline_points(story: Story) -> list[dict]:
    """One point per dated chapter, in time order: index, id, title, date, label, era and x (its
    place on a time axis with breaks, in years)."""
    dated = sorted((span[0], index) for index, chapter in enumerate(story.chapters) if (span := date_span(chapter.date)))
    eras: list[list[tuple[dt.date, int]]] = []
    for day, index in dated:
        if not eras or day - eras[-1][-1][0] > ERA_GAP:
            eras.append([])
        eras[-1].append((day, index))
    points = []
    offset = 0.0
    for era in eras:
        first, last = era[0][0], era[-1][0]
        name = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
        length = max(_years(last - first), MIN_ERA_YEARS)
        centre = (length - _years(last - first)) / 2  # a short era sits in the middle of its space
        for day, index in era:
            chapter = story.chapters[index]
            x = offset + centre + _years(day - first)
            points.append({"index": index, "id": chapter.id, "title": chapter.title, "date": day, "label": chapter.date.label(),
                           "era": name, "x": x})
        offset += length + BREAK_YEARS
    return points


def era_marks(points: list[dict]) -> tuple[list[dict], list[float]]:
    """Each era's name at its middle, and where the breaks between eras fall."""
    eras: dict[str, list[float]] = {}
    for point in points:
        eras.setdefault(point["era"], []).append(point["x"])
    spans = [(name, min(xs), max(xs)) for name, xs in eras.items()]
    labels = [{"era": name, "x": (low + high) / 2} for name, low, high in spans]
    breaks = [(high + next_low) / 2 for (_, _, high), (_, next_low, _) in zip(spans, spans[1:])]
    return labels, breaks

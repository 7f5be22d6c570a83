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

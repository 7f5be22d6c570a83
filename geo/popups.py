"""Tooltip and popup content for places, built from escaped text only."""

from __future__ import annotations

from story.places import Place
from story.escaping import html_text as safe_html  # the one escaping point for story text


def place_tooltip(place: Place, period: str | None = None) -> str:
    """The place's full label; a click on its marker reports this text (it names the place)."""
    return safe_html(place.label)


def place_short_label(place: Place) -> str:
    """A compact always-on label: modern name and Hangul."""
    korean = f' <span lang="ko">{safe_html(place.hangul)}</span>' if place.hangul else ""
    return safe_html(place.name) + korean


def period_spelling_label(period: str | None) -> str:
    """What the story calls a place's period spelling ("1950s spelling"), or a plain phrase."""
    return f"{period} spelling" if period else "Period spelling"


def place_popup(place: Place, chapter_titles: list[str] | None = None, period: str | None = None, measure: str | None = None) -> str:
    """Names in three spellings, what the place is, and where its coordinates come from.
    period: what the story calls the period spelling; measure: a computed size, for a line."""
    rows = [f"<strong>{safe_html(place.name)}</strong>"]
    if place.old_spelling:
        rows.append(f"{safe_html(period_spelling_label(period))}: {safe_html(place.old_spelling)}")
    if place.korean:
        rows.append(f'<span lang="ko">{safe_html(place.korean)}</span>')
    rows.append(safe_html(place.description))
    if measure:
        rows.append(safe_html("Computed: " + measure))
    if chapter_titles:
        rows.append("In this story: " + safe_html("; ".join(chapter_titles)))
    rows.append(f"<small>Location: {safe_html(place.source)} {safe_html(place.accuracy)}</small>")
    return '<div class="storymap-popup">' + "<br>".join(rows) + "</div>"

"""Tooltip and popup content for places, built from escaped text only."""

from __future__ import annotations

from geo.places import Place
from story.escaping import html_text as safe_html  # the one escaping point for story text


def place_tooltip(place: Place) -> str:
    return safe_html(place.label)


def place_short_label(place: Place) -> str:
    """A compact always-on label: modern name and Hangul."""
    korean = f' <span lang="ko">{safe_html(place.hangul)}</span>' if place.hangul else ""
    return safe_html(place.name) + korean


def place_popup(place: Place, chapter_titles: list[str] | None = None) -> str:
    """Names in three spellings, what the place is, and where its coordinates come from."""
    rows = [f"<strong>{safe_html(place.name)}</strong>"]
    if place.old_spelling:
        rows.append(f"1950s spelling: {safe_html(place.old_spelling)}")
    if place.korean:
        rows.append(f'<span lang="ko">{safe_html(place.korean)}</span>')
    rows.append(safe_html(place.description))
    if chapter_titles:
        rows.append("In this story: " + safe_html("; ".join(chapter_titles)))
    rows.append(f"<small>Location: {safe_html(place.source)} {safe_html(place.accuracy)}</small>")
    return '<div class="storymap-popup">' + "<br>".join(rows) + "</div>"

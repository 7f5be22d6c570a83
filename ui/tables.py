"""Plain HTML tables for "About the map": the sources and accuracy of every layer and place.

A real <table> (a caption, column headers) reads well with a screen reader, wraps long source
notes, and needs none of the data-grid code st.dataframe loads (over a megabyte of JavaScript
the page would otherwise fetch at first load for two small tables). Every cell is escaped."""

from __future__ import annotations

from typing import Mapping, Sequence

from story.escaping import html_text


def table_html(rows: Sequence[Mapping[str, str]], caption: str) -> str:
    """The rows (all with the same keys, in column order) as a captioned table in a wrapper
    that scrolls sideways on a narrow screen (and can be scrolled by keyboard)."""
    columns = list(rows[0]) if rows else []
    head = "".join(f'<th scope="col">{html_text(column)}</th>' for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html_text(str(row.get(column, '')))}</td>" for column in columns) + "</tr>"
        for row in rows
    )
    name = html_text(caption)
    return (
        f'<div class="storymap-table" role="region" aria-label="{name}" tabindex="0">'
        f"<table><caption>{name}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )

"""The timeline under the chapter navigation: every dated chapter on a time axis with breaks
between eras (so 1910, 1945, 1950-53 and 2013 all show), the current chapter marked; clicking a
mark selects that chapter. One responsive chart, so it fits a phone as well as a desktop."""

from __future__ import annotations

import altair as alt

from story.model import Story
from story.timeline import era_marks, timeline_points

SELECTION = "pick"
CURRENT_COLOR, OTHER_COLOR, INK = "#d35400", "#4f6d8f", "#2f2d2b"


def timeline_spec(story: Story, current: int) -> dict:
    """The chart as a Vega-Lite spec. Building it through Altair costs tens of milliseconds, so
    build the story's chart once (with no current chapter) and mark the current one with
    `mark_current`; the spec is ours and fixed, so the tests check it against the schema."""
    return mark_current(timeline_chart(story, -1).to_dict(validate=False), current)


def mark_current(spec: dict, current: int) -> dict:
    """A copy of the spec with chapter `current` marked as this chapter."""
    marks = spec["layer"][0]
    values = [_with_current(point, point["index"] == current) for point in marks["data"]["values"]]
    return {**spec, "layer": [{**marks, "data": {**marks["data"], "values": values}}, *spec["layer"][1:]]}


def _with_current(point: dict, current: bool) -> dict:
    aria = f"Chapter {point['number']}: {point['title']}, {point['label']}" + (" (this chapter)" if current else "")
    return {**point, "current": current, "aria": aria}


def timeline_chart(story: Story, current: int) -> alt.LayerChart:
    # Each mark's "aria" is what a screen reader says for it.
    points = [
        _with_current({**point, "date": point["date"].isoformat(), "number": point["index"] + 1}, point["index"] == current)
        for point in timeline_points(story)
    ]
    labels, breaks = era_marks(timeline_points(story))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(nice=False, padding=14))
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", clear=False)
    marks = (
        alt.Chart(alt.Data(values=points))
        .mark_circle(stroke=INK, cursor="pointer", opacity=1)
        .encode(
            x=x,
            y=alt.Y("lane:O", axis=None, scale=alt.Scale(range=[30, 90])),  # below the era names
            size=alt.condition("datum.current", alt.value(300), alt.value(110)),
            color=alt.condition("datum.current", alt.value(CURRENT_COLOR), alt.value(OTHER_COLOR)),
            strokeWidth=alt.condition("datum.current", alt.value(2), alt.value(0)),
            tooltip=[alt.Tooltip("number:Q", title="Chapter"), alt.Tooltip("title:N", title="Title"), alt.Tooltip("label:N", title="Date")],
            description="aria:N",
        )
        .add_params(pick)
    )
    era_names = alt.Chart(alt.Data(values=labels)).mark_text(fontWeight="bold", color=INK, baseline="top").encode(x=x, y=alt.value(2), text="era:N")
    gaps = alt.Chart(alt.Data(values=[{"x": value} for value in breaks])).mark_text(text="//", color="#8a847d", fontSize=14).encode(x=x, y=alt.value(34))
    # SVG, not canvas: each mark is an element with an ARIA label that screen readers can read.
    chart = alt.layer(marks, era_names, gaps).properties(height=98, usermeta={"embedOptions": {"renderer": "svg", "actions": False}})
    return chart.configure_view(stroke=None)


def picked_chapter(selection_state) -> str | None:
    """The chapter id a click on the timeline chose, from st.altair_chart's selection state."""
    picked = (selection_state or {}).get("selection", {}).get(SELECTION) or []
    return picked[0].get("id") if picked else None

"""The timeline's chart: every dated chapter on a time axis with breaks between eras (so 1910,
1945, 1950-53 and 2013 all show). Drawn with Altair once per story, to SVG (export/timeline.py),
for both the app (ui/timeline_component.py) and the static export; the page marks the current
chapter and makes each mark a button (static/timeline.js)."""

from __future__ import annotations

import altair as alt

from story.model import Story
from story.timeline import era_marks, timeline_points

MARK_COLOR, INK = "#4f6d8f", "#2f2d2b"


def timeline_chart(story: Story) -> alt.LayerChart:
    # Each mark's "aria" is what a screen reader says for it (and what ties it to its chapter).
    points = [
        {**point, "date": point["date"].isoformat(), "number": point["index"] + 1,
         "aria": f"Chapter {point['index'] + 1}: {point['title']}, {point['label']}"}
        for point in timeline_points(story)
    ]
    labels, breaks = era_marks(timeline_points(story))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(nice=False, padding=14))
    marks = (
        alt.Chart(alt.Data(values=points))
        .mark_circle(stroke=INK, strokeWidth=0, cursor="pointer", opacity=1, size=110, color=MARK_COLOR)
        .encode(
            x=x,
            y=alt.Y("lane:O", axis=None, scale=alt.Scale(range=[30, 90])),  # below the era names
            tooltip=[alt.Tooltip("number:Q", title="Chapter"), alt.Tooltip("title:N", title="Title"), alt.Tooltip("label:N", title="Date")],
            description="aria:N",
        )
    )
    era_names = alt.Chart(alt.Data(values=labels)).mark_text(fontWeight="bold", color=INK, baseline="top").encode(x=x, y=alt.value(2), text="era:N")
    gaps = alt.Chart(alt.Data(values=[{"x": value} for value in breaks])).mark_text(text="//", color="#8a847d", fontSize=14).encode(x=x, y=alt.value(34))
    # SVG: each mark is an element with an ARIA label, which the page turns into a button.
    chart = alt.layer(marks, era_names, gaps).properties(height=98)
    return chart.configure_view(stroke=None)

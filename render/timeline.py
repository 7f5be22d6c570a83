"""The timeline drawn as inline SVG from story/timeline.py's positions, for the app and the export.

Every dated chapter is a numbered mark on a time axis with breaks between eras; each mark is a
button tied to its chapter (static/timeline.js wires clicks and keys and marks the current one).
Two drawings are made, narrow and wide; timeline.css shows the one that suits the column, so the
marks keep their size on a phone and beside a laptop's map. Story text enters the markup only through the one escaping point, story/escaping.py.
"""

from __future__ import annotations

import json
from story.escaping import html_text as escape

from story.model import Story
from story.timeline import era_marks, timeline_points

# Drawing widths in SVG units (the SVG scales to its column from its viewBox): about the widths
# of a phone's column and of the text column beside a laptop's map, so that each is drawn near
# its own size and its numbers stay legible (timeline.css picks one by the column's width).
WIDTHS = {"narrow": 350, "wide": 540}
PADDING = 14  # keeps the end marks whole
MARK_RADIUS = 8
CURRENT_SCALE = 1.65  # the current chapter's mark is drawn this much larger (timeline.css)
ERA_BASELINE = 11  # era names sit above the marks
FIRST_LANE_Y, LANE_HEIGHT = 27, 19
MARK_CLASS = "timeline-mark"


def _scale(points: list[dict], width: int):
    low = min(point["x"] for point in points)
    span = max(point["x"] for point in points) - low or 1.0
    return lambda x: PADDING + (x - low) / span * (width - 2 * PADDING)


def _lanes(xs: list[float]) -> list[int]:
    """Marks closer than a mark's width on this drawing go in separate lanes (lowest free one),
    so each can be seen and tapped even on the narrow drawing."""
    lanes: list[int] = []
    for index, x in enumerate(xs):
        crowded = {lanes[other] for other in range(index) if abs(xs[other] - x) < 2 * MARK_RADIUS + 2}
        lanes.append(min(set(range(len(crowded) + 1)) - crowded))
    return lanes


def _mark(point: dict, x: float, lane: int, number: int) -> str:
    y = FIRST_LANE_Y + lane * LANE_HEIGHT
    name = escape(f"Chapter {number}: {point['title']}, {point['label']}")
    # The position is on the group, so CSS can scale the mark about its own centre.
    return (
        f'<g transform="translate({x:.1f} {y})">'
        f'<circle class="{MARK_CLASS}" r="{MARK_RADIUS}" role="button" tabindex="-1" '
        f'data-chapter="{escape(point["id"])}" aria-label="{name}"></circle>'
        f'<text class="timeline-number" aria-hidden="true" dy="0.35em">{number}</text></g>'
    )


def timeline_svg(story: Story, variant: str) -> str:
    """One drawing of the timeline; empty when no chapter is dated."""
    points = timeline_points(story)
    if not points:
        return ""
    width = WIDTHS[variant]
    to_x = _scale(points, width)
    xs = [to_x(point["x"]) for point in points]
    lanes = _lanes(xs)
    # Room below the last lane for the current mark at its larger size, ring included.
    height = FIRST_LANE_Y + max(lanes) * LANE_HEIGHT + round(MARK_RADIUS * CURRENT_SCALE) + 3
    labels, breaks = era_marks(points)
    parts = [
        f'<svg class="timeline-chart timeline-{variant}" viewBox="0 0 {width} {height}" role="toolbar" '
        f'aria-label="Chapters on a time axis" data-axis="{escape(json.dumps(_axis(points, to_x)))}">',
        f'<line class="timeline-axis" x1="{PADDING}" x2="{width - PADDING}" y1="{FIRST_LANE_Y}" y2="{FIRST_LANE_Y}"></line>',
        '<g aria-hidden="true">',
        *(f'<text class="timeline-era" x="{to_x(label["x"]):.1f}" y="{ERA_BASELINE}">{escape(label["era"])}</text>' for label in labels),
        *(f'<text class="timeline-break" x="{to_x(value):.1f}" y="{FIRST_LANE_Y}" dy="0.35em">//</text>' for value in breaks),
        "</g>",
        *(_mark(point, x, lane, point["index"] + 1) for point, x, lane in zip(points, xs, lanes)),
        "</svg>",
    ]
    markup = "".join(parts)
    # The first mark in time is the chart's one tab stop until the page marks the current chapter.
    return markup.replace('tabindex="-1"', 'tabindex="0"', 1)


def _axis(points: list[dict], to_x) -> list[list]:
    """Each era as [first day, last day, x of the first, x of the last] (days as ISO dates), so
    the page can put any day on the axis: the play head while the war plays (timeline.js)."""
    eras: dict[str, list[dict]] = {}
    for point in points:
        eras.setdefault(point["era"], []).append(point)
    return [[era[0]["date"].isoformat(), era[-1]["date"].isoformat(), round(to_x(era[0]["x"]), 1), round(to_x(era[-1]["x"]), 1)]
            for era in eras.values()]


def timeline_markup(story: Story) -> str:
    """Both drawings and the line under them that names the mark pointed at; empty when undated."""
    svgs = [timeline_svg(story, variant) for variant in WIDTHS]
    if not any(svgs):
        return ""
    return '<nav class="timeline" aria-label="Timeline">' + "".join(svgs) + '<p class="timeline-hint" aria-hidden="true"></p></nav>'

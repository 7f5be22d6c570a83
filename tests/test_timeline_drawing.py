"""The timeline's drawing (render/timeline.py): numbered marks that never overlap, in each width."""

from __future__ import annotations

import html
import re
from pathlib import Path
from html.parser import HTMLParser

from render.timeline import MARK_RADIUS, WIDTHS, timeline_svg
from story.timeline import timeline_points
from story.validate import build_story
from geo.references import builtin_references


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks: list[dict] = []
        self._position = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "g" and "transform" in attributes:
            x, y = map(float, re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)", attributes["transform"]).groups())
            self._position = (x, y)
        elif tag == "circle":
            self.marks.append({**attributes, "x": self._position[0], "y": self._position[1]})


def drawn_marks(svg: str) -> list[dict]:
    parser = _Marks()
    parser.feed(svg)
    return parser.marks


def test_no_two_marks_overlap_in_either_drawing(default_story):
    for variant in WIDTHS:
        marks = drawn_marks(timeline_svg(default_story, variant))
        assert len(marks) == len(timeline_points(default_story))
        for n, a in enumerate(marks):
            for b in marks[n + 1:]:
                apart = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
                assert apart >= 2 * MARK_RADIUS, (variant, a["data-chapter"], b["data-chapter"])


def test_marks_follow_time_from_left_to_right_and_carry_their_chapter_numbers(default_story):
    svg = timeline_svg(default_story, "wide")
    marks = drawn_marks(svg)
    assert [mark["x"] for mark in marks] == sorted(mark["x"] for mark in marks)
    numbers = re.findall(r'<text class="timeline-number"[^>]*>(\d+)</text>', svg)
    assert numbers == [str(point["index"] + 1) for point in timeline_points(default_story)]


def test_an_undated_story_has_no_timeline(gazetteer):
    raw = {
        "title": "Undated",
        "source": {"title": "t", "publisher": "p", "date": "2020"},
        "chapters": [{"id": "one", "title": "One", "caption": "c", "narrative": "n", "places": ["busan"]}],
    }
    assert timeline_svg(build_story(raw, "undated.yaml", builtin_references()), "wide") == ""


def test_the_axis_places_any_day_of_an_era_where_its_chapter_marks_are(default_story):
    """The page puts the war's play head on the axis from data-axis: a chapter's own day must
    land on its mark."""
    import datetime as dt
    import json

    svg = timeline_svg(default_story, "wide")
    axis = json.loads(html.unescape(re.search(r'data-axis="([^"]*)"', svg).group(1)))
    marks = drawn_marks(svg)
    for point, mark in zip(timeline_points(default_story), marks):
        [(start, end, x0, x1)] = [era for era in axis if era[0] <= point["date"].isoformat() <= era[1]]
        start, end = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        x = x0 if end == start else x0 + (x1 - x0) * (point["date"] - start).days / (end - start).days
        assert abs(x - mark["x"]) < 0.2, point["id"]


def test_the_drawing_has_room_for_the_current_mark_at_its_larger_size(default_story):
    import re as regex

    from render.timeline import CURRENT_SCALE

    css = (Path(__file__).resolve().parent.parent / "static" / "timeline.css").read_text(encoding="utf-8")
    assert f"scale({CURRENT_SCALE})" in css  # the drawing and the stylesheet agree on the size
    for variant in ("narrow", "wide"):
        svg = timeline_svg(default_story, variant)
        height = float(regex.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))
        lowest = max(float(y) for y in regex.findall(r'translate\([\d.]+ ([\d.]+)\)', svg))
        assert lowest + MARK_RADIUS * CURRENT_SCALE + 1 <= height, variant

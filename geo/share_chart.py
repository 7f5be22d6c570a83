"""Who held how much of the land, day by day, and a small SVG chart of it (the see-saw of the
war at a glance), drawn by us from the computed shares."""

from __future__ import annotations

import datetime as dt
import functools
import html

from geo import fronts

STEP_DAYS = 7
WIDTH, HEIGHT = 260, 96
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 34, 8, 10, 22
RIGHT_COLOUR, LEFT_COLOUR = "#2e6da4", "#b03a2e"


@functools.lru_cache(maxsize=8)
def share_series(series: fronts.FrontSeries, step_days: int = STEP_DAYS) -> tuple[tuple[dt.date, float], ...]:
    """(day, share of the land right of the line) every step_days and on every snapshot day."""
    land = fronts.land_metric(series.land_codes)
    days = {snap.date for snap in series.snapshots}
    day = series.first
    while day <= series.last:
        days.add(day)
        day += dt.timedelta(days=step_days)
    return tuple((day, fronts.held_areas(fronts.front_on(series, day), land).un_share) for day in sorted(days))


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    return PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * (day - first).days / max((last - first).days, 1)


def _y(share: float) -> float:
    return PAD_TOP + (HEIGHT - PAD_TOP - PAD_BOTTOM) * (1 - share)


def share_chart_svg(points, right_name: str, left_name: str, mark: dt.date | None = None) -> str:
    """An SVG chart: the right side's share as a filled area over the left side's, years along
    the bottom, and `mark` (the chapter's day) as a vertical line with its figures."""
    first, last = points[0][0], points[-1][0]
    line = " ".join(f"{_x(day, first, last):.1f},{_y(share):.1f}" for day, share in points)
    base = _y(0)
    area = f"M{_x(first, first, last):.1f},{base:.1f} L{line.replace(' ', ' L')} L{_x(last, first, last):.1f},{base:.1f} Z"
    parts = [
        f'<rect x="{PAD_LEFT}" y="{PAD_TOP}" width="{WIDTH - PAD_LEFT - PAD_RIGHT}" height="{base - PAD_TOP:.1f}" fill="{LEFT_COLOUR}" fill-opacity="0.28"/>',
        f'<path d="{area}" fill="{RIGHT_COLOUR}" fill-opacity="0.45" stroke="{RIGHT_COLOUR}" stroke-width="1.2"/>',
    ]
    for share in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{PAD_LEFT - 4}" y="{_y(share) + 3:.1f}" text-anchor="end">{share:.0%}</text>')
    for year in range(first.year + 1, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, last)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_TOP}" y2="{base + 4:.1f}" stroke="#555" stroke-width="0.6"/>')
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{year}</text>')
    summary = f"Share of the land held by {right_name} (blue) and by {left_name} (red), {first:%d %b %Y} to {last:%d %b %Y}"
    if mark is not None and first <= mark <= last:
        share = _share_on(points, mark)
        x = _x(mark, first, last)
        parts.append(f'<line class="storymap-share-mark" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_TOP - 4}" y2="{base:.1f}" stroke="#111" stroke-width="2"/>')
        summary += f"; on {mark.day} {mark:%B %Y}: {share:.0%} and {1 - share:.0%}"
    label = html.escape(summary, quote=True)
    return (
        f'<svg class="storymap-share-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{label}" font-size="10" font-family="sans-serif">'
        f"<title>{label}</title>" + "".join(parts) + "</svg>"
    )


def _share_on(points, day: dt.date) -> float:
    """The share on `day`, read off the computed points (linear between two)."""
    for (d0, s0), (d1, s1) in zip(points, points[1:]):
        if d0 <= day <= d1:
            return s0 + (s1 - s0) * (day - d0).days / max((d1 - d0).days, 1)
    return points[-1][1]

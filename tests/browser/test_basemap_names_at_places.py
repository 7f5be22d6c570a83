"""Each base-map town's name sits at its town: a story line crossing the view (the 38th
parallel) is no marker to write a name beside, so no name is pushed along it to the line's end."""

from __future__ import annotations

import pytest
from pages import open_app

from geo.basemap import load_labels

# Per visible town name: its text, its box and its point in the map's own pixels.
NAMES_AND_POINTS = """(container, towns) => {
    const frame = container.getBoundingClientRect(), map = window.storymap.map;
    return Array.from(container.querySelectorAll(".storymap-basemap-city:not([hidden])"), (node) => {
        const r = node.getBoundingClientRect();
        const points = (towns[node.textContent] || []).map((town) => map.latLngToContainerPoint(town)).map((p) => [p.x, p.y]);
        return [node.textContent, r.left - frame.left, (r.top + r.bottom) / 2 - frame.top, points];
    });
}"""
# A name starts just right of its dot, or right of the story's marker on the town (at most a key
# place's marker and the gap beyond the point).
MAX_RIGHT_OF_POINT = 24
MAX_LEFT_OF_POINT = 6


@pytest.mark.parametrize("chapter", ["kim-il-sung", "a-border-that-remains", "holding-the-south"])
def test_every_town_name_is_at_its_town(offline_page, app_url, chapter):
    towns = {}  # two towns may share a name (Gwangju in Jeolla and in Gyeonggi)
    for label in load_labels():
        if label.kind == "city":
            towns.setdefault(label.text, []).append([label.lat, label.lon])
    page, frame = open_app(offline_page, f"{app_url}/?chapter={chapter}")
    frame.locator(".storymap-basemap-city:not([hidden])").first.wait_for()
    page.wait_for_timeout(1000)  # the last layout after the chapter's labels
    rows = frame.locator(".leaflet-container").evaluate(NAMES_AND_POINTS, towns)
    assert len(rows) >= 3
    misplaced = [
        (text, round(left), round(middle), points)
        for text, left, middle, points in rows
        if not any(x - MAX_LEFT_OF_POINT <= left <= x + MAX_RIGHT_OF_POINT and abs(middle - y) <= 3 for x, y in points)
    ]
    assert misplaced == []

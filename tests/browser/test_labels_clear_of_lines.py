"""A label does not sit on the story's lines when it has another place to go: the front and the
armistice line stay readable under the names of the places and of the 38th parallel."""

from __future__ import annotations

import time

import pytest

from pages import open_app

# Points every 2 px along each of the chapter's lines (fronts, historical lines), in page pixels,
# and the boxes of the labels shown.
LINES_AND_LABELS = """() => {
    const points = [];
    document.querySelectorAll("path.storymap-front, path.storymap-history").forEach((path) => {
        if (getComputedStyle(path).display === "none" || path.getAttribute("fill") !== "none") return;
        const matrix = path.getScreenCTM(), length = path.getTotalLength();
        for (let at = 0; at <= length; at += 2) {
            const p = path.getPointAtLength(at).matrixTransform(matrix);
            points.push([p.x, p.y]);
        }
    });
    const labels = [...document.querySelectorAll(".leaflet-tooltip.storymap-label, .leaflet-tooltip.storymap-line-label")]
        .filter((e) => e.style.visibility !== "hidden" && e.getBoundingClientRect().width > 0)
        .map((e) => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), [r.left, r.top, r.right, r.bottom]]; });
    return {points, labels};
}"""


@pytest.mark.parametrize("chapter, name", [("the-human-cost", "38th parallel"), ("landing-at-pohang", "Seoul: held by")])
def test_a_label_leaves_the_lines_readable(offline_page, app_url, chapter, name):
    page, frame = open_app(offline_page, f"{app_url}/?chapter={chapter}")
    # The label is placed once the chapter's view has settled (later on a slow machine).
    container = frame.locator(".leaflet-container")
    deadline = time.monotonic() + 15
    while True:
        seen = container.evaluate(LINES_AND_LABELS)
        if any(text.startswith(name) for text, box in seen["labels"]) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    page.wait_for_timeout(300)
    seen = container.evaluate(LINES_AND_LABELS)
    assert seen["points"], "the chapter draws its lines"
    [(text, box)] = [(text, box) for text, box in seen["labels"] if text.startswith(name)]
    on_it = [p for p in seen["points"] if box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]]
    assert on_it == [], (text, box, on_it[:5])

"""Choosing a web map and then the plain offline map again keeps the story's layers on top: the
land goes back under them (its own pane), not over the fronts, lines and places."""

from __future__ import annotations

import io

from matplotlib import image
from playwright.sync_api import expect

from pages import MAP_FRAME, open_app

# A point halfway along the chapter's front line, in the page's pixels: on the middle of a dash
# when the line is dashed (a front between two snapshots), not in a gap between two.
FRONT_MIDDLE = """() => {
    const front = document.querySelector("path.storymap-front");
    const half = front.getTotalLength() / 2;
    let pattern = getComputedStyle(front).strokeDasharray.split(/[ ,]+/).map(parseFloat).filter((n) => n > 0);
    if (pattern.length % 2) { pattern = pattern.concat(pattern); }
    const period = pattern.reduce((a, b) => a + b, 0);
    const along = period ? Math.floor(half / period) * period + pattern[0] / 2 : half;
    const point = front.getPointAtLength(along).matrixTransform(front.getScreenCTM());
    return [point.x, point.y];
}"""
FRONT_RED = (0xB0 / 255, 0x3A / 255, 0x2E / 255)


def painted_at(page, frame_box, point) -> tuple[float, float, float]:
    """The colour the screen shows at a point of the map's frame (the middle of a 3x3 shot)."""
    x, y = frame_box["x"] + point[0], frame_box["y"] + point[1]
    shot = page.screenshot(clip={"x": x - 1, "y": y - 1, "width": 3, "height": 3})
    return tuple(image.imread(io.BytesIO(shot))[1][1][:3])


def is_front(colour) -> bool:
    return all(abs(a - b) < 0.12 for a, b in zip(colour, FRONT_RED))


def choose(frame, name: str) -> None:
    radio = frame.locator(".leaflet-control-layers-base label", has_text=name).locator("input")
    radio.evaluate("input => input.click()")


def test_the_plain_map_chosen_again_goes_under_the_story(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=holding-the-south")
    expect(frame.locator("path.storymap-front")).to_have_count(1)
    page.wait_for_timeout(500)
    frame_box = page.locator(MAP_FRAME).bounding_box()
    point = frame.locator(".leaflet-container").evaluate(FRONT_MIDDLE)
    assert is_front(painted_at(page, frame_box, point))
    choose(frame, "OpenTopoMap")  # offline here: its tiles never arrive, which does not matter
    choose(frame, "Plain map")
    page.wait_for_timeout(500)
    assert is_front(painted_at(page, frame_box, point)), "the land was drawn over the front"
    expect(frame.locator(".leaflet-storymap-land-pane path")).not_to_have_count(0)

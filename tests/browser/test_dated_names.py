"""The base map names countries as they were on the chapter's day: one Korea in 1910, North and
South Korea from 1948; the Soviet Union in 1950, Russia in 2013."""

from __future__ import annotations

import time

from pages import open_app

SHOWN = "() => [...document.querySelectorAll('.storymap-basemap-country:not([hidden])')].map((e) => e.firstChild.textContent)"


def shown_once(frame, wanted) -> list[str]:
    """The country names shown, once `wanted` holds of them or the map has had 15 s to place
    them (a loaded machine takes longer than any fixed wait)."""
    deadline = time.monotonic() + 15
    while True:
        shown = frame.locator(".leaflet-container").evaluate(SHOWN)
        if wanted(shown) or time.monotonic() > deadline:
            return shown
        time.sleep(0.2)


def test_country_names_follow_the_chapters_day(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=into-seoul")
    shown_1910 = shown_once(frame, lambda shown: "Korea" in shown)
    assert "Korea" in shown_1910 and "North Korea" not in shown_1910 and "South Korea" not in shown_1910, shown_1910
    page, frame = open_app(offline_page, f"{app_url}/?chapter=china-enters-the-war")
    shown_1950 = shown_once(frame, lambda shown: "North Korea" in shown)
    assert "North Korea" in shown_1950 and "Korea" not in shown_1950, shown_1950
    assert offline_page.outside == []

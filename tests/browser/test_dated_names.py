"""The base map names countries as they were on the chapter's day: one Korea in 1910, North and
South Korea from 1948; the Soviet Union in 1950, Russia in 2013."""

from __future__ import annotations

from pages import open_app

SHOWN = "() => [...document.querySelectorAll('.storymap-basemap-country:not([hidden])')].map((e) => e.firstChild.textContent)"


def test_country_names_follow_the_chapters_day(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=into-seoul")
    page.wait_for_timeout(1500)
    shown_1910 = frame.locator(".leaflet-container").evaluate(SHOWN)
    assert "Korea" in shown_1910 and "North Korea" not in shown_1910 and "South Korea" not in shown_1910, shown_1910
    page, frame = open_app(offline_page, f"{app_url}/?chapter=china-enters-the-war")
    page.wait_for_timeout(1500)
    shown_1950 = frame.locator(".leaflet-container").evaluate(SHOWN)
    assert "North Korea" in shown_1950 and "Korea" not in shown_1950, shown_1950
    assert offline_page.outside == []

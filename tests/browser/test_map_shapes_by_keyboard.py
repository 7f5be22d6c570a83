"""The keyboard reaches the map's clickable shapes as named buttons: each place, line and event is
named by its tooltip, Enter clicks it (its popup opens), and shapes outside the view are left out
of the Tab order (the static export, which runs the same map code as the app)."""

from __future__ import annotations

from playwright.sync_api import expect



def test_places_are_named_buttons_that_enter_clicks(open_file_page, site):
    page = open_file_page(f"{site.as_uri()}#holding-the-south", viewport={"width": 1366, "height": 768})
    pyongyang = page.locator("path.storymap-place-pyongyang")
    expect(pyongyang).to_have_attribute("role", "button")
    expect(pyongyang).to_have_attribute("aria-label", "Pyongyang · 평양 平壤")
    expect(pyongyang).to_have_attribute("tabindex", "0")
    # Tokyo is marked on the map but far outside this view: not a Tab stop.
    expect(page.locator("path.storymap-place-tokyo")).to_have_attribute("tabindex", "-1")
    expect(page.locator("path.storymap-front")).to_have_attribute("aria-label", "Front line, 18 February 1951 (interpolated)")
    pyongyang.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_contain_text("Pyongyang")
    assert page.errors == []

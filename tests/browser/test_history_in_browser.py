"""Historical layers in Chromium: drawn by the chapter's date, toggled by hand, in the legend."""

from __future__ import annotations

from playwright.sync_api import expect

from pages import open_app


def drawn(frame, layer_id: str):
    return frame.locator(f"path.storymap-history-{layer_id}")


def legend_row(frame, layer_id: str):
    return frame.locator(f'.storymap-legend li[data-layer="{layer_id}"]')


def test_layers_follow_the_chapter_date(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=the-middlesex-regiment")  # 27 June 1950
    expect(drawn(frame, "invasion-1950").first).to_be_attached()  # the invasion's arrows
    expect(drawn(frame, "front-line")).to_have_count(1)  # the front of the chapter's day
    expect(drawn(frame, "armistice-line")).to_have_count(0)
    assert legend_row(frame, "front-line").get_attribute("hidden") is None
    assert legend_row(frame, "armistice-line").get_attribute("hidden") is not None

    page.get_by_role("combobox", name="Go to chapter").click()
    page.get_by_role("option", name="16. The armistice").click()
    expect(drawn(frame, "armistice-line")).to_have_count(1)
    expect(drawn(frame, "dmz")).to_have_count(1)
    expect(drawn(frame, "invasion-1950")).to_have_count(0)
    assert legend_row(frame, "invasion-1950").get_attribute("hidden") is not None
    assert legend_row(frame, "dmz").get_attribute("hidden") is None
    assert offline_page.outside == []


def test_a_layer_can_be_toggled_by_hand(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=into-seoul")  # 1910: no war layers
    expect(drawn(frame, "dmz")).to_have_count(0)
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_role("checkbox", name="Demilitarized Zone").check()
    expect(drawn(frame, "dmz")).to_have_count(1)
    assert legend_row(frame, "dmz").get_attribute("hidden") is None
    frame.get_by_role("checkbox", name="Demilitarized Zone").uncheck()
    expect(drawn(frame, "dmz")).to_have_count(0)


def test_a_layer_shows_only_the_features_of_the_chapter_s_time(offline_page, app_url):
    # 25 October 1950: the Chinese crossings of the Yalu, not the offensive that took Seoul in
    # January 1951 (the layer's fourth feature), and the tooltip gives each feature's own days.
    page, frame = open_app(offline_page, f"{app_url}/?chapter=china-enters-the-war")
    crossing, january = (frame.locator(f"path.storymap-feature-chinese-intervention-{n}") for n in (0, 3))
    expect(crossing.first).to_be_visible()
    expect(january.first).to_be_attached()
    expect(january.first).to_be_hidden()
    assert january.count() == 2  # the arrow and its head, both left off
    assert frame.locator(".leaflet-container").evaluate(
        "() => { let found = ''; storymap.map.eachLayer((l) => { const t = l.getTooltip && l.getTooltip(); "
        "if (t && String(t.getContent()).includes('Third offensive')) { found = String(t.getContent()); } }); return found; }"
    ).count("31 December 1950") == 1
    # Seoul in 1910 is outside the layer's days: turned on by hand there, the layer shows whole.
    page.goto(f"{app_url}/?chapter=into-seoul")
    frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_role("checkbox", name="Chinese intervention").check()
    expect(frame.locator("path.storymap-feature-chinese-intervention-3").first).to_be_visible()
    assert offline_page.outside == []

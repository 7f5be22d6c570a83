"""Play the war in Chromium: the front and the readout move in the browser, with nothing sent
to the server; pause stops it; the slider and keys work; reduced motion gets steps."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from pages import MAP_FRAME, OfflinePage, open_app
from geo.references import builtin_references


def _sent_messages(page) -> list:
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
    return sent


def _readout(frame) -> str:
    return frame.locator(".storymap-war-readout").text_content()


def _wait_for_new_readout(page, seen: set[str]) -> str:
    """Wait until the readout shows a day not seen yet (no clock: the page says when)."""
    page.wait_for_function(
        "seen => { const f = [...document.querySelectorAll('iframe')].map(i => i.contentDocument).find(d => d && d.querySelector('.storymap-war-readout'));"
        " return f && !seen.includes(f.querySelector('.storymap-war-readout').textContent); }",
        arg=sorted(seen), timeout=15_000,
    )
    frame = page.frame_locator(MAP_FRAME)
    return _readout(frame)


def test_playing_moves_the_front_and_the_readout_and_sends_nothing(offline_page, app_url):
    sent = _sent_messages(offline_page.page)
    page, frame = open_app(offline_page, f"{app_url}/?chapter=macarthur-off-inchon")
    control = frame.locator(".storymap-war-play")
    expect(control).to_be_visible()
    start = _readout(frame)
    assert start.startswith("15 September 1950")
    page.wait_for_timeout(500)  # let the page's own start-up messages settle before counting
    before = len(sent)

    frame.get_by_role("button", name="Play", exact=True).click()
    seen, fronts, heads = {start}, set(), set()
    head = page.locator(".st-key-timeline .timeline-wide .timeline-playhead")  # the page's timeline, beside the frame
    for _ in range(4):
        seen.add(_wait_for_new_readout(page, seen))
        fronts.add(frame.locator("path.storymap-war-front").first.get_attribute("d"))
        heads.add(head.get_attribute("x1"))
    assert len(seen) >= 5 and len(fronts) >= 3  # the date and the drawn front changed several times
    assert "M0 0" not in fronts, "each day's front is drawn (time runs once the map has taken in the play)"
    assert len(heads) >= 3, "the timeline's play head moves with the day played"
    frame.get_by_role("button", name="Pause").click()
    expect(head).to_have_count(0)  # the head shows only while the war plays
    paused = _readout(frame)
    page.wait_for_timeout(400)
    assert _readout(frame) == paused  # pause stops it
    assert len(sent) == before  # every frame was drawn in the browser
    assert offline_page.outside == []


def test_the_slider_and_keys_scrub_and_play(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=holding-the-south")
    slider = frame.get_by_role("slider", name="Day of the war")
    assert _readout(frame).startswith("18 February 1951")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(frame.locator(".storymap-war-readout")).to_contain_text("19 February 1951")
    page.keyboard.press("PageUp")  # larger steps, as any range input allows
    assert "19 February 1951" not in _readout(frame)
    # The two sides' shares make 100 on every day shown (15 March 1951 read "40%" and "61%").
    for day in ("1951-03-15", "1950-09-01", "1952-01-01"):
        slider.evaluate("(input, day) => { input.value = Math.round((Date.parse(day) - Date.parse('1950-06-25')) / 86400000); "
                        "input.dispatchEvent(new Event('input')); }", day)
        assert sum(int(figure) for figure in re.findall(r"(\d+)%", _readout(frame))) == 100, _readout(frame)
    expect(frame.locator("path.storymap-war-front")).to_have_count(1)  # a day other than the chapter's
    page.keyboard.press("k")  # play and pause from the keyboard
    expect(frame.get_by_role("button", name="Pause")).to_be_visible()
    page.keyboard.press("k")
    expect(frame.get_by_role("button", name="Play", exact=True)).to_be_visible()


def test_reduced_motion_steps_through_the_snapshots(browser, app_url):
    context = browser.new_context(reduced_motion="reduce")
    try:
        offline = OfflinePage(context)
        page, frame = open_app(offline, f"{app_url}/?chapter=china-enters-the-war")
        snapshot_days = json.loads(frame.locator("body").evaluate(
            "() => JSON.stringify(window.storymapWar.state.config.snapshots.map(s => s.date))"))
        frame.get_by_role("button", name="Play", exact=True).click()
        control = frame.locator(".storymap-war-play")
        expect(control).not_to_have_attribute("data-day", "1950-10-25", timeout=10_000)
        day = control.get_attribute("data-day")
        assert day in snapshot_days  # a step to the next snapshot, not a frame in between
        assert "between two snapshots" not in _readout(frame)
    finally:
        context.close()


def test_the_export_plays_the_war_too(browser, tmp_path):
    from export.site import export_site
    from geo.places import load_gazetteer
    from story.loader import DEFAULT_STORY_PATH, load_story

    gazetteer = load_gazetteer()
    story = load_story(DEFAULT_STORY_PATH, builtin_references())
    index = export_site(story, {**gazetteer, **story.places}, tmp_path / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(index.as_uri() + "#macarthur-off-inchon")
        readout = page.locator(".storymap-war-readout")
        expect(readout).to_contain_text("15 September 1950")
        page.get_by_role("button", name="Play", exact=True).click()
        expect(readout).not_to_contain_text("15 September 1950", timeout=10_000)
        expect(page.locator("path.storymap-war-front")).to_have_count(1)
        expect(page.locator(".timeline-wide .timeline-playhead")).to_have_count(1)  # the timeline marks the day
        page.get_by_role("button", name="Pause").click()
        expect(page.locator(".timeline-wide .timeline-playhead")).to_have_count(0)
        page.goto(index.as_uri() + "#into-seoul")  # 1910: nothing to play
        expect(page.locator(".storymap-war-play")).to_be_hidden()
    finally:
        context.close()


def test_a_chapter_outside_the_war_draws_no_front(offline_page, app_url):
    # Seoul in 1910, the North in 1948 and the border in 2013: no front, no held areas, no play control.
    for chapter in ("into-seoul", "kim-il-sung", "a-border-that-remains"):
        page, frame = open_app(offline_page, f"{app_url}/?chapter={chapter}")
        expect(frame.locator(".storymap-war-play")).to_be_hidden()
        for selector in ("path.storymap-war-front", "path.storymap-war-area", "path.storymap-front", "path.storymap-held"):
            expect(frame.locator(selector)).to_have_count(0)
    # The war's first chapter does draw its front, so the check above can fail.
    page, frame = open_app(offline_page, f"{app_url}/?chapter=across-the-parallel")
    expect(frame.locator("path.storymap-front").first).to_be_attached()
    assert offline_page.outside == []


def test_each_chapter_shades_the_land_each_side_held_on_its_day(offline_page, app_url):
    # The areas come with the base map; a chapter only names its day, so its message stays small.
    page, frame = open_app(offline_page, f"{app_url}/?chapter=macarthur-off-inchon")
    right, left = frame.locator("path.storymap-held-right"), frame.locator("path.storymap-held-left")
    expect(right).to_have_count(1)
    expect(left).to_have_count(1)
    september = (right.get_attribute("d"), left.get_attribute("d"))
    # Another day of the war: the play control draws that day, and the chapter's shading goes.
    slider = frame.get_by_role("slider", name="Day of the war")
    slider.focus()
    page.keyboard.press("PageUp")
    expect(right).to_have_count(0)
    expect(frame.locator("path.storymap-war-area")).to_have_count(1)
    page.keyboard.press("PageDown")  # back to the chapter's day: its shading again
    expect(right).to_have_count(1)
    expect(frame.locator("path.storymap-war-area")).to_have_count(0)
    # The next chapter in the war (China enters the war, 25 October 1950) shades its own day.
    page.goto(f"{app_url}/?chapter=china-enters-the-war")
    frame.locator("path.storymap-held-right").wait_for(state="attached", timeout=30_000)
    expect(right).to_have_count(1)
    assert (right.get_attribute("d"), left.get_attribute("d")) != september
    assert offline_page.outside == []


def test_playing_takes_in_every_front_it_draws_and_hides_the_chapters_own_days(browser, app_url):
    # MacArthur off Inchon (15 September) plays to China's entry (25 October): the front goes
    # north of Pyongyang, far outside the harbour's view.
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    try:
        page, frame = open_app(OfflinePage(context), f"{app_url}/?chapter=macarthur-off-inchon")
        container = frame.locator(".leaflet-container")
        arrows = frame.locator("path.storymap-history-inchon-landing").first
        expect(arrows).to_be_visible()
        assert not container.evaluate("() => storymap.map.getBounds().contains([39.9, 125.7])")
        frame.get_by_role("button", name="Play", exact=True).click()
        expect(frame.get_by_role("button", name="Play", exact=True)).to_be_visible(timeout=30_000)  # played to the end
        assert container.evaluate("() => storymap.map.getBounds().contains([39.9, 125.7])"), "the front north of Pyongyang is in view"
        expect(arrows).to_be_hidden()  # the landing's arrows belong to the chapter's own days
    finally:
        context.close()

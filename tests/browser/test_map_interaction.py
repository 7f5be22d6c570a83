"""The map in Chromium: it glides between chapters without reloading, pans without reruns,
follows clicks on places, answers the keyboard, and keeps the chapter in the URL."""

from __future__ import annotations

import time

from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from geo.views import chapter_view
from pages import MAP_FRAME, OfflinePage, assert_map_shows, drag_and_wheel, in_map, open_app, wait_until_settled


def count_sent_frames(page) -> list:
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def wait_for_chapter(page, story, chapter_id: str) -> None:
    index = story.index_of(chapter_id)
    expect(page.get_by_text(f"Chapter {index + 1} of {len(story.chapters)}", exact=True)).to_be_visible()
    expect(page.locator(".st-key-chapter-text .storymap-caption").first).to_have_text(story.chapters[index].caption)


def test_same_map_flies_through_five_chapters(offline_page, app_url, default_story, gazetteer):
    page, frame = open_app(offline_page, app_url)
    in_map(frame, "(map) => { map.__storymapTag = 'loaded once'; }")
    assert_map_shows(frame, chapter_view(default_story.chapters[0], gazetteer))
    for chapter in default_story.chapters[1:6]:
        page.get_by_role("button", name="Next").click()
        wait_for_chapter(page, default_story, chapter.id)
        assert_map_shows(frame, chapter_view(chapter, gazetteer))
    assert in_map(frame, "(map) => map.__storymapTag") == "loaded once"
    assert page.locator(MAP_FRAME).count() == 1
    assert offline_page.outside == []


def reruns_requested(sent: list) -> int:
    """How many of the page's messages ask the server to run the app."""
    messages = [BackMsg.FromString(payload if isinstance(payload, bytes) else payload.encode()) for payload in sent]
    return sum(message.WhichOneof("type") == "rerun_script" for message in messages)


def test_loading_the_page_runs_the_app_once(offline_page, app_url):
    """The map's first report (no click yet) matches what the app expects, so it sends nothing."""
    sent = count_sent_frames(offline_page.page)
    _, frame = open_app(offline_page, app_url)
    wait_until_settled(frame)
    time.sleep(1.5)  # past the component's 250 ms debounce and its first report
    assert reruns_requested(sent) == 1


def test_panning_and_zooming_send_nothing_and_back_returns(offline_page, app_url, default_story, gazetteer):
    sent = count_sent_frames(offline_page.page)
    page, frame = open_app(offline_page, app_url)
    wait_until_settled(frame)
    time.sleep(1.5)  # let the page finish its start-up messages
    before = len(sent)
    start = in_map(frame, "(map) => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    drag_and_wheel(page)
    wait_until_settled(frame)
    moved = in_map(frame, "(map) => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    assert moved != start, "the drag and wheel must have moved the map"
    time.sleep(1.0)  # longer than the component's 250 ms debounce
    assert len(sent) == before, "panning or zooming sent messages to the server"

    frame.get_by_role("button", name="Back to this chapter's view").click()
    assert_map_shows(frame, chapter_view(default_story.chapters[0], gazetteer))
    time.sleep(0.5)
    assert len(sent) == before, "going back to the chapter view needs no rerun"


def test_clicking_a_place_goes_to_its_chapter(offline_page, app_url, default_story, gazetteer):
    page, frame = open_app(offline_page, app_url)
    wait_until_settled(frame)
    frame.locator("path.storymap-place-incheon").click()
    wait_for_chapter(page, default_story, "macarthur-off-inchon")
    assert "chapter=macarthur-off-inchon" in page.url
    # The click's popup closed as the map moved away (it would hang half off the map).
    wait_until_settled(frame)
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    # Again: the next chapter about Inchon.
    frame.locator("path.storymap-place-incheon").click()
    wait_for_chapter(page, default_story, "inchon-landing")
    wait_until_settled(frame)
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    # No chapter about Inchon comes after: the click stays, and its popup with it.
    frame.locator("path.storymap-place-incheon").click()
    popup = frame.locator(".storymap-popup").first
    expect(popup).to_contain_text("In this story: MacArthur off Inchon; The Inchon landing")
    assert "chapter=inchon-landing" in page.url


def test_arrow_keys_step_chapters(offline_page, app_url, default_story):
    page, _ = open_app(offline_page, app_url)
    page.locator("h1").click()  # focus on the page, not inside the map
    page.keyboard.press("ArrowRight")
    wait_for_chapter(page, default_story, default_story.chapters[1].id)
    page.keyboard.press("ArrowRight")
    wait_for_chapter(page, default_story, default_story.chapters[2].id)
    page.keyboard.press("ArrowLeft")
    wait_for_chapter(page, default_story, default_story.chapters[1].id)


def test_link_and_reload_keep_the_chapter(offline_page, app_url, default_story):
    page = offline_page.page
    page.goto(f"{app_url}/?chapter=truce-talks")
    wait_for_chapter(page, default_story, "truce-talks")
    page.get_by_role("button", name="Next").click()
    wait_for_chapter(page, default_story, "eisenhower")
    expect(page).to_have_url(f"{app_url}/?chapter=eisenhower")
    page.reload()
    wait_for_chapter(page, default_story, "eisenhower")


def test_unknown_link_opens_the_start_with_a_notice(offline_page, app_url, default_story):
    page = offline_page.page
    page.goto(f"{app_url}/?chapter=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    wait_for_chapter(page, default_story, default_story.chapters[0].id)
    expect(page.get_by_text("That link names no chapter of this story")).to_be_visible()
    expect(page).to_have_url(f"{app_url}/?chapter={default_story.chapters[0].id}")


def test_phone_width_has_no_sideways_scrolling(browser, app_url, default_story):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    try:
        offline = OfflinePage(context)
        page, frame = open_app(offline, f"{app_url}/?chapter=inchon-landing")
        chapter = default_story.chapters[default_story.index_of("inchon-landing")]
        expect(page.locator(".st-key-chapter-text")).to_contain_text(chapter.narrative)
        widths = page.evaluate(
            """() => [...document.querySelectorAll('body, [data-testid="stMain"], [data-testid="stAppViewContainer"]')]
                     .map(e => [e.scrollWidth, e.clientWidth])"""
        )
        for scroll_width, client_width in widths:
            assert scroll_width <= client_width
        map_box = page.locator(MAP_FRAME).bounding_box()
        text_box = page.locator(".st-key-chapter-text").bounding_box()
        assert map_box["width"] <= 375 and map_box["x"] >= 0
        assert map_box["y"] < text_box["y"], "on a phone the map comes before the text"
        # Previous, the position and Next share one row, held at the bottom of the screen; the
        # chapter list is under the title, above the map.
        previous, position, following = (page.get_by_role("button", name="Previous").bounding_box(),
                                         page.get_by_text(f"Chapter {default_story.index_of('inchon-landing') + 1} of {len(default_story.chapters)}", exact=True).bounding_box(),
                                         page.get_by_role("button", name="Next").bounding_box())
        assert abs(previous["y"] - following["y"]) < 4 and previous["x"] < position["x"] < following["x"]
        assert following["x"] + following["width"] <= 375 and following["y"] + following["height"] <= 812
        assert following["y"] > 812 - 80, "the buttons sit at the bottom of the screen"
        assert page.locator('[data-testid="stSelectbox"]').bounding_box()["y"] < map_box["y"]
        assert in_map(frame, "(map) => map.getSize().x") > 300
    finally:
        context.close()


FOCUS_DESCRIPTION = """() => {
    const e = document.activeElement;
    // A select draws its ring around the whole box, not on the input inside it.
    const style = getComputedStyle(e.closest('[data-testid="stSelectbox"] [role="group"]') || e);
    const ring = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
    return [e.tagName, (e.getAttribute('aria-label') || e.title || e.innerText || '').trim().slice(0, 40), ring];
}"""


def tab_through(target, press, steps: int) -> list:
    seen = []
    for _ in range(steps):
        press("Tab")
        seen.append(target.evaluate(FOCUS_DESCRIPTION))
    return seen


def test_every_control_is_reachable_by_keyboard_with_a_focus_ring(offline_page, app_url, default_story):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=truce-talks")
    page.locator("h1").click()
    seen = tab_through(page, page.keyboard.press, 8)
    names = [name for _, name, _ in seen]
    for wanted in ("Previous", "Next"):
        assert any(name.startswith(wanted) for name in names), names
    assert any(tag == "INPUT" for tag, _, _ in seen), "the chapter picker"
    assert all(ring for tag, _, ring in seen if tag in ("BUTTON", "INPUT")), seen

    # Inside the map: zoom, full screen, back to the chapter view, layers, the play control and legend.
    frame.locator(".leaflet-control-zoom-in").focus()
    body = frame.locator("body")
    in_frame = tab_through(body, page.keyboard.press, 8)
    labels = " | ".join(name for _, name, _ in in_frame)
    for wanted in ("Zoom out", "Full screen", "Back to this chapter's view", "Layers", "Play", "Day of the war", "Legend"):
        assert wanted in labels, labels
    assert all(ring for _, _, ring in in_frame), [f for f in in_frame if not f[2]]


def test_the_legend_never_covers_a_chapters_places(offline_page, app_url, default_story):
    """Every chapter shows each of its places inside the map and clear of the open legend in the
    bottom left corner, their name labels included."""
    page, frame = open_app(offline_page, app_url)
    legend = frame.locator(".storymap-legend")
    expect(legend).to_have_attribute("open", "")
    covered = []
    for index, chapter in enumerate(default_story.chapters):
        if index:
            page.get_by_role("button", name="Next").click()
            wait_for_chapter(page, default_story, chapter.id)
        if chapter.view is not None or not chapter.places:
            continue  # a view given by the author is shown as written
        time.sleep(1.2)  # the flight (0.8 s)
        wait_until_settled(frame)
        box = legend.bounding_box()
        area = frame.locator(".leaflet-container").bounding_box()
        for slug in chapter.places:
            marker = frame.locator(f"path.storymap-place-{slug}").first.bounding_box()
            centre_x, centre_y = marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2
            inside = area["x"] <= centre_x <= area["x"] + area["width"] and area["y"] <= centre_y <= area["y"] + area["height"]
            under_legend = box["x"] - 4 <= centre_x <= box["x"] + box["width"] + 4 and box["y"] - 4 <= centre_y <= box["y"] + box["height"] + 4
            if not inside or under_legend:
                covered.append((chapter.id, slug, "outside the map" if not inside else "under the legend"))
        labels = frame.locator(".leaflet-tooltip-pane .storymap-label")
        for n in range(labels.count()):
            label = labels.nth(n).bounding_box()
            overlap_x = min(label["x"] + label["width"], box["x"] + box["width"]) - max(label["x"], box["x"])
            overlap_y = min(label["y"] + label["height"], box["y"] + box["height"]) - max(label["y"], box["y"])
            if overlap_x > 0 and overlap_y > 0:
                covered.append((chapter.id, labels.nth(n).inner_text(), "label under the legend"))
    assert not covered

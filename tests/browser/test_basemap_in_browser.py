"""The base map's names in Chromium: real text, never overlapping, and Hangul drawn as glyphs
by the shipped font (this machine has no Korean font: `fc-list :lang=ko` is empty), in the
app's map and in the static export."""

from __future__ import annotations

from pages import open_app
from playwright.sync_api import expect


VISIBLE = ".storymap-basemap-label:not([hidden])"
CLEAR_OF = ".leaflet-control, .leaflet-tooltip"
# Boxes in the map's own coordinates: the names, and what they must leave clear.
BOXES = """(container, [names, others]) => {
    const frame = container.getBoundingClientRect();
    const box = (node) => { const r = node.getBoundingClientRect(); return [r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top]; };
    const shown = (node) => getComputedStyle(node).visibility !== "hidden";  // a label the story hid (no room) takes none
    return [Array.from(document.querySelectorAll(names), box), Array.from(document.querySelectorAll(others)).filter(shown).map(box).filter((b) => b[2] > b[0])];
}"""
# Draws text in the Korean font alone (a missing glyph would fall back to a tofu box) and
# returns its pixels: different Hangul must draw differently, and unlike unknown characters.
GLYPH_PIXELS = """async (node, [text, family]) => {
    // The page's styles may still be arriving: wait for our Hangul rule in that family, then for the font.
    const ours = (f) => f.family.includes(family) && /AC00/i.test(f.unicodeRange);
    for (let i = 0; i < 100 && !Array.from(document.fonts).some(ours); i++) {
        await new Promise((done) => setTimeout(done, 100));
    }
    await document.fonts.load(`32px "${family}"`, text);
    const canvas = document.createElement("canvas");
    canvas.width = 160; canvas.height = 48;
    const context = canvas.getContext("2d");
    context.font = `32px "${family}", monospace`;
    context.fillText(text, 4, 38);
    return Array.from(context.getImageData(0, 0, 160, 48).data).join(",");
}"""


# Waits until the map is still (no flight, no zoom animation, past zoom `above`) and a few
# frames have passed, so the story's labels and the names have been placed for that view: a
# loaded machine can take longer than any fixed wait.
SETTLED = """async (container, above) => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const pane = container.querySelector(".leaflet-map-pane");
    const still = () => !storymap.flying && storymap.map.getZoom() > above && !pane.classList.contains("leaflet-zoom-anim");
    for (let i = 0; i < 200 && !still(); i++) { await new Promise((done) => setTimeout(done, 50)); }
    for (let i = 0; i < 3; i++) { await frame(); }
}"""


def overlapping(boxes, others=()):
    pairs = [(a, b) for i, a in enumerate(boxes) for b in list(boxes[i + 1:]) + list(others)]
    return [(a, b) for a, b in pairs if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]


def check_hangul_glyphs(target, family="Noto Sans KR"):
    first, second = (target.evaluate(GLYPH_PIXELS, [text, family]) for text in ("평양", "서울"))
    unknown = target.evaluate(GLYPH_PIXELS, ["\ue000\ue001", family])  # private-use: in no font, drawn as boxes
    blank = target.evaluate(GLYPH_PIXELS, ["", family])
    assert first != blank and second != blank
    assert first != second, "two Hangul words drew the same pixels"
    assert first != unknown and second != unknown, "Hangul drew as missing-glyph boxes"


def test_app_map_names_are_text_in_english_and_korean_and_never_overlap(offline_page, app_url):
    page, frame = open_app(offline_page, f"{app_url}/?chapter=china-enters-the-war")
    names = frame.locator(VISIBLE)
    expect(names.first).to_be_visible()
    container = frame.locator(".leaflet-container")
    container.evaluate(SETTLED, -1)  # the chapter's view reached, its labels and the names placed
    texts = names.all_inner_texts()
    assert len(texts) >= 3
    assert any("River" in text for text in texts)
    assert frame.locator(VISIBLE + " span[lang=ko]").count() >= 3  # "Hamhŭng 함흥": the Korean name marked as Korean
    labels, others = frame.locator(".leaflet-container").evaluate(BOXES, [VISIBLE, CLEAR_OF])
    assert not overlapping(labels, others)
    # Zooming in brings out names too small for the wider view, and still none overlap.
    zoom = container.evaluate("() => storymap.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    container.evaluate(SETTLED, zoom)
    assert set(names.all_inner_texts()) - set(texts)
    labels, others = frame.locator(".leaflet-container").evaluate(BOXES, [VISIBLE, CLEAR_OF])
    assert not overlapping(labels, others)
    assert offline_page.outside == []


def test_app_map_draws_hangul_with_the_shipped_font(offline_page, app_url):
    page, frame = open_app(offline_page, app_url)
    check_hangul_glyphs(frame.locator(".leaflet-container"))
    # The page around the map has it too, as part of Streamlit's own font ("Source Sans"): its
    # text shows Hangul, e.g. 부산 in the map's description.
    check_hangul_glyphs(page.locator("body"), "Source Sans")


def test_export_draws_names_and_hangul_offline(browser, site):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(site.as_uri())
    expect(page.locator(VISIBLE).first).to_be_visible()
    assert page.locator(VISIBLE + " span[lang=ko]").count() >= 2
    check_hangul_glyphs(page.locator(".leaflet-container"))
    assert outside == []
    context.close()

"""After Next, with reduced motion (the map jumps, no flight), the chapter's labels are placed
once its layer is on the map: no label on another label or on another place's ring."""

from __future__ import annotations

from pages import MAP_FRAME

BOXES = """() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const shown = (e) => e.style.visibility !== "hidden" && e.getBoundingClientRect().width > 0;
    return {
        labels: [...document.querySelectorAll(".leaflet-tooltip.storymap-label")].filter(shown).map((e) => [e.textContent.trim(), box(e)]),
        rings: [...document.querySelectorAll("path.storymap-highlight")].filter((e) => e.getAttribute("stroke-opacity") !== "0").map(box),
    };
}"""


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_labels_are_placed_after_next_without_motion(browser, app_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?chapter=macarthur-off-inchon")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-highlight-busan").wait_for(state="attached", timeout=30_000)
        for chapter in ("inchon-landing", "china-enters-the-war", "holding-the-south", "truce-talks"):
            page.get_by_role("button", name="Next").click()
            frame.locator("path.storymap-highlight").first.wait_for(state="attached")
            page.wait_for_function(f"() => new URLSearchParams(location.search).get('chapter') === '{chapter}'")
            page.wait_for_timeout(800)
            seen = frame.locator(".leaflet-container").evaluate(BOXES)
            labels = seen["labels"]
            assert labels, chapter
            clashes = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a[1], b[1])]
            on_rings = [name for name, box in labels for ring in seen["rings"] if overlap(box, ring)]
            assert clashes == [] and on_rings == [], (chapter, clashes, on_rings)
    finally:
        context.close()

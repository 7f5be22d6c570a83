"""The map's furniture in Chromium, on every chapter of the default story at a laptop's and a
phone's size (the static export, which draws the same map as the app): labels clear of each other
and of the controls, places clear of the controls and the edge (or pointed to when far away), the
38th parallel and the key places on every chapter, the route off at first, the legend clear of
the layer list, and a popup closed when its click changes the chapter."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pages import boxes_overlap, show_export_chapter

KEY_PLACES = ("busan", "incheon", "pyongyang", "panmunjom")

# Everything the reader sees on the map besides the land, as boxes relative to the map.
MEASURE = """() => {
    const map = window[STORYMAP_DATA.mapName], frame = map.getContainer().getBoundingClientRect();
    const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top}; };
    // Not hidden, and not a label of the chapter before fading out (Leaflet removes it after 200 ms).
    const shown = (e) => e.offsetWidth > 0 && getComputedStyle(e).visibility !== "hidden" && getComputedStyle(e).opacity !== "0";
    const all = (selector) => [...map.getContainer().querySelectorAll(selector)].filter(shown);
    const rings = [];
    map.eachLayer((layer) => {
        const tooltip = layer.getTooltip && layer.getTooltip();
        if (tooltip && tooltip.options.permanent && layer.getLatLng && layer.options.opacity !== 0) {
            const p = map.latLngToContainerPoint(layer.getLatLng()), r = layer.getRadius();
            rings.push({name: tooltip.getElement().textContent.trim(), left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r});
        }
    });
    const onMap = (slug) => { let found = false; map.eachLayer((l) => { if ((l.options.className || "").split(" ").includes("storymap-place-" + slug)) { found = true; } }); return found; };
    return {
        size: {width: frame.width, height: frame.height},
        labels: all(".leaflet-tooltip.storymap-label, .leaflet-tooltip.storymap-line-label, .storymap-pointer").map((e) => ({name: e.textContent.trim(), ...box(e)})),
        controls: all(".leaflet-control").map((e) => ({name: e.className, ...box(e)})),
        rings: rings,
        pointers: all(".storymap-pointer").map((e) => e.textContent),
        view: storymap.view,
        drawn: Object.fromEntries(["parallel-38", ...%s].map((slug) => [slug, onMap(slug)])),
    };
}""" % list(KEY_PLACES)


def show(page, site, chapter_id: str) -> dict:
    show_export_chapter(page, site, chapter_id)
    return page.evaluate(MEASURE)


def test_every_chapter_keeps_labels_and_places_clear(export_page, site, default_story, gazetteer):
    problems = []
    for chapter in default_story.chapters:
        seen = show(export_page, site, chapter.id)
        width, height = seen["size"]["width"], seen["size"]["height"]
        # The 38th parallel and the key places are on the map whatever the chapter.
        missing = [slug for slug, drawn in seen["drawn"].items() if not drawn]
        if missing:
            problems.append((chapter.id, "not drawn", missing))
        # The controls never cover each other (on a phone the credits wrap clear of the scale bar).
        for n, control in enumerate(seen["controls"]):
            for other in seen["controls"][n + 1:]:
                if boxes_overlap(control, other):
                    problems.append((chapter.id, control["name"], "control on " + other["name"]))
        labels = seen["labels"]
        for n, label in enumerate(labels):
            if label["left"] < 0 or label["top"] < 0 or label["right"] > width or label["bottom"] > height:
                problems.append((chapter.id, label["name"], "label off the map"))
            for control in seen["controls"]:
                if boxes_overlap(label, control):
                    problems.append((chapter.id, label["name"], "label under " + control["name"]))
            for other in labels[n + 1:]:
                if boxes_overlap(label, other):
                    problems.append((chapter.id, label["name"], "label on " + other["name"]))
        # Every ring shown has its name beside it, and sits inside the map clear of the controls.
        names = [label["name"] for label in labels]
        for n, ring in enumerate(seen["rings"]):
            for other in seen["rings"][n + 1:]:
                if boxes_overlap(ring, other):
                    problems.append((chapter.id, ring["name"], "ring on " + other["name"]))
            if ring["name"] not in names:
                problems.append((chapter.id, ring["name"], "ring without its label"))
            inside = ring["left"] >= 0 and ring["top"] >= 0 and ring["right"] <= width and ring["bottom"] <= height
            if inside and any(boxes_overlap(ring, control) for control in seen["controls"]):
                problems.append((chapter.id, ring["name"], "place under a control"))
        # A place of the chapter that is not on the map is pointed to at the edge.
        for slug in chapter.places:
            place = gazetteer[slug]
            if place.kind == "line":
                continue
            shown = any(ring["name"].startswith(place.name) for ring in seen["rings"]
                        if ring["left"] >= 0 and ring["top"] >= 0 and ring["right"] <= width and ring["bottom"] <= height)
            pointed = any(place.name in pointer for pointer in seen["pointers"])
            if not shown and not pointed and not chapter.overview:
                problems.append((chapter.id, slug, "neither shown nor pointed to"))
    assert problems == [], "\n".join(map(str, problems))
    assert export_page.errors == []


def test_far_places_are_pointed_to_at_the_edge(export_page, site):
    seen = show(export_page, site, "a-border-that-remains")
    assert any("Geneva" in pointer for pointer in seen["pointers"])
    assert seen["drawn"]["parallel-38"]


def test_the_route_is_off_until_the_reader_turns_it_on(export_page, site):
    show(export_page, site, "truce-talks")
    assert export_page.locator("path.storymap-route").count() == 0
    export_page.locator(".leaflet-control-layers").hover()
    export_page.get_by_label("Route of the story (chapter order)").check()
    expect(export_page.locator("path.storymap-route")).to_have_count(1)
    # Nothing orange on the route: it is grey and dotted, unlike the war's arrows.
    stroke = export_page.locator("path.storymap-route").get_attribute("stroke")
    assert stroke == "#5d6d7e"
    # The legend lists it while it is on the map.
    assert export_page.locator('.storymap-legend li[data-layer="route"]').get_attribute("hidden") is None


def test_the_legend_never_covers_the_layer_list(export_page, site):
    show(export_page, site, "truce-talks")
    if export_page.locator(".storymap-legend").get_attribute("open") is None:
        export_page.locator(".storymap-legend summary").click()
    export_page.locator(".leaflet-control-layers").hover()
    expect(export_page.locator(".leaflet-control-layers-expanded")).to_have_count(1)
    export_page.wait_for_timeout(100)
    legend = export_page.locator(".storymap-legend").bounding_box()
    layers = export_page.locator(".leaflet-control-layers").bounding_box()
    legend_open = export_page.locator(".storymap-legend").get_attribute("open") is not None
    box = lambda b: {"left": b["x"], "top": b["y"], "right": b["x"] + b["width"], "bottom": b["y"] + b["height"]}
    assert not (legend_open and boxes_overlap(box(legend), box(layers)))


def test_a_click_that_changes_the_chapter_closes_the_popup(export_page, site):
    show(export_page, site, "the-line-at-the-38th-parallel")
    # A click on Pyongyang's marker opens its popup and goes to the next chapter about it (fired
    # as a real click is, reaching the layer groups it belongs to).
    export_page.evaluate("""() => { const map = window[STORYMAP_DATA.mapName];
        map.eachLayer((l) => { if ((l.options.className || "").includes("storymap-place-pyongyang")) { l.fire("click", {latlng: l.getLatLng()}, true); } }); }""")
    expect(export_page).to_have_url(re.compile("#dividing-korea$"))
    expect(export_page.locator(".leaflet-popup")).to_have_count(0)
    # The 38th parallel is clickable like a place in the export too.
    export_page.evaluate("""() => { const map = window[STORYMAP_DATA.mapName];
        map.eachLayer((l) => { if ((l.options.className || "").includes("storymap-place-parallel-38") && l.getLatLngs) { l.fire("click", {latlng: map.getCenter()}, true); } }); }""")
    expect(export_page).to_have_url(re.compile("#holding-the-south$"))

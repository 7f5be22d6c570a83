"""The base map's names on every chapter of the default story, in Chromium at a laptop's and a
phone's size (the static export, which draws the same map as the app): at least three names
besides the chapter's own places, each town's name at its town, none under a control."""

from __future__ import annotations

import pytest

from pages import boxes_overlap, show_export_chapter
from geo.basemap import load_labels, plain_name


# The base-map names shown, as boxes relative to the map, and the map's controls.
MEASURE = """() => {
    const map = window[STORYMAP_DATA.mapName], frame = map.getContainer().getBoundingClientRect();
    const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top}; };
    const shown = (e) => e.offsetWidth > 0 && !e.hidden;
    return {
        size: {width: frame.width, height: frame.height},
        names: [...document.querySelectorAll(".storymap-basemap-label")].filter(shown).map((e) => ({
            name: e.firstChild.textContent, town: e.classList.contains("storymap-basemap-city"),
            beside: e.classList.contains("storymap-basemap-beside-place"), ...box(e)})),
        markers: [...map.getContainer().querySelectorAll("path.storymap-place, path.storymap-highlight")].map(box)
            .filter((b) => b.right - b.left > 0 && b.right - b.left < 40 && Math.abs((b.right - b.left) - (b.bottom - b.top)) <= 2),
        controls: [...map.getContainer().querySelectorAll(".leaflet-control")].filter((e) => e.offsetWidth > 0).map(box),
        pointers: [...map.getContainer().querySelectorAll(".storymap-pointer")].filter((e) => e.offsetWidth > 0).map(box),
    };
}"""
POINTS = """(points) => { const map = window[STORYMAP_DATA.mapName]; return points.map((p) => { const c = map.latLngToContainerPoint(p); return [c.x, c.y]; }); }"""

def show(page, site, chapter_id: str) -> dict:
    show_export_chapter(page, site, chapter_id)
    page.evaluate("storymap.layoutBasemapLabels()")
    return page.evaluate(MEASURE)


def test_every_chapter_names_three_base_map_features(export_page, site, default_story, gazetteer):
    few, problems = set(), []
    for chapter in default_story.chapters:
        seen = show(export_page, site, chapter.id)
        width, height = seen["size"]["width"], seen["size"]["height"]
        own = {gazetteer[slug].name for slug in chapter.places}
        names = [n for n in seen["names"] if n["name"] not in own
                 and n["left"] >= 0 and n["top"] >= 0 and n["right"] <= width and n["bottom"] <= height]
        if len(names) < 3:
            few.add((chapter.id, tuple(n["name"] for n in names)))
        for n, name in enumerate(seen["names"]):
            problems += [(chapter.id, name["name"], "under a control") for control in seen["controls"] if boxes_overlap(name, control)]
            problems += [(chapter.id, name["name"], "under a pointer") for pointer in seen["pointers"] if boxes_overlap(name, pointer)]
            problems += [(chapter.id, name["name"], "on " + other["name"]) for other in seen["names"][n + 1:] if boxes_overlap(name, other)]
    assert problems == []
    assert few == set()
    assert export_page.errors == []


@pytest.mark.parametrize("chapter_id", ["china-enters-the-war", "operation-big-switch", "truce-talks", "the-line-at-the-38th-parallel"])
def test_a_town_name_is_written_at_its_town(export_page, site, chapter_id):
    # Beside its dot, or beside the story's marker standing for the town (right of it, else left):
    # never moved across the map (as when a line of the story, the 38th parallel, was taken for
    # a marker the town sat under).
    seen = show(export_page, site, chapter_id)
    towns = [n for n in seen["names"] if n["town"]]
    assert towns
    by_name: dict[str, list] = {}  # by the name without accents: a town the story marks is written as the story spells it
    for label in load_labels():
        if label.kind == "city":
            by_name.setdefault(plain_name(label.name), []).append([label.lat, label.lon])
    for town in towns:
        points = export_page.evaluate(POINTS, by_name[plain_name(town["name"])])
        middle = (town["top"] + town["bottom"]) / 2
        # The story's largest marker (a ring, 13 px) and a gap lie between a name and its point.
        near = [(x, y) for x, y in points if abs(y - middle) <= 2 and (-6 <= town["left"] - x <= 24 or -6 <= x - town["right"] <= 24)]
        assert near, (chapter_id, town, points)
    # One name to a marker: a suburb under a city's marker is not written on its other side.
    hosts = []
    for town in (t for t in towns if t["beside"]):
        middle = (town["top"] + town["bottom"]) / 2
        hosts += [(round(m["left"]), round(m["top"])) for m in seen["markers"] if m["top"] <= middle <= m["bottom"]
                  and (0 < town["left"] - m["right"] <= 6 or 0 < m["left"] - town["right"] <= 6)]
    assert len(hosts) == len(set(hosts)), (chapter_id, hosts)


def test_a_town_the_story_marks_but_does_not_label_is_named_beside_its_marker(browser, site):
    # Operation Big Switch labels Panmunjom and Munsan; Kaesong is drawn as one of the story's
    # places without a label: the base map names it beside its marker.
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    seen = show(page, site, "operation-big-switch")
    marker = page.locator("path.storymap-place-kaesong").bounding_box()
    frame = page.locator(".leaflet-container").bounding_box()
    (kaesong,) = [n for n in seen["names"] if n["name"].startswith("Kaes")]
    assert 0 < kaesong["left"] - (marker["x"] + marker["width"] - frame["x"]) <= 6
    context.close()


def test_a_site_under_a_ring_is_named_just_below_or_above_it(export_page, site):
    # The Inchon landing's Red Beach lies under Incheon's marker and ring: its name is written
    # just below or above them, centred on its point, not hidden and not on the ring.
    seen = show(export_page, site, "inchon-landing")
    (red,) = [n for n in seen["names"] if n["name"] == "Red Beach"]
    [[x, y]] = export_page.evaluate(POINTS, [[37.474, 126.62]])
    assert abs((red["left"] + red["right"]) / 2 - x) <= 2
    assert 13 <= min(abs(red["top"] - y), abs(y - red["bottom"])) <= 22
    assert not any(boxes_overlap(red, marker) for marker in seen["markers"])


def test_a_town_near_the_right_edge_is_named_left_of_its_dot(browser, site):
    # On a phone's map of the Inchon landing's harbour, moved so that Bupyeong lies 30 px from
    # the map's right edge: its name goes left of its dot (the dot after the name) rather than
    # off the map.
    context = browser.new_context(viewport={"width": 375, "height": 812}, reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    show(page, site, "inchon-landing")
    page.evaluate("""(town) => {
        const map = window[STORYMAP_DATA.mapName], p = map.latLngToContainerPoint(town);
        map.panBy([p.x - (map.getSize().x - 30), 0], {animate: false});
    }""", [37.5053, 126.722])
    page.evaluate("storymap.layoutBasemapLabels()")
    seen = page.evaluate(MEASURE)
    (bupyeong,) = [n for n in seen["names"] if n["name"] == "Bupyeong"]
    [[x, y]] = page.evaluate(POINTS, [[37.5053, 126.722]])
    assert x > seen["size"]["width"] - 31
    assert abs(bupyeong["right"] - 4.5 - x) <= 2 and bupyeong["top"] < y < bupyeong["bottom"]
    assert bupyeong["right"] <= seen["size"]["width"]
    assert page.locator(".storymap-basemap-dot-after", has_text="Bupyeong").count() == 1
    context.close()


def test_a_town_under_another_place_s_marker_is_not_written_as_its_name(export_page, site):
    # At the North's view Kimhae lies under Busan's marker: written beside that marker, its name
    # would read as Busan's, so it is left out (Busan's own name may stand there).
    seen = show(export_page, site, "kim-il-sung")
    busan = export_page.locator("path.storymap-place-busan").bounding_box()
    frame = export_page.locator(".leaflet-container").bounding_box()
    marker = {"left": busan["x"] - frame["x"], "right": busan["x"] + busan["width"] - frame["x"],
              "top": busan["y"] - frame["y"], "bottom": busan["y"] + busan["height"] - frame["y"]}
    beside = [n["name"] for n in seen["names"] if n["beside"] and n["top"] <= (marker["top"] + marker["bottom"]) / 2 <= n["bottom"]
              and (0 <= n["left"] - marker["right"] <= 6 or 0 <= marker["left"] - n["right"] <= 6)]
    assert all(name.startswith("Busan") for name in beside), beside

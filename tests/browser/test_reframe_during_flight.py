"""A map whose box changes size while it flies to a chapter still ends on the whole chapter: the
change is not lost because it came mid-flight (on a slow machine the page's layout often settles
just then)."""

from __future__ import annotations

# Whether the chapter's whole box, and every place of its view, lies inside the map as drawn now.
VIEW_IN_SIGHT = """() => {
    const map = storymap.map, seen = map.getBounds().pad(0.01), view = storymap.view;
    return (!view.bounds || seen.contains(view.bounds)) && (view.places || []).every((place) => seen.contains(place));
}"""


def test_a_resize_mid_flight_reframes_when_the_flight_ends(browser, site, default_story):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    try:
        page = context.new_page()
        first, second = default_story.chapters[2], default_story.chapters[3]  # to a chapter framed by a box
        page.goto(f"{site.as_uri()}#{first.id}")
        page.wait_for_function("(id) => window.storymap && storymap.view === storymap.chapters[id].view && !storymap.flying", arg=first.id)
        page.evaluate("() => { storymap.flySeconds = 1.5; }")
        page.locator("#next").click()
        page.wait_for_function("() => storymap.flying")
        # The map's box loses most of its height while the map is in the air.
        page.evaluate("() => { storymap.map.getContainer().style.height = '260px'; }")
        page.wait_for_function("(id) => storymap.view === storymap.chapters[id].view && !storymap.flying", arg=second.id)
        page.wait_for_timeout(400)
        assert page.evaluate("() => storymap.map.getSize().y") <= 262
        assert page.evaluate("() => !!storymap.view.bounds")
        assert page.evaluate(VIEW_IN_SIGHT), "the chapter's box is whole on the shrunken map"
    finally:
        context.close()


def test_a_chapter_shown_while_the_map_has_no_size_is_framed_once_it_has_one(browser, site, default_story):
    # A frame still being laid out can be zero pixels high when a chapter arrives: the chapter
    # is framed once the map gets its size, not left as fitted into nothing.
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    try:
        page = context.new_page()
        first, second = default_story.chapters[2], default_story.chapters[3]
        page.goto(f"{site.as_uri()}#{first.id}")
        page.wait_for_function("(id) => window.storymap && storymap.view === storymap.chapters[id].view", arg=first.id)
        page.evaluate("() => { const c = storymap.map.getContainer(); c.dataset.height = c.style.height; c.style.height = '0px'; storymap.map.invalidateSize(); }")
        page.locator("#next").click()
        page.wait_for_function("(id) => storymap.view === storymap.chapters[id].view", arg=second.id)
        page.evaluate("() => { const c = storymap.map.getContainer(); c.style.height = c.dataset.height; }")
        page.wait_for_timeout(600)
        assert page.evaluate("() => storymap.map.getSize().y") > 300
        assert page.evaluate(VIEW_IN_SIGHT), "the chapter's box is whole once the map has its size"
        assert page.evaluate("() => storymap.map.getZoom()") < 9
    finally:
        context.close()

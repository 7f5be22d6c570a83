"""On a phone's small map the chapter's rings are drawn smaller, so more of its places keep their
ring and name: the overview's seven key places did not fit with laptop-sized rings."""

from __future__ import annotations

from pages import show_export_chapter

SEEN = """() => ({
    radii: [...document.querySelectorAll("path.storymap-highlight")].map((path) => path.getBoundingClientRect().width),
    named: [...document.querySelectorAll(".leaflet-tooltip.storymap-label")].filter((tip) => tip.style.visibility !== "hidden").length,
})"""


def test_a_phone_draws_smaller_rings_and_names_more_places(export_page, site):
    show_export_chapter(export_page, site, "overview")
    seen = export_page.evaluate(SEEN)
    widest = max(seen["radii"])
    if export_page.size[0] < 500:
        assert widest <= 23, seen  # a ring of radius 13 is 26 px across (its stroke not counted)
        assert seen["named"] >= 4, seen  # Pyongyang, Incheon, Busan and the Yalu at least
    else:
        assert widest >= 25, seen
    assert export_page.errors == []

"""Moving through a story by place, and the route it draws."""

from __future__ import annotations

from geo.describe import describe_map
from story.navigation import chapters_about, leg_into, next_chapter_about, route_stops


def index(story, chapter_id):
    return story.index_of(chapter_id)


def test_next_chapter_about_a_place_moves_forward(default_story):
    story = default_story
    assert next_chapter_about(story, "incheon", 0) == index(story, "macarthur-off-inchon")
    assert next_chapter_about(story, "incheon", index(story, "macarthur-off-inchon")) == index(story, "inchon-landing")


def test_next_chapter_about_a_place_wraps_and_skips_the_overview(default_story):
    story = default_story
    last_inchon = index(story, "inchon-landing")
    assert next_chapter_about(story, "incheon", last_inchon) == index(story, "macarthur-off-inchon")
    assert next_chapter_about(story, "wolmido", last_inchon) == last_inchon  # the only one: stays
    assert next_chapter_about(story, "nowhere", 3) is None
    assert all(not c.overview for c in chapters_about(story, "busan"))


def test_route_joins_first_places_in_story_order(default_story):
    stops = route_stops(default_story)
    indexes = [i for i, _ in stops]
    assert indexes == sorted(indexes) and 0 not in indexes  # the overview is not a stop
    assert all(a[1] != b[1] for a, b in zip(stops, stops[1:]))
    assert stops[0] == (1, "parallel-38")


def test_leg_into_a_chapter(default_story):
    story = default_story
    assert leg_into(story, index(story, "kim-il-sung")) == ("parallel-38", "pyongyang")
    assert leg_into(story, 0) is None
    assert leg_into(story, 1) is None  # the first stop has nowhere to come from


def test_text_alternative_names_what_the_map_shows(default_story, gazetteer):
    text = describe_map(default_story, index(default_story, "inchon-landing"), gazetteer, ["the 38th parallel"])
    assert "Incheon (인천, then Inchon)" in text and "Wolmido (월미도, then Wolmi-do)" in text
    assert "km across" in text and text.endswith("Also drawn: the 38th parallel.")
    far = describe_map(default_story, index(default_story, "a-border-that-remains"), gazetteer, [])
    assert "Geneva, also in this chapter, lies outside this view" in far


def test_a_click_on_a_place_is_known_by_its_label(default_story, gazetteer):
    from geo.map_builder import story_places
    from render.page import place_clicks

    places = story_places(default_story, gazetteer)
    clicks = place_clicks(default_story, places)
    assert set(clicks) == {place.label for place in places.values()}
    busan = gazetteer["busan"]
    assert clicks[busan.label][0] == next_chapter_about(default_story, "busan", 0)

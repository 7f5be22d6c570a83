"""The default story: the seed article word for word, with a fitting map view per chapter."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from geo.views import chapter_view
from seed import SEED_DIR, read_seed

KEY_PLACES = {"parallel-38", "busan", "incheon", "pyongyang", "panmunjom"}


def seed_file():
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed article is not available at {SEED_DIR} (it only exists beside a development checkout)")
    return files[0]


def test_story_metadata(default_story):
    assert default_story.title == "In pictures: The Korean War"
    assert default_story.source.publisher == "BBC News"
    assert default_story.source.date.value == dt.date(2013, 7, 26)
    assert default_story.source.date.label() == "26 July 2013"


def test_overview_then_seventeen_pictures(default_story, gazetteer):
    overview, *pictures = default_story.chapters
    assert len(pictures) == 17
    korean_places = {slug for slug, place in gazetteer.items() if 33 < place.lat < 43.5 and 124 < place.lon < 131}
    named_in_korea = {slug for chapter in pictures for slug in chapter.places} & korean_places
    # The overview rings the key places; every other place in Korea is marked on its map.
    assert KEY_PLACES <= set(overview.places)
    from geo.story_places import story_places

    assert named_in_korea <= set(story_places(default_story, gazetteer))


def test_captions_and_narrative_are_the_seed_word_for_word(default_story):
    title, introduction, pairs = read_seed(seed_file())
    assert len(pairs) == 17
    assert default_story.title == title
    assert default_story.introduction == introduction
    pictures = default_story.chapters[1:]
    assert [(c.caption, c.narrative) for c in pictures] == pairs


def test_kcna_pictures_carry_their_credit(default_story):
    credited = [c.id for c in default_story.chapters if c.credit]
    assert credited == ["into-seoul", "kim-il-sung"]
    for chapter in default_story.chapters:
        if chapter.credit:
            assert "Korean Central News Agency" in chapter.caption


def _shows(view: dict, lat: float, lon: float) -> bool:
    """Whether the point is well inside a view on a map at least 560 px square."""
    if "bounds" in view:
        (south, west), (north, east) = view["bounds"]
        return south <= lat <= north and west <= lon <= east
    center_lat, center_lon = view["center"]
    half_lon = 0.8 * 280 * 360 / (256 * 2 ** view["zoom"])
    half_lat = half_lon * math.cos(math.radians(center_lat))
    return abs(center_lat - lat) < half_lat and abs(center_lon - lon) < half_lon


@pytest.mark.parametrize(
    ("chapter_id", "place"),
    [
        ("macarthur-off-inchon", "incheon"),
        ("inchon-landing", "incheon"),
        ("inchon-landing", "wolmido"),
        ("kim-il-sung", "pyongyang"),
        ("landing-at-pohang", "pohang"),
        ("truce-talks", "kaesong"),
        ("truce-talks", "munsan"),
        ("truce-talks", "panmunjom"),
        ("the-armistice", "munsan"),
        ("the-armistice", "panmunjom"),
        ("operation-big-switch", "panmunjom"),
        ("a-border-that-remains", "panmunjom"),
        ("the-middlesex-regiment", "hong-kong"),
        ("eisenhower", "washington"),
        ("china-enters-the-war", "yalu-river"),
    ],
)
def test_chapter_view_shows_what_the_text_is_about(default_story, gazetteer, chapter_id, place):
    chapter = default_story.chapters[default_story.index_of(chapter_id)]
    assert place in chapter.places
    assert _shows(chapter_view(chapter, gazetteer), gazetteer[place].lat, gazetteer[place].lon)


def test_inchon_view_is_close_and_overview_is_wide(default_story, gazetteer):
    inchon = chapter_view(default_story.chapters[default_story.index_of("inchon-landing")], gazetteer)
    assert inchon["zoom"] >= 11
    (south, west), (north, east) = chapter_view(default_story.chapters[0], gazetteer)["bounds"]
    assert north - south > 8 and east - west > 6


def test_every_chapter_has_a_day_month_year_or_no_date(default_story):
    precisions = {c.date.precision for c in default_story.chapters}
    assert precisions <= {"day", "month", "year", "undated"}
    dated = [c.date.value for c in default_story.chapters if c.date.value]
    assert min(dated).year == 1910 and max(dated).year == 2013

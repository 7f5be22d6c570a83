"""Historical layers: data with sources, selection by date, arrowheads, and chapter dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from geo.history import active_layer_ids, arrowheads, load_history, story_layers
from story.model import StoryDate
from story.timeline import chapter_span, date_span, timeline_points

D = dt.date


@pytest.fixture(scope="module")
def layers():
    return load_history()


def test_every_layer_and_feature_says_where_it_comes_from(layers):
    assert len(layers) >= 9
    for layer in layers:
        assert layer.name and layer.legend and layer.description and layer.color.startswith("#")
        assert layer.features.crs.to_epsg() == 4326
        for row in layer.features.itertuples():
            assert row.label and row.source and row.accuracy, layer.id
            assert "pprox" in row.accuracy or "chematic" in row.accuracy, "historical lines must say they are approximate"


def test_hand_drawn_lines_stay_in_korea(layers):
    for layer in layers:
        west, south, east, north = layer.features.total_bounds
        assert 124 < west and east < 130 and 34.5 < south and north < 42.5, layer.id


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((D(1910, 1, 1), D(1910, 12, 31)), []),
        ((D(1950, 6, 25), D(1950, 6, 25)), ["invasion-1950"]),
        ((D(1950, 8, 1), D(1950, 8, 31)), ["pusan-perimeter"]),
        ((D(1950, 9, 15), D(1950, 9, 15)), ["pusan-perimeter", "inchon-landing"]),
        ((D(1950, 11, 24), D(1950, 11, 24)), ["un-advance-nov-1950", "chinese-intervention"]),
        ((D(1950, 12, 1), D(1950, 12, 31)), ["chinese-intervention"]),  # the 24 November line broke on 25-28 November
        ((D(1951, 1, 15), D(1951, 1, 15)), ["chinese-intervention", "front-jan-1951"]),
        ((D(1951, 2, 18), D(1951, 2, 18)), []),  # Line D was left behind on 25 January
        ((D(1951, 7, 10), D(1951, 7, 10)), ["front-1951"]),
        ((D(1953, 7, 26), D(1953, 7, 26)), []),  # Kansas-Wyoming is not the 1953 front
        ((D(1953, 7, 27), D(1953, 7, 27)), ["armistice-line", "dmz"]),
        ((D(2013, 4, 23), D(2013, 4, 23)), ["armistice-line", "dmz"]),
        (None, []),
    ],
)
def test_layers_active_on_a_date(layers, span, expected):
    assert active_layer_ids(layers, span) == expected


def test_date_spans_follow_precision():
    assert date_span(StoryDate(D(1950, 6, 1), "month")) == (D(1950, 6, 1), D(1950, 6, 30))
    assert date_span(StoryDate(D(1952, 2, 1), "month")) == (D(1952, 2, 1), D(1952, 2, 29))
    assert date_span(StoryDate(D(1910, 1, 1), "year")) == (D(1910, 1, 1), D(1910, 12, 31))
    assert date_span(StoryDate(D(1953, 7, 27), "day")) == (D(1953, 7, 27), D(1953, 7, 27))
    assert date_span(StoryDate.undated()) is None


def test_undated_chapters_take_their_place_in_the_story(default_story):
    # The overview comes first and is undated: it takes the next dated chapter's date.
    assert default_story.chapters[0].date.value is None
    assert chapter_span(default_story, 0) == date_span(default_story.chapters[1].date)


def test_stepping_through_the_story_shows_the_war_unfold(default_story):
    layers = story_layers(default_story)
    by_chapter = {c.id: active_layer_ids(layers, chapter_span(default_story, i)) for i, c in enumerate(default_story.chapters)}
    assert by_chapter["across-the-parallel"] == ["invasion-1950", "front-line", "war-events"]
    assert by_chapter["the-middlesex-regiment"] == ["invasion-1950", "front-line", "war-events"]  # 27 June 1950
    assert by_chapter["inchon-landing"] == ["inchon-landing", "front-line", "war-events"]
    assert "chinese-intervention" in by_chapter["china-enters-the-war"]
    assert by_chapter["holding-the-south"] == ["front-line", "war-events"]
    assert by_chapter["truce-talks"] == ["front-line", "war-events"]
    assert by_chapter["the-armistice"] == ["front-line", "war-events", "armistice-line", "dmz"]
    assert by_chapter["into-seoul"] == []  # 1910: no war yet
    assert by_chapter["a-border-that-remains"] == ["armistice-line", "dmz"]


def test_arrowheads_point_along_the_arrow(layers):
    arrows = next(layer for layer in layers if layer.id == "invasion-1950").features
    heads = arrowheads(arrows)
    for line, head in zip(arrows.geometry, heads):
        end = np.array(line.coords[-1])
        before = np.array(line.coords[-2])
        tip = min(np.array(head.exterior.coords[:-1]), key=lambda p: np.hypot(*(p - end)))
        assert np.allclose(tip, end, atol=1e-6)
        centroid = np.array(head.centroid.coords[0])
        # The head sits behind its tip, on the side the arrow comes from.
        assert np.dot(centroid - end, before - end) > 0


def test_derived_layers_report_computed_measures(layers):
    mdl = next(layer for layer in layers if layer.id == "armistice-line").features
    zone = next(layer for layer in layers if layer.id == "dmz").features
    assert 150 < mdl["length_km"].iloc[0] < 260
    assert abs(zone["area_km2"].iloc[0] - 907) / 907 < 0.15


def test_timeline_has_eras_with_breaks_and_separated_marks(default_story):
    from story.timeline import era_marks

    points = timeline_points(default_story)
    assert len(points) == sum(1 for c in default_story.chapters if c.date.value)  # the undated overview has no mark
    assert [p["date"] for p in points] == sorted(p["date"] for p in points)
    assert list(dict.fromkeys(p["era"] for p in points)) == ["1910", "1945", "1948–1953", "2013"]
    labels, breaks = era_marks(points)
    assert len(breaks) == 3 and breaks == sorted(breaks)


def test_a_chapter_shows_the_features_of_its_own_time(default_story, layers):
    # China enters the war (25 October 1950) shows the Chinese crossings of the Yalu, not the
    # offensive that took Seoul in January 1951, though both belong to one layer.
    from geo.map_builder import out_of_time
    from geo.places import load_gazetteer
    from handout.maps import MapKit

    china = next(layer for layer in layers if layer.id == "chinese-intervention")
    third = [index for index, label in china.features["label"].items() if label.startswith("Third offensive")]
    index = default_story.index_of("china-enters-the-war")
    assert out_of_time(default_story, index) == [f"storymap-feature-chinese-intervention-{i}" for i in third]
    assert china.feature_dates_label(third[0]).startswith("31 December 1950")
    span = chapter_span(default_story, index)
    assert china.features_out_of_time(span) == third
    assert china.features_out_of_time((dt.date(1951, 1, 4), dt.date(1951, 1, 4))) == [i for i in china.features.index if i not in third]
    # The printed handout draws the same: three arrows with their heads, not four.
    kit = MapKit(default_story, {**load_gazetteer(), **default_story.places}, story_layers(default_story))
    assert len(kit.shown_shapes(china, span)) == 2 * (len(china.features) - len(third))

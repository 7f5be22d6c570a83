"""The gazetteer: every place complete, the key places where they belong, bad entries named."""

from __future__ import annotations

import math

import pytest

from geo.places import key_places, load_gazetteer
from story.places import parse_place
from geo.popups import place_popup, place_tooltip, safe_html

# Independent reference points (city halls and the Joint Security Area), for a sanity check.
REFERENCE = {
    "busan": (35.18, 129.08),
    "incheon": (37.46, 126.71),
    "pyongyang": (39.02, 125.75),
    "panmunjom": (37.955, 126.677),
    "parallel-38": (38.0, 127.0),
}


def km_between(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_the_gazetteer_marks_no_key_place_a_story_does(gazetteer):
    # Key places belong to a story (its map.key_places), never to the shared gazetteer.
    assert key_places(gazetteer) == []


def test_key_places_where_they_are(gazetteer):
    for slug, reference in REFERENCE.items():
        assert km_between(gazetteer[slug].location, reference) < 10, slug


def test_every_place_is_complete(gazetteer):
    for place in gazetteer.values():
        for field in ("name", "name_1950s", "hangul", "description", "source", "accuracy"):
            assert getattr(place, field).strip(), (place.slug, field)


def test_labels_carry_modern_1950s_and_korean_names(gazetteer):
    expected = {"busan": "Pusan", "incheon": "Inchon", "munsan": "Munsan-ni"}
    for slug, old_spelling in expected.items():
        label = place_tooltip(gazetteer[slug])
        assert gazetteer[slug].name in label and safe_html(old_spelling) in label and gazetteer[slug].hangul in label
    popup = place_popup(gazetteer["busan"], ["Truce talks"])
    assert "Pusan" in popup and "부산" in popup and "釜山" in popup and "Truce talks" in popup
    # Where 1950s reporting spelled a name as today (Pyongyang, Panmunjom), no second spelling is shown.
    assert gazetteer["pyongyang"].old_spelling is None and gazetteer["panmunjom"].old_spelling is None


def test_1950s_names_are_spelled_as_1950s_reporting_wrote_them(gazetteer):
    """Without McCune-Reischauer breves or apostrophes, which the newspapers did not print."""
    for place in gazetteer.values():
        if place.name_1950s:
            assert not set(place.name_1950s) & set("ŏŭ'’"), place.slug


def test_the_1950_ports_are_marked_where_they_were(gazetteer):
    from geo.places import distance_km

    assert distance_km(gazetteer["busan"].location, (35.10, 129.04)) < 1.5  # the 1950 harbour, not the 1998 city hall
    assert distance_km(gazetteer["incheon"].location, (37.474, 126.62)) < 1  # Red Beach
    assert distance_km(gazetteer["incheon"].location, gazetteer["wolmido"].location) < 3


def test_bad_entry_names_place_and_field(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text("somewhere:\n  name: Somewhere\n  lat: 95\n  lon: 10\n  kind: castle\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_gazetteer(path)
    message = str(caught.value)
    assert f"{path}: place 'somewhere', field 'lat'" in message
    assert "field 'kind'" in message and "field 'description'" in message


def test_parse_place_rejects_unknown_fields(gazetteer):
    raw = {field: getattr(gazetteer["busan"], field) for field in ("name", "name_1950s", "hangul", "lat", "lon", "kind", "description", "source", "accuracy")}
    place, problems = parse_place("busan", raw)
    assert place == gazetteer["busan"].__class__(slug="busan", hanja=None, key=False, **raw)
    _, problems = parse_place("busan", {**raw, "population": 3})
    assert [field for field, _ in problems] == ["population"]


@pytest.mark.parametrize("hostile", ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "\\u003cscript\\u003e", '"><svg onload=alert(1)>'])
def test_safe_html_leaves_no_markup_or_template_code(hostile):
    text = safe_html(hostile)
    for forbidden in ("<", ">", "`", "${", "\\", '"'):
        assert forbidden not in text


def test_places_abroad_need_no_korean_names():
    place, problems = parse_place(
        "louvre",
        {"name": "Louvre", "lat": 48.861, "lon": 2.336, "kind": "building", "description": "A museum.", "source": "Survey.", "accuracy": "100 m."},
    )
    assert problems == []
    assert place.label == "Louvre" and place.korean is None and place.old_spelling is None
    assert "Louvre" in place_popup(place) and "lang=" not in place_popup(place)

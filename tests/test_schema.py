"""`python -m storymap schema`: a JSON Schema that accepts the default story, flags a misspelt field
anywhere, and names exactly the fields the validator accepts."""

from __future__ import annotations

import copy
import io
import json

import jsonschema
import pytest

from geo.history import STORY_LAYER_FIELDS
from story.places import PLACE_FIELDS
from storymap.cli import main
from story.loader import DEFAULT_STORY_PATH
from story.map_settings import MAP_FIELDS, PARALLEL_FIELDS
from story.media import MEDIA_FIELDS
from story.reading import parse_yaml
from story.validate import CHAPTER_FIELDS, SOURCE_FIELDS, STORY_FIELDS, VIEW_FIELDS


@pytest.fixture(scope="module")
def schema() -> dict:
    out = io.StringIO()
    assert main(["schema"], out) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def validator(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture()
def raw_default() -> dict:
    return parse_yaml(DEFAULT_STORY_PATH.read_text(encoding="utf-8"), str(DEFAULT_STORY_PATH))


def test_the_default_story_is_valid_against_the_schema(validator, raw_default):
    assert list(validator.iter_errors(raw_default)) == []


@pytest.mark.parametrize("where", ["story", "source", "map", "chapter", "view", "own place", "own layer", "media"])
def test_a_misspelt_field_is_flagged_wherever_it_is(validator, raw_default, where):
    story = copy.deepcopy(raw_default)
    chapter = story["chapters"][1]
    targets = {
        "story": story,
        "source": story["source"],
        "map": story["map"],
        "chapter": chapter,
        "view": chapter.setdefault("view", {"center": [37.5, 127.0], "zoom": 7}),
        "own place": story.setdefault("places", {}).setdefault("a-place", {
            "name": "A", "lat": 1.0, "lon": 2.0, "kind": "city", "description": "d", "source": "s", "accuracy": "a"}),
        "own layer": story.setdefault("layers", []).__iadd__([{
            "id": "own", "name": "n", "start": "1950", "color": "#123456", "legend": "l", "description": "d", "file": "f.geojson"}])[-1],
        "media": chapter.setdefault("media", {"url": "https://example.org/a.jpg", "alt": "a"}),
    }
    assert list(validator.iter_errors(story)) == [], "valid before the typo"
    targets[where]["captoin"] = "typo"
    errors = list(validator.iter_errors(story))
    assert errors and any("captoin" in error.message or "captoin" in str(error.instance) for error in errors)


def _fields(schema: dict) -> set[str]:
    return set(schema["properties"])


def test_the_schema_names_the_fields_the_validator_accepts(schema):
    chapter = schema["properties"]["chapters"]["items"]
    assert _fields(schema) == set(STORY_FIELDS)
    assert _fields(schema["properties"]["source"]) == set(SOURCE_FIELDS)
    assert _fields(chapter) == set(CHAPTER_FIELDS)
    assert set().union(*(_fields(option) for option in chapter["properties"]["view"]["oneOf"])) == set(VIEW_FIELDS)
    assert _fields(chapter["properties"]["media"]) == set(MEDIA_FIELDS)
    assert _fields(schema["properties"]["places"]["additionalProperties"]) == set(PLACE_FIELDS)
    assert _fields(schema["properties"]["map"]) == set(MAP_FIELDS)
    assert _fields(schema["properties"]["map"]["properties"]["parallels"]["items"]) == set(PARALLEL_FIELDS)
    own_layer = schema["properties"]["layers"]["items"]["anyOf"][1]
    assert _fields(own_layer) == set(STORY_LAYER_FIELDS)

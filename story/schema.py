"""A JSON Schema of the story format, for editors (the YAML language server flags a misspelt field).

The validator (story/validate.py) stays the authority: it gives the messages, and checks what a
schema cannot (places that exist, files beside the story, dates that are real days). Every object
here is closed (`additionalProperties: false`) and lists the same fields the validator accepts;
tests/test_schema.py holds the two together.
"""

from __future__ import annotations

import json

TEXT = {"type": "string", "minLength": 1}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}
DATE = {
    "description": "YYYY-MM-DD, YYYY-MM or YYYY",
    "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, {"type": "integer", "minimum": 0, "maximum": 9999}],
}
LAT_LON = {
    "type": "array",
    "description": "[latitude, longitude] in WGS 84 degrees",
    "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90}, {"type": "number", "minimum": -180, "maximum": 180}],
    "items": False,
    "minItems": 2,
}
HTTP_URL = {"type": "string", "pattern": r"^https?://"}


def _object(properties: dict, required: tuple[str, ...] = (), description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


SOURCE = _object(
    {"title": TEXT, "publisher": TEXT, "date": DATE, "url": HTTP_URL},
    ("title", "publisher", "date"),
    "Where the story's text comes from.",
)

PLACE = _object(
    {
        "name": TEXT,
        "name_1950s": TEXT,
        "hangul": TEXT,
        "hanja": TEXT,
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "kind": {"enum": ["city", "village", "island", "river", "line", "building"]},
        "key": {"type": "boolean"},
        "description": TEXT,
        "source": TEXT,
        "accuracy": TEXT,
    },
    ("name", "lat", "lon", "kind", "description", "source", "accuracy"),
)

OWN_LAYER = _object(
    {
        "id": SLUG,
        "name": TEXT,
        "start": DATE,
        "end": DATE,
        "color": {"type": "string", "pattern": r"^#[0-9a-fA-F]{6}$"},
        "legend": TEXT,
        "description": TEXT,
        "file": {"type": "string", "description": "a GeoJSON file inside the story's folder"},
        "timeline": {"enum": ["fronts", "events"],
                     "description": "the file holds dated fronts (drawn for the chapter's day) or dated events, not fixed lines"},
    },
    ("id", "name", "start", "color", "legend", "description", "file"),
    "A layer of the story's own, its lines and areas in a GeoJSON file beside the story.",
)

VIEW = {
    "description": "center and zoom, or bounds [[south, west], [north, east]]",
    "oneOf": [
        _object({"center": LAT_LON, "zoom": {"type": "number", "minimum": 1, "maximum": 18}}, ("center", "zoom")),
        _object({"bounds": {"type": "array", "prefixItems": [LAT_LON, LAT_LON], "items": False, "minItems": 2}}, ("bounds",)),
    ],
}

MEDIA = _object(
    {"url": TEXT, "alt": TEXT, "caption": TEXT, "credit": TEXT, "link": HTTP_URL},
    ("url", "alt"),
    "A picture: a raster image beside the story, or an http(s) address.",
)

BOX = {"type": "array", "prefixItems": [LAT_LON, LAT_LON], "items": False, "minItems": 2}

MAP = _object(
    {
        "start": {**VIEW, "description": "the view the map opens on: center and zoom, or bounds"},
        "home": {"type": "array", "items": {"type": "string", "pattern": r"^[A-Z]{3}$"}, "uniqueItems": True,
                 "description": "ISO 3166 alpha-3 codes of the countries drawn as the story's own land"},
        "key_places": {"type": "array", "items": SLUG, "uniqueItems": True, "description": "places drawn on every chapter's map"},
        "parallels": {"type": "array", "items": _object({"place": SLUG, "latitude": {"type": "number", "exclusiveMinimum": -90, "exclusiveMaximum": 90}}, ("place", "latitude"))},
        "drawn_from": {"type": "object", "propertyNames": SLUG,
                       "additionalProperties": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                       "description": "the first day (YYYY-MM-DD) each key place or parallel is drawn on chapters that do not name it"},
        "period": {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 40}, {"type": "integer"}],
                   "description": "what the places' period spellings (name_1950s) are called, e.g. 1950s"},
        "region": {"anyOf": [BOX, {"type": "array", "items": BOX, "minItems": 1, "maxItems": 20}],
                   "description": "[[south, west], [north, east]], or a list of such boxes: where the base map's names, rivers and lakes are drawn"},
    },
    description="What every chapter's map draws, and how the map opens.",
)

CHAPTER = _object(
    {
        "id": SLUG,
        "title": TEXT,
        "date": {**DATE, "description": "when the chapter's narrative happens: YYYY-MM-DD, YYYY-MM or YYYY; leave out when undated"},
        "caption": TEXT,
        "narrative": TEXT,
        "credit": TEXT,
        "places": {"type": "array", "items": SLUG, "uniqueItems": True},
        "view": VIEW,
        "overview": {"type": "boolean"},
        "media": MEDIA,
        "editorial": {"type": "boolean", "description": "the caption and narrative were written for the map, not taken from the source"},
        "note": {**TEXT, "description": "an editor's note, shown apart from the source's words (e.g. correcting the source)"},
    },
    ("id", "title", "caption", "narrative"),
)

STORY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Story map story",
    **_object(
        {
            "title": TEXT,
            "introduction": TEXT,
            "source": SOURCE,
            "map": MAP,
            "photo_note": {**TEXT, "description": "said under a chapter that has no picture of its own"},
            "places": {"type": "object", "propertyNames": SLUG, "additionalProperties": PLACE},
            "layers": {"type": "array", "items": {"anyOf": [SLUG, OWN_LAYER]}},
            "chapters": {"type": "array", "items": CHAPTER, "minItems": 1},
        },
        ("title", "source", "chapters"),
    ),
}


def story_schema_json() -> str:
    return json.dumps(STORY, indent=2, ensure_ascii=False) + "\n"

"""Turn a story file's raw data into a validated Story, collecting every problem at once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Collection, Mapping

from story.collector import Collector
from story.map_settings import parse_map_settings
from story.media import is_http_url, parse_media
from story.model import Chapter, LatLon, Source, Story, StoryDate, View
from story.places import parse_place
from story.problems import Problem, StoryError
from story.references import LayerReader, References
from story.text_rules import bad_strings

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
STORY_FIELDS = ("title", "introduction", "source", "places", "layers", "map", "photo_note", "chapters")
SOURCE_FIELDS = ("title", "publisher", "date", "url")
CHAPTER_FIELDS = ("id", "title", "date", "caption", "narrative", "credit", "places", "view", "overview", "media", "editorial", "note")
VIEW_FIELDS = ("center", "zoom", "bounds")
MAX_ZOOM = 18
# Limits that keep the work for any story bounded (see "Limits" in story/README.md).
MAX_CHAPTERS = 500
MAX_OWN_PLACES = 500
MAX_LAYERS = 20
MAX_PLACES_PER_CHAPTER = 50
MAX_TEXT = 20_000  # characters in one text field
MAX_STORY_FEATURES = 500  # in all of a story's own layer files together


def parse_date(value: Any) -> StoryDate | None:
    """'1950-06-25', '1950-06', '1910' (or YAML's own date and int), or empty for undated."""
    if value is None or value == "undated":
        return StoryDate.undated()
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return StoryDate(value, "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str) or not (match := _DATE.match(value.strip())):
        return None
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    return StoryDate(date, precision)


def _lat_lon(value: Any) -> LatLon | None:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return None
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (lat, lon)


def _view(raw: Any, c: Collector, chapter: str, field: str = "view") -> View | None:
    if not isinstance(raw, Mapping):
        c.add("must be a mapping with center and zoom, or bounds", field, chapter)
        return None
    c.unknown_fields(raw, VIEW_FIELDS, f"{field}.", chapter)
    latlon_hint = "write [latitude, longitude] with latitude -90..90 and longitude -180..180"
    if "bounds" in raw:
        if "center" in raw or "zoom" in raw:
            c.add("give either center and zoom, or bounds, not both", field, chapter)
            return None
        corners = raw["bounds"]
        if not isinstance(corners, (list, tuple)) or len(corners) != 2:
            c.add("must be two corners [[south, west], [north, east]]", f"{field}.bounds", chapter)
            return None
        south_west, north_east = _lat_lon(corners[0]), _lat_lon(corners[1])
        if south_west is None or north_east is None:
            c.add("corners must be [latitude, longitude]", f"{field}.bounds", chapter, latlon_hint)
            return None
        if south_west[0] >= north_east[0]:
            c.add("the first corner must be south of the second", f"{field}.bounds", chapter, "order [[south, west], [north, east]]")
            return None
        return View(bounds=(south_west, north_east))
    center = _lat_lon(raw.get("center"))
    if center is None:
        c.add("must be [latitude, longitude]", f"{field}.center", chapter, latlon_hint)
    zoom = raw.get("zoom")
    if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not 1 <= zoom <= MAX_ZOOM:
        c.add(f"must be a number from 1 to {MAX_ZOOM}", f"{field}.zoom", chapter, "5 shows the peninsula, 11 a city")
        zoom = None
    if center is None or zoom is None:
        return None
    return View(center=center, zoom=float(zoom))


def _places(raw: Any, c: Collector, chapter: str, known: Collection[str]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(slug, str) for slug in raw):
        c.add("must be a list of place slugs", "places", chapter, "e.g. [incheon, seoul]")
        return ()
    if len(raw) > MAX_PLACES_PER_CHAPTER:
        c.add(f"names {len(raw):,} places; the limit is {MAX_PLACES_PER_CHAPTER}", "places", chapter, "name the places the chapter is about")
        return ()
    for slug in raw:
        if slug not in known:
            close = c.suggest(slug, known)
            hint = f"did you mean '{close}'?" if close else "use a slug from geo/data/places.yaml, or define the place under 'places:'"
            c.add(f"unknown place '{slug[:80]}'", "places", chapter, hint)
    if len(set(raw)) != len(raw):
        c.add("lists a place twice", "places", chapter)
    return tuple(dict.fromkeys(raw))


def _chapter(raw: Any, number: int, c: Collector, known: Collection[str], folder: Path | None) -> Chapter | None:
    where = f"chapter {number}"
    if not isinstance(raw, Mapping):
        c.add("must be a mapping of fields (id, title, caption, ...)", chapter=where)
        return None
    if isinstance(raw.get("id"), str):
        where += f" '{raw['id']}'"
    before = len(c.errors)
    c.unknown_fields(raw, CHAPTER_FIELDS, "", where)
    chapter_id = c.text(raw, "id", chapter=where)
    if chapter_id is not None and not SLUG.match(chapter_id):
        c.add(f"'{chapter_id}' is not a slug", "id", where, "use lower-case words joined by hyphens, e.g. inchon-landing")
    title = c.text(raw, "title", chapter=where)
    caption = c.text(raw, "caption", chapter=where)
    narrative = c.text(raw, "narrative", chapter=where)
    credit = c.text(raw, "credit", chapter=where, required=False)
    date = parse_date(raw.get("date"))
    if date is None:
        c.add(f"'{raw.get('date')}' is not a date", "date", where, "write YYYY-MM-DD, YYYY-MM or YYYY, or leave it out when undated")
    overview, editorial = raw.get("overview", False), raw.get("editorial", False)
    for name, value in (("overview", overview), ("editorial", editorial)):
        if not isinstance(value, bool):
            c.add("must be true or false", name, where)
    note = c.text(raw, "note", chapter=where, required=False)
    places = _places(raw.get("places"), c, where, known)
    view = _view(raw["view"], c, where) if raw.get("view") is not None else None
    if raw.get("view") is None and not places:
        c.add("a chapter needs a view or at least one place to show", "view", where, "add 'places: [...]' or 'view: {center: [lat, lon], zoom: 7}'")
    media = parse_media(raw["media"], c, where, folder) if raw.get("media") is not None else None
    if len(c.errors) > before:
        return None
    return Chapter(chapter_id, title, date, caption, narrative, places, view, credit, overview, media, editorial, note)


def _source(raw: Any, c: Collector) -> Source | None:
    if not isinstance(raw, Mapping):
        c.add("required mapping is missing", "source", hint="add 'source:' with title, publisher and date")
        return None
    before = len(c.errors)
    c.unknown_fields(raw, SOURCE_FIELDS, "source.")
    title = c.text(raw, "title", "source.")
    publisher = c.text(raw, "publisher", "source.")
    url = c.text(raw, "url", "source.", required=False)
    if url is not None and not is_http_url(url):
        c.add("must be an http(s) address", "source.url")
    date = parse_date(raw.get("date"))
    if date is None:
        c.add(f"'{raw.get('date')}' is not a date", "source.date", hint="write YYYY-MM-DD, YYYY-MM or YYYY")
    if len(c.errors) > before:
        return None
    return Source(title, publisher, date, url)


def _own_places(raw: Any, c: Collector, gazetteer: Collection[str]) -> dict:
    """The story's own places, written like gazetteer entries under `places:`."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        c.add("must be a mapping of place slugs to places", "places", hint="see geo/data/places.yaml for the fields")
        return {}
    if len(raw) > MAX_OWN_PLACES:
        c.add(f"{len(raw):,} places; the limit is {MAX_OWN_PLACES:,}", "places", hint="split the story")
        return {}
    places = {}
    for slug, entry in raw.items():
        slug = str(slug)
        if not SLUG.match(slug):
            c.add(f"'{slug}' is not a slug", f"places.{slug}", hint="use lower-case words joined by hyphens")
        elif slug in gazetteer:
            c.add(f"'{slug}' is already in the gazetteer", f"places.{slug}", hint="use the gazetteer's place, or give yours another slug")
        place, problems = parse_place(slug, entry)
        for field, message in problems:
            c.add(message, f"places.{slug}" + (f".{field}" if field else ""))
        if place is not None:
            places[slug] = place
    return places


def _layers(raw: Any, c: Collector, known: Collection[str], read_layer: LayerReader, folder: Path | None) -> tuple[tuple[str, ...], tuple]:
    """Layer ids (built-in, or the story's own defined in place) and the story's own layers."""
    if raw is None:
        return (), ()
    if not isinstance(raw, list) or not all(isinstance(layer, (str, Mapping)) for layer in raw):
        c.add("must be a list of historical layer ids, or layers of the story's own", "layers", hint="e.g. [pusan-perimeter, armistice-line]")
        return (), ()
    if len(raw) > MAX_LAYERS:
        c.add(f"{len(raw):,} layers; the limit is {MAX_LAYERS}", "layers", hint="draw fewer layers, or merge their files")
        return (), ()
    ids: list[str] = []
    own = []
    for number, entry in enumerate(raw, start=1):
        if isinstance(entry, str):
            if entry not in known:
                close = c.suggest(entry, known)
                hint = f"did you mean '{close}'?" if close else "use an id from geo/data/history.yaml, or define the layer here"
                c.add(f"unknown layer '{entry[:80]}'", "layers", hint=hint)
            ids.append(entry)
            continue
        layer, problems = read_layer(entry, folder)
        for field, message in problems:
            c.add(message, f"layers[{number}].{field}", hint="see 'Layers of a story's own' in story/README.md")
        if layer is None:
            continue
        if layer.id in known or not SLUG.match(layer.id):
            c.add(f"'{layer.id}' must be a new slug, not a built-in layer's id", f"layers[{number}].id")
            continue
        ids.append(layer.id)
        own.append(layer)
    if (features := sum(len(layer.features) for layer in own)) > MAX_STORY_FEATURES:
        c.add(f"the story's own layers have {features:,} features; the limit is {MAX_STORY_FEATURES:,}", "layers",
              hint="simplify the layer files, or merge lines into fewer features")
    if len(set(ids)) != len(ids):
        c.add("lists a layer twice", "layers")
    return tuple(dict.fromkeys(ids)), tuple(own)


def build_story_with_warnings(raw: Any, file: str, references: References, folder: Path | None = None) -> tuple[Story, list[Problem]]:
    """Validate a story file's parsed data; return the Story and its warnings, or raise StoryError
    listing every error found (and the warnings).

    references: the built-in places and layers the story may name, the countries of the land
    data, and the reader of its own layer files (geo.references.builtin_references());
    folder: where the story file is, for media and layer files given as relative paths (None: none).
    """
    c = Collector(file)
    for field, problem in bad_strings(raw, MAX_TEXT):
        c.add(problem if problem.startswith("is ") else f"text {problem}", field,
              hint="text may hold line breaks and tabs but no other control character, and be at most 20,000 characters")
    if c.has_errors():  # the rest of the checks would repeat the text in their messages
        raise StoryError(c.all_errors(), c.all_warnings())
    story = _story(raw, c, references, folder)
    if c.errors or story is None:
        raise StoryError(c.all_errors(), c.all_warnings())
    return story, c.all_warnings()


def build_story(raw: Any, file: str, references: References, folder: Path | None = None) -> Story:
    """Like build_story_with_warnings, for callers that only want the Story."""
    return build_story_with_warnings(raw, file, references, folder)[0]


def _story(raw: Any, c: Collector, references: References, folder: Path | None) -> Story | None:
    if not isinstance(raw, Mapping):
        c.add("the file must hold a mapping with title, source and chapters", hint="see the story format in story/README.md")
        return None
    c.unknown_fields(raw, STORY_FIELDS, "")
    builtin = references.place_map()
    own_places = _own_places(raw.get("places"), c, builtin)
    known_places = set(builtin) | set(own_places)
    layers, own_layers = _layers(raw.get("layers"), c, references.layers, references.read_layer, folder)
    map_settings = parse_map_settings(
        raw.get("map"), c, {**builtin, **own_places}, lambda view, c, _: _view(view, c, "", "map.start"), references.countries
    )
    photo_note = c.text(raw, "photo_note", required=False)
    title = c.text(raw, "title")
    introduction = c.text(raw, "introduction", required=False) or ""
    source = _source(raw.get("source"), c)
    chapters_raw = raw.get("chapters")
    chapters: list[Chapter] = []
    if not isinstance(chapters_raw, list) or not chapters_raw:
        c.add("a story needs a non-empty list of chapters", "chapters", hint="add 'chapters:' with at least one '- id: ...' entry")
    elif len(chapters_raw) > MAX_CHAPTERS:
        c.add(f"{len(chapters_raw):,} chapters; the limit is {MAX_CHAPTERS}", "chapters", hint="split the story into several")
    else:
        seen: dict[str, int] = {}
        for number, chapter_raw in enumerate(chapters_raw, start=1):
            chapter = _chapter(chapter_raw, number, c, known_places, folder)
            if chapter is None:
                continue
            if chapter.id in seen:
                c.add(f"duplicate id, already used by chapter {seen[chapter.id]}", "id", f"chapter {number} '{chapter.id}'", "give every chapter its own id")
                continue
            seen[chapter.id] = number
            chapters.append(chapter)
    if c.errors:
        return None
    return Story(title, introduction, source, tuple(chapters), own_places, layers, own_layers, map_settings, photo_note)

"""The story's `map:` section: what every chapter's map draws, and how the map opens.

Nothing here knows a story: a story that leaves the section out draws only its chapters' places.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Collection, Mapping

from story.collector import Collector
from story.model import MapSettings, Parallel, View

MAP_FIELDS = ("start", "home", "key_places", "parallels", "drawn_from", "period", "region")
PARALLEL_FIELDS = ("place", "latitude")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
MAX_PERIOD_LENGTH = 40
TABLE_COLUMNS = ("Place", "Korean", "Source", "Accuracy")  # the other columns of the places' table (geo/provenance.py)


def parse_map_settings(
    raw: Any,
    c: Collector,
    known_places: Mapping[str, Any],
    parse_view: Callable[[Any, Collector, str], View | None],
    country_codes: Collection[str] = (),
) -> MapSettings:
    """known_places: slug -> place (gazetteer and the story's own); country_codes: the ISO codes
    the land data knows (empty: not checked)."""
    if raw is None:
        return MapSettings()
    if not isinstance(raw, Mapping):
        c.add("must be a mapping (start, home, key_places, parallels, period)", "map", hint="see 'The map' in story/README.md")
        return MapSettings()
    c.unknown_fields(raw, MAP_FIELDS, "map.")
    start = None
    if raw.get("start") is not None:
        start = parse_view(raw["start"], c, "")
    key_places = _slugs(raw.get("key_places"), c, "map.key_places", known_places)
    parallels = _parallels(raw.get("parallels"), c, known_places)
    return MapSettings(
        start=start,
        home=_home(raw.get("home"), c, country_codes),
        key_places=key_places,
        parallels=parallels,
        period=_period(raw.get("period"), c),
        region=_region(raw.get("region"), c),
        drawn_from=_drawn_from(raw.get("drawn_from"), c, {*key_places, *(parallel.place for parallel in parallels)}),
    )


def _home(raw: Any, c: Collector, country_codes: Collection[str]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(code, str) and _COUNTRY_CODE.match(code) for code in raw):
        c.add("must be a list of three-letter country codes", "map.home", hint="ISO 3166 alpha-3 in capitals, e.g. [FRA] or [KOR, PRK]")
        return ()
    for code in raw:
        if country_codes and code not in country_codes:
            c.add(f"no country '{code}' in the land data", "map.home", hint="use the iso_a3 code of a country in geo/data/world.geojson, e.g. FRA")
    return tuple(dict.fromkeys(raw))


def _slugs(raw: Any, c: Collector, field: str, known_places: Mapping[str, Any]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(slug, str) for slug in raw):
        c.add("must be a list of place slugs", field, hint="e.g. [busan, incheon]")
        return ()
    for slug in raw:
        if slug not in known_places:
            c.add(f"unknown place '{slug}'", field, hint="use a slug from geo/data/places.yaml, or define the place under 'places:'")
    if len(set(raw)) != len(raw):
        c.add("lists a place twice", field)
    return tuple(dict.fromkeys(slug for slug in raw if slug in known_places))


def _parallels(raw: Any, c: Collector, known_places: Mapping[str, Any]) -> tuple[Parallel, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.add("must be a list of {place, latitude}", "map.parallels", hint="e.g. [{place: parallel-38, latitude: 38}]")
        return ()
    parallels = []
    for number, entry in enumerate(raw, start=1):
        field = f"map.parallels[{number}]"
        if not isinstance(entry, Mapping):
            c.add("must be a mapping with place and latitude", field, hint="e.g. {place: parallel-38, latitude: 38}")
            continue
        c.unknown_fields(entry, PARALLEL_FIELDS, f"{field}.")
        slug, latitude = entry.get("place"), entry.get("latitude")
        known = isinstance(slug, str) and slug in known_places
        kind = getattr(known_places[slug], "kind", "line") if known else None  # a bare slug list carries no kinds
        if not known:
            c.add(f"unknown place '{slug}'", f"{field}.place", hint="name the place of kind 'line' that the line stands for")
        elif kind != "line":
            c.add(f"place '{slug}' is a {kind}, not a line", f"{field}.place", hint="give the place 'kind: line'")
        if isinstance(latitude, bool) or not isinstance(latitude, (int, float)) or not -90 < latitude < 90:
            c.add("must be a latitude between -90 and 90", f"{field}.latitude", hint="decimal degrees north, e.g. 38")
        elif kind == "line":
            parallels.append(Parallel(slug, float(latitude)))
    return tuple(parallels)


def _drawn_from(raw: Any, c: Collector, always_drawn: Collection[str]) -> tuple[tuple[str, dt.date], ...]:
    """{slug: YYYY-MM-DD}: the first day a key place or parallel is drawn on chapters that do not name it."""
    if raw is None:
        return ()
    hint = "e.g. {parallel-38: 1945-08-10}: a key place or parallel, and the first day it is drawn"
    if not isinstance(raw, Mapping):
        c.add("must be a mapping of place slugs to dates", "map.drawn_from", hint=hint)
        return ()
    dates = []
    for slug, value in raw.items():
        field = f"map.drawn_from.{str(slug)[:80]}"
        if slug not in always_drawn:
            c.add(f"'{str(slug)[:80]}' is not one of the key places or parallels", field, hint="list it under map.key_places or map.parallels, or remove it here")
            continue
        day = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else _iso_day(value)
        if day is None:
            c.add(f"'{str(value)[:80]}' is not a date", field, hint="write the day as YYYY-MM-DD")
            continue
        dates.append((slug, day))
    return tuple(dates)


def _iso_day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _period(raw: Any, c: Collector) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # `period: 1944` reads as a number; it names a year
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_PERIOD_LENGTH:
        c.add(f"must be short text (up to {MAX_PERIOD_LENGTH} characters)", "map.period", hint="what the places' name_1950s spellings are called, e.g. '1950s'")
        return None
    if raw.strip() in TABLE_COLUMNS:
        c.add(f"'{raw.strip()}' would name two columns of 'About the map'", "map.period", hint="name the period, e.g. '1950s'")
        return None
    return raw.strip()


MAX_REGIONS = 20


def _region(raw: Any, c: Collector):
    """[[south, west], [north, east]], or a list of such boxes: where the base map's names,
    rivers and lakes are drawn. Always read as a tuple of boxes."""
    if raw is None:
        return None
    hint = "write [[south, west], [north, east]] in degrees, e.g. [[30, 115], [45, 135]], or a list of such boxes"
    # One box's first item is a corner [lat, lon]; a list of boxes' first item is a box.
    several = isinstance(raw, list) and bool(raw) and isinstance(raw[0], list) and bool(raw[0]) and isinstance(raw[0][0], list)
    boxes = raw if several else [raw]
    if len(boxes) > MAX_REGIONS:
        c.add(f"{len(boxes):,} boxes; the limit is {MAX_REGIONS}", "map.region", hint="draw fewer, larger boxes")
        return None
    regions = []
    for number, box in enumerate(boxes, start=1):
        field = f"map.region[{number}]" if several else "map.region"
        corners = box if isinstance(box, list) and len(box) == 2 else None
        numbers = corners and all(isinstance(corner, list) and len(corner) == 2 and all(
            isinstance(value, (int, float)) and not isinstance(value, bool) for value in corner) for corner in corners)
        if not numbers:
            c.add("must be two corners [[south, west], [north, east]]", field, hint=hint)
            continue
        (south, west), (north, east) = corners
        if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
            c.add("the corners must be south-west then north-east, within -90..90 and -180..180", field, hint=hint)
            continue
        regions.append(((float(south), float(west)), (float(north), float(east))))
    return tuple(regions) if len(regions) == len(boxes) else None

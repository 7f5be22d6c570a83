"""The gazetteer: named places with their Korean names and where their coordinates come from."""

from __future__ import annotations

import functools
import math
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

GAZETTEER_PATH = Path(__file__).parent / "data" / "places.yaml"

PLACE_KINDS = ("city", "village", "island", "river", "line", "building")
_TEXT_FIELDS = ("name", "description", "source", "accuracy")
# The period spelling and the Korean names: the Korean War gazetteer has them all; a story
# set elsewhere may leave them out.
_OPTIONAL_TEXT_FIELDS = ("name_1950s", "hangul", "hanja")
_ALL_FIELDS = set(_TEXT_FIELDS) | set(_OPTIONAL_TEXT_FIELDS) | {"lat", "lon", "kind", "key"}


@dataclass(frozen=True)
class Place:
    slug: str
    name: str
    name_1950s: str | None
    hangul: str | None
    hanja: str | None
    lat: float
    lon: float
    kind: str
    key: bool
    description: str
    source: str
    accuracy: str

    @property
    def location(self) -> tuple[float, float]:
        return (self.lat, self.lon)

    @property
    def old_spelling(self) -> str | None:
        """The 1950s spelling, where it differs from today's."""
        return self.name_1950s if self.name_1950s and self.name_1950s != self.name else None

    @property
    def korean(self) -> str | None:
        names = [name for name in (self.hangul, self.hanja) if name]
        return " ".join(names) or None

    @property
    def label(self) -> str:
        """Modern name, 1950s spelling where it differs, and the Korean name, as far as known."""
        label = self.name + (f" ({self.old_spelling})" if self.old_spelling else "")
        return label + (f" · {self.korean}" if self.korean else "")


def parse_place(slug: str, raw: Any) -> tuple[Place | None, list[tuple[str, str]]]:
    """Build a Place from its raw mapping; return it with every (field, problem) found."""
    if not isinstance(raw, Mapping):
        return None, [("", "must be a mapping of fields such as name, lat, lon")]
    problems: list[tuple[str, str]] = []
    for field in sorted(set(raw) - _ALL_FIELDS, key=str):
        problems.append((str(field), f"unknown field; known fields are {', '.join(sorted(_ALL_FIELDS))}"))
    for field in _TEXT_FIELDS:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append((field, "required text is missing or empty"))
    for field in _OPTIONAL_TEXT_FIELDS:
        value = raw.get(field)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append((field, "must be text when given"))
    for field, limit in (("lat", 90), ("lon", 180)):
        value = raw.get(field)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append((field, "must be a number in decimal degrees"))
        elif not -limit <= value <= limit:
            problems.append((field, f"{value} is outside -{limit}..{limit}"))
    if raw.get("kind") not in PLACE_KINDS:
        problems.append(("kind", f"must be one of {', '.join(PLACE_KINDS)}"))
    if not isinstance(raw.get("key", False), bool):
        problems.append(("key", "must be true or false"))
    if problems:
        return None, problems
    place = Place(
        slug=slug,
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        kind=raw["kind"],
        key=raw.get("key", False),
        **{field: raw[field].strip() for field in _TEXT_FIELDS},
        **{field: raw[field].strip() if raw.get(field) else None for field in _OPTIONAL_TEXT_FIELDS},
    )
    return place, []


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Mapping[str, Place]:
    """Read the gazetteer file; raise ValueError naming the file, place and field on bad data."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, Mapping) or not raw:
        raise ValueError(f"{path}: expected a mapping of place slugs to places")
    places: dict[str, Place] = {}
    errors = []
    for slug, entry in raw.items():
        place, problems = parse_place(str(slug), entry)
        errors += [f"{path}: place '{slug}', field '{field}': {message}" for field, message in problems]
        if place:
            places[place.slug] = place
    if errors:
        raise ValueError("\n".join(errors))
    return types.MappingProxyType(places)


def key_places(places: Mapping[str, Place]) -> list[Place]:
    return [place for place in places.values() if place.key]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))

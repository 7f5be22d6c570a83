"""A place a story names: its names, where it is, what kind of place it is and where that comes from.

Pure data and its checks; the built-in gazetteer that holds most places lives with the map data
(geo/places.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

PLACE_KINDS = ("city", "village", "island", "river", "line", "building")
_TEXT_FIELDS = ("name", "description", "source", "accuracy")
# The period spelling and the Korean names: the Korean War gazetteer has them all; a story
# set elsewhere may leave them out.
_OPTIONAL_TEXT_FIELDS = ("name_1950s", "hangul", "hanja")
PLACE_FIELDS = set(_TEXT_FIELDS) | set(_OPTIONAL_TEXT_FIELDS) | {"lat", "lon", "kind", "key"}


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
    for field in sorted(set(raw) - PLACE_FIELDS, key=str):
        problems.append((str(field), f"unknown field; known fields are {', '.join(sorted(PLACE_FIELDS))}"))
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

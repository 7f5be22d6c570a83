"""The gazetteer: named places with their Korean names and where their coordinates come from."""

from __future__ import annotations

import functools
import math
import types
from pathlib import Path
from typing import Mapping

import yaml

from story.places import Place, parse_place

GAZETTEER_PATH = Path(__file__).parent / "data" / "places.yaml"


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

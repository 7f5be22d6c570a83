"""The real set of what a story may refer to: the built-in gazetteer and layers, the countries
of the land data, and our own reader for a story's layer files (story/references.py)."""

from __future__ import annotations

import functools

from geo.history import layer_ids, parse_story_layer
from geo.land import country_codes
from geo.places import load_gazetteer
from story.references import References


@functools.lru_cache(maxsize=1)
def builtin_references() -> References:
    return References(places=load_gazetteer(), layers=layer_ids(), countries=country_codes(), read_layer=parse_story_layer)

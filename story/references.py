"""What a story may refer to beyond its own file, handed to the validator by the map tier.

A story names built-in places and layers, the countries of its land, and files of its own
layers. Which ones exist, and how a layer file is read, is the map data's business
(geo/references.py builds the real set); the validator only asks. So story/ needs no map code,
and a test can hand it a small world of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

# (layer entry, story folder) -> (the layer, or None; [(field, problem), ...])
LayerReader = Callable[[Mapping[str, Any], "Path | None"], "tuple[Any, list[tuple[str, str]]]"]


def _no_layer_reader(entry: Mapping[str, Any], folder: Path | None) -> tuple[None, list[tuple[str, str]]]:
    return None, [("file", "this program reads no layer files of a story's own")]


@dataclass(frozen=True)
class References:
    """places: the built-in gazetteer (slug -> place, or just the slugs);
    layers: the built-in historical layer ids;
    countries: the ISO 3166 alpha-3 codes the land data knows (empty: not checked);
    read_layer: reads a layer the story defines itself, returning it and its problems."""

    places: Mapping[str, Any] | Collection[str] = ()
    layers: Collection[str] = ()
    countries: Collection[str] = ()
    read_layer: LayerReader = _no_layer_reader

    def place_map(self) -> Mapping[str, Any]:
        return self.places if isinstance(self.places, Mapping) else dict.fromkeys(self.places)

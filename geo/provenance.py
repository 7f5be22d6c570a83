"""Where everything on the map comes from, as rows for an "About the map" section."""

from __future__ import annotations

from typing import Mapping

from geo import land, lines
from geo.history import HistoricalLayer
from geo.places import Place

LAND_ACCURACY = "Coastlines and borders within about 0.5-0.7 km near Korea; the world layer is coarse (tens of km)."


def layer_rows(layers: list[HistoricalLayer]) -> list[dict[str, str]]:
    """One row per drawn layer: the land, the 38th parallel and the story's historical layers."""
    region = land.load_land()
    parallel = lines.parallel_38(region)
    rows = [
        {"Layer": "Land", "Shown": "always", "Source": region["source"].iloc[0], "Accuracy": LAND_ACCURACY},
        {"Layer": "38th parallel", "Shown": "always", "Source": parallel["source"].iloc[0], "Accuracy": parallel["accuracy"].iloc[0]},
    ]
    for layer in layers:
        if layer.timeline == "fronts":  # one row per snapshot, so each line can be checked
            series = layer.series
            for index, snap in enumerate(series.snapshots):
                until = series.valid_until(index)
                shown = f"{snap.date:%d %b %Y}" + (f" – {until:%d %b %Y}" if until and until != snap.date else " on")
                rows.append({"Layer": f"{layer.name}: {snap.label}", "Shown": shown, "Source": snap.source, "Accuracy": snap.accuracy})
            continue
        if layer.timeline == "events":
            for event in layer.series:
                rows.append({"Layer": f"{layer.name}: {event.label}", "Shown": event.dates_label(), "Source": event.source, "Accuracy": event.accuracy})
            continue
        rows.append(
            {
                "Layer": layer.name,
                "Shown": layer.dates_label(),
                "Source": " / ".join(dict.fromkeys(layer.features["source"])),
                "Accuracy": " / ".join(dict.fromkeys(layer.features["accuracy"])),
            }
        )
    return rows


def place_rows(places: Mapping[str, Place]) -> list[dict[str, str]]:
    return [
        {
            "Place": place.name,
            "1950s": place.name_1950s or "",
            "Korean": place.korean or "",
            "Source": place.source,
            "Accuracy": place.accuracy,
        }
        for place in places.values()
    ]

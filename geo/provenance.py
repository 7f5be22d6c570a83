"""Where everything on the map comes from, as rows for an "About the map" section."""

from __future__ import annotations

from typing import Mapping

from geo import basemap, land
from geo.history import HistoricalLayer
from story.places import Place
from geo.story_places import parallel_line
from story.model import Story

# As built by geo/build_land.py: detailed in its LAND_BOX (115-135°E, 30-45°N), coarse elsewhere.
LAND_ACCURACY = "Coastlines and borders within about 0.5-0.7 km between 115 and 135°E, 30 and 45°N; elsewhere coarse (tens of km)."


def layer_rows(layers: list[HistoricalLayer], story: Story | None = None, gazetteer: Mapping[str, Place] | None = None) -> list[dict[str, str]]:
    """One row per drawn layer: the land, the story's lines (its parallels) and its historical layers."""
    region = land.load_land()
    rows = [{"Layer": "Land", "Shown": "always", "Source": region["source"].iloc[0], "Accuracy": LAND_ACCURACY}]
    for parallel in story.map.parallels if story is not None else ():
        line = parallel_line(story, parallel)
        name = gazetteer[parallel.place].name if gazetteer else line["name"].iloc[0]
        rows.append({"Layer": name, "Shown": "always", "Source": line["source"].iloc[0], "Accuracy": line["accuracy"].iloc[0]})
    if story is not None and story.map.region:
        rows.append(dict(basemap.PROVENANCE))
    for layer in layers:
        if layer.timeline == "fronts":  # one row per snapshot, so each line can be checked
            series = layer.series
            for index, snap in enumerate(series.snapshots):
                until = series.valid_until(index)
                shown = f"{snap.date:%d %b %Y}" + (f" – {until:%d %b %Y}" if until and until != snap.date else " on")
                rows.append({"Layer": f"{layer.name}: {snap.label}", "Shown": shown, "Source": snap.source, "Accuracy": snap.accuracy})
            for pocket in series.pockets:  # ground one side held inside the other's: it shapes the shading
                shown = f"{pocket.date:%d %b %Y}" + (f" – {pocket.until:%d %b %Y}" if pocket.until != pocket.date else "")
                rows.append({"Layer": f"{layer.name}: {pocket.label}", "Shown": shown, "Source": pocket.source, "Accuracy": pocket.accuracy})
            continue
        if layer.timeline == "events":
            for event in layer.series:
                rows.append({"Layer": f"{layer.name}: {event.label}", "Shown": event.dates_label(), "Source": event.source, "Accuracy": event.accuracy})
            continue
        if any(layer.feature_dates_label(index) != layer.dates_label() for index in layer.features.index):
            # Features with days of their own: one row each, so the reader sees when each is shown.
            for index, row in layer.features.iterrows():
                rows.append({"Layer": f"{layer.name}: {row.label}", "Shown": layer.feature_dates_label(index), "Source": row.source,
                             "Accuracy": row.accuracy})
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


def place_rows(places: Mapping[str, Place], period: str | None = None) -> list[dict[str, str]]:
    """One row per place; the period-spelling and Korean columns only where some place has one,
    the first headed by what the story calls its period ("1950s")."""
    with_period = any(place.name_1950s for place in places.values())
    with_korean = any(place.korean for place in places.values())
    rows = []
    for place in places.values():
        row = {"Place": place.name}
        if with_period:
            row[period or "Period spelling"] = place.name_1950s or ""
        if with_korean:
            row["Korean"] = place.korean or ""
        rows.append({**row, "Source": place.source, "Accuracy": place.accuracy})
    return rows

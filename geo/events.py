"""Dated events: battles, landings and talks as points with a date range, read from a story's
GeoJSON file; a chapter shows those its days cover.

Each feature is a Point with the properties `id`, `date` (YYYY-MM-DD), `label`, `description`
(one line), `source` (naming a map or page) and `accuracy`; `end` (YYYY-MM-DD) for an event of
several days. The file is JSON we read ourselves, size-capped.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

from geo.data_files import read_parsed

MAX_FILE_BYTES = 1_000_000
_FIELDS = ("id", "date", "label", "description", "source", "accuracy")


class EventDataError(ValueError):
    """An events file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Event:
    id: str
    date: dt.date
    end: dt.date
    label: str
    description: str
    source: str
    accuracy: str
    lat: float
    lon: float

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.date <= last and first <= self.end

    def dates_label(self) -> str:
        def day(d: dt.date) -> str:
            return f"{d.day} {d:%B %Y}"

        return day(self.date) if self.end == self.date else f"{day(self.date)} – {day(self.end)}"


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise EventDataError(f"{where}: '{value}' is not a YYYY-MM-DD date") from None


def parse_events(text: str, name: str = "events file") -> tuple[Event, ...]:
    """Every event in the file, in date order; raises EventDataError on bad data."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise EventDataError(f"{name}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise EventDataError(f"{name}: not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise EventDataError(f"{name}: must be a GeoJSON FeatureCollection")
    events, ids = [], set()
    for number, feature in enumerate(data["features"], start=1):
        where = f"{name}, feature {number}"
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or not isinstance(geometry, dict) or geometry.get("type") != "Point":
            raise EventDataError(f"{where}: an event is a Point Feature with properties")
        for field in _FIELDS:
            if not isinstance(props.get(field), str) or not props[field].strip():
                raise EventDataError(f"{where}: the property '{field}' is missing or empty")
        where = f"{name}, '{props['id']}'"
        if props["id"] in ids:
            raise EventDataError(f"{where}: the id is used twice")
        ids.add(props["id"])
        coords = geometry.get("coordinates")
        if not (isinstance(coords, list) and len(coords) >= 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in coords[:2])):
            raise EventDataError(f"{where}: coordinates are [longitude, latitude]")
        lon, lat = float(coords[0]), float(coords[1])
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise EventDataError(f"{where}: {coords[:2]} is not a longitude, latitude in degrees")
        start = _date(props["date"], where)
        end = _date(props["end"], where) if props.get("end") is not None else start
        if end < start:
            raise EventDataError(f"{where}: 'end' comes before 'date'")
        events.append(Event(props["id"], start, end, props["label"].strip(), props["description"].strip(), props["source"].strip(), props["accuracy"].strip(), lat, lon))
    return tuple(sorted(events, key=lambda event: (event.date, event.id)))


def load_events(path: Path) -> tuple[Event, ...]:
    """The file's events; read again only when the file changes (geo/data_files.py)."""
    return read_parsed(path, MAX_FILE_BYTES, parse_events)


def events_between(events, first: dt.date, last: dt.date) -> list[Event]:
    return [event for event in events if event.overlaps(first, last)]

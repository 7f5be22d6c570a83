"""The story model: plain, immutable records an engine can show without knowing the story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

Precision = Literal["day", "month", "year", "undated"]
LatLon = tuple[float, float]
_ISO_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


@dataclass(frozen=True)
class StoryDate:
    """A date and how much of it is known: '1950-06-25' (day), '1950-06' (month), '1910' (year)."""

    value: dt.date | None
    precision: Precision

    @classmethod
    def undated(cls) -> StoryDate:
        return cls(None, "undated")

    def label(self) -> str:
        if self.value is None:
            return "Undated"
        if self.precision == "day":
            return f"{self.value.day} {self.value:%B %Y}"
        if self.precision == "month":
            return f"{self.value:%B %Y}"
        return f"{self.value:%Y}"

    def iso(self) -> str | None:
        """The date as written in a story file, at its own precision."""
        if self.value is None:
            return None
        return self.value.strftime(_ISO_FORMATS[self.precision])


@dataclass(frozen=True)
class View:
    """Where the map looks: a center and zoom, or bounds to fit ((south, west), (north, east))."""

    center: LatLon | None = None
    zoom: float | None = None
    bounds: tuple[LatLon, LatLon] | None = None


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    date: StoryDate
    caption: str
    narrative: str
    places: tuple[str, ...]
    view: View | None
    credit: str | None = None
    overview: bool = False  # an opening chapter showing the whole story, like StoryMapJS's


@dataclass(frozen=True)
class Source:
    """Where a story's text comes from."""

    title: str
    publisher: str
    date: StoryDate
    url: str | None = None


@dataclass(frozen=True)
class Story:
    title: str
    introduction: str
    source: Source
    chapters: tuple[Chapter, ...]
    places: Mapping[str, Any] = field(default_factory=dict)  # the story's own places (geo.places.Place)
    layers: tuple[str, ...] = ()  # ids of the built-in historical layers the story draws

    def index_of(self, chapter_id: str) -> int | None:
        for index, chapter in enumerate(self.chapters):
            if chapter.id == chapter_id:
                return index
        return None

"""The story model: plain, immutable records an engine can show without knowing the story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping

Precision = Literal["day", "month", "year", "undated"]
LatLon = tuple[float, float]
_ISO_LENGTHS = {"day": 10, "month": 7, "year": 4}


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
        # date.isoformat pads the year to four digits; strftime("%Y") does not on every platform.
        return self.value.isoformat()[: _ISO_LENGTHS[self.precision]]


@dataclass(frozen=True)
class View:
    """Where the map looks: a center and zoom, or bounds to fit ((south, west), (north, east))."""

    center: LatLon | None = None
    zoom: float | None = None
    bounds: tuple[LatLon, LatLon] | None = None


@dataclass(frozen=True)
class Media:
    """A chapter's picture, or a link to media that cannot be shown as one (a video, a sound)."""

    url: str  # as written in the story: an http(s) address, or a path relative to the story file
    path: Path | None = None  # the local file `url` names, resolved against the story's folder
    alt: str | None = None  # alt text, for readers who cannot see the image
    caption: str | None = None  # when None, the chapter's caption serves
    credit: str | None = None
    link: str | None = None  # http(s) address of the original
    display: Literal["image", "link"] = "image"  # "link": video and social sites, audio, video, documents
    # A local picture's bytes, read once when the story loads (what was checked is what is shown),
    # and the name it is published under: its content hash and the image type its bytes show.
    data: bytes | None = field(default=None, repr=False)
    published_name: str | None = None

    @property
    def is_local(self) -> bool:
        return self.path is not None


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
    media: Media | None = None
    editorial: bool = False  # its caption and narrative were written for the map, not taken from the source
    note: str | None = None  # an editor's note, shown apart from the source's words

    @property
    def media_caption(self) -> str | None:
        """The caption shown with the media: its own, else the chapter's."""
        if self.media is None:
            return None
        return self.media.caption or self.caption


@dataclass(frozen=True)
class Source:
    """Where a story's text comes from."""

    title: str
    publisher: str
    date: StoryDate
    url: str | None = None


@dataclass(frozen=True)
class Parallel:
    """A line of latitude drawn across the story's home land on every chapter, standing for a place
    of kind `line` (its names, popup and clicks are the place's)."""

    place: str  # slug of the place it stands for
    latitude: float


@dataclass(frozen=True)
class MapSettings:
    """What a story draws on every chapter and how its map opens; empty for a story that says nothing."""

    start: View | None = None  # the opening view; None: the first chapter's
    home: tuple[str, ...] = ()  # ISO 3166 alpha-3 codes of the countries drawn as the story's own land
    key_places: tuple[str, ...] = ()  # places drawn on every chapter's map
    parallels: tuple[Parallel, ...] = ()  # lines of latitude drawn on every chapter's map
    period: str | None = None  # what a place's period spelling is called, e.g. "1950s"
    region: tuple[tuple[LatLon, LatLon], ...] | None = None  # boxes ((south, west), (north, east)) where the base map's names and rivers are drawn
    # (slug, first day): a key place or parallel that did not matter yet is left off the maps of
    # chapters before that day, unless the chapter names it (a line not yet drawn, a village not yet famous).
    drawn_from: tuple[tuple[str, dt.date], ...] = ()

    def first_drawn(self, slug: str) -> dt.date | None:
        return dict(self.drawn_from).get(slug)


@dataclass(frozen=True)
class Story:
    title: str
    introduction: str
    source: Source
    chapters: tuple[Chapter, ...]
    places: Mapping[str, Any] = field(default_factory=dict)  # the story's own places (geo.places.Place)
    layers: tuple[str, ...] = ()  # ids of the historical layers the story draws, built-in or its own
    own_layers: tuple[Any, ...] = ()  # the story's own layers (geo.history.HistoricalLayer)
    map: MapSettings = field(default_factory=MapSettings)
    photo_note: str | None = None  # said under a chapter that has no photo, e.g. where it appeared

    def index_of(self, chapter_id: str) -> int | None:
        for index, chapter in enumerate(self.chapters):
            if chapter.id == chapter_id:
                return index
        return None

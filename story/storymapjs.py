"""Knight Lab StoryMapJS stories (their JSON) turned into our story format, naming what is lost.

A StoryMapJS file is `{"storymap": {"slides": [...], "map_type": ..., ...}}`. Each slide becomes
a chapter (slide N is chapter N) with a view on the slide's location and a place of the story's
own there; the overview slide becomes an overview chapter fitting every location. Slide HTML
becomes plain text. Whatever has no counterpart in our format is reported as a warning, never
dropped silently; stories drawn on an image instead of a map are refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import PurePath
from typing import Any, Collection, Mapping

from story.collector import Collector
from story.html_text import html_to_text
from story.media import is_http_url
from story.problems import Problem, StoryError
from story.slugs import slugify, unique_slug
from story.validate import MAX_CHAPTERS, MAX_ZOOM, parse_date

PUBLISHER = "StoryMapJS import"
PLACE_KIND = "city"  # our places have no generic "point" kind; the kind is not shown to readers
PLACE_SOURCE = "StoryMapJS slide location"
PLACE_ACCURACY = "As placed by the story's author"
DEFAULT_ZOOM = 10  # StoryMapJS may compute a slide's zoom; we need one, and 10 shows a city
NO_TEXT = "(This slide has no text.)"
MIN_OVERVIEW_SPAN = 0.5  # degrees, so an overview of one location is still an area
OVERVIEW_MARGIN = 0.1  # of the span, on each side, so markers do not sit on the edge

_BASE_MAP = "the story map draws its own base map (offline land, with optional web basemaps)"
_ROUTE = "the story map draws its own route line joining the chapters' places"
# Options of a StoryMapJS file (inside "storymap" or beside it), and why we do not carry them over.
OPTION_REASONS = {
    "map_type": _BASE_MAP,
    "map_subdomains": _BASE_MAP,
    "map_access_token": _BASE_MAP,
    "map_background_color": _BASE_MAP,
    "attribution": "the story map credits its own base map data",
    "line_color": _ROUTE,
    "line_color_inactive": _ROUTE,
    "line_join": _ROUTE,
    "line_weight": _ROUTE,
    "line_opacity": _ROUTE,
    "line_dash": _ROUTE,
    "line_follows_path": _ROUTE,
    "show_lines": _ROUTE,
    "show_history_line": _ROUTE,
    "call_to_action": "the story opens on its first chapter, with no start button",
    "call_to_action_text": "the story opens on its first chapter, with no start button",
    "calculate_zoom": "each chapter uses its slide's own zoom",
    "font_css": "the app uses its own fonts",
    "width": "the app lays out the page itself",
    "height": "the app lays out the page itself",
    "language": "the app's words (Next, Previous, ...) are in English",
}
_HANDLED = {"slides", "map_as_image", "zoomify"}
SLIDE_FIELDS = ("type", "location", "text", "media", "date", "background")
LOCATION_FIELDS = ("lat", "lon", "zoom", "line", "icon", "iconSize", "use_default_icon")
TEXT_FIELDS = ("headline", "text")
MEDIA_FIELDS = ("url", "caption", "credit", "link", "alt", "link_target")
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%B %Y", "%b %Y")
_EMBED_ADDRESS = re.compile(r"""(?:src|href)\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)


def is_storymapjs(data: Any, json_file: bool = False) -> bool:
    """A StoryMapJS file: {"storymap": {...}}; in a .json file also the bare storymap object with its slides."""
    if not isinstance(data, Mapping):
        return False
    if isinstance(data.get("storymap"), Mapping):
        return True
    return json_file and isinstance(data.get("slides"), list) and "chapters" not in data


def storymapjs_to_raw(data: Mapping, file: str, taken_places: Collection[str] = (), source_date: dt.date | None = None) -> tuple[dict, list[Problem]]:
    """Our story's raw mapping (ready for build_story) and the warnings about what was not carried over.

    taken_places: place slugs already in use (the gazetteer), which the slides' places avoid;
    source_date: the date to give source.date (the file's modification date), today when None.
    Raises StoryError for a story that cannot become ours (image maps, no slides, bad locations).
    """
    c = Collector(file)
    storymap = data.get("storymap") if isinstance(data.get("storymap"), Mapping) else data
    if storymap is not data:
        _options({k: v for k, v in data.items() if k != "storymap"}, c, "")
    _refuse_image_maps(storymap, c)
    if c.errors:
        raise StoryError(c.all_errors(), c.all_warnings())
    _options(storymap, c, "storymap.")
    slides = storymap.get("slides")
    if not isinstance(slides, list) or not slides:
        c.add("a StoryMapJS story needs a non-empty list of slides", "storymap.slides", hint="export the story again from StoryMapJS")
        raise StoryError(c.all_errors(), c.all_warnings())
    if len(slides) > MAX_CHAPTERS:
        c.add(f"{len(slides):,} slides; the limit is {MAX_CHAPTERS}", "storymap.slides", hint="split the story into several")
        raise StoryError(c.all_errors(), c.all_warnings())
    raw = _Converter(c, file, taken_places).convert(slides, source_date or dt.date.today())
    if c.errors:
        raise StoryError(c.all_errors(), c.all_warnings())
    return raw, c.all_warnings()


def _refuse_image_maps(storymap: Mapping, c: Collector) -> None:
    map_type = storymap.get("map_type")
    image = storymap.get("map_as_image") is True or bool(storymap.get("zoomify"))
    image = image or (isinstance(map_type, str) and map_type.lower().startswith(("zoomify", "gigapixel")))
    if image:
        field = "storymap.map_as_image" if storymap.get("map_as_image") is True else "storymap.map_type" if map_type else "storymap.zoomify"
        c.add("this StoryMapJS story is drawn on an image (a gigapixel or zoomify map), not on a geographic map; "
              "only geographic maps are supported", field,
              hint="import a StoryMapJS story made on a map (map_as_image false), or place the story's chapters on a map yourself")


def _options(options: Mapping, c: Collector, prefix: str) -> None:
    for key, value in options.items():
        if key in _HANDLED or _unset(value):
            continue
        if key == "language" and value == "en":
            continue  # English is what the app speaks anyway
        reason = OPTION_REASONS.get(key)
        if reason is None:
            c.warn(f"unknown StoryMapJS option {_shown(value)} is not carried over", f"{prefix}{key}", hint="carry it over by hand if it matters")
        else:
            c.warn(f"option {key} {_shown(value)} is not carried over: {reason}", f"{prefix}{key}")


def _unset(value: Any) -> bool:
    """An option left empty or off carries nothing, so dropping it loses nothing (0 is a value)."""
    return value is None or value is False or (isinstance(value, (str, list, dict)) and not value)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _mapping(slide: Mapping, key: str, c: Collector, where: str) -> Mapping:
    value = slide.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        c.warn("is not a mapping; left out", key, where)
        return {}
    return value


MAX_HTML_FIELD = 100_000  # characters of HTML in one headline, text, caption or credit


class _Converter:
    def __init__(self, c: Collector, file: str, taken_places: Collection[str]):
        self.c = c
        self.file = file
        self.taken_places = set(taken_places)
        self.places: dict[str, dict] = {}
        self.place_at: dict[tuple[float, float], str] = {}

    def convert(self, slides: list, source_date: dt.date) -> dict:
        chapters, ids = [], set()
        located: list[tuple[float, float]] = []
        for number, slide in enumerate(slides, start=1):
            if not isinstance(slide, Mapping):
                self.c.add("must be a mapping with location, text and media", chapter=f"slide {number}")
                continue
            chapter, location = self._chapter(slide, number, ids)
            chapters.append(chapter)
            if location is not None:
                located.append(location)
        if not located and not self.c.errors:
            self.c.add("no slide has a location, so there is nothing to show on the map", "location",
                       hint="give at least one slide a location (lat, lon)")
        self._fill_views(chapters, located)
        overview = next((ch for ch in chapters if ch.get("overview")), chapters[0] if chapters else {})
        title = overview.get("title") or "Imported StoryMapJS story"
        raw: dict[str, Any] = {
            "title": title,
            "source": {"title": f"{title} (StoryMapJS file {PurePath(self.file).name})",
                       "publisher": PUBLISHER, "date": source_date.isoformat()},
        }
        self.c.warn("a StoryMapJS file has no publication date; source.date is the file's modification date", "source.date",
                    hint="after converting, set source.date to when the story was published")
        if self.places:
            raw["places"] = self.places
        raw["chapters"] = [{k: v for k, v in ch.items() if not k.startswith("_")} for ch in chapters]
        return raw

    def _chapter(self, slide: Mapping, number: int, ids: set[str]) -> tuple[dict, tuple[float, float] | None]:
        c = self.c
        text = _mapping(slide, "text", c, f"slide {number}")
        headline = self._html(text.get("headline"), "text.headline", f"slide {number}")
        is_overview = slide.get("type") == "overview"
        chapter_id = unique_slug(slugify(headline) or ("overview" if is_overview else f"slide-{number}"), ids)
        ids.add(chapter_id)
        where = f"slide {number} '{chapter_id}'"
        for key in slide:
            if key not in SLIDE_FIELDS:
                c.warn(f"unknown slide option {_shown(slide[key])} is not carried over", str(key), where)
        for key in text:
            if key not in TEXT_FIELDS:
                c.warn(f"unknown text option {_shown(text[key])} is not carried over", f"text.{key}", where)
        if slide.get("type") not in (None, "", "overview"):
            c.warn(f"unknown slide type {_shown(slide['type'])}; shown as an ordinary chapter", "type", where)
        title = headline or f"Slide {number}"
        if not headline:
            c.warn(f"has no headline; the chapter is titled '{title}'", "text.headline", where, "give the chapter a title")
        chapter: dict[str, Any] = {"id": chapter_id, "title": title}
        if date := self._date(slide.get("date"), where):
            chapter["date"] = date
        if is_overview:
            chapter["overview"] = True
        media, caption, credit = self._media(_mapping(slide, "media", c, where), where)
        chapter["caption"] = caption or title
        narrative = self._html(text.get("text"), "text.text", where)
        if not narrative:
            c.warn(f"has no text; the narrative reads '{NO_TEXT}'", "text.text", where, "write the chapter's narrative")
        chapter["narrative"] = narrative or NO_TEXT
        if credit:
            chapter["credit"] = credit
        if media:
            chapter["media"] = media
        self._background(_mapping(slide, "background", c, where), where)
        # An overview's own location is ignored, as StoryMapJS does: it fits every slide's location.
        location = None if is_overview else self._location(_mapping(slide, "location", c, where), chapter, number, where)
        chapter["_where"] = where
        return chapter, location

    def _html(self, value: Any, field: str, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.c.warn(f"is not text ({_shown(value)}); left out", field, where)
            return ""
        if len(value) > MAX_HTML_FIELD:
            self.c.add(f"is {len(value):,} characters long; the limit is {MAX_HTML_FIELD:,}", field, where, "shorten the slide's text")
            return ""
        return html_to_text(value)

    def _date(self, value: Any, where: str) -> str | None:
        if value in (None, ""):
            return None
        text = str(value).strip()
        date = parse_date(text)
        if date is None:
            for pattern in _DATE_FORMATS:
                try:
                    parsed = dt.datetime.strptime(text, pattern).date()
                except ValueError:
                    continue
                precision = "day" if "%d" in pattern else "month"
                return parsed.strftime("%Y-%m-%d" if precision == "day" else "%Y-%m")
        if date is None or date.value is None:
            self.c.warn(f"date {_shown(value)} is not a date we can read; left out", "date", where,
                        "write it as YYYY-MM-DD, YYYY-MM or YYYY, or put it in the text")
            return None
        return date.iso()

    def _media(self, media: Mapping, where: str) -> tuple[dict | None, str, str]:
        """(our media mapping or None, the caption as text, the credit as text when there is no media)."""
        c = self.c
        for key in media:
            if key not in MEDIA_FIELDS:
                c.warn(f"unknown media option {_shown(media[key])} is not carried over", f"media.{key}", where)
        caption = self._html(media.get("caption"), "media.caption", where)
        credit = self._html(media.get("credit"), "media.credit", where)
        url = media.get("url")
        url = url.strip() if isinstance(url, str) else ""
        if len(url) > MAX_HTML_FIELD:
            c.add(f"is {len(url):,} characters long; the limit is {MAX_HTML_FIELD:,}", "media.url", where)
            url = ""
        if url.startswith("<"):
            found = _EMBED_ADDRESS.search(url)
            c.warn("is embed code (HTML); " + (f"only its address {found.group(1)} is kept" if found else "it has no http(s) address and is left out"),
                   "media.url", where, "give the media's address instead")
            url = found.group(1) if found else ""
        if url.startswith("//"):
            # StoryMapJS authors often paste scheme-less addresses; our media needs the scheme.
            c.warn(f"address {_shown(url)} has no scheme; https: is added", "media.url", where)
            url = "https:" + url
        if not url:
            return None, caption, credit  # a caption or credit without media still describes the chapter
        ours: dict[str, Any] = {"url": url}
        if isinstance(media.get("alt"), str) and media["alt"].strip():
            ours["alt"] = self._html(media["alt"], "media.alt", where)
        if credit:
            ours["credit"] = credit
        link = media.get("link")
        if isinstance(link, str) and link.strip():
            if is_http_url(link.strip()):
                ours["link"] = link.strip()
            else:
                c.warn(f"link {_shown(link)} is not an http(s) address; left out", "media.link", where)
        if media.get("link_target"):
            c.warn(f"option link_target {_shown(media['link_target'])} is not carried over: links open as the app opens them", "media.link_target", where)
        return ours, caption, ""

    def _background(self, background: Mapping, where: str) -> None:
        for key, value in background.items():
            if not _unset(value):
                self.c.warn(f"background {key} {_shown(value)} is not carried over: the story map shows the map beside the text, not behind it",
                            f"background.{key}", where)

    def _location(self, location: Mapping, chapter: dict, number: int, where: str) -> tuple[float, float] | None:
        c = self.c
        for key in location:
            if key not in LOCATION_FIELDS:
                c.warn(f"unknown location option {_shown(location[key])} is not carried over", f"location.{key}", where)
        if location.get("line") is False:
            c.warn("line false is not carried over: " + _ROUTE + ", this slide's place included", "location.line", where)
        if location.get("icon") or location.get("use_default_icon") is False or location.get("iconSize"):
            c.warn(f"custom marker icon {_shown(location.get('icon'))} is not carried over: the map rings the chapter's place instead",
                   "location.icon", where)
        if location.get("lat") in (None, "") and location.get("lon") in (None, ""):
            return None
        lat, lon = _number(location.get("lat")), _number(location.get("lon"))
        for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
            if value is None:
                c.add(f"{_shown(location.get(name))} is not a number", f"location.{name}", where, "give decimal degrees")
            elif not -limit <= value <= limit:
                c.add(f"{value:g} is outside -{limit}..{limit}", f"location.{name}", where, "give decimal degrees, latitude first")
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        chapter["places"] = [self._place(lat, lon, chapter["title"], number)]
        chapter["view"] = {"center": [lat, lon], "zoom": self._zoom(location.get("zoom"), where)}
        return (lat, lon)

    def _zoom(self, value: Any, where: str) -> float:
        zoom = _number(value)
        if zoom is not None and zoom != zoom:  # NaN
            zoom = None
        if zoom is None:
            if value not in (None, ""):
                self.c.warn(f"zoom {_shown(value)} is not a number; using {DEFAULT_ZOOM}", "location.zoom", where)
            else:
                self.c.warn(f"has no zoom; using {DEFAULT_ZOOM}", "location.zoom", where, "set view.zoom after converting if it frames badly")
            return DEFAULT_ZOOM
        clamped = min(max(zoom, 1), MAX_ZOOM)
        if clamped != zoom:
            self.c.warn(f"zoom {zoom:g} is outside 1..{MAX_ZOOM}; using {clamped:g}", "location.zoom", where)
        return int(clamped) if clamped == int(clamped) else clamped

    def _place(self, lat: float, lon: float, title: str, number: int) -> str:
        """The story's own place at this location; slides at the same spot share one."""
        key = (round(lat, 6), round(lon, 6))
        if key in self.place_at:
            return self.place_at[key]
        slug = unique_slug(slugify(title) or f"slide-{number}", self.taken_places | set(self.places))
        self.places[slug] = {
            "name": title, "lat": lat, "lon": lon, "kind": PLACE_KIND,
            "description": f"Where slide {number} of the StoryMapJS story, “{title}”, is placed.",
            "source": PLACE_SOURCE, "accuracy": PLACE_ACCURACY,
        }
        self.place_at[key] = slug
        return slug

    def _fill_views(self, chapters: list[dict], located: list[tuple[float, float]]) -> None:
        """Overviews fit every location; a slide without one keeps the previous slide's view."""
        if not located:
            return
        everything = _bounds(located)
        previous = None
        for chapter in chapters:
            if chapter.get("overview"):
                chapter["view"] = {"bounds": everything}
                chapter["places"] = list(self.places)
            elif "view" in chapter:
                previous = chapter["view"]
            elif previous is not None:
                chapter["view"] = dict(previous)
                self.c.warn("has no location; it keeps the previous slide's view", "location", chapter["_where"], "give the slide a location")
            else:
                chapter["view"] = {"bounds": everything}
                self.c.warn("has no location and no slide before it has one; it shows every slide's location", "location",
                            chapter["_where"], "give the slide a location")


def _bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    """[[south, west], [north, east]] around the points, with a margin, within the world."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat_pad = max((max(lats) - min(lats)) * OVERVIEW_MARGIN, MIN_OVERVIEW_SPAN / 2)
    lon_pad = max((max(lons) - min(lons)) * OVERVIEW_MARGIN, MIN_OVERVIEW_SPAN / 2)
    south, north = max(min(lats) - lat_pad, -90.0), min(max(lats) + lat_pad, 90.0)
    west, east = max(min(lons) - lon_pad, -180.0), min(max(lons) + lon_pad, 180.0)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]

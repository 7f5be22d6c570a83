"""Write a Story back out in our YAML format, readable like the default story file.

Captions and narratives are folded block scalars, short lists sit on one line, chapters are
separated by a blank line, dates keep their precision and views stay as written. The text is
checked by reading it back, so what is written always loads to the same story.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from story.model import Chapter, MapSettings, Media, Source, Story, View
from story.reading import parse_yaml

HEADER = "# A story for the story map; the format is described in story/README.md.\n"
LINE_WIDTH = 90  # a soft limit: a line breaks at the first space past it, as in the default story
_FOLDED_FIELDS = ("introduction", "photo_note", "caption", "narrative")  # prose, folded like the default story
_PLACE_TEXT_FIELDS = ("name", "name_1950s", "hangul", "hanja")
_PLACE_NOTE_FIELDS = ("description", "source", "accuracy")


class _Prose(str):
    """Text to write as a block scalar (folded, or literal when it has line breaks)."""


class _StoryDumper(yaml.SafeDumper):
    """Indented lists, flow style for short lists, and no timestamp guessing (dates stay text)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_StoryDumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _represent_prose(dumper: yaml.SafeDumper, text: _Prose) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|" if "\n" in text else ">")


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    def short(item: Any) -> bool:
        return not isinstance(item, (dict, list)) or (isinstance(item, list) and all(not isinstance(i, (dict, list)) for i in item))

    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=all(short(item) for item in items))


_StoryDumper.add_representer(_Prose, _represent_prose)
_StoryDumper.add_representer(list, _represent_list)


def _own_layer(layer) -> dict[str, Any]:
    raw = {"id": layer.id, "name": layer.name, "start": layer.start.isoformat()}
    if layer.end:
        raw["end"] = layer.end.isoformat()
    raw.update(color=layer.color, legend=layer.legend, description=layer.description, file=layer.file)
    if getattr(layer, "timeline", None):
        raw["timeline"] = layer.timeline
    return raw


def story_to_raw(story: Story, prose: bool = True) -> dict[str, Any]:
    """The story as the plain mapping a story file holds, fields in the documented order."""
    wrap = _Prose if prose else str
    raw: dict[str, Any] = {"title": story.title}
    if story.introduction:
        raw["introduction"] = wrap(story.introduction)
    raw["source"] = _source(story.source)
    if story.places:
        raw["places"] = {slug: _place(place) for slug, place in story.places.items()}
    if story.layers:
        own = {layer.id: layer for layer in story.own_layers}
        raw["layers"] = [_own_layer(own[layer_id]) if layer_id in own else layer_id for layer_id in story.layers]
    if map_raw := _map(story.map):
        raw["map"] = map_raw
    if story.photo_note:
        raw["photo_note"] = wrap(story.photo_note)
    raw["chapters"] = [_chapter(chapter, wrap) for chapter in story.chapters]
    return raw


def _map(settings: MapSettings) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    if settings.start is not None:
        raw["start"] = _view(settings.start)
    if settings.home:
        raw["home"] = list(settings.home)
    if settings.key_places:
        raw["key_places"] = list(settings.key_places)
    if settings.parallels:
        raw["parallels"] = [{"place": parallel.place, "latitude": _number(parallel.latitude)} for parallel in settings.parallels]
    if settings.drawn_from:
        raw["drawn_from"] = {slug: day for slug, day in settings.drawn_from}
    if settings.period:
        raw["period"] = settings.period
    if settings.region:
        boxes = [[[_number(value) for value in corner] for corner in box] for box in settings.region]
        raw["region"] = boxes[0] if len(boxes) == 1 else boxes
    return raw


def dump_story(story: Story) -> str:
    """The story as YAML in our format; loading it gives back an equal Story."""
    raw = story_to_raw(story)
    attempts = (
        lambda: _spaced(_dump(raw)),
        # A text that defeats block scalars or spacing is written with plain quoting ...
        lambda: _dump(story_to_raw(story, prose=False)),
        # ... and one with YAML's own line breaks (NEL, LS, PS), which PyYAML writes raw and
        # which read back as spaces, with everything beyond ASCII escaped.
        lambda: _dump(story_to_raw(story, prose=False), ascii_only=True),
    )
    for attempt in attempts:
        text = HEADER + attempt()
        if parse_yaml(text, "<written story>") == raw:
            return text
    raise ValueError("the story could not be written so that it reads back the same")  # never seen


def _dump(raw: dict, ascii_only: bool = False) -> str:
    return yaml.dump(raw, Dumper=_StoryDumper, sort_keys=False, allow_unicode=not ascii_only, width=LINE_WIDTH, default_flow_style=False)


def _spaced(text: str) -> str:
    """A blank line before each top-level section after the source, each place and each chapter."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    section = ""
    for line in lines:
        if top := re.match(r"^([a-z_]+):", line):
            section = top.group(1)
            if section in ("places", "layers", "map", "photo_note", "chapters"):
                out.append("\n")
        elif out and not out[-1].rstrip().endswith(":"):
            if (section == "chapters" and line.startswith("  - ")) or (section == "places" and re.match(r"^  [a-z0-9-]+:", line)):
                out.append("\n")
        out.append(line)
    return "".join(out)


def _source(source: Source) -> dict[str, Any]:
    raw: dict[str, Any] = {"title": source.title, "publisher": source.publisher, "date": source.date.iso()}
    if source.url:
        raw["url"] = source.url
    return raw


def _place(place: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {field: getattr(place, field) for field in _PLACE_TEXT_FIELDS if getattr(place, field)}
    raw.update(lat=place.lat, lon=place.lon, kind=place.kind)
    if place.key:
        raw["key"] = True
    raw.update({field: getattr(place, field) for field in _PLACE_NOTE_FIELDS})
    return raw


def _chapter(chapter: Chapter, wrap: type) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": chapter.id, "title": chapter.title}
    if chapter.date.value is not None:
        raw["date"] = chapter.date.iso()
    if chapter.overview:
        raw["overview"] = True
    if chapter.editorial:
        raw["editorial"] = True
    raw["caption"] = wrap(chapter.caption)
    raw["narrative"] = wrap(chapter.narrative)
    if chapter.note:
        raw["note"] = wrap(chapter.note)
    if chapter.credit:
        raw["credit"] = chapter.credit
    if chapter.places:
        raw["places"] = list(chapter.places)
    if chapter.view is not None:
        raw["view"] = _view(chapter.view)
    if chapter.media is not None:
        raw["media"] = _media(chapter.media)
    return raw


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _view(view: View) -> dict[str, Any]:
    if view.bounds is not None:
        return {"bounds": [list(corner) for corner in view.bounds]}
    return {"center": list(view.center), "zoom": _number(view.zoom)}


def _media(media: Media) -> dict[str, Any]:
    raw: dict[str, Any] = {"url": media.url}
    for field in ("alt", "caption", "credit", "link"):
        if value := getattr(media, field):
            raw[field] = value
    return raw

"""Read a story file (our YAML, or a StoryMapJS JSON file) into a validated Story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from story.model import Story
from story.problems import Problem, StoryError
from story.references import References
from story.reading import MAX_STORY_BYTES, read_story_data  # noqa: F401  (re-exported for callers)
from story.storymapjs import is_storymapjs, storymapjs_to_raw
from story.validate import build_story_with_warnings

DEFAULT_STORY_PATH = Path(__file__).parent / "data" / "korean-war.yaml"


def load_story_with_warnings(path: Path | str, references: References) -> tuple[Story, list[Problem]]:
    """Read, convert (StoryMapJS) and validate a story; return it with its warnings.

    references: what the story may name beyond itself (geo.references.builtin_references()).
    Raises StoryReadError when the file cannot be read or parsed, StoryError when it is invalid;
    both carry every problem found.
    """
    path = Path(path)
    name = str(path)
    raw = read_story_data(path)
    warnings: list[Problem] = []
    if is_storymapjs(raw, json_file=path.suffix.lower() == ".json"):
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
        raw, warnings = storymapjs_to_raw(raw, name, taken_places=references.place_map(), source_date=modified)
    try:
        story, more = build_story_with_warnings(raw, name, references, folder=path.parent)
    except StoryError as error:
        raise StoryError(error.problems, warnings + error.warnings) from None
    return story, warnings + more


def load_story(path: Path | str, references: References) -> Story:
    """Read and validate a story, ignoring its warnings; see load_story_with_warnings."""
    return load_story_with_warnings(path, references)[0]

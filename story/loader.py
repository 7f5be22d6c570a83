"""Read a story file (YAML) into a validated Story."""

from __future__ import annotations

from pathlib import Path
from typing import Collection

import yaml

from story.model import Story
from story.problems import Problem, StoryError
from story.validate import build_story

DEFAULT_STORY_PATH = Path(__file__).parent / "data" / "korean-war.yaml"
MAX_STORY_BYTES = 2_000_000  # a story of hundreds of chapters fits many times over


class _StoryYamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written ('1950-06-25'), so a bad date is our error, not a crash."""


_StoryYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_story_data(path: Path) -> object:
    """Parse the file, turning read and YAML errors into a StoryError with line and column."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_STORY_BYTES:
            raise StoryError([Problem(name, f"file is {size:,} bytes; the limit is {MAX_STORY_BYTES:,}", hint="split the story or shorten it")])
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise StoryError([Problem(name, f"cannot read the file: {error.strerror or error}")]) from None
    except UnicodeDecodeError as error:
        raise StoryError([Problem(name, f"not UTF-8 text (byte {error.start})", hint="save the file as UTF-8")]) from None
    try:
        return yaml.load(text, Loader=_StoryYamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise StoryError([Problem(name, f"not valid YAML: {problem}", line=line, column=column, hint="check indentation and quote text containing ': '")]) from None


def load_story(path: Path | str, gazetteer: Collection[str], known_layers: Collection[str] = ()) -> Story:
    """Read and validate a story; see build_story for what gazetteer and known_layers are."""
    path = Path(path)
    return build_story(read_story_data(path), str(path), gazetteer, known_layers)

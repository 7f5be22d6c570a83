"""Read a story file's text and parse it (YAML, or JSON for StoryMapJS files).

Everything here fails with StoryReadError: the file cannot be read or parsed at all, as
opposed to a file that parses but is not a valid story.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from story.files import UnreadableFile, read_regular_file
from story.problems import Problem, StoryReadError

MAX_STORY_BYTES = 2_000_000  # a story of hundreds of chapters fits many times over


class _StoryYamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written ('1950-06-25'), so a bad date is our error, not a crash,
    and refuses aliases (*name): a story never needs them, and a few lines of them can expand to
    billions of values (a "YAML bomb") or refer to themselves."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in a story file", mark)
        return super().compose_node(parent, index)


_StoryYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path) -> str:
    """The story file's text: a regular file (not a FIFO or a device), opened once, read up to
    the limit, so no file can stall or flood the reader."""
    name = str(path)
    if path.is_dir():
        raise StoryReadError([Problem(name, "is a folder, not a story file", hint="name the .yaml or .json file")])
    try:
        # A story named on the command line may be a link to the real file; a story's own files may not.
        data = read_regular_file(path.resolve(), MAX_STORY_BYTES)
    except OSError as error:
        raise StoryReadError([Problem(name, f"cannot read the file: {error.strerror or error}", hint="check the path")]) from None
    except UnreadableFile as error:
        if "limit" in str(error):
            raise StoryReadError([Problem(name, f"file {error}", hint="split the story or shorten it")]) from None
        raise StoryReadError([Problem(name, f"cannot read the file: it {error}", hint="check the path")]) from None
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is not part of the story
    except UnicodeDecodeError as error:
        raise StoryReadError([Problem(name, f"not UTF-8 text (byte {error.start})", hint="save the file as UTF-8")]) from None


TOO_DEEP = "nested too deeply to be a story"
TOO_DEEP_HINT = "a story's lists and mappings go a few levels deep, not hundreds"


def parse_yaml(text: str, name: str) -> object:
    try:
        return yaml.load(text, Loader=_StoryYamlLoader)
    except RecursionError:
        raise StoryReadError([Problem(name, f"not valid YAML: {TOO_DEEP}", hint=TOO_DEEP_HINT)]) from None
    except ValueError as error:  # e.g. an integer of thousands of digits, or a !!timestamp that is no date
        raise StoryReadError([Problem(name, f"not valid YAML: {error}", hint="check the numbers and dates")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise StoryReadError([Problem(name, f"not valid YAML: {problem}", line=line, column=column, hint="check indentation and quote text containing ': '")]) from None


def parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise StoryReadError([Problem(name, f"not valid JSON: {TOO_DEEP}", hint=TOO_DEEP_HINT)]) from None
    except json.JSONDecodeError as error:
        raise StoryReadError([Problem(name, f"not valid JSON: {error.msg}", line=error.lineno, column=error.colno, hint="check commas, quotes and brackets near there")]) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise StoryReadError([Problem(name, f"not valid JSON: {error}", hint="check the numbers")]) from None


def read_story_data(path: Path) -> object:
    """The file's parsed content: JSON for a .json file, YAML otherwise (YAML also reads most JSON)."""
    text = read_text(path)
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))

"""What a story's text may hold: anything printable, newlines and tabs, but no other control
character and no lone surrogate. The renderers (HTML, JSON for the browser, YAML, SVG) cannot
all carry those, so a story that has them is refused when it is checked, not when it is drawn."""

from __future__ import annotations

import re
from typing import Any, Iterator

_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why the text cannot be shown, or None."""
    match = _BAD.search(text)
    if match is None:
        return None
    code = ord(match.group())
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    return f"holds {what} (U+{code:04X}) at position {match.start() + 1}"


def bad_strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, problem) for every key or string value in parsed data that breaks the rule."""
    stack = [(path, data)]
    while stack:  # iterative: parsed data can be deep
        where, value = stack.pop()
        if isinstance(value, str):
            if (problem := text_problem(value)) is not None:
                yield where, problem
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and (problem := text_problem(key)) is not None:
                    yield where or "(top level)", f"a field name {problem}"
                    name = f"{where}.(field)"
                stack.append((name, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{number}]", item) for number, item in reversed(list(enumerate(value, start=1))))

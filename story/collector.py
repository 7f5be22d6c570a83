"""Gathers the problems found in one story file, so every check can report and carry on."""

from __future__ import annotations

import difflib
from typing import Mapping

from story.problems import Problem


class Collector:
    def __init__(self, file: str):
        self.file = file
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.pictures: dict = {}  # local pictures read so far (path -> bytes), each read once
        self.picture_bytes = 0

    def add(self, message: str, field: str = "", chapter: str = "", hint: str = "") -> None:
        """Record an error: the story cannot be used until it is fixed."""
        self.errors.append(Problem(self.file, message, field, chapter, hint))

    def warn(self, message: str, field: str = "", chapter: str = "", hint: str = "") -> None:
        """Record a warning: the story works, but the reader may miss something."""
        self.warnings.append(Problem(self.file, message, field, chapter, hint, severity="warning"))

    def unknown_fields(self, raw: Mapping, known: tuple[str, ...], prefix: str, chapter: str = "") -> None:
        for name in raw:
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
                self.add("unknown field", f"{prefix}{name}", chapter, hint)

    def text(self, raw: Mapping, name: str, prefix: str = "", chapter: str = "", required: bool = True) -> str | None:
        value = raw.get(name)
        if value is None:
            if required:
                self.add("required text is missing", f"{prefix}{name}", chapter, f"add '{name}: ...'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add("must be non-empty text", f"{prefix}{name}", chapter, "quote the value if it is a number or date")
            return None
        return value.strip()

"""Gathers the problems found in one story file, so every check can report and carry on."""

from __future__ import annotations

import difflib
from typing import Collection, Mapping

from story.problems import Problem

MAX_PROBLEMS = 100  # of each severity kept and shown; the rest are counted ("and N more")
MAX_SUGGESTIONS = 50  # "did you mean" hints per file: each one compares a word with every choice
SUGGEST_LONGEST = 64  # words and choices longer than this get no suggestion
SUGGEST_CHOICES = 2_000  # nor do words with more choices than this


class Collector:
    def __init__(self, file: str):
        self.file = file
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.pictures: dict = {}  # local pictures read so far (path -> bytes, published name), each read once
        self.picture_bytes = 0
        self.more_errors = 0  # found beyond MAX_PROBLEMS
        self.more_warnings = 0
        self.suggestions = 0

    def add(self, message: str, field: str = "", chapter: str = "", hint: str = "") -> None:
        """Record an error: the story cannot be used until it is fixed."""
        if len(self.errors) >= MAX_PROBLEMS:
            self.more_errors += 1
            return
        self.errors.append(Problem(self.file, message[:500], field[:200], chapter[:200], hint[:300]))

    def warn(self, message: str, field: str = "", chapter: str = "", hint: str = "") -> None:
        """Record a warning: the story works, but the reader may miss something."""
        if len(self.warnings) >= MAX_PROBLEMS:
            self.more_warnings += 1
            return
        self.warnings.append(Problem(self.file, message[:500], field[:200], chapter[:200], hint[:300], severity="warning"))

    def has_errors(self) -> bool:
        return bool(self.errors)

    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    def all_errors(self) -> list[Problem]:
        """The errors kept, and a last line counting the others."""
        return _with_more(self.errors, self.more_errors, self.file, "error")

    def all_warnings(self) -> list[Problem]:
        return _with_more(self.warnings, self.more_warnings, self.file, "warning")

    def suggest(self, word: str, choices: Collection[str]) -> str | None:
        """The closest choice to a misspelt word, while suggestions are cheap: a few per file,
        for short words among not too many choices (difflib compares the word with each)."""
        if self.suggestions >= MAX_SUGGESTIONS or len(word) > SUGGEST_LONGEST or len(choices) > SUGGEST_CHOICES:
            return None
        self.suggestions += 1
        close = difflib.get_close_matches(word, [c for c in choices if len(c) <= SUGGEST_LONGEST], n=1)
        return close[0] if close else None

    def unknown_fields(self, raw: Mapping, known: tuple[str, ...], prefix: str, chapter: str = "") -> None:
        for name in raw:
            if name not in known:
                close = self.suggest(str(name), known)
                hint = f"did you mean '{close}'?" if close else f"known fields: {', '.join(known)}"
                self.add("unknown field", f"{prefix}{str(name)[:80]}", chapter, hint)

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


def _with_more(problems: list[Problem], more: int, file: str, word: str) -> list[Problem]:
    if not more:
        return list(problems)
    severity = "warning" if word == "warning" else "error"
    return [*problems, Problem(file, f"and {more:,} more {word}{'' if more == 1 else 's'} not listed", severity=severity,
                               hint="fix these and check again")]

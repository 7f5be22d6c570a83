"""Validation problems that name the file, the chapter and the field, and say how to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    field: str = ""
    chapter: str = ""  # "chapter 3 'inchon-landing'" or "" for story-level fields
    hint: str = ""
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"  # a warning leaves the story usable; an error rejects it

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        return self.describe(label_errors=False)

    def describe(self, label_errors: bool = True) -> str:
        """'file:line:col, chapter, field 'x': error: message (fix: hint)'; warnings are always labelled."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        parts = [where]
        if self.chapter:
            parts.append(self.chapter)
        if self.field:
            parts.append(f"field '{self.field}'")
        label = "warning: " if self.is_warning else "error: " if label_errors else ""
        text = ", ".join(parts) + f": {label}{self.message}"
        if self.hint:
            text += f" (fix: {self.hint})"
        return text


class StoryError(Exception):
    """A story file that cannot be used; carries every problem found, not just the first.

    `problems` are the errors; `warnings` are what was also found on the way, so a reader
    fixing the errors sees everything at once.
    """

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()):
        self.problems = list(problems)
        self.warnings = list(warnings)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class StoryReadError(StoryError):
    """The file cannot be read or parsed at all (missing, not UTF-8, too big, bad YAML/JSON syntax)."""

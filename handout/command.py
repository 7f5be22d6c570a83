"""`python -m story print PATH OUT.pdf [--paper a4|letter]`: a story's printed handout.

Loading and its messages are the story command line's own, so `print` reports a bad story
exactly as `validate` does, with the same exit statuses."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from handout.layout import render_handout
from story.cli import UNREADABLE, VALID, _builtins, _load

MAX_MISSING_SHOWN = 40


def print_handout(source: Path, target: Path, paper: str, out: TextIO) -> int:
    gazetteer, layers = _builtins()
    story, status = _load(source, gazetteer, layers, out)
    if story is None:
        return status
    if target.is_dir():
        print(f"{target}: is a folder; name the PDF file to write", file=out)
        return UNREADABLE
    data, result = render_handout(story, gazetteer, paper)
    if result.missing:
        shown = " ".join(result.missing[:MAX_MISSING_SHOWN]) + (" …" if len(result.missing) > MAX_MISSING_SHOWN else "")
        print(f"{source}: warning: the handout's font has no glyph for {len(result.missing)} characters, printed as blanks: {shown}", file=out)
    try:
        target.write_bytes(data)
    except OSError as error:
        print(f"{target}: cannot write the PDF: {error.strerror or error}", file=out)
        return UNREADABLE
    print(f"{target}: written, {result.pages} pages ({paper}), {result.size // 1024} KB", file=out)
    return VALID

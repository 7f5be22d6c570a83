"""A data file read once per version: parsed again only when the file itself changes.

The file is read by story/files.py's rule (a regular file, never a link, within its limit), so
every reader of a story's dated data shares one way in and one cache.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable, TypeVar

from story.files import read_regular_file

T = TypeVar("T")


def read_parsed(path: Path | str, limit: int, parse: Callable[[str, str], T]) -> T:
    """parse(text, name) of the file; cached by the file's modification time and size."""
    info = os.stat(path, follow_symlinks=False)  # the file itself, never what a link points to
    return _parsed(Path(path), info.st_mtime_ns, info.st_size, limit, parse)


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, _mtime_ns: int, _size: int, limit: int, parse: Callable[[str, str], T]) -> T:
    return parse(read_regular_file(path, limit).decode("utf-8"), str(path))

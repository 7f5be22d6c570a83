"""Reading a file a story names (the story itself, its layer files, its pictures) safely.

The file is opened once, without following a symlink in its last component and without
blocking (a FIFO or a device would otherwise hang or never end), checked to be a regular
file through the open handle (so what is checked is what is read), and read up to a limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class UnreadableFile(ValueError):
    """The file cannot be used: not there, not a regular file, a symlink, or over the limit."""


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnreadableFile otherwise."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError as error:
        if getattr(error, "errno", None) == getattr(os, "ELOOP", 40):
            raise UnreadableFile("is a symbolic link; give the file itself") from None
        if isinstance(error, FileNotFoundError):
            raise UnreadableFile("no such file") from None
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("is not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(f"is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks, total = [], 0
        while chunk := handle.read(min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew after it was checked
                raise UnreadableFile(f"is over the limit of {limit:,} bytes")
        return b"".join(chunks)


def inside_folder(folder: Path, relative: str) -> Path:
    """The file `relative` names inside `folder`, resolved; UnreadableFile when it leads out
    (an absolute path, '..', or a link to elsewhere) or is not a usable name."""
    try:
        root = folder.resolve()
        path = (root / relative).resolve()
    except (ValueError, OSError) as error:  # a NUL byte, or a name longer than the file system allows
        raise UnreadableFile(f"cannot be a file name ({error})") from None
    if Path(relative).is_absolute() or not path.is_relative_to(root) or path == root:
        raise UnreadableFile(f"must be a path inside the story's folder {root}")
    return path


def story_files(story, source: Path | str | None) -> list[Path]:
    """The story file and every file it reads (local pictures, layer files), resolved: what a
    command writing files must never overwrite."""
    files = [Path(source).resolve()] if source is not None else []
    files += [chapter.media.path for chapter in story.chapters if chapter.media and chapter.media.is_local]
    if source is not None:
        folder = Path(source).resolve().parent
        files += [(folder / layer.file).resolve() for layer in story.own_layers if getattr(layer, "file", None)]
    return files

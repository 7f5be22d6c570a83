"""The command line: check story files, convert them (or StoryMapJS files) to our YAML, export, print, schema."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence, TextIO

from story.files import story_files
from story.loader import load_story_with_warnings
from story.model import Story
from story.problems import Problem, StoryError, StoryReadError
from story.reading import parse_yaml
from story.references import References
from story.validate import build_story_with_warnings
from story.writer import dump_story

VALID, INVALID, UNREADABLE = 0, 1, 2
EXIT_CODES = """\
exit status:
  0  every story is valid (warnings allowed)
  1  a story is invalid (each problem names the file, chapter and field, with a hint)
  2  a file cannot be read or parsed (bad YAML or JSON is reported with its line and column)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m storymap",
        description="The story map's command line: check story files, convert them to its YAML format, export them as a static site, print them as a PDF handout, or write the story format's JSON Schema. "
        "A story file is our YAML format or a Knight Lab StoryMapJS JSON file; the format is described in story/README.md.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check story files and list every problem",
        description="Load each story file with the built-in gazetteer and historical layers, and print every error and "
        "warning at once.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="story file (.yaml, or StoryMapJS .json)")
    convert = commands.add_parser(
        "convert", help="write a story (ours or StoryMapJS) as our YAML",
        description="Read IN (our YAML or a StoryMapJS JSON file), print what could not be carried over, and write the "
        "story to OUT in our YAML format. OUT is only written when the result is valid there; IN is never overwritten. "
        "Media paths are kept as written, relative to the story file, so write OUT in the same folder as IN or copy the "
        "media along.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("source", type=Path, metavar="IN", help="story to read (.yaml, or StoryMapJS .json)")
    convert.add_argument("target", type=Path, metavar="OUT", help="YAML file to write")
    export = commands.add_parser(
        "export", help="write a story as a static site (index.html plus assets)",
        description="Write PATH as a self-contained static site in OUTDIR: index.html and an assets folder, with the "
        "same chapters, map views, layers and navigation as the app. It needs no server and no CDN: publish the folder "
        "on any static host, or open index.html from disk. Chapters are linked as index.html#chapter-id.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("source", type=Path, metavar="PATH", help="story to export (.yaml, or StoryMapJS .json)")
    export.add_argument("outdir", type=Path, metavar="OUTDIR", help="folder to write (created if missing)")
    export.add_argument("--layout", choices=("steps", "scroll"), default="steps",
                        help="steps: Previous and Next beside the map (default); scroll: the chapters scroll past a map that follows them")
    printing = commands.add_parser(
        "print", help="write a story as a printable PDF handout",
        description="Write PATH as a PDF handout in OUT: a cover, a page per chapter with its map, small maps of the "
        "historical layers through the dated chapters, and the sources of every place and line. See story/README.md.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    printing.add_argument("source", type=Path, metavar="PATH", help="story to print (.yaml, or StoryMapJS .json)")
    printing.add_argument("target", type=Path, metavar="OUT", help="PDF file to write")
    printing.add_argument("--paper", choices=("a4", "letter"), default="a4", help="page size: A4 (the default) or US Letter")
    commands.add_parser(
        "schema", help="print a JSON Schema of the story format",
        description="Print a JSON Schema (draft 2020-12) of the story format to standard output, for editors: with the "
        "YAML language server, put '# yaml-language-server: $schema=story.schema.json' at the top of a story. "
        "`validate` stays the authority on what a story may hold.",
    )
    return parser


def _references() -> References:
    # Imported here: the historical layers pull in geopandas, which --help does not need.
    from geo.references import builtin_references

    return builtin_references()


def _report(problems: Sequence[Problem], out: TextIO) -> None:
    for problem in problems:
        print(problem.describe(), file=out)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _load(path: Path, references: References, out: TextIO) -> tuple[Story | None, int]:
    """The story and VALID, or None and the exit status, after printing every problem."""
    try:
        story, warnings = load_story_with_warnings(path, references)
    except StoryReadError as error:
        _report(error.problems, out)
        print(f"{path}: cannot be read", file=out)
        return None, UNREADABLE
    except StoryError as error:
        _report(error.problems + error.warnings, out)
        print(f"{path}: invalid, {_count(len(error.problems), 'error')}, {_count(len(error.warnings), 'warning')}", file=out)
        return None, INVALID
    _report(warnings, out)
    print(f"{path}: valid, {_count(len(story.chapters), 'chapter')}, {_count(len(warnings), 'warning')}", file=out)
    return story, VALID


def validate(paths: Sequence[Path], out: TextIO) -> int:
    references = _references()
    return max(_load(path, references, out)[1] for path in paths)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def convert(source: Path, target: Path, out: TextIO) -> int:
    if _same_file(source, target):
        print(f"{target}: refusing to overwrite the story being converted; name another OUT file", file=out)
        return UNREADABLE
    references = _references()
    story, status = _load(source, references, out)
    if story is None:
        return status
    if target.is_symlink() or (target.exists() and not target.is_file()):
        print(f"{target}: not written: it is a symbolic link or not a regular file; name a new file", file=out)
        return UNREADABLE
    if target.resolve() in story_files(story, source):
        print(f"{target}: not written: it is one of the story's own files; name a new file", file=out)
        return UNREADABLE
    text = dump_story(story)
    # Check the result where it will live: relative media paths must still find their files.
    try:
        build_story_with_warnings(parse_yaml(text, str(target)), str(target), references, folder=target.parent)
    except StoryError as error:
        _report(error.problems, out)
        print(f"{target}: not written, the converted story would be invalid there (media paths are relative to the story file)", file=out)
        return INVALID
    return _write(target, text, "the file", "written", out)


def _write(target: Path, content: str | bytes, what: str, done: str, out: TextIO) -> int:
    """Write OUT safely and say how it went: VALID once written, UNREADABLE when it cannot be."""
    try:
        _write_aside_then_move(target, content)
    except OSError as error:
        print(f"{target}: cannot write {what}: {error.strerror or error}", file=out)
        return UNREADABLE
    print(f"{target}: {done}", file=out)
    return VALID


def _write_aside_then_move(target: Path, content: str | bytes) -> None:
    """Write the whole file under a new name beside OUT, then rename it over OUT: a reader never
    sees half a file, and a link planted at OUT after the check is replaced, never followed."""
    descriptor, temporary = tempfile.mkstemp(dir=target.absolute().parent, prefix=f".{target.name}.")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def export(source: Path, outdir: Path, out: TextIO, layout: str = "steps") -> int:
    # Imported here: the exporter renders the map with folium, which the other commands do not need.
    from export.site import ExportRefused, export_site

    references = _references()
    story, status = _load(source, references, out)
    if story is None:
        return status
    try:
        index = export_site(story, {**references.place_map(), **story.places}, outdir, source=source, layout=layout)
    except ExportRefused as error:
        print(f"{outdir}: not written: {error}", file=out)
        return UNREADABLE
    except OSError as error:
        print(f"{outdir}: cannot write the site: {error.strerror or error}", file=out)
        return UNREADABLE
    print(f"{index}: written; open it in a browser or publish {outdir}", file=out)
    return VALID


MAX_MISSING_SHOWN = 40
PDF_MAGIC = b"%PDF-"


def _not_ours_to_replace(target: Path) -> str | None:
    """Why OUT.pdf may not be written: only a new file, or a PDF (an earlier handout), is replaced."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return "it is a folder, a symbolic link or not a regular file; name a new PDF file"
    if target.exists():
        try:
            with target.open("rb") as handle:
                if handle.read(len(PDF_MAGIC)) != PDF_MAGIC:
                    return "it exists and is not a PDF, so this command did not write it; name a new PDF file"
        except OSError as error:
            return f"cannot be checked: {error.strerror or error}"
    return None


def print_handout(source: Path, target: Path, paper: str, out: TextIO) -> int:
    """`print`: the story's handout as a PDF, reporting a bad story exactly as `validate` does."""
    # Imported here: the handout draws with matplotlib, which the other commands do not need.
    from handout.layout import render_handout

    references = _references()
    story, status = _load(source, references, out)
    if story is None:
        return status
    if (reason := _not_ours_to_replace(target)) or (reason := "it is one of the story's own files" if target.resolve() in story_files(story, source) else None):
        print(f"{target}: not written: {reason}", file=out)
        return UNREADABLE
    data, result = render_handout(story, {**references.place_map(), **story.places}, paper)
    if result.missing:
        shown = " ".join(result.missing[:MAX_MISSING_SHOWN]) + (" …" if len(result.missing) > MAX_MISSING_SHOWN else "")
        print(f"{source}: warning: the handout's font has no glyph for {len(result.missing)} characters, printed as blanks: {shown}", file=out)
    return _write(target, data, "the PDF", f"written, {result.pages} pages ({paper}), {result.size // 1024} KB", out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.paths, out)
    if args.command == "export":
        return export(args.source, args.outdir, out, args.layout)
    if args.command == "print":
        return print_handout(args.source, args.target, args.paper, out)
    if args.command == "schema":
        from story.schema import story_schema_json

        out.write(story_schema_json())
        return VALID
    return convert(args.source, args.target, out)

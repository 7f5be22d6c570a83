"""`python -m geo front YYYY-MM-DD [--story PATH]`: the front on that day as a GeoJSON Feature.

The fronts come from the story's layer with `timeline: fronts` (the default story's unless
--story names another). Exit 0 with the Feature on stdout; exit 1, with the reason on stderr,
for a day outside the story's fronts or a story without them; exit 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.fronts import front_on
from geo.history import story_layers
from geo.references import builtin_references
from story.loader import DEFAULT_STORY_PATH, load_story


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a YYYY-MM-DD date") from None


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def front_command(day: dt.date, story_path: Path) -> int:
    story = load_story(story_path, builtin_references())
    layer = next((layer for layer in story_layers(story) if layer.timeline == "fronts"), None)
    if layer is None:
        print(f"{story_path}: the story has no layer with 'timeline: fronts'", file=sys.stderr)
        return 1
    series = layer.series
    if day < series.first:
        print(f"{_long(day)} is before the first front of this story ({_long(series.first)}): no front to show.", file=sys.stderr)
        return 1
    if day > series.last:
        last = series.snapshots[-1]
        print(
            f"{_long(day)} is after {_long(series.last)}, the last front of this story; from that day on the line "
            f"stays as it was: {last.label}. Ask for {series.last.isoformat()} to get it.",
            file=sys.stderr,
        )
        return 1
    json.dump(front_on(series, day).feature(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Geography of a story.")
    commands = parser.add_subparsers(dest="command", required=True)
    front = commands.add_parser("front", help="print the front on a day as a GeoJSON Feature")
    front.add_argument("day", type=_day, help="YYYY-MM-DD")
    front.add_argument("--story", type=Path, default=DEFAULT_STORY_PATH, help="story file (default: the Korean War story)")
    args = parser.parse_args(argv)
    return front_command(args.day, args.story)


if __name__ == "__main__":
    sys.exit(main())

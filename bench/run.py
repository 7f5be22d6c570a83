"""Run the whole benchmark: `python -m bench [--reps N] [--quick]` from the project root.

Order matters: AppTest runs first, in this process, before any browser; the memory figures
are taken on freshly started servers, in the first pass, while its reader is the only session.
Apps take turns within each repetition so drift on a shared machine hits them alike.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass

from bench.browser import chromium, offline_context
from bench.page_timings import Reader, chapter_changes, first_load, pan_messages, session_memory
from bench.report import Report
from bench.script_time import script_times
from bench.servers import APPS, servers
from bench.story_data import next_views


@dataclass(frozen=True)
class Settings:
    reps: int = 2  # passes over the story per app (17 changes each), and pans
    changes: int | None = None  # chapter changes per pass; None: every chapter of the story
    loads: int = 5  # first loads per app
    sessions: int = 20  # sessions open at once for the memory figure


QUICK = Settings(reps=1, changes=1, loads=1, sessions=2)


class _Samples(dict):
    """(figure key, app) -> samples."""

    def add(self, app: str, figures: dict) -> None:
        for key, values in figures.items():
            self.setdefault((key, app), []).extend(values if isinstance(values, list) else [values])


def _server_work(settings: Settings, views: list, samples: _Samples, log) -> None:
    for rep in range(settings.reps):
        for app, script in APPS.items():
            log(f"AppTest {app}, pass {rep + 1}")
            samples.add(app, {"script": script_times(script, len(views))})


def _in_browser(settings: Settings, views: list, samples: _Samples, log, browser, running) -> None:
    for app, server in running.items():
        samples.add(app, {"rss_idle": server.rss_bytes()})
    for rep in range(settings.reps):
        for app, server in running.items():
            log(f"chapter changes {app}, pass {rep + 1}")
            with_map = app != "floor"
            with offline_context(browser) as context:
                reader = Reader(context, server.url, with_map)
                if rep == 0:  # the reader is the first session; the rest join it
                    samples.add(app, session_memory(context, server, settings.sessions, with_map))
                samples.add(app, chapter_changes(reader, views if with_map else [None] * len(views)))
                if with_map:
                    samples.add(app, {"pan_sent": pan_messages(reader)})
        if rep == 0:  # one pass shows the 0.8 s flight well enough; more would double the run
            log("chapter changes app, animation on")
            with offline_context(browser, reduced_motion=False) as context:
                samples.add("app", {"map_animated": chapter_changes(Reader(context, running["app"].url, True), views)["map"]})
    for load in range(settings.loads):
        log(f"first load {load + 1}")
        for app, server in running.items():
            samples.add(app, first_load(browser, server.url, with_map=app != "floor"))


def run_benchmark(settings: Settings = Settings(), log=lambda message: print(message, file=sys.stderr), browser=None) -> Report:
    """Measure everything; `browser` lets a caller that already drives Chromium lend it."""
    started, load_before = time.monotonic(), os.getloadavg()[0]

    def progress(message: str) -> None:
        log(f"[{time.monotonic() - started:5.0f} s] {message}")

    views = next_views()[: settings.changes]
    samples = _Samples()
    _server_work(settings, views, samples, progress)
    with servers() as running, (nullcontext(browser) if browser else chromium()) as browser:
        _in_browser(settings, views, samples, progress, browser, running)
    progress("done")
    # Other work on the machine moves every figure: say how busy it was.
    notes = (f"{settings} took {(time.monotonic() - started) / 60:.1f} min on {os.cpu_count()} CPUs; "
             f"1-min load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.")
    return Report(samples, settings.sessions, notes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=Settings.reps, help="passes over the story per app (default %(default)s)")
    parser.add_argument("--loads", type=int, default=Settings.loads, help="first loads per app (default %(default)s)")
    parser.add_argument("--sessions", type=int, default=Settings.sessions, help="sessions for the memory figure (default %(default)s)")
    parser.add_argument("--changes", type=int, help="chapter changes per pass (default: all of the story)")
    parser.add_argument("--quick", action="store_true", help="tiny run: one change, one pass, one load, 2 sessions")
    parser.add_argument("--out", help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    if min(args.reps, args.loads, args.changes or 1) < 1 or args.sessions < 2:
        parser.error("--reps, --loads and --changes need at least 1, --sessions at least 2")
    settings = QUICK if args.quick else Settings(args.reps, args.changes, args.loads, args.sessions)
    text = run_benchmark(settings).markdown()
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text)

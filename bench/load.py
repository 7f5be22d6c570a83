"""Many readers at once: `python -m bench.load --readers 20 [--passes 1] [--out FILE]`.

Every reader opens the app as a browser would and clicks Next through every chapter of the
story, checking after each click that the page shows the next chapter. The readers are
websocket clients speaking Streamlit's own protocol (bench/protocol_client.py), all started
together in this process against one `streamlit run app.py` on this machine (started here, or
`--url` for one already running on loopback). Errors, chapter-change latency, server memory
and duration go into a Markdown table; no time is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import ipaddress
import os
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from bench.protocol_client import Position, ProtocolSession, Run
from bench.servers import APPS, Server

MAX_READERS = 200  # bounds: this is a test of one machine's server, not a flood
MAX_PASSES = 10
NEXT = "Next"
PICKER = "Go to chapter"
KB = 1000
MB = 1000 * 1000


@dataclass(frozen=True)
class Settings:
    readers: int = 20
    passes: int = 1  # times each reader steps through the story (back to the start with the picker)
    change_timeout: float = 60.0  # seconds one run may take before it counts as an error
    deadline: float = 900.0  # seconds for the whole run; a reader still going then has an error


class ChapterDidNotAdvance(Exception):
    pass


def expect_chapter(run: Run, number: int, total: int | None = None) -> Position:
    """The run's position, if it is chapter `number` (of `total`); else ChapterDidNotAdvance."""
    position = run.position()
    if position is None or position.number != number or total not in (None, position.total):
        shown = "no single chapter position" if position is None else f"chapter {position.number} of {position.total}"
        raise ChapterDidNotAdvance(f"expected chapter {number}{f' of {total}' if total else ''}, the page shows {shown}")
    return position


def percentile(samples: list[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default); None without samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = fraction * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class ReaderLog:
    reader: int
    positions: list[Position] = field(default_factory=list)  # every chapter shown, the first run's included
    first_run: float | None = None  # seconds from the first rerun sent to its script_finished
    changes: list[float] = field(default_factory=list)  # seconds from Next sent to script_finished
    change_bytes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Gate:
    """Readers keep their sessions open until all are through, so memory is read with all of them."""

    def __init__(self, readers: int):
        self._waiting = set(range(1, readers + 1))
        self.all_through = asyncio.Event()
        self.released = asyncio.Event()
        if not self._waiting:
            self.all_through.set()

    def through(self, reader: int) -> None:
        self._waiting.discard(reader)
        if not self._waiting:
            self.all_through.set()


async def _step_through(session: ProtocolSession, settings: Settings, log: ReaderLog) -> None:
    run = await session.rerun()  # the page's first run, as when a browser opens the app
    log.first_run = run.seconds
    log.positions.append(expect_chapter(run, 1))
    total = log.positions[0].total
    for pass_number in range(settings.passes):
        if pass_number:  # back to the first chapter with the picker; not a timed change
            log.positions.append(expect_chapter(await session.choose(PICKER, 0), 1, total))
        for number in range(2, total + 1):
            run = await session.click(NEXT)
            log.positions.append(expect_chapter(run, number, total))
            log.changes.append(run.seconds)
            log.change_bytes.append(run.bytes_received)


async def read_story(reader: int, url: str, settings: Settings, gate: Gate) -> ReaderLog:
    """One reader's whole visit; every failure is logged as an error, never raised."""
    log = ReaderLog(reader)
    try:
        async with asyncio.timeout(settings.deadline):
            async with ProtocolSession.open(url, settings.change_timeout) as session:
                try:
                    await _step_through(session, settings, log)
                finally:
                    gate.through(reader)
                await gate.released.wait()
    except Exception as error:  # connection refused, timeout, protocol or script error, wrong chapter
        step = f"after chapter {log.positions[-1].number}" if log.positions else "before the first run"
        log.errors.append(f"reader {reader}, {step}: {type(error).__name__}: {error}")
    finally:
        gate.through(reader)
    return log


async def run_readers(url: str, settings: Settings, rss: Callable[[], int] | None) -> tuple[list[ReaderLog], float, int | None]:
    """(logs, seconds until the last reader was through, server RSS then with every session open)."""
    gate = Gate(settings.readers)
    started = time.perf_counter()
    tasks = [asyncio.create_task(read_story(reader, url, settings, gate)) for reader in range(1, settings.readers + 1)]
    await gate.all_through.wait()
    duration = time.perf_counter() - started
    rss_after = rss() if rss else None
    gate.released.set()
    return list(await asyncio.gather(*tasks)), duration, rss_after


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (/proc/PID/stat fields 14 and 15, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # after "(name)", which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_of(pid: int) -> int:
    """Resident memory of a process (VmRSS, which /proc gives in KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class PeakMemory:
    """The highest RSS seen, sampled every 50 ms in a thread (the readers' event loop may be busy)."""

    def __init__(self, rss: Callable[[], int] | None, interval: float = 0.05):
        self._rss, self._interval = rss, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self.highest: int | None = None

    def _sample(self) -> None:
        while True:
            self.highest = max(self.highest or 0, self._rss())
            if self._stop.wait(self._interval):
                return

    def __enter__(self) -> PeakMemory:
        if self._rss:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def target(url: str | None, pid: int | None, log: Callable[[str], None]) -> Iterator[tuple[str, int | None]]:
    """(url, server process id or None): a fresh `streamlit run app.py`, or the given loopback server."""
    if url is not None:
        if not is_loopback(url):
            raise ValueError(f"{url}: the load test only runs against this machine (loopback)")
        yield url, pid
        return
    log("starting streamlit run app.py")
    server = Server("app", APPS["app"])
    try:
        server.wait_healthy()
        yield server.url, server.process.pid
    finally:
        server.stop()


@dataclass
class LoadReport:
    settings: Settings
    logs: list[ReaderLog]
    duration: float
    rss_idle: int | None
    rss_peak: int | None
    rss_after: int | None
    server_cpu: float | None  # seconds of CPU the server used while the readers ran
    readers_cpu: float  # seconds of CPU this process (the readers) used meanwhile
    load_before: float
    load_after: float

    @property
    def errors(self) -> list[str]:
        return [error for log in self.logs for error in log.errors]

    @property
    def changes(self) -> list[float]:
        return [seconds for log in self.logs for seconds in log.changes]

    @property
    def chapters(self) -> int:
        return max((log.positions[0].total for log in self.logs if log.positions), default=0)

    def rows(self) -> list[tuple[str, float | int | None, str]]:
        """(figure, value, unit); None where nothing was measured."""
        changes_ms = [seconds * 1000 for seconds in self.changes]
        first_ms = [log.first_run * 1000 for log in self.logs if log.first_run is not None]
        change_kb = [size / KB for log in self.logs for size in log.change_bytes]
        rows = [
            ("readers at once", self.settings.readers, "readers"),
            ("chapters in the story", self.chapters, "chapters"),
            ("chapter changes made (Next clicks, chapter checked)", len(changes_ms), "changes"),
            ("errors", len(self.errors), "errors"),
            ("Next → script_finished, p50", percentile(changes_ms, 0.5), "ms"),
            ("Next → script_finished, p95", percentile(changes_ms, 0.95), "ms"),
            ("Next → script_finished, max", max(changes_ms, default=None), "ms"),
            ("first run (opening the app) → script_finished, p50", percentile(first_ms, 0.5), "ms"),
            ("first run (opening the app) → script_finished, p95", percentile(first_ms, 0.95), "ms"),
            ("websocket bytes received per change, median", statistics.median(change_kb) if change_kb else None, "KB"),
            ("total duration (all readers start → last one through)", self.duration, "s"),
            ("chapter changes per second (all readers)", len(changes_ms) / self.duration if self.duration else None, "changes/s"),
            ("CPU time of the readers (this process)", self.readers_cpu, "s"),
        ]
        if self.server_cpu is not None:
            rows.append(("CPU time of the server during the run", self.server_cpu, "s"))
        if self.rss_idle is not None:
            rows += [
                ("server RSS idle (started, no session)", self.rss_idle / MB, "MB"),
                ("server RSS peak (sampled every 50 ms)", self.rss_peak / MB if self.rss_peak else None, "MB"),
                (f"server RSS after (all {_plural(self.settings.readers, 'session')} open, last change done)", self.rss_after / MB if self.rss_after else None, "MB"),
            ]
        return rows

    def table(self) -> str:
        lines = ["| figure | value | unit |", "|---|--:|---|"]
        for label, value, unit in self.rows():
            shown = "n/a" if value is None else f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
            lines.append(f"| {label} | {shown} | {unit} |")
        return "\n".join(lines)

    def markdown(self) -> str:
        notes = (
            f"{_plural(self.settings.readers, 'reader')} × {_plural(self.settings.passes, 'pass')} over the story, started together "
            f"against one `streamlit run app.py`, on {os.cpu_count()} CPUs shared with the readers; "
            f"1-min load average {self.load_before:.1f} at the start, {self.load_after:.1f} at the end."
        )
        text = f"{notes}\n\n{self.table()}\n"
        if self.errors:
            shown = "\n".join(f"- {error}" for error in self.errors[:10])
            text += f"\nErrors ({min(len(self.errors), 10)} of {len(self.errors)} shown):\n\n{shown}\n"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 'es' if noun.endswith('s') else 's'}"


def run_in_own_loop(coroutine):
    """asyncio.run in a thread of its own: the caller's thread may already run an event loop
    (Playwright's sync API keeps one in the test process), where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_load(settings: Settings = Settings(), url: str | None = None, pid: int | None = None,
             log: Callable[[str], None] = lambda message: print(message, file=sys.stderr)) -> LoadReport:
    """Start a server (unless `url`), run the readers against it, and report."""
    load_before = os.getloadavg()[0]
    with target(url, pid, log) as (url, pid):
        rss = (lambda: rss_of(pid)) if pid else None
        rss_idle = rss() if rss else None
        log(f"{settings.readers} readers, {settings.passes} pass(es), against {url}")
        server_cpu = cpu_seconds(pid) if pid else None
        readers_cpu = time.process_time()
        with PeakMemory(rss) as peak:
            logs, duration, rss_after = run_in_own_loop(run_readers(url, settings, rss))
        server_cpu = cpu_seconds(pid) - server_cpu if pid else None
        readers_cpu = time.process_time() - readers_cpu
    report = LoadReport(settings, logs, duration, rss_idle, peak.highest, rss_after, server_cpu, readers_cpu,
                        load_before, os.getloadavg()[0])
    log(f"done in {duration:.1f} s, {len(report.errors)} error(s)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=Settings.readers, help="readers at once (default %(default)s)")
    parser.add_argument("--passes", type=int, default=Settings.passes, help="times each reader steps through the story (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=Settings.change_timeout, help="seconds one run may take (default %(default)s)")
    parser.add_argument("--deadline", type=float, default=Settings.deadline, help="seconds for the whole run (default %(default)s)")
    parser.add_argument("--url", help="a server already running on this machine (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, for the memory figures")
    parser.add_argument("--out", help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.readers <= MAX_READERS or not 1 <= args.passes <= MAX_PASSES:
        parser.error(f"--readers needs 1 to {MAX_READERS}, --passes 1 to {MAX_PASSES}")
    if args.timeout <= 0 or args.deadline <= 0:
        parser.error("--timeout and --deadline need a positive number of seconds")
    if args.url and not is_loopback(args.url):
        parser.error("--url must name this machine (localhost, 127.0.0.1 or ::1)")
    if args.pid and not args.url:
        parser.error("--pid goes with --url")
    report = run_load(Settings(args.readers, args.passes, args.timeout, args.deadline), args.url, args.pid)
    text = report.markdown()
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())

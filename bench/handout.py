"""How long the printed handout takes: `python -m storymap print` on the default story, run whole
(a fresh Python each time, so imports and loading count), as a Markdown table.

    python -m bench.handout                  # 3 runs on A4
    python -m bench.handout --runs 5 --paper letter --story PATH

The target is under a minute on a two-core machine; nothing here asserts it (the machine may be
shared), the table says it.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from story.loader import DEFAULT_STORY_PATH

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0
WRITTEN = re.compile(r": written, (\d+) pages")


def run_once(story: Path, paper: str, folder: Path) -> dict:
    target = folder / f"handout-{paper}.pdf"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "storymap", "print", str(story), str(target), "--paper", paper],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"python -m storymap print failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    pages = int(WRITTEN.search(done.stdout)[1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "pages": pages, "bytes": target.stat().st_size}


def table(story: Path, paper: str, runs: list[dict]) -> str:
    walls = [run["wall"] for run in runs]
    cpus = [run["cpu"] for run in runs]
    median = statistics.median(walls)
    rows = [
        "| figure | n | median | min | max | unit |",
        "|---|--:|--:|--:|--:|---|",
        f"| `python -m storymap print` wall time ({paper}) | {len(runs)} | {median:.1f} | {min(walls):.1f} | {max(walls):.1f} | s |",
        f"| CPU time of the same runs | {len(runs)} | {statistics.median(cpus):.1f} | {min(cpus):.1f} | {max(cpus):.1f} | s |",
        f"| pages | {len(runs)} | {runs[0]['pages']} | {min(r['pages'] for r in runs)} | {max(r['pages'] for r in runs)} | pages |",
        f"| PDF size | {len(runs)} | {runs[0]['bytes'] / 1e6:.2f} | {min(r['bytes'] for r in runs) / 1e6:.2f} | {max(r['bytes'] for r in runs) / 1e6:.2f} | MB |",
    ]
    verdict = "under" if median < TARGET_SECONDS else "OVER"
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return "\n".join([
        f"Handout of `{story.relative_to(ROOT) if story.is_relative_to(ROOT) else story}` on {os.cpu_count()} CPUs, load average {load}",
        "",
        *rows,
        "",
        f"Median {median:.1f} s: {verdict} the {TARGET_SECONDS:.0f} s target.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.handout", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="how many runs (default 3)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument("--story", type=Path, default=DEFAULT_STORY_PATH)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        runs = []
        for number in range(args.runs):
            runs.append(run_once(args.story.resolve(), args.paper, Path(folder)))
            print(f"run {number + 1}: {runs[-1]['wall']:.1f} s", file=sys.stderr)
    print(table(args.story.resolve(), args.paper, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

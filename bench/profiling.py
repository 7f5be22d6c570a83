"""Profile chapter changes of the real app: `python -m bench.profiling [--changes N]`.

AppTest runs the script in a thread of its own, and profilers watch only the thread that
starts them, so AppTest is given a small wrapper script that starts the profiler in that
thread around app.py. cProfile (always) gives exact call counts and cumulative times;
pyinstrument (when installed) gives a readable call tree of the app's own code.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import runpy
import tempfile
from pathlib import Path

from bench import ROOT

APP = ROOT / "app.py"
WRAPPER = "from bench import profiling\nprofiling.run_app()\n"


class _State:
    app = APP  # the script the wrapper runs
    profiler = None  # armed by profile_changes; the wrapper runs the app under it


def run_app() -> None:
    """The wrapper's body: run the app, under the armed profiler if there is one."""
    profiler = _State.profiler
    if profiler is None:
        runpy.run_path(str(_State.app), run_name="__main__")
        return
    profiler.enable() if isinstance(profiler, cProfile.Profile) else profiler.start()
    try:
        runpy.run_path(str(_State.app), run_name="__main__")
    finally:
        profiler.disable() if isinstance(profiler, cProfile.Profile) else profiler.stop()


def profilers() -> list:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return [cProfile.Profile()]
    return [cProfile.Profile(), Profiler(interval=0.0005)]


def report(profiler, changes: int) -> str:
    if isinstance(profiler, cProfile.Profile):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
        out.write(f"cProfile, {changes} change(s), sorted by cumulative time:\n")
        stats.print_stats(45)
        return out.getvalue()
    return f"pyinstrument, {changes} change(s):\n" + profiler.output_text(unicode=True, color=False)


def profile_changes(changes: int = 1, warmup: int = 1, app: Path = APP) -> str:
    """Profile `changes` Next clicks per profiler, after `warmup` unprofiled ones (caches filled)."""
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    from bench.script_time import next_button

    set_log_level("error")
    _State.app = Path(app).resolve()
    sections = []
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        wrapper = Path(folder) / "profiled_app.py"
        wrapper.write_text(WRAPPER)
        at = AppTest.from_file(str(wrapper), default_timeout=120)
        at.run()
        for _ in range(warmup):
            next_button(at).click().run()
        for profiler in profilers():
            _State.profiler = profiler
            try:
                for _ in range(changes):
                    next_button(at).click().run()
            finally:
                _State.profiler = None
            if at.exception:
                raise RuntimeError(f"{_State.app.name} failed under AppTest: {at.exception}")
            sections.append(report(profiler, changes))
    return "\n\n".join(sections)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profiling", description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=1, help="chapter changes per profiler (default %(default)s)")
    parser.add_argument("--app", type=Path, default=APP, help="the script to profile (default: the project's app.py)")
    args = parser.parse_args(argv)
    print(profile_changes(args.changes, app=args.app))


if __name__ == "__main__":
    # Run as bench.profiling, not __main__: the wrapper script reads this module's _State.
    from bench import profiling

    profiling.main()

"""Server work per chapter change, without a browser: Streamlit's AppTest runs the script.

Times `button.click().run()`: the script run plus AppTest's own bookkeeping, which the
floor app measures on its own.
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest


def next_button(at: AppTest):
    return next(button for button in at.button if button.label == "Next")


def script_times(script: Path, changes: int) -> list[float]:
    """Ms per Next click, for `changes` clicks from the first chapter of a fresh session."""
    set_log_level("error")  # AppTest outside a server warns of a missing ScriptRunContext
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed under AppTest: {at.exception}")
    times = []
    for _ in range(changes):
        start = time.perf_counter()
        next_button(at).click().run()
        times.append((time.perf_counter() - start) * 1000)
    return times

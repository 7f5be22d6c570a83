"""The benchmark (bench/) runs end to end in its tiny setting and prints every row as numbers.

No timing is asserted: this only proves the instrument works. The session's Chromium from
conftest is lent to it, so one Playwright drives everything in this process.
"""

from __future__ import annotations

from bench.run import QUICK, run_benchmark

ALL = ("app", "documented", "naive", "floor")
MAPS = ("app", "documented", "naive")
EXPECTED_ROWS = {
    "click → caption changed": ALL,
    "click → map at chapter view (reduced motion)": MAPS,
    "click → map at chapter view (animation on": ("app",),
    "websocket bytes received per change": ALL,
    "websocket messages sent per change": ALL,
    "script run per change": ALL,
    "first load: navigation": ALL,
    "first load: websocket bytes received": ALL,
    "first load: websocket messages sent": ALL,
    "messages sent per pan": MAPS,
    "server RSS, idle": ALL,
    "server RSS, 1 session": ALL,
    f"server RSS, {QUICK.sessions} sessions open": ALL,
    "RSS per extra session": ALL,
}
TARGETS = ("2 × floor", "faster than naive", "script run", "websocket bytes", "first load", "per extra session", "per pan")


def table_rows(text: str) -> dict[tuple[str, str], list[str]]:
    """(figure, app) -> the row's cells, for the rows of the main table."""
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 10 and cells[1] in ALL and cells[2].isdigit():  # not the header
            rows[cells[0], cells[1]] = cells
    return rows


def number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_quick_benchmark_prints_every_row_as_numbers(browser):
    report = run_benchmark(QUICK, log=lambda _message: None, browser=browser)
    text = report.markdown()
    rows = table_rows(text)
    for figure, apps in EXPECTED_ROWS.items():
        for app in apps:
            found = [cells for (label, row_app), cells in rows.items() if label.startswith(figure) and row_app == app]
            assert len(found) == 1, f"no row for {figure!r} / {app}:\n{text}"
            _label, _app, n, median, low, high, _unit, _floor, _naive, _documented = found[0]
            assert int(n) >= 1
            assert number(low) <= number(median) <= number(high), found[0]
    assert len(rows) == sum(len(apps) for apps in EXPECTED_ROWS.values()), text
    targets = text.split("Targets", 1)[1]
    for target in TARGETS:
        line = next((line for line in targets.splitlines() if target in line), None)
        assert line is not None and line.rstrip(" |").endswith(("yes", "**no**")), f"target {target!r}:\n{targets}"

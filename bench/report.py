"""Turn samples into the benchmark's table and its targets section (reported, never asserted)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

APPS = ("app", "documented", "naive", "floor")
KB = 1000  # decimal units throughout: 1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes
MB = 1000 * 1000


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    scale: float = 1.0  # samples are divided by this for display (bytes -> KB or MB)
    floor_key: str | None = None  # the floor's figure this one is divided by


FIGURES = (
    Figure("text", "click → caption changed (reduced motion)", "ms", floor_key="text"),
    Figure("map", "click → map at chapter view (reduced motion)", "ms", floor_key="text"),
    Figure("map_animated", "click → map at chapter view (animation on: 0.8 s flight)", "ms", floor_key="text"),
    Figure("ws_bytes", "websocket bytes received per change", "KB", KB, floor_key="ws_bytes"),
    Figure("ws_sent", "websocket messages sent per change", "msgs", floor_key="ws_sent"),
    Figure("script", "script run per change (AppTest click().run())", "ms", floor_key="script"),
    Figure("first_load", "first load: navigation → map with markers (floor: → caption)", "ms", floor_key="first_load"),
    Figure("load_bytes", "first load: websocket bytes received", "KB", KB, floor_key="load_bytes"),
    Figure("load_sent", "first load: websocket messages sent (2+ = extra rerun)", "msgs", floor_key="load_sent"),
    Figure("pan_sent", "messages sent per pan (drag + wheel)", "msgs"),
    Figure("rss_idle", "server RSS, idle (no session yet)", "MB", MB, floor_key="rss_idle"),
    Figure("rss_1", "server RSS, 1 session", "MB", MB, floor_key="rss_1"),
    Figure("rss_n", "server RSS, N sessions open", "MB", MB, floor_key="rss_n"),
    Figure("rss_per_session", "RSS per extra session: (rss_N − rss_1)/(N − 1)", "MB", MB, floor_key="rss_per_session"),
)


@dataclass(frozen=True)
class Row:
    figure: Figure
    app: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples) / self.figure.scale

    @property
    def min(self) -> float:
        return min(self.samples) / self.figure.scale

    @property
    def max(self) -> float:
        return max(self.samples) / self.figure.scale


class Report:
    """Samples keyed by (figure key, app name), in the order of FIGURES and APPS."""

    def __init__(self, samples: dict[tuple[str, str], list[float]], sessions: int, notes: str = ""):
        self.sessions = sessions
        self.notes = notes
        self.rows = [
            Row(figure, app, tuple(samples[figure.key, app]))
            for figure in FIGURES
            for app in APPS
            if samples.get((figure.key, app))
        ]
        self._by_key = {(row.figure.key, row.app): row for row in self.rows}

    def median(self, key: str, app: str) -> float | None:
        row = self._by_key.get((key, app))
        return row.median if row else None

    def ratio(self, row: Row, reference_key: str | None, reference_app: str) -> str:
        reference = self.median(reference_key, reference_app) if reference_key else None
        if row.app == reference_app or not reference:
            return "—"
        return f"{row.median / reference:.2f}×"

    def table(self) -> str:
        lines = [
            f"| figure | app | n | median | min | max | unit | ÷ floor | ÷ naive | ÷ documented |",
            "|---|---|--:|--:|--:|--:|---|--:|--:|--:|",
        ]
        for row in self.rows:
            label = row.figure.label.replace("N sessions", f"{self.sessions} sessions")
            naive = self.ratio(row, row.figure.key, "naive") if row.app in ("app", "documented") else "—"
            documented = self.ratio(row, row.figure.key, "documented") if row.app == "app" else "—"
            lines.append(
                f"| {label} | {row.app} | {len(row.samples)} | {row.median:,.1f} | {row.min:,.1f} | {row.max:,.1f} "
                f"| {row.figure.unit} | {self.ratio(row, row.figure.floor_key, 'floor')} | {naive} | {documented} |"
            )
        return "\n".join(lines)

    def targets(self) -> str:
        m = self.median
        checks = [
            ("click → map (reduced motion) ≤ 2 × floor's click → text", _div(m("map", "app"), m("text", "floor")), "×", lambda v: v <= 2),
            ("click → map ≥ 4 × faster than naive (naive ÷ app)", _div(m("map", "naive"), m("map", "app")), "×", lambda v: v >= 4),
            ("script run per change median < 30 ms", m("script", "app"), "ms", lambda v: v < 30),
            ("websocket bytes per change < 10 KB", m("ws_bytes", "app"), "KB", lambda v: v < 10),
            ("first load < 1.5 s", m("first_load", "app"), "ms", lambda v: v < 1500),
            ("memory per extra session < 5 MB", m("rss_per_session", "app"), "MB", lambda v: v < 5),
            ("messages sent per pan = 0", m("pan_sent", "app"), "msgs", lambda v: v == 0),
        ]
        lines = ["| target | measured | met? |", "|---|--:|---|"]
        for label, value, unit, met in checks:
            shown, verdict = ("n/a", "n/a") if value is None else (f"{value:,.2f} {unit}", "yes" if met(value) else "**no**")
            lines.append(f"| {label} | {shown} | {verdict} |")
        return "\n".join(lines)

    def markdown(self) -> str:
        notes = f"{self.notes}\n\n" if self.notes else ""
        return f"{notes}{self.table()}\n\nTargets (medians; reported, not asserted):\n\n{self.targets()}\n"


def _div(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None

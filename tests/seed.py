"""Read the source article's captions and paragraphs, to compare the default story against."""

from __future__ import annotations

from pathlib import Path

BULLET = "• "
# Beside a checkout (and in CI) the shared folder sits next to the project.
SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"


def read_seed(path: Path) -> tuple[str, str, list[tuple[str, str]]]:
    """(title, introduction, [(caption, narrative), ...]) in article order."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, _date, introduction, *rest = lines
    pairs = []
    for caption, narrative in zip(rest[0::2], rest[1::2]):
        assert caption.startswith(BULLET) and not narrative.startswith(BULLET), (caption, narrative)
        pairs.append((caption[len(BULLET):], narrative))
    return title, introduction, pairs

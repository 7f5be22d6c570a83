"""The handout's typeface: Noto Sans KR, subset (see fonts/README.md), for the text and the maps.

FONT_FILES is the one place that names the files: point it elsewhere to print with another
TrueType font that has a regular and a bold weight."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"regular": FONT_DIR / "NotoSansKR-Regular-subset.ttf", "bold": FONT_DIR / "NotoSansKR-Bold-subset.ttf"}
FAMILY = "Noto Sans KR"


@lru_cache(maxsize=None)
def covered_characters() -> frozenset[str]:
    """Every character the regular weight can draw."""
    return frozenset(chr(code) for code in TTFont(FONT_FILES["regular"], lazy=True).getBestCmap())


def missing_characters(texts) -> list[str]:
    """The characters of the given texts the font cannot draw (they would print as blanks)."""
    covered = covered_characters()
    return sorted({char for text in texts for char in text if char.isprintable() and not char.isspace() and char not in covered})

"""Rebuild the handout's font files: subsets of Noto Sans KR (SIL Open Font License 1.1).

The source is Google Fonts' Noto Sans KR as TrueType files (glyf outlines, which a PDF embeds
and matplotlib draws alike), taken from the npm package @expo-google-fonts/noto-sans-kr:

    npm pack @expo-google-fonts/noto-sans-kr@0.4.3 && tar xzf expo-google-fonts-noto-sans-kr-0.4.3.tgz
    python -m handout.build_fonts package

The subset keeps Latin (with its extensions), Greek, Cyrillic, punctuation and common symbols,
the 2,350 Hangul syllables of KS X 1001 (the set nearly all modern Korean text uses) and every
character of the project's own data files, and drops hinting: about half a megabyte per weight
instead of six. A PDF embeds only the glyphs it uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from handout.fonts import FONT_DIR, FONT_FILES

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FILES = {"regular": "400Regular/NotoSansKR_400Regular.ttf", "bold": "700Bold/NotoSansKR_700Bold.ttf"}
RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0300, 0x036F), (0x0370, 0x03FF), (0x0400, 0x04FF),
    (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3131, 0x318E), (0xFF01, 0xFF5E),
)
# Text the project ships: its gazetteer, layers and stories must print whatever they hold.
DATA_FILES = ("geo/data/*.yaml", "geo/data/history.geojson", "story/data/*.yaml")


def ks_x_1001_hangul() -> list[int]:
    """The Hangul syllables with a two-byte EUC-KR code (the others need an eight-byte sequence)."""
    syllables = []
    for code in range(0xAC00, 0xD7A4):
        if len(chr(code).encode("euc_kr")) == 2:
            syllables.append(code)
    return syllables


def wanted_characters() -> set[int]:
    codes = {code for low, high in RANGES for code in range(low, high + 1)}
    codes.update(ks_x_1001_hangul())
    for pattern in DATA_FILES:
        for path in ROOT.glob(pattern):
            codes.update(ord(char) for char in path.read_text(encoding="utf-8") if char.isprintable())
    return codes


def build(package: Path) -> None:
    codes = sorted(wanted_characters())
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    for weight, source in SOURCE_FILES.items():
        options = subset.Options()
        options.hinting = False
        options.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
        options.name_IDs = ["*"]  # keep the copyright, licence and version records
        options.notdef_outline = True
        font = TTFont(package / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codes)
        subsetter.subset(font)
        font.save(FONT_FILES[weight])
        print(f"{FONT_FILES[weight]}: {FONT_FILES[weight].stat().st_size} bytes, {len(font.getBestCmap())} characters")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handout.build_fonts", description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package folder (holding 400Regular/ and 700Bold/)")
    build(parser.parse_args(argv).package)
    return 0


if __name__ == "__main__":
    sys.exit(main())

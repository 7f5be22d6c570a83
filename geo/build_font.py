"""Rebuild static/fonts/noto-sans-kr-subset.woff2: Noto Sans KR cut down to the Korean
characters the app shows, so Hangul renders on machines with no Korean font.

Usage::

    python -m geo.build_font                   # npm-packs the pinned font package
    python -m geo.build_font --package X.tgz   # or takes it from a file

Run it again whenever a Korean name changes: it collects every Hangul syllable and jamo, and
every Hanja, from the files named in TEXT_SOURCES (the gazetteer, the base-map names and
every story file), and fails the test suite's coverage check until the font is rebuilt.
The font comes from the npm package @expo-google-fonts/noto-sans-kr (Google Fonts' Noto Sans
KR, SIL Open Font License 1.1), pinned by version and SHA-256. Subsetting needs fontTools
and brotli (build-time tools only: pip install fonttools brotli).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "static" / "fonts"
FONT_FILE = "noto-sans-kr-subset.woff2"
LICENSE_FILE = "OFL.txt"

PACKAGE = "@expo-google-fonts/noto-sans-kr"
PACKAGE_VERSION = "0.4.3"
PACKAGE_SHA256 = "7614af529705ea48e8b76cb3b056b92db66b7625ef3fc97ce76366063df94d3f"
PACKAGE_FONT = "package/400Regular/NotoSansKR_400Regular.ttf"
PACKAGE_LICENSE = "package/LICENSE_FONT"

# Files whose Korean text the app can show.
TEXT_SOURCES = ("geo/data/places.yaml", "geo/data/basemap_labels.geojson", "story/data/*.yaml")
# Hangul jamo, compatibility jamo, syllables, and the CJK ideographs used for Hanja.
KOREAN_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3), (0x4E00, 0x9FFF))


def is_korean(ch: str) -> bool:
    return any(low <= ord(ch) <= high for low, high in KOREAN_RANGES)


def korean_characters(root: Path = ROOT) -> set[str]:
    """Every Korean character (Hangul or Hanja) in the files the app shows text from."""
    chars: set[str] = set()
    for pattern in TEXT_SOURCES:
        for path in sorted(root.glob(pattern)):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if is_korean(ch))
    return chars


def fetch_package(folder: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{PACKAGE_VERSION}"], cwd=folder, check=True, capture_output=True)
    (path,) = folder.glob("*.tgz")
    return path


def read_package(path: Path) -> tuple[bytes, bytes]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != PACKAGE_SHA256:
        raise SystemExit(f"{path}: sha256 {digest} != pinned {PACKAGE_SHA256}")
    with tarfile.open(path) as tar:
        return tar.extractfile(PACKAGE_FONT).read(), tar.extractfile(PACKAGE_LICENSE).read()


def subset(font_bytes: bytes, chars: set[str]) -> bytes:
    from fontTools import subset as ft_subset  # build-time only
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    font = TTFont(io.BytesIO(font_bytes), recalcTimestamp=False)  # same bytes on every run
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, help="the npm tarball of the pinned font package")
    args = ap.parse_args(argv)
    chars = korean_characters()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch_package(Path(tmp))
        font, licence = read_package(package)
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    (FONT_DIR / FONT_FILE).write_bytes(subset(font, chars))
    (FONT_DIR / LICENSE_FILE).write_bytes(licence)
    print(f"{FONT_DIR / FONT_FILE}: {len(chars)} characters, {(FONT_DIR / FONT_FILE).stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()

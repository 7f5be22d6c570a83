"""The Korean font's @font-face rules (static/fonts.css) for a page that inlines its styles.

The map frame and the export link static/fonts.css, whose font addresses are relative to it;
a page that copies the rules into a <style> element needs them made absolute.
"""

from __future__ import annotations

import re

from geo.assets import STATIC_DIR

FONTS_CSS = STATIC_DIR / "fonts.css"


def font_face_css(url_prefix: str) -> str:
    """fonts.css with its font addresses under url_prefix (where static/ is served), without
    comments or line breaks: a Streamlit page sends its styles again on every rerun."""
    css = re.sub(r"/\*.*?\*/", "", FONTS_CSS.read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r"\s*\n\s*", " ", css).strip()
    return css.replace('url("fonts/', f'url("{url_prefix}fonts/')

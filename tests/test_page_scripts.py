"""The page's own scripts go in through st.html, whose sanitizer (DOMPurify) silently drops a
script whose text holds anything that looks like a tag. None of them may, or it never runs."""

from __future__ import annotations

import re

import pytest

from geo.assets import STATIC_DIR

PAGE_SCRIPTS = ("photos.js", "timeline.js", "layout.js", "autoplay.js", "app-autoplay.js")


@pytest.mark.parametrize("name", PAGE_SCRIPTS)
def test_a_page_script_holds_no_tag_like_text(name):
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    assert not re.findall(r"<[/\w!]", text)


def test_the_app_loads_exactly_these_scripts():
    app = (STATIC_DIR.parent / "app.py").read_text(encoding="utf-8")
    listed = re.search(r"PAGE_SCRIPTS = \((.*?)\)\n", app, re.DOTALL).group(1)
    assert re.findall(r'STATIC_DIR / "([\w.-]+)"', listed) == list(PAGE_SCRIPTS)

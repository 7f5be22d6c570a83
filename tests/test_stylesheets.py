"""The app and the static export share one stylesheet of colours (static/theme.css): the page
stylesheets name them by variable, and each variable they use is defined there."""

from __future__ import annotations

import re

import pytest

from geo.assets import STATIC_DIR

EXPORT_CSS = STATIC_DIR.parent / "export" / "assets" / "export.css"
THEMED = {"page.css": STATIC_DIR / "page.css", "figure.css": STATIC_DIR / "figure.css",
          "map-frame.css": STATIC_DIR / "map-frame.css", "export.css": EXPORT_CSS,
          "scroll.css": EXPORT_CSS.with_name("scroll.css")}


def defined_variables() -> set[str]:
    return set(re.findall(r"(--storymap-[\w-]+)\s*:", (STATIC_DIR / "theme.css").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", THEMED)
def test_every_variable_a_stylesheet_uses_is_defined_in_the_theme(name):
    used = set(re.findall(r"var\((--storymap-[\w-]+)", THEMED[name].read_text(encoding="utf-8")))
    assert used <= defined_variables(), used - defined_variables()


@pytest.mark.parametrize("name", THEMED)
def test_the_shared_colours_are_written_only_in_the_theme(name):
    theme = (STATIC_DIR / "theme.css").read_text(encoding="utf-8")
    colours = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", theme)}
    text = THEMED[name].read_text(encoding="utf-8").lower()
    assert not [colour for colour in colours if colour in text]


def test_screen_reader_text_has_one_rule():
    """The hidden-text rule lives in the theme, under one class name used by app and export."""
    rule = re.compile(r"\.[\w-]*sr-only\s*\{")
    assert len(rule.findall((STATIC_DIR / "theme.css").read_text(encoding="utf-8"))) == 1
    for path in THEMED.values():
        assert not rule.findall(path.read_text(encoding="utf-8")), path.name

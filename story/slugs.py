"""Slugs made from titles: lower-case ASCII words joined by hyphens, unique within a story."""

from __future__ import annotations

import re
import unicodedata
from typing import Collection

MAX_SLUG_LENGTH = 48  # long enough to tell chapters apart, short enough for an address bar


def slugify(text: str) -> str:
    """'Into Seoul, 1950!' -> 'into-seoul-1950'; '' when nothing in it is ASCII-writable."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG_LENGTH] else slug[:MAX_SLUG_LENGTH]
    return slug


def unique_slug(wanted: str, taken: Collection[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... whichever is not taken yet."""
    slug, number = wanted, 1
    while slug in taken:
        number += 1
        slug = f"{wanted}-{number}"
    return slug

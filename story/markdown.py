"""Story text shown as itself by Markdown renderers (Streamlit's st.markdown)."""

from __future__ import annotations

import re

# CommonMark renders any backslash-escaped ASCII punctuation as the character itself, so
# escaping all of it keeps story text literal: no emphasis, links, HTML, LaTeX ($) or
# Streamlit directives (:red[...]) can come from a story file.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub-flavoured Markdown also turns bare addresses into links after escapes are decoded
# (www.x.org, https://..., name@host.org), only where the address follows a space, punctuation
# or the start of the text. An invisible WORD JOINER (U+2060) before the address, and before
# an address's "@", leaves the text as written on screen and makes it plain text.
_WORD_JOINER = "\u2060"
_BARE_ADDRESS = re.compile(r"(?i)(?:https?://|www\.)")
_AT_SIGN = re.compile(r"@(?=[\w-])")


def literal(text: str) -> str:
    text = _BARE_ADDRESS.sub(lambda match: _WORD_JOINER + match.group(), text)
    text = _AT_SIGN.sub(_WORD_JOINER + "@", text)
    return _PUNCTUATION.sub(r"\\\1", text)

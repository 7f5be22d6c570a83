"""Story text shown as itself by Markdown renderers (Streamlit's st.markdown)."""

from __future__ import annotations

import re

# CommonMark renders any backslash-escaped ASCII punctuation as the character itself, so
# escaping all of it keeps story text literal: no emphasis, links, HTML, LaTeX ($) or
# Streamlit directives (:red[...]) can come from a story file.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)

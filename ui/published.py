"""The published folder (geo/assets.py: a story's pictures, its base map's script, its timeline
drawing) served by the app, from outside the project's own files.

Streamlit serves a folder it knows as a custom component's at `<base>/component/<name>/<file>`,
resolving each request inside that folder; declaring the folder as a component, with no frontend
of its own, is how the app serves files it writes at run time while its install stays read-only.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from geo.assets import published_dir

_FOLDER = published_dir()
_FOLDER.mkdir(parents=True, exist_ok=True)
# Declared once, at import; never drawn, only used for its address.
_SERVED = components.declare_component("published_files", path=str(_FOLDER))


def published_url(name: str) -> str:
    """The address the browser loads a published file from."""
    base = st.get_option("server.baseUrlPath").strip("/")
    return ("/" + base if base else "") + f"/component/{_SERVED.name}/{name}"

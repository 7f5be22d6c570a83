"""The naive baseline: the same story and map built the common way.

Every run builds a new folium map centred on the chapter, with the project's own layers and
the chapter's places in it, and hands it to `st_folium` with no key and the default returned
objects. Its script changes with each chapter, so the component remounts: the map's frame
reloads on every change. Same "Next" button and caption locator as the real app.
"""

import streamlit as st
from streamlit_folium import st_folium

from bench.story_data import load_default_story
from geo.assets import static_url_prefix
from geo.map_builder import MAP_HEIGHT, base_map, chapter_layer
from geo.views import chapter_view
from story.markdown import literal

load = st.cache_resource(load_default_story)  # the common way does cache the data, not the map
story, places = load()
if "chapter" not in st.session_state:
    st.session_state.chapter = 0


def step() -> None:
    st.session_state.chapter += 1


def centred(m, view: dict):
    """Start the map on the chapter's view (the chapter layer then fits it exactly)."""
    if "bounds" in view:
        (south, west), (north, east) = view["bounds"]
        m.location = [(south + north) / 2, (west + east) / 2]
    else:
        m.location, m.options["zoom"] = view["center"], view["zoom"]
    return m


index = st.session_state.chapter
chapter = story.chapters[index]
st.title(story.title)
st.button("Next", on_click=step, disabled=index == len(story.chapters) - 1)
st.markdown(f"**Chapter {index + 1} of {len(story.chapters)}**")

text_col, map_col = st.columns([2, 3])
with text_col, st.container(key="chapter-text"):
    st.subheader(literal(chapter.title))
    st.markdown(f"*{literal(chapter.caption)}*")
    st.markdown(literal(chapter.narrative))

with map_col:
    m = centred(base_map(story, places, static_url_prefix(st.get_option("server.baseUrlPath"))), chapter_view(chapter, places))
    chapter_layer(story, index, places).add_to(m)
    st_folium(m, width=700, height=MAP_HEIGHT)

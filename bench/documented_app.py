"""The documented streamlit-folium path, measured against the app's own component adapter.

The whole map is built every run (folium objects must not be rendered twice) and handed to
`st_folium` with a key, and the chapter arrives through its documented update arguments:
`feature_group_to_add` (the chapter's layer, which also moves the view) and `returned_objects`
limited to object clicks, so panning never reruns. The base map's script is the same every run,
so the component is not remounted; what this costs is the rendering of the whole map per run.
Same "Next" button and caption locator as the real app.
"""

import streamlit as st
from streamlit_folium import st_folium

from bench.story_data import load_default_story
from geo.assets import static_url_prefix
from geo.map_builder import MAP_HEIGHT, base_map, chapter_layer
from geo.stable_ids import number_elements
from story.markdown import literal

load = st.cache_resource(load_default_story)  # cache the data; the map is built each run
story, places = load()
if "chapter" not in st.session_state:
    st.session_state.chapter = 0


def step() -> None:
    st.session_state.chapter += 1


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
    m = base_map(story, places, static_url_prefix(st.get_option("server.baseUrlPath")))
    number_elements(m.get_root(), "base")  # the same script every run, so the frame is kept
    layer = chapter_layer(story, index, places)
    number_elements(layer, f"chapter{index}")
    st_folium(
        m,
        key="story-map",
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=layer,
        returned_objects=["last_object_clicked_tooltip"],
    )

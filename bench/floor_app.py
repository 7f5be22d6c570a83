"""The floor: the least a Streamlit page can do per click. Next changes one line of text.

It has the real app's locators (a "Next" button, `.st-key-chapter-text em`) so the same
measuring code runs on it.
"""

import streamlit as st

LINES = 18  # as many as the default story has chapters: 17 changes

if "line" not in st.session_state:
    st.session_state.line = 0


def step() -> None:
    st.session_state.line += 1


st.button("Next", on_click=step, disabled=st.session_state.line == LINES - 1)
st.markdown(f"**Chapter {st.session_state.line + 1} of {LINES}**")
with st.container(key="chapter-text"):
    st.markdown(f"*Line {st.session_state.line + 1}*")

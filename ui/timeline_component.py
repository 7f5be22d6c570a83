"""The timeline in the app: the drawing the static export shows (render/timeline.py: inline SVG,
one button per dated chapter), served as a file, with a small Streamlit component that marks the
current chapter and reports the chapter a reader picks. Its clicks and keys are the export's own
(static/timeline.js, loaded with the page).

A chapter change sends the current chapter's id, not a new drawing; the page loads no charting code.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from geo.assets import publish_text
from ui.published import published_url
from render.timeline import timeline_markup
from story.model import Story

# Runs on every render: the first time it fetches the drawing and wires it (timeline.js); then it
# marks the current chapter. A pick made on the timeline keeps the focus there afterwards.
_ADAPTER = """
export default function (component) {
    const { data, parentElement } = component;
    let state = parentElement.storymapTimeline;
    if (!state) {
        state = parentElement.storymapTimeline = {timeline: null, refocus: false};
        fetch(data.src).then(function (response) { return response.text(); }).then(function (markup) {
            parentElement.innerHTML = markup;
            state.timeline = window.storymapTimeline(parentElement, function (chapterId) {
                state.refocus = parentElement.contains(document.activeElement);
                state.component.setTriggerValue("picked", chapterId);
            });
            state.timeline.markCurrent(state.component.data.current);
        });
    }
    state.component = component;
    if (!state.timeline) { return; }
    state.timeline.markCurrent(data.current);
    if (state.refocus) {
        state.refocus = false;
        const shown = Array.prototype.find.call(parentElement.querySelectorAll(".timeline-mark.is-current"),
            function (mark) { return mark.getBoundingClientRect().width > 0; });
        if (shown) { shown.focus(); }
    }
}
"""


# Declared once, at import: Streamlit keeps one registration per name for the whole process.
_mark_and_pick = st.components.v2.component("storymap_timeline", js=_ADAPTER, isolate_styles=False)


def register_timeline(story: Story) -> tuple[str, Callable] | None:
    """(the drawing's address, the component to mount with {"current": id, "src": address});
    None when no chapter is dated. Once per story."""
    markup = timeline_markup(story)
    if not markup:
        return None
    # Published as text: fetched by the component, and never a page on the app's origin.
    return published_url(publish_text(markup, ".txt")), _mark_and_pick


def picked_chapter(result) -> str | None:
    """The chapter id the reader picked on the timeline in this run, if any."""
    return (result or {}).get("picked")

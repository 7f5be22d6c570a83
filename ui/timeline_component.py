"""The timeline in the app: the chart the static export shows (export/timeline.py: the Altair
chart of ui/timeline.py drawn to SVG, one button per dated chapter), served as a file, with a
small Streamlit component that marks the current chapter and reports the chapter a reader picks.
Its clicks and keys are the export's own (static/timeline.js, loaded with the page).

Compared with a live Vega-Lite chart: no charting library is loaded in the page (Vega's code cost
about 350 ms of a first visit), and a chapter change sends the current chapter's id, not a new
chart. The drawing runs in a child process: the converter (vl-convert, a V8 engine) would add
some 75 MB to every server process for a drawing made once per story."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Callable

import streamlit as st

from geo.assets import publish_text
from story.model import Story

ROOT = Path(__file__).resolve().parents[1]
_DRAW = "import pickle, sys; from export.timeline import timeline_markup; sys.stdout.buffer.write(timeline_markup(pickle.load(sys.stdin.buffer)).encode('utf-8'))"

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


def draw_timeline(story: Story) -> str:
    """The timeline's markup (export/timeline.py), drawn in a child process."""
    # The drawing needs no pictures: leave their bytes out of what is sent to the child.
    bare = dataclasses.replace(story, chapters=tuple(dataclasses.replace(chapter, media=None) for chapter in story.chapters))
    done = subprocess.run([sys.executable, "-c", _DRAW], input=pickle.dumps(bare), capture_output=True, cwd=ROOT, check=True)
    return done.stdout.decode("utf-8")


def register_timeline(story: Story, asset_prefix: str) -> tuple[str, Callable] | None:
    """(the drawing's address, the component to mount with {"current": id, "src": address});
    None when no chapter is dated. Once per story."""
    markup = draw_timeline(story)
    if not markup:
        return None
    # Published as text: fetched by the component, and never a page on the app's origin.
    return asset_prefix + publish_text(markup, ".txt"), st.components.v2.component("storymap_timeline", js=_ADAPTER, isolate_styles=False)


def picked_chapter(result) -> str | None:
    """The chapter id the reader picked on the timeline in this run, if any."""
    return (result or {}).get("picked")

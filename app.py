"""The story map page: load the story, pick the chapter, draw text and map."""

import argparse
import dataclasses
import sys
from pathlib import Path

import streamlit as st

from geo.assets import STATIC_DIR, publish_media, static_url_prefix
from geo.fonts import font_face_css
from geo.describe import describe_map
from geo.map_builder import MAP_HEIGHT, base_map, chapter_layer, drawn_on_map, story_places
from geo.history import story_layers
from geo.references import builtin_references
from geo.provenance import layer_rows, place_rows
from story.loader import DEFAULT_STORY_PATH, load_story
from story.problems import StoryError
from story.figure import figure_html
from story.markdown import literal
from story.escaping import html_text
from render.page import ABOUT_TITLE, UNKNOWN_LINK_NOTICE, about_html, announcement, byline, chapter_list, place_clicks, position
from ui.published import published_url
from ui.map_component import render_base, render_feature_group, story_map
from ui.timeline_component import picked_chapter, register_timeline

# The colours and rules shared with the static export, the page's own layout, and the picture and
# timeline rules (also the export's).
PAGE_STYLESHEETS = tuple(STATIC_DIR / name for name in ("theme.css", "page.css", "figure.css", "timeline.css"))
# Our own fixed scripts (no story text in them): placeholders for photos that cannot load, the
# timeline's clicks and keys, the page's layout and autoplay (all shared with the static export),
# and autoplay's hold on the app's own buttons.
PAGE_SCRIPTS = (STATIC_DIR / "photos.js", STATIC_DIR / "timeline.js", STATIC_DIR / "layout.js", STATIC_DIR / "autoplay.js",
                STATIC_DIR / "app-autoplay.js")
# Inside the map's frame: the shared colours, and the map sized to the frame.
MAP_FRAME_STYLESHEETS = ("theme.css", "map-frame.css")

st.set_page_config(page_title="Story map", page_icon="🗺️", layout="wide")
st.html("<style>" + "\n".join(css.read_text(encoding="utf-8") for css in PAGE_STYLESHEETS) + "</style>")
st.html("<script>" + "\n".join(script.read_text(encoding="utf-8") for script in PAGE_SCRIPTS) + "</script>", unsafe_allow_javascript=True)
base_url = st.get_option("server.baseUrlPath")
st.html("<style>" + font_face_css(static_url_prefix(base_url)) + "</style>")  # Hangul with no Korean font installed

# `streamlit run app.py -- --story PATH` tells another story.
parser = argparse.ArgumentParser(prog="app.py", allow_abbrev=False)
parser.add_argument("--story", type=Path, default=DEFAULT_STORY_PATH, help="story file (YAML)")
story_path = parser.parse_known_args(sys.argv[1:])[0].story


@st.cache_resource(max_entries=8)
def load(path: str, version: tuple):
    """The story, and every place it can name: the gazetteer plus the story's own.
    Keyed by the file's version (modification time, size, inode), so an edited story is read again."""
    references = builtin_references()
    story = load_story(path, references)
    return story, {**references.place_map(), **story.places}


@st.cache_resource(max_entries=8)
def rendered_base(path: str, version: tuple, asset_prefix: str):
    """The base map, rendered once per story: it does not depend on the chapter."""
    story, places = load(path, version)
    rendered = render_base(base_map(story, places, asset_prefix))
    return dataclasses.replace(rendered, css_links=rendered.css_links + tuple(asset_prefix + name for name in MAP_FRAME_STYLESHEETS))


@st.cache_resource(max_entries=2048)
def rendered_chapter(path: str, version: tuple, index: int) -> str:
    """A chapter's own layer (its places, leg, historical layers and view), rendered once."""
    story, places = load(path, version)
    return render_feature_group(chapter_layer(story, index, places), f"chapter{index}")


@st.cache_resource(max_entries=8)
def timeline(path: str, version: tuple):
    """The story's timeline, drawn once per story: its address and component, or None."""
    return register_timeline(load(path, version)[0])


@st.cache_resource(max_entries=8)
def chapter_entries(path: str, version: tuple) -> dict[str, str]:
    """The chapter list's entries, made once per story (a long story has thousands)."""
    return chapter_list(load(path, version)[0])


@st.cache_resource(max_entries=8)
def place_click_table(path: str, version: tuple) -> dict[str, list[int | None]]:
    """Where a click on each place leads from each chapter, by the place's label."""
    story, places = load(path, version)
    return place_clicks(story, story_places(story, places))


@st.cache_data(max_entries=8)
def sources(path: str, version: tuple) -> tuple[list[dict], list[dict]]:
    """The rows of "About the map"."""
    story, places = load(path, version)
    return layer_rows(story_layers(story), story, places), place_rows(story_places(story, places), story.map.period)


@st.cache_resource(max_entries=8)
def load_or_problems(path: str, version: tuple) -> StoryError | None:
    """The story's problems, or None once it has loaded: a story that cannot be shown is checked
    once per file version, not again on every page view."""
    try:
        load(path, version)
    except StoryError as error:
        return error
    return None


def file_version(path: Path) -> tuple:
    """What changes when the file does (the cache key of everything read from it)."""
    try:
        info = path.stat()
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_size, info.st_ino)


story_key = (str(story_path), file_version(story_path))
if (error := load_or_problems(*story_key)) is not None:
    # The author sees every problem, as the validate command prints them; never a traceback.
    st.error(f"This story cannot be shown: {len(error.problems)} problem(s) in {story_path}.")
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
    st.stop()
story, gazetteer = load(*story_key)
st.set_page_config(page_title=story.title)

ids = [chapter.id for chapter in story.chapters]


@st.cache_resource(max_entries=8)
def chapter_positions(path: str, version: tuple) -> dict[str, int]:
    return {chapter.id: index for index, chapter in enumerate(load(path, version)[0].chapters)}


positions = chapter_positions(*story_key)

# The URL names the chapter; it seeds a new session (a shared link, a reload).
requested = st.query_params.get("chapter")
new_session = "chapter" not in st.session_state
if new_session and requested is not None and requested not in positions:
    st.session_state.notice = UNKNOWN_LINK_NOTICE


def move(offset: int) -> None:
    st.session_state.chapter = ids[positions[st.session_state.chapter] + offset]


def note_reader_moved() -> None:
    """Every way of choosing a chapter on the page notes it, so the address it came with (which
    may still be the one before, on a quick second click) is not taken for Back or Forward."""
    st.session_state.reader_moved = True


def step(offset: int) -> None:
    """Previous and Next; notes that the click's callback ran (see below)."""
    move(offset)
    st.session_state.stepped = True
    note_reader_moved()


def follow_clicked_place() -> None:
    """A click on a place marker (or the parallel) goes to the next chapter about that place."""
    note_reader_moved()
    clicked = (st.session_state.get("story-map") or {}).get("last_object_clicked_tooltip")
    leads_to = place_click_table(*story_key).get(clicked)  # the export's rule too (render/page.py)
    target = leads_to[positions[st.session_state.chapter]] if leads_to else None
    if target is not None:
        st.session_state.chapter = ids[target]


def follow_timeline() -> None:
    note_reader_moved()
    if (picked := picked_chapter(st.session_state.get("timeline"))) in positions:
        st.session_state.chapter = picked


stepped = st.session_state.pop("stepped", False)
reader_moved = st.session_state.pop("reader_moved", False)
# Each chapter change gives the address a new history entry (Streamlit pushes one when the app
# changes its query parameters), and Back or Forward runs the app again with that entry's
# address. An address that differs from the one this session last wrote, with no choice made on
# the page, is the reader going back or forward: show its chapter.
if not new_session and not reader_moved and requested in positions and requested != st.session_state.get("addressed"):
    st.session_state.chapter = requested
if offset := st.session_state.pop("pending_step", 0):
    move(offset)

# The stage fills the window on a wide screen: the title and the navigation share one row, and
# under them the text sits beside the map and scrolls on its own. On a phone the map comes first.
stage = st.container(key="storymap-stage")
with stage.container(key="storymap-head", horizontal=True, vertical_alignment="center", gap="medium"):
    st.title(literal(story.title), width="content")
    # Drawn in reading order; the buttons are filled in once the picker has settled the chapter.
    with st.container(key="chapter-nav", horizontal=True, vertical_alignment="center", gap="small", width="content"):
        previous_slot, position_slot, next_slot = st.empty(), st.empty(), st.empty()
    # The picker holds the chapter. A new session starts at the URL's chapter, unless its page
    # already shows one (a page reconnected to a restarted server sends what it shows, picks included).
    st.selectbox(
        "Go to chapter",
        ids,
        index=positions[requested] if new_session and requested in positions else 0,
        key="chapter",
        on_change=note_reader_moved,
        format_func=chapter_entries(*story_key).__getitem__,
        label_visibility="collapsed",
    )
    # Autoplay's button and what it says, worked by static/autoplay.js (?autoplay=SECONDS).
    with st.container(key="autoplay-controls", width="content"):
        st.html('<button class="storymap-autoplay" type="button" hidden>Play story</button>'
                '<p class="storymap-autoplay-status" role="status"></p>')
index = positions[st.session_state.chapter]
chapter = story.chapters[index]
if st.query_params.get("chapter") != chapter.id:
    # Only a change is written: a run that rewrote the address it came with could land after the
    # reader's next Back and push the chapter they left as a new entry.
    st.query_params["chapter"] = chapter.id
st.session_state.addressed = chapter.id

went_back = previous_slot.button("Previous", on_click=step, args=(-1,), disabled=index == 0, shortcut="Left")
position_slot.markdown(f"**{position(index, len(ids))}**", width="content")
went_on = next_slot.button("Next", on_click=step, args=(1,), disabled=index == len(ids) - 1, shortcut="Right")
if (went_back or went_on) and not stepped:
    # A click whose callback could not run: it reached a session that had not drawn the buttons
    # yet (a page clicked while reconnecting to a restarted server). Take the step on a rerun.
    st.session_state.pending_step = -1 if went_back else 1
    st.rerun()

if notice := st.session_state.pop("notice", None):
    stage.info(notice)

side, map_side = stage.columns([2, 3], gap="medium")
with side.container(key="storymap-side"):
    if (story_timeline := timeline(*story_key)) is not None:
        drawing, mark_and_pick = story_timeline
        mark_and_pick(data={"current": chapter.id, "src": drawing}, key="timeline", on_picked_change=follow_timeline)
    with st.container(key="chapter-text"):
        # Screen readers hear each new chapter without moving focus away from the buttons.
        st.html(f'<p class="storymap-sr-only" aria-live="polite">{html_text(announcement(story, index))}</p>')
        st.header(literal(chapter.title))  # h2 under the story's h1 (no skipped level)
        st.caption(literal(chapter.date.label()))
        media = chapter.media
        served = published_url(publish_media(media)) if media and media.is_local else None
        st.html(figure_html(story, chapter, served))
        st.markdown(literal(chapter.narrative))
        with st.container(key="map-description"):
            st.caption(literal(describe_map(story, index, gazetteer, drawn_on_map(story, index, gazetteer))))
        # The story's introduction and source, under the text (the map comes first).
        st.caption(literal(byline(story)))
with map_side.container(key="storymap-map"):
    story_map(
        rendered_base(*story_key, static_url_prefix(base_url)),
        rendered_chapter(*story_key, index),
        key="story-map",
        height=MAP_HEIGHT,
        # Only object clicks come back to Python: panning and zooming never rerun the app.
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
        on_change=follow_clicked_place,
    )

def start_again() -> None:
    """Autoplay's loop: back to the first chapter (the button is hidden; autoplay clicks it)."""
    note_reader_moved()
    st.session_state.chapter = ids[0]


st.button("Start again", key="autoplay-restart", on_click=start_again)


# After a server restart the page reconnects to a new session that has not run yet, so the
# first click would be lost (its callback is unknown to that session). Streamlit's page reruns
# the app on reconnecting when it has a fragment that reruns on a timer: this one does nothing,
# once a day, and so makes every reconnect draw the page afresh at the chapter in its URL.
@st.fragment(run_every=86_400)  # seconds: once a day
def rerun_on_reconnect() -> None:
    pass


rerun_on_reconnect()

with st.expander(ABOUT_TITLE):
    st.html(about_html(*sources(*story_key)))

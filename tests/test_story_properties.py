"""Property-based tests of story loading (hypothesis).

1. Stories built valid, with hostile text (HTML and script payloads, YAML's own syntax, quotes,
   unicode, leading and trailing spaces), dates at every precision, views of both kinds, places
   from the gazetteer and of the story's own, and web media, are written with yaml.safe_dump:
   they load, keep their text (trimmed) exactly, and survive dump_story -> load unchanged.
2. Arbitrary junk, whole files or one field of a good story swapped for junk, in our YAML or as a
   StoryMapJS file (YAML or JSON): loading succeeds or raises StoryError, never anything else.

Example counts are small so the file runs in seconds (STORY_PROPERTY_EXAMPLES raises them);
there is no deadline (a 2-core machine shared with a browser is slow now and then) and no example
database (nothing is written to the project). A bug found here gets its own test at the end
(as NEL, LS and PS did: dump_story once wrote them raw and they read back as spaces).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.history import layer_ids
from geo.places import load_gazetteer
from story.places import PLACE_KINDS
from story.loader import load_story, load_story_with_warnings
from story.problems import StoryError
from story.writer import dump_story
from geo.references import builtin_references

GAZETTEER = load_gazetteer()
PLACE_SLUGS = sorted(GAZETTEER)
LAYERS = sorted(layer_ids())

PROPERTY_SETTINGS = settings(
    # STORY_PROPERTY_EXAMPLES=2000 for a deeper search than the suite's few seconds allow.
    max_examples=int(os.environ.get("STORY_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Text that has broken YAML writers, HTML pages and Markdown renderers before.
PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p><svg onload=alert(1)>", "javascript:alert(1)",
    "<!-- -->", "&amp; &lt;b&gt;", "{{ 7*7 }}", "${HOME}", "`code`", "**bold**", "# Heading", "[link](https://x.y)",
    "key: value", "a: b: c", "text # not a comment", "#start", "- not a list", "-", "? key", "[1, 2]", "{a: b}",
    "&anchor", "*alias", "!tag", "!!python/object/apply:os.system ['echo hi']", "|", ">", "%YAML 1.1", "---", "...",
    "'", '"', "''", '"\'"', "\\", "\\n", "@at", "%", "null", "~", "true", "no", "Yes", "off", "1e3", "0x1F", "0o17",
    "010", "1_000", ".inf", ".nan", "1950-06-25", "12:30:00", "=", "<<", "\t", "\u00a0", "\u2028", "\u200b", "\ufeff",
    "\x85", "é", "인천 仁川", "Pyŏngyang", "🗺️", "עברית", "ﷺ", "a\r\nb", "line one\nline two", "para\n\npara",
]
_core = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=20),  # the format refuses control characters
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 .,:;#'\"&*!?()\[\]{}|>%@`-]{0,40}", fullmatch=True),
)
text = st.builds(
    lambda lead, parts, trail: lead + " ".join(parts) + trail,
    st.sampled_from(["", " ", "  ", "\n", " \t"]),
    st.lists(_core, min_size=1, max_size=4),
    st.sampled_from(["", " ", "\n", "  \n", "\t"]),
).filter(lambda s: s.strip())  # the story format requires text that is not blank

slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
latitude = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitude = st.floats(min_value=-180, max_value=180, allow_nan=False)
# Years before 1000 do not survive dump_story yet: see test_a_date_before_the_year_1000_round_trips.
day = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@st.composite
def story_date(draw, required: bool = False):
    """(what the file says, the date as the loaded story writes it) at day, month or year precision, or none."""
    kinds = ["day-text", "day-date", "month", "year-text", "year-int"] + ([] if required else ["none", "none"])
    kind = draw(st.sampled_from(kinds))
    if kind == "none":
        return None, None
    value = draw(day)
    if kind == "day-text":
        return value.isoformat(), value.isoformat()
    if kind == "day-date":
        return value, value.isoformat()  # safe_dump writes it bare; the loader reads it as text
    if kind == "month":
        return f"{value:%Y-%m}", f"{value:%Y-%m}"
    if kind == "year-text":
        return f"{value.year:04d}", f"{value.year:04d}"
    return value.year, f"{value.year:04d}"


@st.composite
def view(draw):
    if draw(st.booleans()):
        zoom = draw(st.one_of(st.integers(1, 18), st.floats(1, 18, allow_nan=False)))
        return {"center": [draw(latitude), draw(longitude)], "zoom": zoom}
    south, north = sorted(draw(st.lists(latitude, min_size=2, max_size=2, unique=True)))
    west, east = draw(longitude), draw(longitude)
    return {"bounds": [[south, west], [north, east]]}


url_path = st.from_regex(r"(/[A-Za-z0-9._~%-]{1,12}){0,3}(\.(jpg|png|webp|mp4|pdf))?(\?[a-z]=[A-Za-z0-9%]{1,8})?", fullmatch=True)
def web_url_with(schemes):
    return st.builds(
        lambda scheme, host, path: f"{scheme}://{host}{path}",
        st.sampled_from(schemes),
        st.sampled_from(["example.org", "upload.wikimedia.org", "www.youtube.com", "vimeo.com", "a.b.example.com:8080", "[::1]", "127.0.0.1"]),
        url_path,
    )


web_url = web_url_with(["http", "https", "HTTPS", "Http"])  # a scheme is case-insensitive (RFC 3986)
# source.url is checked with a case-sensitive startswith: see test_source_url_is_checked_like_media_urls.
source_url = web_url_with(["http", "https"])


@st.composite
def media(draw):
    url = draw(web_url)
    if draw(st.booleans()):
        return url  # the one-line form
    raw = {"url": url}
    for field in ("alt", "caption", "credit"):
        if draw(st.booleans()):
            raw[field] = draw(text)
    if draw(st.booleans()):
        raw["link"] = draw(web_url)
    return raw


@st.composite
def own_place(draw):
    place = {"name": draw(text), "lat": draw(latitude), "lon": draw(longitude), "kind": draw(st.sampled_from(PLACE_KINDS))}
    for field in ("description", "source", "accuracy"):
        place[field] = draw(text)
    for field in ("name_1950s", "hangul", "hanja"):
        if draw(st.booleans()):
            place[field] = draw(text)
    if draw(st.booleans()):
        place["key"] = draw(st.booleans())
    return place


@st.composite
def story_dict(draw, max_chapters: int = 5):
    """A valid story as the dict a file holds, and what its loaded fields should be."""
    own = draw(st.dictionaries(slug.filter(lambda s: s not in GAZETTEER), own_place(), max_size=2))
    known = PLACE_SLUGS + sorted(own)
    source_date, _ = draw(story_date(required=True))
    raw: dict = {"title": draw(text)}
    if draw(st.booleans()):
        raw["introduction"] = draw(text)
    raw["source"] = {"title": draw(text), "publisher": draw(text), "date": source_date}
    if draw(st.booleans()):
        raw["source"]["url"] = draw(source_url)
    if own:
        raw["places"] = own
    if draw(st.booleans()):
        raw["layers"] = draw(st.lists(st.sampled_from(LAYERS), unique=True, max_size=4))
    ids = draw(st.lists(slug, min_size=1, max_size=max_chapters, unique=True))
    chapters, dates = [], []
    for chapter_id in ids:
        chapter: dict = {"id": chapter_id, "title": draw(text)}
        written, iso = draw(story_date())
        if written is not None:
            chapter["date"] = written
        dates.append(iso)
        if draw(st.integers(0, 3)) == 0:
            chapter["overview"] = draw(st.booleans())
        chapter["caption"] = draw(text)
        chapter["narrative"] = draw(text)
        if draw(st.booleans()):
            chapter["credit"] = draw(text)
        places = draw(st.lists(st.sampled_from(known), unique=True, max_size=3))
        has_view = draw(st.booleans()) or not places
        if places:
            chapter["places"] = places
        if has_view:
            chapter["view"] = draw(view())
        if draw(st.integers(0, 2)) == 0:
            chapter["media"] = draw(media())
        chapters.append(chapter)
    raw["chapters"] = chapters
    return raw, dates


YAML_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1, as well as "\n" and "\r"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def write_yaml(folder: Path, name: str, data) -> Path:
    """safe_dump as an author's tool would write it: unicode as itself, except that YAML's own line
    breaks (NEL, LS, PS) must then be escaped, or safe_dump writes them raw and they read back as spaces."""
    path = folder / name
    plain_unicode = not any(brk in text for text in _strings(data) for brk in YAML_BREAKS)
    path.write_text(yaml.safe_dump(data, allow_unicode=plain_unicode, sort_keys=False), encoding="utf-8")
    return path


@PROPERTY_SETTINGS
@given(story_dict())
def test_valid_stories_load_keep_their_text_and_round_trip(generated):
    raw, dates = generated
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = write_yaml(folder, "story.yaml", raw)
        try:
            story, _warnings = load_story_with_warnings(path, builtin_references())
        except StoryError as error:
            pytest.fail(f"a valid story was refused:\n{error}\n--- file ---\n{path.read_text(encoding='utf-8')}")
        # Text is kept exactly, only trimmed; nothing is read as YAML syntax, Markdown or HTML.
        assert story.title == raw["title"].strip()
        assert story.introduction == raw.get("introduction", "").strip()
        assert story.source.title == raw["source"]["title"].strip()
        assert [c.id for c in story.chapters] == [c["id"] for c in raw["chapters"]]
        for chapter, written, iso in zip(story.chapters, raw["chapters"], dates):
            assert (chapter.title, chapter.caption, chapter.narrative) == (written["title"].strip(), written["caption"].strip(), written["narrative"].strip())
            assert chapter.date.iso() == iso
            assert chapter.places == tuple(written.get("places", ()))
        # dump_story -> load gives the same Story, and writing that again gives the same text.
        text = dump_story(story)
        again_path = folder / "again.yaml"
        again_path.write_text(text, encoding="utf-8")
        try:
            again = load_story(again_path, builtin_references())
        except StoryError as error:
            pytest.fail(f"dump_story wrote a story that does not load:\n{error}\n--- written ---\n{text}")
        assert again == story, f"--- written ---\n{text}"
        assert dump_story(again) == text


# --- junk -------------------------------------------------------------------------------------

FIELD_NAMES = [
    "title", "introduction", "source", "places", "layers", "chapters", "publisher", "date", "url", "id", "caption",
    "narrative", "credit", "view", "center", "zoom", "bounds", "overview", "media", "alt", "link", "name", "lat", "lon",
    "kind", "description", "accuracy", "key", "start", "end", "color", "legend", "file",
    "storymap", "slides", "text", "headline", "location", "type", "background", "map_type", "map_as_image", "zoomify",
    "language", "line", "icon",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities too
    st.text(max_size=12),
    st.sampled_from(PAYLOADS + FIELD_NAMES + PLACE_SLUGS + LAYERS + [
        "1950-06-25", "1950-06", "1950", "15 September 1950", "September 1950", "overview", "undated", "nan", "inf", "-1e999",
        "https://example.org/x.jpg", "//example.org/x.jpg", "javascript:alert(1)", "data:image/png;base64,AAAA",
        "../x.jpg", "/etc/passwd", "C:\\x.jpg", "~/x.jpg", "photos/x.jpg", "x y.jpg", "#aa3300", "zoomify", "en",
    ]),
    st.dates(),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8), st.integers(-3, 3), st.booleans(), st.none())
junk = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


def storymapjs_slide(location=junk, text_=junk, media_=junk, date=junk):
    return st.fixed_dictionaries(
        {"location": st.one_of(st.fixed_dictionaries({"lat": location, "lon": location}, optional={"zoom": location, "line": junk}), junk),
         "text": st.one_of(st.fixed_dictionaries({}, optional={"headline": text_, "text": text_}), junk)},
        optional={"media": media_, "date": date, "type": st.one_of(st.just("overview"), junk), "background": junk},
    )


storymapjs = st.fixed_dictionaries(
    {"storymap": st.fixed_dictionaries({"slides": st.one_of(st.lists(storymapjs_slide(), max_size=4), junk)},
                                       optional={"map_type": junk, "map_as_image": junk, "language": junk, "zoomify": junk})},
    optional={"width": junk},
)


def load_never_crashes(path: Path) -> None:
    try:
        load_story_with_warnings(path, builtin_references())
    except StoryError as error:
        assert error.problems, "a StoryError names at least one problem"
        assert all(str(problem) for problem in error.problems)


@PROPERTY_SETTINGS
@given(data=st.one_of(junk, storymapjs), as_json=st.booleans())
def test_junk_loads_or_raises_story_error(data, as_json):
    with tempfile.TemporaryDirectory() as folder:
        if as_json:
            path = Path(folder) / "junk.json"
            path.write_text(json.dumps(data, default=str), encoding="utf-8")  # NaN and Infinity as Python writes them
        else:
            path = write_yaml(Path(folder), "junk.yaml", data)
        load_never_crashes(path)


@st.composite
def story_with_one_junk_field(draw):
    """A valid story with one value, anywhere in it, replaced by junk (or one key removed)."""
    raw, _ = draw(story_dict(max_chapters=3))
    spots = []

    def walk(node):
        if isinstance(node, dict):
            for key in node:
                spots.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for index in range(len(node)):
                spots.append((node, index))
                walk(node[index])

    walk(raw)
    container, key = draw(st.sampled_from(spots))
    if isinstance(container, dict) and draw(st.integers(0, 4)) == 0:
        del container[key]
    else:
        container[key] = draw(junk)
    return raw


@PROPERTY_SETTINGS
@given(story_with_one_junk_field())
def test_a_story_with_a_junk_field_loads_or_raises_story_error(raw):
    with tempfile.TemporaryDirectory() as folder:
        load_never_crashes(write_yaml(Path(folder), "story.yaml", raw))


# --- bugs found by the properties, pinned until fixed (strict: a fix makes these fail, so drop the mark) ---

MINIMAL = {
    "title": "T",
    "source": {"title": "S", "publisher": "P", "date": "2020"},
    "chapters": [{"id": "one", "title": "One", "caption": "C", "narrative": "N", "places": ["busan"]}],
}


def test_a_date_before_the_year_1000_round_trips(tmp_path):
    raw = {**MINIMAL, "chapters": [{**MINIMAL["chapters"][0], "date": "0999-03"}]}
    story = load_story(write_yaml(tmp_path, "story.yaml", raw), builtin_references())
    assert story.chapters[0].date.iso() == "0999-03"
    again = tmp_path / "again.yaml"
    again.write_text(dump_story(story), encoding="utf-8")
    assert load_story(again, builtin_references()) == story


@pytest.mark.parametrize("zoom", ["NaN", '"nan"'])
def test_storymapjs_nan_zoom_is_a_story_error(tmp_path, zoom):
    path = tmp_path / "slides.json"
    path.write_text('{"storymap": {"slides": [{"location": {"lat": 37.5, "lon": 127, "zoom": %s}, "text": {"headline": "H"}}]}}' % zoom)
    load_never_crashes(path)


@pytest.mark.parametrize("url, valid", [("HTTPS://example.org/notes", True), ("https://", False), ("https://exa mple.org/", False)])
def test_source_url_is_checked_like_media_urls(tmp_path, url, valid):
    raw = {**MINIMAL, "source": {**MINIMAL["source"], "url": url}}
    path = write_yaml(tmp_path, "story.yaml", raw)
    try:
        load_story(path, builtin_references())
        accepted = True
    except StoryError:
        accepted = False
    assert accepted == valid


@pytest.mark.parametrize("where", ["place", "layer"])
def test_unknown_keys_of_mixed_types_are_a_story_error(tmp_path, where):
    raw = dict(MINIMAL)
    if where == "place":
        raw["places"] = {"my-place": {1: "a", "zz": "b"}}
    else:
        raw["layers"] = [{1: "a", "zz": "b"}]
    load_never_crashes(write_yaml(tmp_path, "story.yaml", raw))


@pytest.mark.parametrize("case", ["media-nul", "media-long", "layer-nul", "layer-long", "storymapjs-media-nul"])
def test_impossible_file_names_are_a_story_error(tmp_path, case):
    name = "a\x00b.jpg" if case.endswith("nul") else "a" * 300 + ".jpg"
    if case.startswith("media"):
        raw = {**MINIMAL, "chapters": [{**MINIMAL["chapters"][0], "media": name}]}
    elif case.startswith("layer"):
        layer = {"id": "ferry", "name": "Ferry", "start": "1950-09-10", "color": "#aa3300", "legend": "Ferry",
                 "description": "Boats.", "file": name}
        raw = {**MINIMAL, "layers": [layer]}
    else:
        raw = {"storymap": {"slides": [{"location": {"lat": 37.5, "lon": 127}, "text": {"headline": "H"}, "media": {"url": name}}]}}
    load_never_crashes(write_yaml(tmp_path, "story.yaml", raw))


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_yaml_line_break_characters_round_trip(tmp_path, brk):
    """NEL, LS and PS are line breaks to YAML: written raw they would read back as spaces."""
    raw = {**MINIMAL, "title": f"a{brk}b", "introduction": f"x{brk}y é"}
    story = load_story(write_yaml(tmp_path, "story.yaml", raw), builtin_references())
    assert story.title == f"a{brk}b"
    again = tmp_path / "again.yaml"
    again.write_text(dump_story(story), encoding="utf-8")
    assert load_story(again, builtin_references()) == story

"""The static export: files written, everything local, story text never markup."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from export.site import export_site
from story.timeline import timeline_points
from story.validate import build_story
from geo.references import builtin_references


@pytest.fixture(scope="module")
def exported(tmp_path_factory, default_story, gazetteer):
    outdir = tmp_path_factory.mktemp("site")
    export_site(default_story, {**gazetteer, **default_story.places}, outdir)
    return outdir


def test_writes_a_page_and_its_assets(exported):
    assert (exported / "index.html").is_file()
    for name in ("map.js", "story-data.js", "export.js", "export.css", "storymap.css", "vendor/leaflet/leaflet.js"):
        assert (exported / "assets" / name).is_file(), name
    page = (exported / "index.html").read_text(encoding="utf-8")
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert (exported / src).is_file(), f"index.html refers to a missing file: {src}"


def test_the_base_maps_sources_and_licence_texts_travel_with_it(exported, tmp_path, default_story, gazetteer):
    # The river lines are LGPL-3.0-or-later (GSHHG): its texts go with every copy of them.
    licenses = exported / "assets" / "licenses"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licenses / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (licenses / "GPL-3.0.txt").read_text(encoding="utf-8")
    page = (exported / "index.html").read_text(encoding="utf-8")
    assert "Rivers, lakes and names" in page and "GSHHG 2.3.6 (LGPL-3.0-or-later" in page and "GeoNames (CC BY 4.0)" in page
    # A story that draws no base map ships no base-map data, so none of its licences either.
    from dataclasses import replace

    bare = replace(default_story, map=replace(default_story.map, region=None))
    export_site(bare, {**gazetteer, **default_story.places}, tmp_path / "bare")
    assert not (tmp_path / "bare" / "assets" / "licenses").exists()
    assert "Rivers, lakes and names" not in (tmp_path / "bare" / "index.html").read_text(encoding="utf-8")


def test_nothing_comes_from_outside(exported):
    page = (exported / "index.html").read_text(encoding="utf-8")
    assert "://" not in page.replace("http-equiv", "")
    assert "<script>" not in page, "no inline script: the page runs under a strict Content-Security-Policy"
    assert "script-src 'self';" in html.unescape(page)


def test_every_chapter_travels_with_its_text(exported, default_story, gazetteer):
    data_js = (exported / "assets" / "story-data.js").read_text(encoding="utf-8")
    data = json.loads(data_js.removeprefix("window.STORYMAP_DATA = ").rstrip().rstrip(";"))
    assert [c["id"] for c in data["chapters"]] == [c.id for c in default_story.chapters]
    assert ["\n\n".join(c["paragraphs"]) for c in data["chapters"]] == [c.narrative for c in default_story.chapters]
    inchon = default_story.index_of("inchon-landing")
    incheon = gazetteer["incheon"].label  # a click is known by the place's label, as in the app
    assert data["placeClicks"][incheon][0] == default_story.index_of("macarthur-off-inchon")
    assert data["placeClicks"][incheon][inchon] == default_story.index_of("macarthur-off-inchon")
    map_js = (exported / "assets" / "map.js").read_text(encoding="utf-8")
    for chapter in default_story.chapters:
        assert f'window.storymap.file("{chapter.id}", ' in map_js


HOSTILE = '<img src=x onerror=alert(1)>"><svg onload=alert(2)><script>alert(3)</script>'


def test_hostile_text_stays_text(tmp_path, gazetteer):
    raw = {
        "title": f"Title {HOSTILE}",
        "source": {"title": "t", "publisher": HOSTILE, "date": "2020"},
        "chapters": [
            {"id": "one", "title": HOSTILE, "caption": HOSTILE, "narrative": HOSTILE, "credit": HOSTILE, "places": ["busan"]},
        ],
    }
    story = build_story(raw, "hostile.yaml", builtin_references())
    export_site(story, gazetteer, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<img" not in page and "<svg" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    data_js = (tmp_path / "assets" / "story-data.js").read_text(encoding="utf-8")
    assert HOSTILE.replace('"', '\\"') in data_js  # kept as a JSON string, set with textContent


def test_local_pictures_travel_with_the_site(tmp_path, gazetteer):
    from pathlib import Path

    from story.loader import load_story

    folder = tmp_path / "story"
    (folder / "photos").mkdir(parents=True)
    picture = Path(__file__).resolve().parent.parent / "static/vendor/leaflet/images/marker-icon.png"
    (folder / "photos" / "marker.png").write_bytes(picture.read_bytes())
    (folder / "story.yaml").write_text(
        "title: Pictures\nsource: {title: t, publisher: p, date: '2020'}\nchapters:\n"
        "  - {id: one, title: One, caption: A marker., narrative: Text., places: [busan],"
        " media: {url: photos/marker.png, alt: A blue marker}}\n",
        encoding="utf-8",
    )
    story = load_story(folder / "story.yaml", builtin_references())
    export_site(story, gazetteer, tmp_path / "site")
    copied = list((tmp_path / "site" / "assets" / "media").iterdir())
    assert [path.read_bytes() for path in copied] == [picture.read_bytes()]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'src="assets/media/{copied[0].name}"' in page and 'alt="A blue marker"' in page


class _TimelineMarks(HTMLParser):
    """Each timeline chart's class and its marks' attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.charts: dict[str, list[dict]] = {}
        self._chart = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "svg" and "timeline-chart" in classes:
            self._chart = self.charts.setdefault(classes[-1], [])
        elif "timeline-mark" in classes:
            self._chart.append(attributes)

    handle_startendtag = handle_starttag


def timeline_marks(page: str) -> dict[str, list[dict]]:
    parser = _TimelineMarks()
    parser.feed(page)
    return parser.charts


def test_the_timeline_has_one_button_per_dated_chapter_in_time_order(exported, default_story):
    page = (exported / "index.html").read_text(encoding="utf-8")
    charts = timeline_marks(page)
    assert set(charts) == {"timeline-narrow", "timeline-wide"}
    points = timeline_points(default_story)
    for marks in charts.values():
        assert [mark["data-chapter"] for mark in marks] == [point["id"] for point in points]
        for mark, point in zip(marks, points):
            number = default_story.index_of(mark["data-chapter"]) + 1
            assert mark["aria-label"] == f"Chapter {number}: {point['title']}, {point['label']}"
            assert mark["role"] == "button"
        assert [mark["tabindex"] for mark in marks] == ["0"] + ["-1"] * (len(marks) - 1), "one tab stop per chart"
    for era in ("1910", "1945", "1948–1953", "2013"):
        assert f">{era}</text>" in page


def test_the_timeline_is_our_drawing_and_nothing_else(exported):
    page = (exported / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg .*?</svg>", page, re.DOTALL)
    assert len(charts) == 2
    for chart in charts:
        assert set(re.findall(r"<(\w+)", chart)) <= {"svg", "g", "line", "circle", "text"}
        assert not re.search(r"\son\w+=|href=|<script|javascript:", chart)
        assert "viewBox=" in chart and not re.search(r"<svg [^>]*\swidth=", chart), "scales to its column"


def test_hostile_titles_stay_text_on_the_timeline(tmp_path, gazetteer):
    raw = {
        "title": "Hostile",
        "source": {"title": "t", "publisher": "p", "date": "2020"},
        "chapters": [{"id": "one", "title": HOSTILE, "date": "1950-06-25", "caption": "c", "narrative": "n", "places": ["busan"]}],
    }
    export_site(build_story(raw, "hostile.yaml", builtin_references()), gazetteer, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<img" not in page and "<script>" not in page and "<svg onload" not in page
    marks = timeline_marks(page)["timeline-wide"]
    assert [mark["aria-label"] for mark in marks] == [f"Chapter 1: {HOSTILE}, 25 June 1950"]


PARAGRAPHS = {
    "title": "Two paragraphs",
    "source": {"title": "t", "publisher": "p", "date": "2020"},
    "chapters": [
        {"id": "one", "title": "One", "caption": "c", "narrative": "First paragraph,\nstill the first.\n\nSecond paragraph.", "places": ["busan"]},
        {"id": "two", "title": "Two", "caption": "c", "narrative": "Alone.\n\n\nAfter two blank lines.", "places": ["busan"]},
    ],
}


@pytest.mark.parametrize("layout", ["steps", "scroll"])
def test_the_export_keeps_a_narratives_paragraph_breaks(tmp_path, gazetteer, layout):
    export_site(build_story(PARAGRAPHS, "paragraphs.yaml", builtin_references()), gazetteer, tmp_path / "site", layout=layout)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<p>First paragraph,\nstill the first.</p><p>Second paragraph.</p>" in re.sub(r">\s+<", "><", page)
    data = (tmp_path / "site" / "assets" / "story-data.js").read_text(encoding="utf-8")
    chapters = json.loads(data.removeprefix("window.STORYMAP_DATA = ").rstrip().rstrip(";"))["chapters"]
    assert [chapter["paragraphs"] for chapter in chapters] == [
        ["First paragraph,\nstill the first.", "Second paragraph."], ["Alone.", "After two blank lines."]]

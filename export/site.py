"""Write a story as a static site: index.html, the map's code and data, and local assets."""

from __future__ import annotations

import json
import re
import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

import jinja2
import markupsafe

from export.map_page import render_map
from render.page import ABOUT_TITLE, UNKNOWN_LINK_NOTICE, about_html, byline, chapter_list, place_clicks, position
from render.timeline import timeline_markup
from geo import basemap
from geo.assets import APP_STYLESHEET, STATIC_DIR
from geo.describe import describe_map
from geo.history import story_layers
from geo.map_builder import drawn_on_map, story_places
from story.places import Place
from geo.provenance import layer_rows, place_rows
from story.escaping import html_text
from story.model import Story
from story.figure import figure_html
from story.files import story_files

HERE = Path(__file__).resolve().parent
ASSETS = "assets/"
# No inline script and no script from elsewhere; images may come from the web (online basemaps).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
    "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
# The page's template for each layout; both share the map, the data, the styles and the partials.
LAYOUTS = {"steps": "index.html", "scroll": "scroll.html"}


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: the parts between blank lines (a single line break stays inside one)."""
    return [part.strip() for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def media_files(story: Story) -> dict[str, bytes]:
    """Each local picture the story shows: its address inside the site (its content name, whose
    extension is the image type its bytes show), and the bytes checked when the story loaded."""
    return {
        f"{ASSETS}media/{chapter.media.published_name}": chapter.media.data
        for chapter in story.chapters
        if chapter.media and chapter.media.is_local
    }


def _media_address(chapter) -> str | None:
    media = chapter.media
    return f"{ASSETS}media/{media.published_name}" if media and media.is_local else None


def chapter_records(story: Story, places: Mapping[str, Place]) -> list[dict]:
    """What the page shows for each chapter: plain text (set with textContent), and the picture's
    figure, escaped by figure_html."""
    records = []
    for index, chapter in enumerate(story.chapters):
        records.append(
            {
                "id": chapter.id,
                "title": chapter.title,
                "date": chapter.date.label(),
                "figure": figure_html(story, chapter, _media_address(chapter)),
                "paragraphs": paragraphs(chapter.narrative),
                "position": position(index, len(story.chapters)),
                "description": describe_map(story, index, places, drawn_on_map(story, index, places)),
            }
        )
    return records


def _page(story: Story, places: Mapping[str, Place], records: list[dict], rendered, layout: str) -> str:
    # Story text reaches the page through the one escaping point (story/escaping.py): every value
    # a template prints goes through html_text, but for the markup our own renderers made (|safe).
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=False,
        finalize=lambda value: value if isinstance(value, markupsafe.Markup) else html_text(value),
    )
    return environment.get_template(LAYOUTS[layout]).render(
        story=story,
        records=records,
        csp=CONTENT_SECURITY_POLICY,
        first=records[0],
        scripts=rendered.scripts,
        stylesheets=rendered.stylesheets,
        map_body=rendered.body,
        timeline=timeline_markup(story),  # the same markup the app serves
        byline=byline(story),
        chapter_list=chapter_list(story),
        about_title=ABOUT_TITLE,
        about=about_html(layer_rows(story_layers(story), story, places), place_rows(story_places(story, places), story.map.period)),
    )


def _data_script(story: Story, places: Mapping[str, Place], records: list[dict], map_name: str) -> str:
    data = {
        "mapName": map_name,
        "chapters": records,
        "placeClicks": place_clicks(story, story_places(story, places)),
        "unknownLinkNotice": UNKNOWN_LINK_NOTICE,
    }
    return "window.STORYMAP_DATA = " + json.dumps(data, ensure_ascii=False, indent=1) + ";\n"


MARKER = ".storymap-export"  # marks a folder as an export of ours, which a new export may replace
OURS = ("index.html", "assets", MARKER)  # what an export writes, and all a re-export replaces


class ExportRefused(ValueError):
    """The output folder holds files the export did not write; nothing was changed."""


def check_outdir(outdir: Path, protected: list[Path]) -> None:
    """Refuse a folder the export could damage: a symlink, a file, a folder holding the story or
    its files, or a non-empty folder that is not an earlier export of ours."""
    if outdir.is_symlink():
        raise ExportRefused(f"{outdir} is a symbolic link; name a real folder")
    if outdir.exists() and not outdir.is_dir():
        raise ExportRefused(f"{outdir} is a file; name a folder to write the site into")
    resolved = outdir.resolve()
    for path in protected:
        if path == resolved or path.is_relative_to(resolved):
            raise ExportRefused(f"{outdir} holds the story or its files ({path.name}); export to a folder of its own")
    if outdir.exists() and any(outdir.iterdir()):
        marker = outdir / MARKER
        if marker.is_symlink() or not marker.is_file():
            raise ExportRefused(f"{outdir} is not empty and is not an earlier export (no {MARKER} file); "
                                "name a new or empty folder")


def _write_site(story: Story, places: Mapping[str, Place], outdir: Path, layout: str) -> None:
    assets = outdir / "assets"
    rendered = render_map(story, places, ASSETS)
    shutil.copytree(STATIC_DIR / "vendor", assets / "vendor", ignore=shutil.ignore_patterns("update.sh"))
    shutil.copy2(STATIC_DIR / APP_STYLESHEET[1], assets / APP_STYLESHEET[1])
    shared_with_the_app = ("theme.css", "photos.js", "figure.css", "timeline.js", "timeline.css", "layout.js",
                           "touch-gestures.js", "map-follows-its-box.js", "autoplay.js", "storymap.js",
                           "basemap.js", "basemap.css", "fonts.css", "war-play.js", "shared-drawings.js")
    for name in shared_with_the_app:
        shutil.copy2(STATIC_DIR / name, assets / name)
    shutil.copytree(STATIC_DIR / "fonts", assets / "fonts")
    if story.map.region:  # the base map's river data asks for its licence texts to go with it
        shutil.copytree(basemap.LICENSES_DIR, assets / "licenses")
    for name in ("export.js", "export.css", "scroll.js", "scroll.css"):
        shutil.copy2(HERE / "assets" / name, assets / name)
    for address, data in media_files(story).items():
        (outdir / address).parent.mkdir(parents=True, exist_ok=True)
        (outdir / address).write_bytes(data)
    records = chapter_records(story, places)  # the page shows the first; the data holds them all
    (assets / "map.js").write_text(rendered.script, encoding="utf-8")
    (assets / "story-data.js").write_text(_data_script(story, places, records, rendered.map_name), encoding="utf-8")
    (outdir / "index.html").write_text(_page(story, places, records, rendered, layout), encoding="utf-8")
    (outdir / MARKER).write_text("Written by the story map's export; a new export may replace index.html and assets/ here.\n", encoding="utf-8")


def export_site(story: Story, places: Mapping[str, Place], outdir: Path, source: Path | None = None, layout: str = "steps") -> Path:
    """Write the site into outdir; returns its index.html. `source`: the story file, so that
    neither it nor its files can be overwritten. `layout`: "steps" (Previous and Next) or
    "scroll" (the text scrolls past a map that follows it). Raises ExportRefused (before writing anything)
    for a folder it could damage (see check_outdir).

    The site is built in a new folder beside outdir and then moved into place: outdir is never
    half-written, a re-export replaces only what an export writes, and a symlink planted in
    outdir is moved aside, never followed."""
    outdir = Path(outdir)
    check_outdir(outdir, story_files(story, source))
    parent = outdir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(dir=parent, prefix=f".{outdir.name}.building-"))
    try:
        os.chmod(build, 0o755)  # a site is for publishing: readable like any folder made with mkdir
        _write_site(story, places, build, layout)
        if not outdir.exists():
            os.rename(build, outdir)
        else:
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{outdir.name}.old-"))
            try:
                for name in OURS:
                    if os.path.lexists(outdir / name):
                        os.rename(outdir / name, old / name)
                    os.rename(build / name, outdir / name)
            finally:
                shutil.rmtree(old)  # only what an earlier export wrote; links inside are removed, not followed
    finally:
        if build.exists():
            shutil.rmtree(build)
    return outdir / "index.html"

"""Write a story as a static site: index.html, the map's code and data, and local assets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Mapping

import jinja2

from export.map_page import render_map
from export.timeline import timeline_markup
from geo.assets import APP_STYLESHEET, STATIC_DIR
from geo.describe import describe_map
from geo.history import story_layers
from geo.map_builder import drawn_on_map, story_places
from geo.places import Place
from geo.provenance import layer_rows, place_rows
from story.model import Story
from story.figure import figure_html
from story.navigation import next_chapter_about

HERE = Path(__file__).resolve().parent
ASSETS = "assets/"
# No inline script and no script from elsewhere; images may come from the web (online basemaps).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
    "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
UNKNOWN_LINK_NOTICE = "That link names no chapter of this story, so it opens at the start."


def media_files(story: Story) -> dict[Path, str]:
    """Each local picture the story shows, and its address inside the site."""
    files = {}
    for chapter in story.chapters:
        if chapter.media and chapter.media.is_local and chapter.media.path not in files:
            files[chapter.media.path] = f"{ASSETS}media/{len(files) + 1:03d}-{chapter.media.path.name}"
    return files


def chapter_records(story: Story, places: Mapping[str, Place]) -> list[dict]:
    """What the page shows for each chapter: plain text (set with textContent), and the picture's
    figure, escaped by figure_html."""
    media = media_files(story)
    records = []
    for index, chapter in enumerate(story.chapters):
        records.append(
            {
                "id": chapter.id,
                "title": chapter.title,
                "date": chapter.date.label(),
                "figure": figure_html(story, chapter, media.get(chapter.media.path) if chapter.media else None),
                "narrative": chapter.narrative,
                "description": describe_map(story, index, places, drawn_on_map(story, index)),
            }
        )
    return records


def next_chapters(story: Story, places: Mapping[str, Place]) -> dict[str, list[int | None]]:
    """For each place and current chapter, the chapter a click on the place leads to."""
    count = len(story.chapters)
    return {slug: [next_chapter_about(story, slug, index) for index in range(count)] for slug in places}


def _page(story: Story, places: Mapping[str, Place], records: list[dict], rendered) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    return environment.get_template("index.html").render(
        story=story,
        csp=CONTENT_SECURITY_POLICY,
        first=records[0],
        chapters=story.chapters,
        scripts=rendered.scripts,
        stylesheets=rendered.stylesheets,
        map_body=rendered.body,
        timeline=timeline_markup(story),  # the same markup the app serves
        layer_rows=layer_rows(story_layers(story)),
        place_rows=place_rows(story_places(story, places)),
    )


def _data_script(story: Story, places: Mapping[str, Place], records: list[dict], map_name: str) -> str:
    data = {
        "mapName": map_name,
        "chapters": records,
        "nextChapter": next_chapters(story, story_places(story, places)),
        "unknownLinkNotice": UNKNOWN_LINK_NOTICE,
    }
    return "window.STORYMAP_DATA = " + json.dumps(data, ensure_ascii=False, indent=1) + ";\n"


def export_site(story: Story, places: Mapping[str, Place], outdir: Path) -> Path:
    """Write the site into outdir (created; files of an earlier export are replaced). Returns index.html."""
    outdir = Path(outdir)
    assets = outdir / "assets"
    rendered = render_map(story, places, ASSETS)
    if assets.exists():
        shutil.rmtree(assets)
    shutil.copytree(STATIC_DIR / "vendor", assets / "vendor", ignore=shutil.ignore_patterns("update.sh"))
    shutil.copy2(STATIC_DIR / APP_STYLESHEET[1], assets / APP_STYLESHEET[1])
    shared_with_the_app = ("theme.css", "photos.js", "figure.css", "timeline.js", "timeline.css", "layout.js",
                           "touch-gestures.js", "map-follows-its-box.js")
    for name in shared_with_the_app:
        shutil.copy2(STATIC_DIR / name, assets / name)
    for name in ("export.js", "export.css"):
        shutil.copy2(HERE / "assets" / name, assets / name)
    for source, address in media_files(story).items():
        (outdir / address).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, outdir / address)
    records = chapter_records(story, places)  # the page shows the first; the data holds them all
    (assets / "map.js").write_text(rendered.script, encoding="utf-8")
    (assets / "story-data.js").write_text(_data_script(story, places, records, rendered.map_name), encoding="utf-8")
    index = outdir / "index.html"
    index.write_text(_page(story, places, records, rendered), encoding="utf-8")
    return index

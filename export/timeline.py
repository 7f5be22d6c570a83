"""The timeline for the static page: the app's own chart (ui/timeline.py) drawn to SVG when the
site is written, each chapter's mark made a button tied to its chapter.

Altair draws the SVG through vl-convert, which bundles Vega, so nothing is fetched. The page's
script (static/timeline.js, shared with the app) marks the current chapter and wires clicks and keys."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from story.model import Story
from ui.timeline import timeline_chart

SVG = "http://www.w3.org/2000/svg"
# The app's chart takes its column's width; a static page draws two and shows the one that suits
# the screen (export.css), so the marks and era names keep about their size on a phone.
WIDTHS = {"narrow": 350, "wide": 790}
# What Vega's SVG output is made of; anything else is dropped rather than put on the page.
ALLOWED_ELEMENTS = {"svg", "g", "path", "rect", "text", "tspan", "line", "title", "defs", "clipPath"}
MARK_CLASS = "timeline-mark"


def timeline_svgs(story: Story) -> dict[str, str]:
    """The timeline as inline SVG for each width, or nothing when no chapter is dated."""
    chart = timeline_chart(story)  # no current chapter: the page marks it
    points = chart.layer[0].data.values
    if not points:
        return {}
    # Vega writes each point's "aria" text as its mark's aria-label: "Chapter 3: Title, date",
    # unique to a chapter, so it ties each mark to its chapter whatever order Vega draws them in.
    names = {point["aria"]: point["id"] for point in points}
    svgs = {}
    for variant, width in WIDTHS.items():
        buffer = io.StringIO()
        chart.properties(width=width).save(buffer, format="svg")
        svgs[variant] = interactive_svg(buffer.getvalue(), names, variant)
    return svgs


def interactive_svg(svg: str, names: dict[str, str], variant: str) -> str:
    """Vega's SVG scaled to its column, with each mark a button carrying its chapter's id
    (`names`: accessible name -> chapter id). Raises ValueError unless every chapter in `names`
    has exactly one mark and every mark names a chapter: a wrong timeline is worse than none."""
    root = ET.fromstring(svg)
    _drop_foreign_content(root)
    for element in root.iter():  # plain names: the page is HTML, where <svg> needs no namespace
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
    root.set("viewBox", root.get("viewBox") or f"0 0 {root.get('width')} {root.get('height')}")
    for attribute in ("width", "height"):  # sized by export.css from the viewBox
        root.attrib.pop(attribute, None)
    root.set("class", f"timeline-chart timeline-{variant}")
    root.set("role", "toolbar")
    root.set("aria-label", "Chapters on a time axis")
    found = []
    for group in list(root.iter("g")):
        classes = group.get("class", "").split()
        # Vega's containers would be announced as "group mark container" and the like.
        for attribute in ("role", "aria-roledescription"):
            group.attrib.pop(attribute, None)
        if "mark-text" in classes:
            group.set("aria-hidden", "true")  # era names and breaks: each mark already says its date
        if "mark-symbol" in classes:
            found += [_make_button(group, path, names) for path in list(group)]
    if sorted(found) != sorted(names.values()):
        raise ValueError(f"the timeline's marks {found} do not match its dated chapters {list(names.values())}")
    first = root.find(f".//*[@class='{MARK_CLASS}']")
    first.set("tabindex", "0")  # one tab stop; the arrow keys move along (timeline.js)
    return ET.tostring(root, encoding="unicode")


def _make_button(group: ET.Element, path: ET.Element, names: dict[str, str]) -> str:
    """Turn one of Vega's symbols into its chapter's button; returns the chapter id."""
    name = path.get("aria-label")
    if name not in names:
        raise ValueError(f"a timeline mark names no dated chapter: {name!r}")
    # The mark's position moves to a group around it, so CSS can scale the mark about its own
    # centre: a CSS transform replaces an element's SVG transform rather than adding to it.
    position = ET.Element("g", {"transform": path.attrib.pop("transform", "")})
    group.insert(list(group).index(path), position)
    group.remove(path)
    position.append(path)
    path.attrib.pop("aria-roledescription", None)  # "circle"; a button is what it is
    path.set("role", "button")
    path.set("class", MARK_CLASS)
    path.set("data-chapter", names[name])
    path.set("tabindex", "-1")
    return names[name]


def _drop_foreign_content(root: ET.Element) -> None:
    """Remove any element Vega's SVG output is not made of, and any event handler or link."""
    for parent in root.iter():
        for child in list(parent):
            if child.tag.removeprefix(f"{{{SVG}}}") not in ALLOWED_ELEMENTS:
                parent.remove(child)
        for attribute in [name for name in parent.attrib if name.lower().startswith("on") or name.endswith("href")]:
            del parent.attrib[attribute]


def timeline_markup(story: Story) -> str:
    """The charts and the line under them that names the mark pointed at; empty when undated.
    The static page puts it in its template; the app serves it as a file."""
    svgs = timeline_svgs(story)
    if not svgs:
        return ""
    return ('<nav class="timeline" aria-label="Timeline">' + "".join(svgs.values())
            + '<p class="timeline-hint" aria-hidden="true"></p></nav>')

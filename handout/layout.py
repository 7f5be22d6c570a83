"""The handout's pages, laid out with fpdf2: a cover, a page per chapter, small multiples of the
historical layers, a sources appendix, page numbers. Story text is written as text (never read
as markup) in the embedded Noto Sans KR, so it can be searched, copied and read aloud."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from geo.history import story_layers
from geo.map_builder import active_layers, drawn_on_map, start_view
from story.places import Place
from geo.provenance import layer_rows, place_rows
from geo.story_places import left_off, story_places
from geo.views import chapter_view
from handout.fonts import FAMILY, FONT_FILES, missing_characters
from handout.maps import MapKit, extent_of_view, inside
from story.figure import editorial_label
from story.model import Chapter, Story
from story.timeline import chapter_span

PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN, BOTTOM = 16.0, 18.0  # mm; the page number sits in the bottom margin
MAP_ASPECT = 1.1  # a chapter map's width over its greatest height
MIN_MAP_MM = 70.0  # below this a map says too little: the text runs on to the next page instead
INK, GREY, ACCENT = (34, 34, 34), (96, 96, 96), (211, 84, 0)
TEXT_PT, LINE_MM = 11.0, 5.4
PARAGRAPHS = re.compile(r"\n\s*\n")
APPROXIMATE = "Historical lines and areas are approximate; each one's source and accuracy are listed at the end."


@dataclass
class HandoutResult:
    pages: int
    size: int
    missing: list[str] = field(default_factory=list)  # characters the font cannot draw


class HandoutPDF(FPDF):
    def __init__(self, paper: str):
        super().__init__(orientation="portrait", unit="mm", format=PAPERS[paper])
        # No page-count alias: "{nb}" in a story would be replaced by a number. The page
        # numbers are written once the count is known (Handout.page_numbers).
        self.alias_nb_pages(None)
        for style, weight in (("", "regular"), ("B", "bold")):
            self.add_font(FAMILY, style, str(FONT_FILES[weight]))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_text_color(*INK)

    def font(self, size: float, bold: bool = False, colour=INK) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)

    def block(self, text: str, size: float, line: float, bold: bool = False, colour=INK, width: float = 0, dry: bool = False) -> float:
        """Text as a left-aligned paragraph (never markup); returns its height."""
        self.font(size, bold, colour)
        if dry:
            return self.multi_cell(width or self.epw, line, text, align="L", dry_run=True, output="HEIGHT")
        before = self.get_y()
        self.multi_cell(width or self.epw, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y() - before

    def fit(self, text: str, width: float) -> str:
        """The text cut with an ellipsis to fit the width at the current font."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def revisit(self, page: int) -> None:
        """Write on an earlier page. The font is chosen afresh: fpdf2 would otherwise skip
        setting a font it thinks is current, though that page last used another."""
        self.page = page
        self.set_font(FAMILY, "", 1)

    @property
    def bottom(self) -> float:
        return self.h - BOTTOM


class Handout:
    """One story's handout; `write()` returns the PDF's bytes."""

    def __init__(self, story: Story, gazetteer: Mapping[str, Place], paper: str = "a4"):
        if paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
        self.story = story
        self.all_places = {**gazetteer, **story.places}
        self.places = story_places(story, self.all_places)  # what the app's map marks
        self.layers = story_layers(story)
        self.kit = MapKit(story, self.places, self.layers)
        self.pdf = HandoutPDF(paper)
        self.printed: list[str] = []  # every story text written, to check the font covers it
        self.chapter_pages: list[int] = []

    def write(self) -> tuple[bytes, HandoutResult]:
        pdf = self.pdf
        story = self.story
        pdf.set_title(story.title)
        pdf.set_subject(f"{story.source.title} ({story.source.publisher}, {story.source.date.label()})")
        pdf.set_creator("storymap: python -m storymap print")
        pdf.set_lang("en")
        contents_box = self.cover()
        for index in range(len(story.chapters)):
            self.chapter_page(index)
        self.small_multiples()
        self.appendix()
        self.contents(contents_box)
        self.page_numbers()
        data = bytes(pdf.output())
        return data, HandoutResult(pages=pdf.pages_count, size=len(data), missing=missing_characters(self.printed))

    def text(self, text: str, *args, **kwargs) -> float:
        self.printed.append(text)
        return self.pdf.block(text, *args, **kwargs)

    # The cover -------------------------------------------------------------------------------

    def cover(self) -> tuple[float, float, float]:
        pdf, story = self.pdf, self.story
        pdf.add_page()
        self.text(story.title, 24, 10.5, bold=True)
        pdf.ln(2)
        if story.introduction:
            self.text(story.introduction, 12, 6, colour=GREY)
            pdf.ln(2)
        source = story.source
        self.text(f"From {source.title}, {source.publisher}, {source.date.label()}.", 9.5, 5, colour=GREY)
        if source.url:
            self.text(source.url, 9.5, 5, colour=GREY)
        pdf.ln(3)
        rows = self._contents_rows()
        contents_height = 8 + rows * 4.8
        height = max(MIN_MAP_MM, min(pdf.epw / 1.3, pdf.bottom - pdf.get_y() - contents_height - 10))
        view = self._cover_view()
        extent = extent_of_view(view, pdf.epw / height) if view else None
        if extent is not None:
            ringed = [slug for slug in self.places if inside(self.kit.points[slug], extent)]
            # Names as of the opening chapter's time (no country that did not exist yet).
            png = self.kit.draw(extent, pdf.epw, height, layers=(), ringed=ringed, ring_label="Place in the story",
                                span=chapter_span(story, 0))
            pdf.image(io.BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=pdf.epw, h=height, alt_text=f"Map: the places of {story.title}")
            pdf.set_y(pdf.get_y() + height + 2)
            self.text("The story's places.", 8, 4, colour=GREY)
        pdf.ln(3)
        top = pdf.get_y()
        return (pdf.page, top, contents_height)

    def _cover_view(self) -> dict | None:
        """Where the app's map opens: the story's start, else its first chapter's view."""
        return start_view(self.story, self.all_places) if self.places or self.story.map.start else None

    def _contents_rows(self) -> int:
        count = len(self.story.chapters)
        return math.ceil(count / 2) if count > 10 else count

    def contents(self, box: tuple[int, float, float]) -> None:
        """The chapters and their pages, written on the cover once the pages are known."""
        pdf = self.pdf
        page, top, _height = box
        last_page = pdf.page
        pdf.revisit(page)
        pdf.set_auto_page_break(False)
        pdf.set_xy(pdf.l_margin, top)
        pdf.font(11, bold=True)
        pdf.cell(pdf.epw, 6, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        rows = self._contents_rows()
        columns = 1 if rows == len(self.story.chapters) else 2
        width = (pdf.epw - 6 * (columns - 1)) / columns
        y0 = pdf.get_y() + 1
        for index, (chapter, target) in enumerate(zip(self.story.chapters, self.chapter_pages)):
            column, row = divmod(index, rows)
            x, y = pdf.l_margin + column * (width + 6), y0 + row * 4.8
            pdf.font(8.5, colour=GREY)
            pdf.set_xy(x, y)
            pdf.cell(7, 4.8, f"{index + 1}")
            pdf.font(8.5)
            pdf.cell(width - 17, 4.8, pdf.fit(chapter.title, width - 18))
            pdf.font(8.5, colour=GREY)
            pdf.cell(10, 4.8, str(target), align="R")
            pdf.link(x, y, width, 4.8, pdf.add_link(page=target))
        pdf.page = last_page
        pdf.set_auto_page_break(True, margin=BOTTOM)

    # A chapter ---------------------------------------------------------------------------------

    def chapter_page(self, index: int) -> None:
        pdf, story = self.pdf, self.story
        chapter = story.chapters[index]
        pdf.add_page()
        self.chapter_pages.append(pdf.page)
        pdf.font(8.5, colour=ACCENT)
        pdf.cell(pdf.epw, 4.5, f"Chapter {index + 1} of {len(story.chapters)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.text(chapter.title, 18, 8, bold=True)
        date = "Overview" if chapter.overview and chapter.date.value is None else chapter.date.label()
        self.text(date, 10.5, 5.5, colour=GREY)
        pdf.ln(2)
        layers = active_layers(story, index)
        note = "On the map: " + "; ".join(drawn_on_map(story, index, self.all_places)) + f". {APPROXIMATE}"
        text_height = (
            pdf.block(note, 8, 4, dry=True) + 3
            + self._caption_block(chapter, dry=True) + 3
            + self._narrative(chapter, dry=True)
        )
        room = pdf.bottom - pdf.get_y() - text_height - 2
        height = max(MIN_MAP_MM, min(pdf.epw / MAP_ASPECT, room))
        extent = extent_of_view(chapter_view(chapter, self.all_places), pdf.epw / height)
        png = self.kit.draw(extent, pdf.epw, height, layers, ringed=chapter.places, span=chapter_span(story, index),
                             absent=left_off(story, index))
        pdf.image(io.BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=pdf.epw, h=height, alt_text=f"Map: {chapter.title}")
        pdf.set_y(pdf.get_y() + height + 1.5)
        self.text(note, 8, 4, colour=GREY)
        pdf.ln(3)
        self._caption_block(chapter)
        pdf.ln(3)
        self._narrative(chapter)

    def _caption_block(self, chapter: Chapter, dry: bool = False) -> float:
        """The picture's caption and credit, set off by a rule in the accent colour."""
        pdf = self.pdf
        media = chapter.media
        caption = (media.caption if media and media.caption else None) or chapter.caption
        credit = (media.credit if media else None) or chapter.credit
        lines = [caption]
        if credit:
            lines.append(f"Photo: {credit}")
        if media and (media.link or media.url.startswith(("http://", "https://"))):
            lines.append(f"Original: {media.link or media.url}")
        if media is None and not chapter.overview and self.story.photo_note:
            lines.append(self.story.photo_note)  # as the app says it under a chapter with no photo
        # What the map's editors add, apart from the source's words, as the app shows it.
        if chapter.editorial:
            lines.insert(0, editorial_label(self.story))
        if chapter.note:
            lines.append(f"Editor's note: {chapter.note}")
        indent = 4
        width = pdf.epw - indent
        if dry:
            return sum(pdf.block(line, 9.5, 4.8, width=width, dry=True) for line in lines)
        top = pdf.get_y()
        page = pdf.page
        for number, line in enumerate(lines):
            pdf.set_x(pdf.l_margin + indent)
            self.text(line, 9.5, 4.8, colour=INK if line == caption else GREY, width=width)
        if pdf.page == page:
            pdf.set_draw_color(*ACCENT)
            pdf.set_line_width(0.8)
            pdf.line(pdf.l_margin + 0.6, top + 0.5, pdf.l_margin + 0.6, pdf.get_y() - 0.5)
        return pdf.get_y() - top

    def _narrative(self, chapter: Chapter, dry: bool = False) -> float:
        pdf = self.pdf
        total = 0.0
        for number, paragraph in enumerate(PARAGRAPHS.split(chapter.narrative.strip())):
            if number:
                total += 2.5
                if not dry:
                    pdf.ln(2.5)
            total += pdf.block(paragraph, TEXT_PT, LINE_MM, dry=True) if dry else self.text(paragraph, TEXT_PT, LINE_MM)
        return total

    # Small multiples -----------------------------------------------------------------------------

    def small_multiples(self) -> None:
        """One small map per dated chapter, all of the same ground, with the layers of its date."""
        pdf, story = self.pdf, self.story
        dated = [index for index, chapter in enumerate(story.chapters) if chapter.date.value is not None]
        if not self.layers or not dated:
            return
        pdf.add_page()
        self.text("The layers through the story", 18, 8, bold=True)
        self.text("One map for each dated chapter, in story order, with the historical layers of its date.", 10, 5, colour=GREY)
        pdf.ln(3)
        gap, label_height = 4.0, 9.0
        legend_height = 6 + 4.6 * len(self.layers)
        extent = self.kit.layers_extent()
        columns, width = _grid(len(dated), pdf.epw, pdf.bottom - pdf.get_y() - legend_height - 2, extent.height / extent.width, gap, label_height)
        height = width * extent.height / extent.width
        left = pdf.l_margin + (pdf.epw - columns * width - (columns - 1) * gap) / 2  # the grid centred
        x_positions = [left + column * (width + gap) for column in range(columns)]
        y = pdf.get_y()
        for number, index in enumerate(dated):
            column = number % columns
            if column == 0 and number and y + height + label_height > pdf.bottom:
                pdf.add_page()
                y = pdf.get_y()
            chapter = story.chapters[index]
            png = self.kit.draw(
                extent, width, height, active_layers(story, index), ringed=chapter.places, labelled=False, furniture=False,
                span=chapter_span(story, index),
            )
            pdf.image(io.BytesIO(png), x=x_positions[column], y=y, w=width, h=height, alt_text=f"Map: {chapter.title}, {chapter.date.label()}")
            pdf.set_xy(x_positions[column], y + height + 0.8)
            pdf.font(7.5, bold=True)
            pdf.cell(width, 3.6, pdf.fit(f"{index + 1}. {chapter.date.label()}", width), new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.font(7.5, colour=GREY)
            pdf.cell(width, 3.6, pdf.fit(chapter.title, width))
            self.printed.append(chapter.title)
            if column == columns - 1 or number == len(dated) - 1:
                y += height + label_height + 2
        if y + legend_height > pdf.bottom:
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_y(y + 1)
        self._layer_key()

    def _layer_key(self) -> None:
        pdf = self.pdf
        pdf.font(9, bold=True)
        pdf.cell(pdf.epw, 5.5, "Layers", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for layer in self.layers:
            y = pdf.get_y()
            pdf.set_fill_color(*_rgb(layer.color))
            pdf.rect(pdf.l_margin, y + 1.4, 7, 1.8, style="F")
            pdf.set_x(pdf.l_margin + 10)
            self.text(f"{layer.legend} ({layer.dates_label()})", 8.5, 4.6, width=pdf.epw - 10)

    # Sources -----------------------------------------------------------------------------------

    def appendix(self) -> None:
        pdf, story = self.pdf, self.story
        pdf.add_page()
        self.text("Sources", 18, 8, bold=True)
        source = story.source
        line = f"Text: {source.title}, {source.publisher}, {source.date.label()}." + (f" {source.url}" if source.url else "")
        self.text(line, 9.5, 5)
        self.text(f"Maps: every place and line drawn, where it comes from and how exact it is. {APPROXIMATE}", 9.5, 5, colour=GREY)
        pdf.ln(3)
        place_table = place_rows(self.places, self.story.map.period)
        if place_table:
            self.text("Places", 12, 6, bold=True)
            self._table(place_table)
            pdf.ln(4)
        if pdf.get_y() > pdf.bottom - 40:
            pdf.add_page()  # a heading never ends a page
        self.text("Map layers", 12, 6, bold=True)
        self._table(self._layer_rows())

    def _layer_rows(self) -> list[dict[str, str]]:
        """The app's rows for what every map draws (land, the story's lines), then a row for
        each feature of each historical layer."""
        rows = [
            {"Layer": row["Layer"], "Feature": "", "Shown": "on every map", "Source": row["Source"], "Accuracy": row["Accuracy"]}
            for row in layer_rows([], self.story, self.all_places)
        ]
        for layer in self.layers:
            for feature in layer.features.itertuples():
                rows.append({"Layer": layer.name, "Feature": str(feature.label), "Shown": layer.dates_label(), "Source": str(feature.source), "Accuracy": str(feature.accuracy)})
        return rows

    def _table(self, rows: Sequence[Mapping[str, str]]) -> None:
        pdf = self.pdf
        columns = list(rows[0])
        weights = [_column_weight(column) for column in columns]
        pdf.font(7.5)
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.2)
        pdf.set_fill_color(255, 255, 255)
        with pdf.table(
            col_widths=weights, text_align="LEFT", line_height=3.6, first_row_as_headings=True, padding=1.2,
            headings_style=FontFace(emphasis="BOLD", fill_color=(244, 241, 236)), borders_layout="HORIZONTAL_LINES",
        ) as table:
            heading = table.row()
            for column in columns:
                heading.cell(column)
            for row in rows:
                cells = table.row()
                for column in columns:
                    text = str(row.get(column, ""))
                    self.printed.append(text)
                    cells.cell(text)

    # Page numbers ------------------------------------------------------------------------------

    def page_numbers(self) -> None:
        """'title · n / total' at the foot of every page, written once the total is known."""
        pdf = self.pdf
        total = pdf.pages_count
        pdf.set_auto_page_break(False)
        for page in range(1, total + 1):
            pdf.revisit(page)
            pdf.font(8, colour=GREY)
            number = f"{page} / {total}"
            number_width = pdf.get_string_width(number) + 2
            pdf.set_xy(pdf.l_margin, pdf.h - BOTTOM + 6)
            pdf.cell(pdf.epw - number_width, 5, pdf.fit(self.story.title, pdf.epw - number_width - 6))
            pdf.cell(number_width, 5, number, align="R")
        pdf.page = total


def _grid(count: int, width: float, height: float, ratio: float, gap: float, label: float) -> tuple[int, float]:
    """(columns, panel width) giving the largest panels of height/width `ratio` that fit
    `count` of them in the box; if none fits, the smallest sensible panels, over more pages."""
    best = (4, (width - 3 * gap) / 4)
    best_width = 0.0
    for columns in range(2, 7):
        rows = math.ceil(count / columns)
        panel = (width - gap * (columns - 1)) / columns
        fitting = (height - rows * (label + 2)) / rows / ratio
        size = min(panel, fitting)
        if size > best_width:
            best, best_width = (columns, size), size
    return best if best_width >= 25 else (4, (width - 3 * gap) / 4)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _column_weight(column: str) -> float:
    return {"Source": 3.0, "Accuracy": 3.0, "Feature": 2.0, "Shown": 1.5}.get(column, 1.4)


def render_handout(story: Story, gazetteer: Mapping[str, Place], paper: str = "a4") -> tuple[bytes, HandoutResult]:
    """The story's handout as PDF bytes, with its page count, size and any characters the font lacks."""
    return Handout(story, gazetteer, paper).write()

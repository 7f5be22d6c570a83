"""The printed handout: its pages, the story's text word for word, a map per chapter, embedded
fonts, paper sizes, a story set elsewhere, and hostile text that stays text."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handout.fonts import FONT_FILES, missing_characters
from geo.story_places import story_places
from handout.layout import render_handout
from handout.maps import Extent, extent_of_view, nice_scale_km, to_mercator
from seed import SEED_DIR, read_seed
from storymap.cli import main
from story.loader import DEFAULT_STORY_PATH, load_story
from geo.references import builtin_references

A4_POINTS = (595.28, 841.89)
LETTER_POINTS = (612.0, 792.0)


def flat(text: str) -> str:
    """Words joined by single spaces: line breaks in a PDF fall where the lines wrap."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def default_handout(default_story, gazetteer):
    data, result = render_handout(default_story, gazetteer, "a4")
    reader = PdfReader(io.BytesIO(data))
    return data, result, reader, [page.extract_text() for page in reader.pages]


def placed_images(reader: PdfReader, page: int) -> int:
    """How many times the page draws an image (a PDF keeps one copy of an image drawn twice)."""
    from pypdf.generic import ContentStream

    content = ContentStream(reader.pages[page].get_contents(), reader)
    return sum(1 for _operands, operator in content.operations if operator == b"Do")


def chapter_pages(texts: list[str], count: int) -> dict[int, int]:
    """Chapter number -> the page (0-based) headed 'Chapter n of count'."""
    found = {}
    for page, text in enumerate(texts):
        match = re.match(rf"\s*Chapter (\d+) of {count}\b", text)
        if match:
            assert int(match[1]) not in found, f"chapter {match[1]} heads two pages"
            found[int(match[1])] = page
    return found


def test_cover_then_a_page_per_chapter_then_small_multiples_and_sources(default_handout, default_story):
    _data, result, reader, texts = default_handout
    count = len(default_story.chapters)
    assert result.pages == len(reader.pages)
    assert flat(texts[0]).startswith(default_story.title) and "Contents" in texts[0]
    pages = chapter_pages(texts, count)
    assert pages == {number: number for number in range(1, count + 1)}, "chapter n on page n + 1, right after the cover"
    for number, chapter in enumerate(default_story.chapters, start=1):
        assert chapter.title in flat(texts[pages[number]])
        assert chapter.date.label() in texts[pages[number]] or chapter.overview
    multiples = count + 1
    assert flat(texts[multiples]).startswith("The layers through the story")
    sources = next(page for page, text in enumerate(texts) if flat(text).startswith("Sources"))
    assert sources > multiples
    for page, text in enumerate(texts, start=1):
        assert flat(text).endswith(f"{page} / {len(texts)}"), f"page {page} has no page number"


def test_contents_give_each_chapters_page(default_handout, default_story):
    _data, _result, _reader, texts = default_handout
    cover = texts[0]
    for number, chapter in enumerate(default_story.chapters, start=1):
        assert re.search(rf"^{number}\s*{re.escape(chapter.title)}\s*{number + 1}\s*$", cover, re.M), chapter.title


def _seed_file():
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed article is not available at {SEED_DIR}")
    return files[0]


def test_every_caption_and_narrative_of_the_seed_word_for_word(default_handout, default_story):
    _data, _result, _reader, texts = default_handout
    title, introduction, pairs = read_seed(_seed_file())
    assert flat(title) in flat(texts[0]) and flat(introduction) in flat(texts[0])
    pages = chapter_pages(texts, len(default_story.chapters))
    chapter_texts = [flat(texts[pages[number]]) for number in sorted(pages)]
    # The seed's pictures are the story's chapters after the overview, in order.
    story_pages = [text for text, chapter in zip(chapter_texts, default_story.chapters) if not chapter.overview]
    assert len(story_pages) == len(pairs)
    for (caption, narrative), text in zip(pairs, story_pages):
        assert flat(caption) in text
        assert flat(narrative) in text


def test_the_maps_own_words_are_marked_apart_from_the_articles(default_handout, default_story):
    _data, _result, _reader, texts = default_handout
    pages = chapter_pages(texts, len(default_story.chapters))
    by_id = {chapter.id: flat(texts[pages[number]]) for number, chapter in zip(sorted(pages), default_story.chapters)}
    assert flat("Written for this map, not from In pictures: The Korean War") in by_id["overview"]
    assert "Written for this map" not in by_id["kim-il-sung"]
    armistice = default_story.chapters[default_story.index_of("the-armistice")]
    assert flat(f"Editor's note: {armistice.note}") in by_id["the-armistice"]


def test_paragraph_breaks_are_kept(gazetteer):
    from story.validate import build_story

    story = build_story(
        {"title": "Two paragraphs", "source": {"title": "t", "publisher": "p", "date": "2020"},
         "chapters": [{"id": "one", "title": "One", "caption": "c", "narrative": "First paragraph ends here.\n\nSecond paragraph starts here.", "places": ["busan"]}]},
        "paragraphs.yaml", builtin_references(),
    )
    data, _result = render_handout(story, gazetteer)
    text = PdfReader(io.BytesIO(data)).pages[1].extract_text()
    assert re.search(r"First paragraph ends here\.\s*\n\s*Second paragraph starts here\.", text)


def test_one_map_per_chapter_page(default_handout, default_story):
    _data, _result, reader, texts = default_handout
    for number, page in chapter_pages(texts, len(default_story.chapters)).items():
        images = reader.pages[page].images
        assert len(images) == placed_images(reader, page) == 1, f"chapter {number}: {len(images)} images"
        width, height = images[0].image.size
        assert width > 1000 and height > 600, "printed at 200 dpi"
    assert placed_images(reader, 0) == 1, "the cover's overview map"
    dated = [chapter for chapter in default_story.chapters if chapter.date.value is not None]
    assert placed_images(reader, len(default_story.chapters) + 1) == len(dated), "a small map per dated chapter"


def test_fonts_are_embedded_and_hangul_is_text(default_handout):
    _data, _result, reader, texts = default_handout
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts"
    for name, font in fonts.items():
        assert "NotoSansKR" in name, name
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset (it would embed the whole font)"
    everything = "".join(texts)
    for korean in ("부산", "인천", "평양", "판문점"):
        assert korean in everything  # the sources appendix lists the places' Korean names


def test_sources_list_every_place_and_layer_feature(default_handout, default_story, gazetteer):
    from geo.history import story_layers

    _data, _result, _reader, texts = default_handout
    # Table cells wrap anywhere, hyphens included: compare without the white space.
    sources = "".join(" ".join(texts[len(default_story.chapters) + 2:]).split())

    def solid(text) -> str:
        return "".join(str(text).split())

    for place in story_places(default_story, gazetteer).values():
        assert solid(place.name) in sources and solid(place.source) in sources and solid(place.accuracy) in sources
    for layer in story_layers(default_story):
        for feature in layer.features.itertuples():
            assert solid(feature.label) in sources, feature.label
            assert solid(feature.accuracy) in sources, feature.accuracy


def test_a4_is_the_default(default_handout):
    _data, _result, reader, _texts = default_handout
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)


PARIS = Path(__file__).resolve().parent / "fixtures" / "paris" / "paris.yaml"


def test_a_story_elsewhere_prints_on_letter_paper_with_nothing_of_korea(gazetteer, tmp_path):
    from test_any_story import korean_war_words

    out = io.StringIO()
    target = tmp_path / "paris.pdf"
    assert main(["print", str(PARIS), str(target), "--paper", "letter"], out) == 0, out.getvalue()
    assert f"{target}: written" in out.getvalue()
    reader = PdfReader(target)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(LETTER_POINTS, abs=0.5)
    texts = [page.extract_text() for page in reader.pages]
    # Cover, two chapters, the layer through the story, sources.
    assert len(texts) == 5
    everything = flat(" ".join(texts))
    story = load_story(PARIS, builtin_references())
    for needed in (story.title, *(c.caption for c in story.chapters), "Hôtel de Ville", "Porte d'Orléans", "Armoured column, 24-25 Aug 1944"):
        assert flat(needed) in everything, needed
    assert korean_war_words(everything) == []
    for place in gazetteer.values():
        assert place.name not in everything, f"{place.name} in a Paris handout"
    assert "1944" in texts[-1] and "Hôtel-de-Ville" in texts[-1], "the period column is headed by the story's own period"
    assert placed_images(reader, 1) == placed_images(reader, 2) == 1
    assert re.search(r"southern gate\.\s*\n\s*They drove on to the city hall\.", texts[1]), "paragraph break kept"


def test_a_story_elsewhere_marks_only_its_own_places(gazetteer):
    from handout.layout import Handout

    story = load_story(PARIS, builtin_references())
    handout = Handout(story, gazetteer)
    assert set(handout.places) == {"hotel-de-ville", "porte-d-orleans", "montparnasse"}
    assert handout.kit.keys == {"hotel-de-ville"} and handout.kit.parallels == []
    home_colours = {colour for frame, colours in handout.kit.land for code, colour in zip(frame["iso_a3"], colours) if code == "FRA"}
    assert home_colours == {"#f2ebda"}, "the story's home land in the app's home colour"


HOSTILE_WORD = "Llanfair" + "pwllgwyngyll" * 20
HOSTILE = ["<b>x</b>", "%PDF-1.4", "{nb}", "**not bold**", "\\) Tj ET", "<script>alert(1)</script>"]


def test_hostile_text_prints_literally_and_wraps(gazetteer, tmp_path):
    from story.validate import build_story

    caption = "Caption " + " ".join(HOSTILE)
    story = build_story(
        {"title": "Title <b>x</b> %PDF {nb}", "introduction": "<i>intro</i>", "source": {"title": "<a href='x'>s</a>", "publisher": "%PDF", "date": "2020"},
         "chapters": [{"id": "one", "title": "<h1>One</h1>", "caption": caption, "narrative": f"Before {HOSTILE_WORD} after.", "credit": "(c) \\ %",
                       "places": ["busan"]}]},
        "hostile.yaml", builtin_references(),
    )
    data, result = render_handout(story, gazetteer)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Title <b>x</b> %PDF {nb}"
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) == result.pages == 3, "cover, the chapter, sources (no dated chapter: no small multiples)"
    assert flat(texts[0]).startswith("Title <b>x</b> %PDF {nb}")
    assert "<i>intro</i>" in texts[0] and "<a href='x'>s</a>" in flat(texts[0])
    chapter = flat(texts[1])
    assert "<h1>One</h1>" in chapter
    assert flat(caption) in chapter
    assert "Photo: (c) \\ %" in chapter
    # The long word is cut across lines, all inside the page: no line is wider than the text.
    assert HOSTILE_WORD in "".join(texts[1].split())
    lines = [line for line in texts[1].splitlines() if "pwllgwyngyll" in line]
    assert len(lines) >= 3 and max(len(line) for line in lines) < 110
    for page in texts:
        assert flat(page).endswith(f"/ {len(texts)}"), "page numbers intact: '{nb}' in the text is not an alias"
    assert footer_sizes(reader) == [8.0] * len(texts), "footers written afterwards keep their own font size"


def footer_sizes(reader: PdfReader) -> list[float]:
    """The font size of each page's page number."""
    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        found = []
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((text, size * tm[0])))
        sizes.append(next(size for text, size in found if f"{number} / {len(reader.pages)}" in text))
    return sizes


def test_characters_the_font_lacks_are_named(tmp_path, gazetteer):
    assert missing_characters(["Busan 부산 ÉÀ œ", "釜山"]) == []
    assert missing_characters(["\U00013000 \u0e01"]) == ["\u0e01", "\U00013000"]
    story = tmp_path / "thai.yaml"
    story.write_text(
        "title: \u0e01 story\nsource: {title: t, publisher: p, date: '2020'}\n"
        "chapters:\n  - {id: one, title: One, caption: c, narrative: n, places: [busan]}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert main(["print", str(story), str(tmp_path / "thai.pdf")], out) == 0
    assert "no glyph for 1 characters" in out.getvalue() and "\u0e01" in out.getvalue()


def test_print_reports_a_bad_story_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nchapters: []\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["print", str(bad), str(tmp_path / "bad.pdf")], out) == 1
    assert "invalid" in out.getvalue() and not (tmp_path / "bad.pdf").exists()
    out = io.StringIO()
    assert main(["print", str(tmp_path / "missing.yaml"), str(tmp_path / "x.pdf")], out) == 2
    out = io.StringIO()
    assert main(["print", str(DEFAULT_STORY_PATH), str(tmp_path)], out) == 2
    assert "is a folder" in out.getvalue()


def test_print_replaces_only_its_own_pdfs(tmp_path):
    story = tmp_path / "small.yaml"
    story.write_text(
        "title: Small\nsource: {title: t, publisher: p, date: '2020'}\n"
        "chapters:\n  - {id: one, title: One, caption: c, narrative: n, places: [busan]}\n",
        encoding="utf-8",
    )
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"my notes, not a PDF")
    out = io.StringIO()
    assert main(["print", str(story), str(notes)], out) == 2
    assert "not a PDF" in out.getvalue() and notes.read_bytes() == b"my notes, not a PDF"
    link = tmp_path / "link.pdf"
    link.symlink_to(notes)
    assert main(["print", str(story), str(link)], io.StringIO()) == 2
    assert link.is_symlink() and notes.read_bytes() == b"my notes, not a PDF"
    handout = tmp_path / "handout.pdf"
    for _ in range(2):  # a new file, then the same file again: an earlier handout is ours to replace
        assert main(["print", str(story), str(handout)], io.StringIO()) == 0
        assert handout.read_bytes().startswith(b"%PDF-")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["handout.pdf", "link.pdf", "notes.pdf", "small.yaml"]


def test_unknown_paper_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["print", str(DEFAULT_STORY_PATH), str(tmp_path / "x.pdf"), "--paper", "a3"])
    assert stop.value.code == 2


# The map geometry, as pure functions ------------------------------------------------------------


def test_a_center_and_zoom_show_what_the_apps_map_shows():
    # At zoom z the world is 256 * 2**z pixels wide; the app's map is 560 pixels tall.
    extent = extent_of_view({"center": [0.0, 0.0], "zoom": 3}, aspect=1.5)
    world = 2 * math.pi * 6378137.0
    assert extent.height == pytest.approx(world * 560 / (256 * 8))
    assert extent.width == pytest.approx(extent.height * 1.5)
    assert (extent.xmin + extent.xmax) / 2 == pytest.approx(0.0, abs=1e-6)
    closer = extent_of_view({"center": [0.0, 0.0], "zoom": 4}, aspect=1.5)
    assert closer.height == pytest.approx(extent.height / 2)


def test_bounds_are_fitted_whole_into_the_maps_shape():
    view = {"bounds": [[48.8, 2.2], [48.9, 2.5]]}
    for aspect in (0.7, 1.5, 3.0):
        extent = extent_of_view(view, aspect)
        assert extent.width / extent.height == pytest.approx(aspect)
        tight = Extent(*[value for corner in ((2.2, 48.8), (2.5, 48.9)) for value in __import__("handout.maps", fromlist=["_project"]).to_mercator(corner[1], corner[0])])
        assert extent.xmin < tight.xmin and extent.xmax > tight.xmax and extent.ymin < tight.ymin and extent.ymax > tight.ymax


@pytest.mark.parametrize("width_km, expected", [(1000, 200), (700, 100), (45, 10), (9, 2), (0.5, 0.1)])
def test_scale_bar_is_a_round_length_of_at_most_a_quarter_of_the_map(width_km, expected):
    assert nice_scale_km(width_km) == pytest.approx(expected)


def test_the_font_files_are_there_and_cover_the_default_storys_places(gazetteer, default_story):
    for path in FONT_FILES.values():
        assert path.is_file() and path.stat().st_size < 1_000_000, "a subset, not the whole font"
    names = [text for place in story_places(default_story, gazetteer).values() for text in (place.name, place.korean or "")]
    assert missing_characters(names) == []


def test_a_dated_layer_draws_the_front_and_held_land_of_the_chapters_day(default_story, gazetteer):
    from geo.history import story_layers
    from handout.layout import Handout
    from story.timeline import chapter_span

    handout = Handout(default_story, gazetteer)
    layers = {layer.id: layer for layer in story_layers(default_story)}
    winter = chapter_span(default_story, default_story.index_of("holding-the-south"))
    summer = chapter_span(default_story, default_story.index_of("across-the-parallel"))
    shapes = handout.kit.dated_shapes(layers["front-line"], winter)
    assert [kind for kind, _, _ in shapes] == ["held", "held", "front"]
    assert shapes[2][1].bounds != handout.kit.dated_shapes(layers["front-line"], summer)[2][1].bounds, "each day its own front"
    assert all(kind == "event" for kind, _, _ in handout.kit.dated_shapes(layers["war-events"], winter))
    assert handout.kit.dated_shapes(layers["front-line"], None) == []
    assert handout.kit.layer_shapes["front-line"] == [], "a dated layer is never drawn whole"
    assert handout.kit.layer_shapes["dmz"], "a plain layer is drawn whole"


def test_the_base_map_is_drawn_only_where_the_story_names_a_region(default_story, gazetteer):
    from handout.layout import Handout

    korea = Handout(default_story, gazetteer).kit
    assert default_story.map.region and len(korea.water) and korea.base_labels
    paris = Handout(load_story(PARIS, builtin_references()), gazetteer).kit
    assert len(paris.water) == 0 and paris.base_labels == []

"""A chapter's picture as HTML: escaped, captioned, credited, or noted as not reproduced."""

from __future__ import annotations

from pathlib import Path

from story.figure import figure_html
from story.model import Media


def chapter_with(default_story, chapter_id, **changes):
    from dataclasses import replace

    return replace(default_story.chapters[default_story.index_of(chapter_id)], **changes)


def test_without_a_photo_the_caption_and_a_note_of_the_original(default_story):
    chapter = chapter_with(default_story, "kim-il-sung")
    html = figure_html(default_story, chapter)
    assert "<img" not in html
    assert "Korean Central News Agency via Korea News Service" in html
    assert "appeared in the original, In pictures: The Korean War (BBC News, 26 July 2013)" in html


def test_the_overview_has_no_photo_note(default_story):
    assert "appeared in the original" not in figure_html(default_story, default_story.chapters[0])


def test_a_photo_with_alt_credit_and_link(default_story):
    media = Media(url="photos/a.jpg", path=Path("/x/photos/a.jpg"), alt='Troops "landing"', credit="US Navy", link="https://example.org/a")
    html = figure_html(default_story, chapter_with(default_story, "inchon-landing", media=media), src="/app/static/story-media/abc.jpg")
    assert 'src="/app/static/story-media/abc.jpg"' in html and 'alt="Troops &quot;landing&quot;"' in html
    assert 'loading="lazy"' in html and "Photo: US Navy" in html and 'href="https://example.org/a"' in html


def test_media_we_cannot_show_becomes_a_link(default_story):
    media = Media(url="https://www.youtube.com/watch?v=x", display="link")
    html = figure_html(default_story, chapter_with(default_story, "inchon-landing", media=media))
    assert "<img" not in html and 'href="https://www.youtube.com/watch?v=x"' in html


def test_story_text_in_the_figure_is_escaped(default_story):
    chapter = chapter_with(default_story, "inchon-landing", caption="<script>x()</script>", credit="<b>me</b>")
    html = figure_html(default_story, chapter)
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html


def test_the_note_is_the_storys_own_and_escaped(default_story):
    from dataclasses import replace

    chapter = chapter_with(default_story, "kim-il-sung")
    assert "storymap-photo-note" not in figure_html(replace(default_story, photo_note=None), chapter)
    html = figure_html(replace(default_story, photo_note="Kept in <the> archive."), chapter)
    assert '<p class="storymap-photo-note">Kept in &lt;the&gt; archive.</p>' in html


def test_words_written_for_the_map_are_labelled_apart_from_the_sources(default_story):
    # The overview's caption and text are the map's own: labelled so, and not set in the italic of
    # the article's captions.
    overview = default_story.chapters[0]
    assert overview.editorial
    html = figure_html(default_story, overview)
    assert '<p class="storymap-editorial-label">Written for this map, not from In pictures: The Korean War</p>' in html
    assert 'class="storymap-figure storymap-no-photo storymap-editorial"' in html
    # The article's own chapters carry no such label.
    assert "storymap-editorial" not in figure_html(default_story, chapter_with(default_story, "kim-il-sung"))


def test_an_editors_note_stands_apart_and_is_escaped(default_story):
    armistice = default_story.chapters[default_story.index_of("the-armistice")]
    html = figure_html(default_story, armistice)
    # The caption keeps the article's slip; the note after it corrects it.
    assert "American Lieutenant General Mark Clark" in html
    assert html.index("Lieutenant General") < html.index('<p class="storymap-editor-note"><strong>Editor\'s note:</strong> Mark W. Clark was a full General')
    hostile = chapter_with(default_story, "kim-il-sung", note='<img src=x onerror="alert(1)"> & more')
    html = figure_html(default_story, hostile)
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more" in html

"""A chapter's picture as HTML: the photo with its caption and credit, a link for media we cannot
show, or (with no photo) the caption and the story's own note on it (its `photo_note`).

Every story value is escaped here; the page adds no markup of the story's own.
"""

from __future__ import annotations


from story.escaping import html_text as escape
from story.model import Chapter, Story

MISSING_PHOTO = "The picture could not be loaded; its caption and credit follow."


def _a(href: str, text: str) -> str:
    return f'<a href="{escape(href)}" rel="noopener noreferrer" target="_blank">{escape(text)}</a>'


def _caption(chapter: Chapter, caption: str, credit: str | None, link: str | None) -> str:
    parts = [f'<em class="storymap-caption">{escape(caption)}</em>']
    if credit:
        parts.append(f'<span class="storymap-credit">Photo: {escape(credit)}</span>')
    if link:
        parts.append(f'<span class="storymap-link">{_a(link, "Original")}</span>')
    return "<figcaption>" + " ".join(parts) + "</figcaption>"


def editorial_label(story: Story) -> str:
    """Said above a chapter whose words are the map's own, not its source's."""
    return f"Written for this map, not from {story.source.title}" if story.source else "Written for this map"


def _apart(story: Story, chapter: Chapter) -> tuple[str, str]:
    """What the map's editors add, set apart from the source's words: a label above a chapter
    written for the map, and an editor's note below."""
    label = f'<p class="storymap-editorial-label">{escape(editorial_label(story))}</p>' if chapter.editorial else ""
    note = (f'<p class="storymap-editor-note"><strong>Editor\'s note:</strong> {escape(chapter.note)}</p>'
            if chapter.note else "")
    return label, note


def figure_html(story: Story, chapter: Chapter, src: str | None = None) -> str:
    """src: where the page can load the chapter's image (the served copy of a local file)."""
    media = chapter.media
    credit = (media.credit if media else None) or chapter.credit
    label, note = _apart(story, chapter)
    editorial = " storymap-editorial" if chapter.editorial else ""
    if media is None:
        caption = _caption(chapter, chapter.caption, credit, None)
        photo_note = "" if chapter.overview or not story.photo_note else f'<p class="storymap-photo-note">{escape(story.photo_note)}</p>'
        return f'<figure class="storymap-figure storymap-no-photo{editorial}">{label}{caption}{photo_note}{note}</figure>'
    caption = _caption(chapter, media.caption or chapter.caption, credit, media.link)
    if media.display == "link":
        return f'<figure class="storymap-figure storymap-media-link{editorial}">{label}<p>{_a(media.url, "Open the media")}</p>{caption}{note}</figure>'
    image = (
        f'<img class="storymap-photo" src="{escape(src or media.url)}" alt="{escape(media.alt or "")}" '
        'loading="lazy" decoding="async" referrerpolicy="no-referrer">'
        f'<p class="storymap-photo-missing">{escape(MISSING_PHOTO)}</p>'
    )
    return f'<figure class="storymap-figure{editorial}">{label}{image}{caption}{note}</figure>'

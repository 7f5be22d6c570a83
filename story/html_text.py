"""HTML from imported stories (StoryMapJS slides) turned into plain, safe text.

Only the words survive: tags and attributes go, scripts and styles go with their content,
entities are decoded, a link keeps its address as "words (https://...)", and <br> and block
tags become line and paragraph breaks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from story.media import is_http_url

_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title", "select", "textarea"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "hr", "address",
})
_PARAGRAPH, _LINE = "\x00P", "\x00L"  # break markers, kept apart from text until the end
_TAG_LIKE = re.compile(r"<\s*[A-Za-z!/?]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # (href, index of the link's first part)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.append(tag)
            return
        if tag in _DROPPED:
            self.dropping.append(tag)
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag == "a":
            href = dict(attrs).get("href")
            self.links.append((href.strip() if href else None, len(self.parts)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            return  # <script/> has no content to skip
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = " ".join("".join(self.parts[start:]).replace(_LINE, " ").replace(_PARAGRAPH, " ").split())
            if href and is_http_url(href) and href.rstrip("/") != words.rstrip("/"):
                self.parts.append(f" ({href})" if words else href)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        paragraphs = []
        for block in joined.split(_PARAGRAPH):
            lines = [" ".join(line.split()) for line in block.split(_LINE)]
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                paragraphs.append(paragraph)
        return "\n\n".join(paragraphs)


def _strip_once(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment; text that decodes to more markup (&lt;script&gt;) is stripped too."""
    text = _strip_once(markup)
    for _ in range(3):
        if not _TAG_LIKE.search(text):
            break
        # Line by line, so the breaks found so far are not taken for HTML whitespace.
        text = "\n".join(_strip_once(line) for line in text.split("\n"))
    # What still looks like a tag now is unbalanced junk such as "<script"; drop the bracket.
    return _TAG_LIKE.sub(lambda m: m.group(0)[1:].lstrip(), text).strip()

"""HTML from imported stories (StoryMapJS slides) turned into plain, safe text.

Only the words survive: tags and attributes go, scripts and styles go with their content,
entities are decoded, a link keeps its address as "words (https://...)", and <br> and block
tags become line and paragraph breaks.

The markup is read by a small scanner of our own that moves forward only, so any input costs
time in proportion to its length (Python's html.parser rescans unterminated constructs such as
"<a <a <a ..." from each "<", which takes minutes for a few tens of kilobytes).
"""

from __future__ import annotations

import html
import re

from story.media import is_http_url

_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title", "select", "textarea"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "hr", "address",
})
_PARAGRAPH, _LINE = "\x00P", "\x00L"  # break markers, kept apart from text until the end
_TAG_LIKE = re.compile(r"<\s*[A-Za-z!/?]")
# A tag: its name, then anything up to ">" that is not another "<" (possessive: no backtracking).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)([^<>]*+)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})  # their content is text up to their end tag


# A "<" with no ">" before the next "<" starts no tag: it is text (found in one pass, in C), held
# as a private-use character while scanning and turned back into "<" in the text.
_LONE_LT = re.compile(r"<(?=[^<>]*+(?:<|$))")
_HELD_LT = "\ue000"


def _scan(markup: str, handler: "_TextExtractor") -> None:
    """Feed the handler the markup's text, start and end tags, in one forward pass."""
    markup = _LONE_LT.sub(_HELD_LT, markup.replace(_HELD_LT, ""))
    i, n = 0, len(markup)
    while i < n:
        j = markup.find("<", i)
        if j < 0:
            handler.handle_data(html.unescape(markup[i:]))
            return
        if j > i:
            handler.handle_data(html.unescape(markup[i:j]))
        if markup.startswith("<!--", j):
            end = markup.find("-->", j + 4)
            if end < 0:
                return  # an unterminated comment hides the rest, as in a browser
            i = end + 3
            continue
        tag = _TAG.match(markup, j)
        if tag is not None:
            closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
            i = tag.end()
            if closing:
                handler.handle_endtag(name)
                continue
            href = _HREF.search(rest) if name == "a" else None
            attrs = [("href", html.unescape(next(g for g in href.groups() if g is not None)))] if href else []
            if rest.rstrip().endswith("/"):
                handler.handle_startendtag(name, attrs)
                continue
            handler.handle_starttag(name, attrs)
            if name in _RAW_TEXT:
                end = re.compile(rf"</{name}\b[^>]*+>", re.IGNORECASE).search(markup, i)
                if end is None:
                    return  # an unterminated <script> swallows the rest, as in a browser
                handler.handle_data(markup[i:end.start()])
                handler.handle_endtag(name)
                i = end.end()
            continue
        if markup.startswith(("<!", "<?", "</"), j):
            end = markup.find(">", j)
            if end < 0:
                return  # a declaration that never ends: nothing readable follows
            i = end + 1  # a declaration, processing instruction or odd end tag: dropped
            continue
        handler.handle_data("<")  # a "<" that starts no tag is text
        i = j + 1


class _TextExtractor:
    def __init__(self) -> None:
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
            self.parts.append(data.replace(_HELD_LT, "<"))

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
    extractor = _TextExtractor()
    _scan(markup, extractor)
    return extractor.text()


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

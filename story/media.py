"""A chapter's media: a picture we can show, or a link to media we cannot, and never an unsafe address.

`url` is an http(s) address or a path relative to the story file, inside the story's folder.
Anything else (javascript:, data:, file:, absolute paths, '..' out of the folder) is refused,
because the app puts the address in a page or serves the file.

A local file is served from the app's own origin, so it must be a raster picture, checked by its
bytes (PNG, JPEG, GIF, WebP, AVIF), never a page or a script (HTML, SVG, JavaScript, ...): it is
read once when the story loads (a regular file, not a link, within the size limits), and the
loaded story keeps those bytes and the name they are published under (content hash + the image
type the bytes show), so the file on disk is never read again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any, Mapping
from urllib.parse import urlsplit

from story.collector import Collector
from story.files import UnreadableFile, read_regular_file
from story.model import Media

MEDIA_FIELDS = ("url", "alt", "caption", "credit", "link")
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp"})
AUDIO_VIDEO_EXTENSIONS = frozenset({
    ".mp3", ".wav", ".ogg", ".oga", ".m4a", ".aac", ".flac", ".opus",
    ".mp4", ".m4v", ".webm", ".ogv", ".mov", ".avi", ".mkv", ".mpg", ".mpeg",
})
DOCUMENT_EXTENSIONS = frozenset({".pdf", ".html", ".htm", ".doc", ".docx", ".txt"})
# Sites whose addresses are pages that play or embed something, not images.
LINK_SITES = {
    "youtube.com": "a YouTube video",
    "youtu.be": "a YouTube video",
    "vimeo.com": "a Vimeo video",
    "dailymotion.com": "a Dailymotion video",
    "tiktok.com": "a TikTok video",
    "twitter.com": "a post on X (Twitter)",
    "x.com": "a post on X (Twitter)",
    "instagram.com": "an Instagram post",
    "facebook.com": "a Facebook post",
    "soundcloud.com": "a SoundCloud track",
    "spotify.com": "a Spotify track",
    "wikipedia.org": "a Wikipedia page",
    "flickr.com": "a Flickr page",
}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:[\\/]")
_URL_HINT = "use an http(s) address, or a path to a file next to the story such as photos/inchon.jpg"
MAX_MEDIA_BYTES = 10_000_000  # one picture
MAX_STORY_MEDIA_BYTES = 100_000_000  # every local picture of a story together
LOCAL_IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
_LOCAL_HINT = "a local file must be a PNG, JPEG, GIF, WebP or AVIF picture; link anything else from the web (an https:// address)"


def image_type(data: bytes) -> str | None:
    """The raster image type the bytes start with (its file extension), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
    return None


def is_http_url(value: str) -> bool:
    """An absolute http(s) address with a host, and nothing a browser would read differently."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def parse_media(raw: Any, c: Collector, chapter: str, folder: Path | None) -> Media | None:
    """Validate a chapter's `media` (a mapping, or just the url); None when it has errors."""
    if isinstance(raw, str):
        raw = {"url": raw}  # `media: photos/inchon.jpg` is the one-line form
    if not isinstance(raw, Mapping):
        c.add("must be a mapping with url (and alt, caption, credit, link), or just the url", "media", chapter)
        return None
    before = len(c.errors)
    c.unknown_fields(raw, MEDIA_FIELDS, "media.", chapter)
    url = c.text(raw, "url", "media.", chapter)
    alt = c.text(raw, "alt", "media.", chapter, required=False)
    caption = c.text(raw, "caption", "media.", chapter, required=False)
    credit = c.text(raw, "credit", "media.", chapter, required=False)
    link = c.text(raw, "link", "media.", chapter, required=False)
    if link is not None and not is_http_url(link):
        c.add(f"'{link}' is not an http(s) address", "media.link", chapter, "link to the original with https://...")
    path, display, data = None, "image", None
    if url is not None:
        located = _locate(url, c, chapter, folder)
        if located is not None:
            path, display = located
            if path is not None:
                data = _read_picture(path, url, c, chapter)
    if len(c.errors) > before or url is None:
        return None
    if alt is None:
        example = "alt: Landing craft on the beach at Inchon" if display == "image" else "alt: Newsreel of the landing at Inchon"
        c.warn("add alt text for readers who cannot see the image", "media.alt", chapter, f"describe what it shows, e.g. {example}")
    published = f"{hashlib.sha256(data).hexdigest()[:32]}.{image_type(data)}" if data is not None else None
    return Media(url=url, path=path, alt=alt, caption=caption, credit=credit, link=link, display=display,
                 data=data, published_name=published)


def _read_picture(path: Path, url: str, c: Collector, chapter: str) -> bytes | None:
    """The picture's bytes, read once (a file named by several chapters too), or None after an error."""
    if path in c.pictures:
        return c.pictures[path]
    try:
        data = read_regular_file(path, MAX_MEDIA_BYTES)
    except UnreadableFile as error:
        c.add(f"'{url}' {error}", "media.url", chapter, "put the picture itself (not a link to it) next to the story, at most 10 MB")
        return None
    if image_type(data) is None:
        c.add(f"'{url}' is not a PNG, JPEG, GIF, WebP or AVIF picture (its content is not one)", "media.url", chapter, _LOCAL_HINT)
        return None
    c.picture_bytes += len(data)
    if c.picture_bytes > MAX_STORY_MEDIA_BYTES:
        c.add(f"the story's local pictures come to over {MAX_STORY_MEDIA_BYTES:,} bytes", "media.url", chapter,
              "make the pictures smaller, or link some from the web")
        return None
    c.pictures[path] = data
    return data


def _locate(url: str, c: Collector, chapter: str, folder: Path | None) -> tuple[Path | None, str] | None:
    """(resolved local file or None, display) for a safe url; None after reporting why it is not."""
    if url.startswith("//"):
        c.add(f"'{url}' has no scheme", "media.url", chapter, "write the address with https://")
        return None
    if url.startswith(("/", "\\", "~")) or _WINDOWS_ABSOLUTE.match(url):
        c.add(f"'{url}' is an absolute path", "media.url", chapter,
              "write the path relative to the story file, e.g. photos/inchon.jpg, and keep the file in the story's folder")
        return None
    if scheme := _SCHEME.match(url):
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            hint = "write the path relative to the story file instead" if name == "file" else _URL_HINT
            c.add(f"'{name}:' addresses are not allowed", "media.url", chapter, hint)
            return None
        if not is_http_url(url):
            c.add(f"'{url}' is not a well-formed http(s) address", "media.url", chapter,
                  "give the host, and write spaces as %20")
            return None
        return None, _remote_display(url, c, chapter)
    path = _local_file(url, c, chapter, folder)
    if path is None:
        return None
    display = _local_display(path, c, chapter)
    return None if display is None else (path, display)


def _local_file(url: str, c: Collector, chapter: str, folder: Path | None) -> Path | None:
    if folder is None:
        c.add(f"'{url}' is a relative path, but this story has no file to be relative to", "media.url", chapter, "use an http(s) address")
        return None
    if "\\" in url:
        c.add(f"'{url}' uses backslashes", "media.url", chapter, "write paths with forward slashes, e.g. photos/inchon.jpg")
        return None
    root = folder.resolve()
    try:
        path = (root / PurePosixPath(url)).resolve()
        exists = path.exists()  # a FIFO or device is refused when read, saying what it is
    except (ValueError, OSError) as error:  # a NUL byte, or a name longer than the file system allows
        c.add(f"'{url[:80]}' cannot be a file name ({error})", "media.url", chapter, "use a plain relative path such as photos/inchon.jpg")
        return None
    if not path.is_relative_to(root):
        c.add(f"'{url}' leads outside the story's folder {root}", "media.url", chapter,
              "put the file in the story's folder (or a folder inside it) and write the path from there")
        return None
    if not exists:
        c.add(f"no file at {path}", "media.url", chapter, "check the spelling, or put the file next to the story file")
        return None
    return path


def _remote_display(url: str, c: Collector, chapter: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for site, what in LINK_SITES.items():
        if host == site or host.endswith("." + site):
            return _as_link(what, c, chapter)
    return _display_by_extension(PurePosixPath(urlsplit(url).path).suffix.lower(), c, chapter, unknown="image")


def _local_display(path: Path, c: Collector, chapter: str) -> str | None:
    if path.suffix.lower() in LOCAL_IMAGE_EXTENSIONS:
        return "image"
    c.add(f"'{path.name}' cannot be shown from the story's folder", "media.url", chapter, _LOCAL_HINT)
    return None


def _display_by_extension(suffix: str, c: Collector, chapter: str, unknown: str) -> str:
    if suffix in IMAGE_EXTENSIONS:
        return "image"
    if suffix in AUDIO_VIDEO_EXTENSIONS:
        return _as_link(f"an audio or video file ({suffix})", c, chapter)
    if suffix in DOCUMENT_EXTENSIONS:
        return _as_link(f"a document ({suffix})", c, chapter)
    # A web address without a known extension is often an image service; a local file is not.
    if unknown == "link":
        return _as_link(f"not an image file we know ({suffix or 'no extension'})", c, chapter)
    return "image"


def _as_link(what: str, c: Collector, chapter: str) -> str:
    c.warn(f"{what}: it will be shown as a link, not an image", "media.url", chapter,
           f"for a picture, use an image file ({', '.join(sorted(IMAGE_EXTENSIONS))})")
    return "link"

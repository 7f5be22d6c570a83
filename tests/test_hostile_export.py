"""export and convert never destroy what they did not write."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from storymap.cli import main

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
STORY = """\
title: Pictures
source: {title: t, publisher: p, date: "2020"}
chapters:
  - {id: one, title: One, caption: C., narrative: N., places: [busan], media: {url: photo.png, alt: A picture}}
"""


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under folder: a file's bytes, a link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes() if path.is_file() else "dir"
    return found


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out), out.getvalue()


@pytest.fixture
def story(tmp_path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "photo.png").write_bytes(PNG)
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder / "story.yaml"


def test_export_into_the_storys_own_folder_changes_nothing(story):
    before = snapshot(story.parent)
    status, printed = run("export", str(story), str(story.parent))
    assert status == 2 and "holds the story" in printed
    assert snapshot(story.parent) == before


def test_export_into_a_foreign_site_changes_nothing(tmp_path, story):
    site = tmp_path / "their-site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<h1>their page</h1>", encoding="utf-8")
    (site / "assets" / "logo.png").write_bytes(PNG)
    before = snapshot(site)
    status, printed = run("export", str(story), str(site))
    assert status == 2 and "not an earlier export" in printed
    assert snapshot(site) == before


def test_re_export_into_its_own_output_works_and_keeps_other_files(tmp_path, story):
    site = tmp_path / "site"
    assert run("export", str(story), str(site))[0] == 0
    (site / "CNAME").write_text("stories.example.org\n", encoding="utf-8")  # the publisher's own file
    (story.parent / "photo.png").write_bytes(PNG + b"new")
    assert run("export", str(story), str(site))[0] == 0
    media = list((site / "assets" / "media").iterdir())
    assert [path.read_bytes() for path in media] == [PNG + b"new"]  # the old picture went with the old export
    assert (site / "CNAME").read_text(encoding="utf-8") == "stories.example.org\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # nothing left aside


def test_a_planted_symlink_in_an_export_is_replaced_not_followed(tmp_path, story):
    site = tmp_path / "site"
    assert run("export", str(story), str(site))[0] == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (site / "index.html").unlink()
    (site / "index.html").symlink_to(victim)
    assert run("export", str(story), str(site))[0] == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (site / "index.html").is_symlink()


def test_an_outdir_that_is_a_symlink_is_refused(tmp_path, story):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    status, printed = run("export", str(story), str(tmp_path / "link"))
    assert status == 2 and "symbolic link" in printed and list(real.iterdir()) == []


def test_convert_never_writes_through_a_symlink_or_over_the_storys_files(tmp_path, story):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = story.parent / "out.yaml"
    out.symlink_to(victim)
    status, printed = run("convert", str(story), str(out))
    assert status == 2 and "symbolic link" in printed and victim.read_text(encoding="utf-8") == "precious"
    status, printed = run("convert", str(story), str(story.parent / "photo.png"))
    assert status == 2 and (story.parent / "photo.png").read_bytes() == PNG

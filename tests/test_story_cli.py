"""`python -m storymap validate|convert`: every problem printed at once, and exit 0, 1 or 2."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storymap.cli import main
from story.loader import DEFAULT_STORY_PATH
from stories import GOOD

ROOT = Path(__file__).resolve().parent.parent
STORYMAPJS = Path(__file__).resolve().parent / "fixtures" / "storymapjs"



def write(tmp_path: Path, text: str, name: str = "story.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(*args: str | Path) -> tuple[int, str]:
    """The CLI in this process: (exit status, what it printed)."""
    out = io.StringIO()
    status = main([str(arg) for arg in args], out=out)
    return status, out.getvalue()


def run_module(*args: str | Path) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, from the project folder."""
    return subprocess.run([sys.executable, "-m", "storymap", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_default_story_is_valid_as_a_command():
    result = run_module("validate", DEFAULT_STORY_PATH)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{DEFAULT_STORY_PATH}: valid, 18 chapters, 0 warnings" in result.stdout


def test_invalid_and_unreadable_exit_1_and_2_as_a_command(tmp_path):
    invalid = write(tmp_path, GOOD.replace("[busan]", "[pusan]"))
    assert run_module("validate", invalid).returncode == 1
    unreadable = write(tmp_path, "title: [unclosed\n", "broken.yaml")
    assert run_module("validate", unreadable).returncode == 2


def test_help_explains_the_commands_and_exit_codes():
    result = run_module("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout and "convert" in result.stdout
    assert "exit status" in result.stdout and "2  a file cannot be read" in result.stdout
    convert_help = run_module("convert", "--help").stdout
    assert "IN is never overwritten" in convert_help


def test_bad_yaml_exits_2_with_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace("    caption: Another caption.", "    caption: Another caption.\n   narrative: misindented"))
    status, output = run("validate", path)
    assert status == 2
    assert f"{path}:16:4" in output  # the misindented line, at its first character and "not valid YAML" in output
    assert f"{path}: cannot be read" in output


def test_bad_json_exits_2_with_line_and_column(tmp_path):
    path = write(tmp_path, '{\n  "storymap": {\n    "slides": [,]\n  }\n}\n', "broken.json")
    status, output = run("validate", path)
    assert status == 2
    assert f"{path}:3:16" in output and "not valid JSON" in output


def test_missing_file_and_not_utf8_exit_2(tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes(GOOD.replace("A paragraph.", "Caf\xe9.").encode("latin-1"))
    status, output = run("validate", tmp_path / "nowhere.yaml", latin1)
    assert status == 2
    assert "nowhere.yaml: error: cannot read the file" in output
    assert "latin1.yaml: error: not UTF-8 text" in output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    caption: Another caption.\n", ""), ["chapter 2 'second-step'", "field 'caption'", "required text is missing"]),
        (("[37.5, 127.0]", "[123, 127.0]"), ["chapter 2 'second-step'", "field 'view.center'", "latitude -90..90"]),
        (("[busan]", "[pusan]"), ["chapter 1 'first-step'", "unknown place 'pusan'", "did you mean 'busan'"]),
        (("id: second-step", "id: first-step"), ["chapter 2 'first-step'", "duplicate id, already used by chapter 1"]),
    ],
    ids=["missing-field", "latitude-123", "unknown-place", "duplicate-id"],
)
def test_invalid_story_exits_1_naming_chapter_and_field(tmp_path, change, expected):
    path = write(tmp_path, GOOD.replace(*change))
    status, output = run("validate", path)
    assert status == 1
    [error] = [line for line in output.splitlines() if ": error: " in line]
    assert error.startswith(str(path))
    for words in expected:
        assert words in error
    assert f"{path}: invalid, 1 error, 0 warnings" in output


def test_every_problem_is_printed_at_once(tmp_path):
    broken = GOOD.replace("[busan]", "[pusan]").replace("[37.5, 127.0]", "[123, 127.0]").replace("title: A small story\n", "")
    status, output = run("validate", write(tmp_path, broken))
    assert status == 1
    assert "field 'title'" in output and "unknown place 'pusan'" in output and "field 'view.center'" in output
    assert "invalid, 3 errors" in output


def test_empty_story_is_invalid(tmp_path):
    status, output = run("validate", write(tmp_path, ""))
    assert status == 1
    assert "must hold a mapping with title, source and chapters" in output


def test_warnings_alone_keep_a_story_valid(tmp_path):
    path = write(tmp_path, GOOD.replace("    places: [busan]\n", "    places: [busan]\n    media: https://example.org/pusan.jpg\n"))
    status, output = run("validate", path)
    assert status == 0
    assert "chapter 1 'first-step', field 'media.alt': warning: add alt text for readers who cannot see the image" in output
    assert f"{path}: valid, 2 chapters, 1 warning" in output


def test_worst_file_decides_the_exit_status(tmp_path):
    good = write(tmp_path, GOOD, "good.yaml")
    invalid = write(tmp_path, GOOD.replace("[busan]", "[pusan]"), "invalid.yaml")
    unreadable = write(tmp_path, "title: [unclosed\n", "unreadable.yaml")
    assert run("validate", good, invalid)[0] == 1
    status, output = run("validate", unreadable, good, invalid)
    assert status == 2
    assert "good.yaml: valid" in output and "invalid.yaml: invalid" in output and "unreadable.yaml: cannot be read" in output


def test_storymapjs_zoomify_story_is_refused():
    status, output = run("validate", STORYMAPJS / "gigapixel.json")
    assert status == 1
    assert "field 'storymap.map_as_image': error:" in output
    assert "only geographic maps are supported" in output


def test_storymapjs_story_validates_with_warnings():
    status, output = run("validate", STORYMAPJS / "korea.json")
    assert status == 0
    assert "korea.json, field 'storymap.map_type': warning: option map_type \"stamen:toner\" is not carried over" in output
    assert "korea.json: valid, 6 chapters" in output


def test_convert_writes_a_story_that_validates(tmp_path):
    target = tmp_path / "korea.yaml"
    status, output = run("convert", STORYMAPJS / "korea.json", target)
    assert status == 0, output
    assert "warning: option map_type" in output and f"{target}: written" in output
    assert target.read_text(encoding="utf-8").startswith("# A story for the story map")
    status, output = run("validate", target)
    assert status == 0, output
    assert "valid, 6 chapters" in output


def test_convert_as_a_command(tmp_path):
    target = tmp_path / "story.yaml"
    for layer_file in ("korean-war-fronts.geojson", "korean-war-events.geojson"):  # the story's own layers travel with it
        shutil.copy(DEFAULT_STORY_PATH.parent / layer_file, tmp_path / layer_file)
    result = run_module("convert", DEFAULT_STORY_PATH, target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_module("validate", target).returncode == 0


def test_convert_refuses_to_overwrite_its_input(tmp_path):
    source = write(tmp_path, GOOD)
    status, output = run("convert", source, tmp_path / "." / "story.yaml")
    assert status == 2
    assert "refusing to overwrite" in output
    assert source.read_text(encoding="utf-8") == GOOD


def test_convert_of_an_invalid_story_writes_nothing(tmp_path):
    target = tmp_path / "out.yaml"
    status, output = run("convert", write(tmp_path, GOOD.replace("[busan]", "[pusan]")), target)
    assert status == 1 and "unknown place 'pusan'" in output
    assert not target.exists()
    status, _ = run("convert", STORYMAPJS / "gigapixel.json", target)
    assert status == 1 and not target.exists()


def test_convert_does_not_write_a_story_whose_media_it_would_lose(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "pusan.jpg").write_bytes(b"\xff\xd8\xff")
    source = write(tmp_path, GOOD.replace("    places: [busan]\n", "    places: [busan]\n    media: {url: photos/pusan.jpg, alt: The harbour}\n"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    status, output = run("convert", source, elsewhere / "story.yaml")
    assert status == 1
    assert f"no file at {elsewhere / 'photos' / 'pusan.jpg'}" in output
    assert not (elsewhere / "story.yaml").exists()
    status, _ = run("convert", source, tmp_path / "copy.yaml")
    assert status == 0 and (tmp_path / "copy.yaml").exists()


def test_export_as_a_command(tmp_path):
    result = run_module("export", DEFAULT_STORY_PATH, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "assets" / "map.js").is_file()


def test_export_of_an_invalid_story_writes_nothing(tmp_path):
    status, printed = run("export", write(tmp_path, GOOD.replace("[busan]", "[atlantis]")), tmp_path / "site")
    assert status == 1 and "unknown place 'atlantis'" in printed
    assert not (tmp_path / "site").exists()


def test_export_into_a_file_is_refused(tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("not a folder", encoding="utf-8")
    status, printed = run("export", DEFAULT_STORY_PATH, blocker)
    assert status == 2 and "is a file" in printed

"""Hostile story files: truncated, wrongly encoded, too big, binary, deeply nested, YAML bombs.

Loading must raise StoryError (StoryReadError for files that cannot be read or parsed) or succeed,
never anything else, and quickly; `python -m storymap validate` must exit 1 or 2 with a message, never
a traceback. The CLI runs in a child process with an address-space limit and a timeout, so a file
that eats memory fails its test instead of taking the machine down.

Crashes not fixed yet are strict xfail tests whose reason says where they happen: a fix makes
them pass, which fails the run until the mark is removed.
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest

from story.loader import DEFAULT_STORY_PATH, load_story, load_story_with_warnings
from story.problems import StoryError, StoryReadError
from story.reading import MAX_STORY_BYTES
from geo.references import builtin_references

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = DEFAULT_STORY_PATH.read_text(encoding="utf-8")
CLI_MEMORY_LIMIT = 4 * 2**30  # address space: the CLI alone maps ~1.5 GiB (numpy, GDAL) but touches ~180 MB
CLI_TIMEOUT = 60
MINIMAL = """\
title: A small story
source: {title: Notes, publisher: Ourselves, date: 2024-05}
chapters:
  - {id: first-step, title: First step, caption: A caption., narrative: A paragraph., places: [busan]%s}
"""


def load(path: Path, gazetteer):
    return load_story(path, builtin_references())


def load_outcome(path: Path, gazetteer) -> str:
    """'valid', 'invalid' or 'unreadable'; anything but a StoryError propagates and fails the test."""
    try:
        load(path, gazetteer)
    except StoryReadError as error:
        assert error.problems
        return "unreadable"
    except StoryError as error:
        assert error.problems
        return "invalid"
    return "valid"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CLI_MEMORY_LIMIT, CLI_MEMORY_LIMIT))


def run_validate(*paths: Path) -> tuple[int, str, float, float]:
    """`python -m storymap validate PATHS` in a child: (exit status, output, seconds, peak resident MB)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as sink:
        child = subprocess.Popen([sys.executable, "-m", "storymap", "validate", *map(str, paths)], cwd=ROOT,
                                 stdout=sink, stderr=subprocess.STDOUT, preexec_fn=_limit_memory)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > CLI_TIMEOUT:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        output = sink.read().decode("utf-8", errors="replace")
    return child.returncode, output, time.monotonic() - start, usage.ru_maxrss / 1024


def assert_cli_reports(path: Path, statuses=(1, 2)) -> str:
    status, output, seconds, peak_mb = run_validate(path)
    print(f"\n{path.name}: exit {status} in {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert "Traceback" not in output, output[-3000:]
    assert status in statuses, f"exit {status}:\n{output[-3000:]}"
    assert f"{path}:" in output  # a message naming the file
    assert seconds < CLI_TIMEOUT, "validate did not finish"
    return output


# --- truncated files ---------------------------------------------------------------------------

# The default story with some non-ASCII text, so a cut can fall inside a UTF-8 character.
UNICODE_STORY = DEFAULT_TEXT.replace('title: "In pictures: The Korean War"', 'title: "In pictures: The Korean War — 한국 전쟁"', 1)
_MULTIBYTE_CUT = UNICODE_STORY.encode("utf-8").index("한".encode("utf-8")) + 1
CUTS = [0, 1, 40, 600, 1500, len(UNICODE_STORY.encode("utf-8")) // 2, -400, -40, -1, _MULTIBYTE_CUT]


@pytest.fixture(scope="module")
def truncated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("truncated")
    data = UNICODE_STORY.encode("utf-8")
    assert UNICODE_STORY != DEFAULT_TEXT
    paths = []
    for cut in CUTS:
        path = folder / f"cut-at-{cut % len(data)}.yaml"
        path.write_bytes(data[:cut])
        paths.append(path)
    return paths


def test_truncated_files_are_invalid_or_unreadable(truncated, gazetteer):
    outcomes = {path.name: load_outcome(path, gazetteer) for path in truncated}
    print(outcomes)
    assert outcomes[f"cut-at-{_MULTIBYTE_CUT}.yaml"] == "unreadable"  # half a character is not UTF-8
    assert outcomes["cut-at-0.yaml"] == "invalid"  # an empty file holds no story
    assert set(outcomes.values()) <= {"valid", "invalid", "unreadable"}


# --- encodings, size, binary -----------------------------------------------------------------------

def test_utf16_and_latin1_files_are_unreadable_with_a_hint(tmp_path, gazetteer):
    text = MINIMAL.replace("A paragraph.", "Café in Séoul. Naïve.") % ""
    cases = {
        "utf16.yaml": text.encode("utf-16"),  # with its byte-order mark
        "utf16le.yaml": text.encode("utf-16-le"),  # without
        "latin1.yaml": text.encode("latin-1"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(StoryReadError) as caught:
            load(path, gazetteer)
        assert "not UTF-8" in str(caught.value) and "save the file as UTF-8" in str(caught.value)
    bom = tmp_path / "utf8-bom.yaml"
    bom.write_bytes(text.encode("utf-8-sig"))
    assert load(bom, gazetteer).chapters[0].narrative == "Café in Séoul. Naïve."


def test_the_size_limit_is_documented_and_enforced(tmp_path, gazetteer):
    readme = (ROOT / "story" / "README.md").read_text(encoding="utf-8")
    assert f"over {MAX_STORY_BYTES / 1_000_000:g} MB" in readme, "story/README.md must state MAX_STORY_BYTES"
    story = (MINIMAL % "").encode("utf-8")
    at_limit = tmp_path / "at-limit.yaml"
    at_limit.write_bytes(story + b"#" * (MAX_STORY_BYTES - len(story)))  # a long comment: exactly the limit
    assert len(load(at_limit, gazetteer).chapters) == 1
    over = tmp_path / "over-limit.yaml"
    over.write_bytes(story + b"#" * (MAX_STORY_BYTES - len(story) + 1))
    started = time.perf_counter()
    with pytest.raises(StoryReadError, match=f"file is {MAX_STORY_BYTES + 1:,} bytes; the limit is {MAX_STORY_BYTES:,}"):
        load(over, gazetteer)
    assert time.perf_counter() - started < 1, "the size is checked before reading"


BINARY = {
    "random.yaml": random.Random(1950).randbytes(4096),
    "zeros.yaml": bytes(1024),
    "png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89",
    "gzip.json": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00\x86\xa6\x10\x36\x05\x00\x00\x00",
    "controls.yaml": "title: a\x01b\x7fc\x1b[31m\n".encode("utf-8"),
    "empty.json": b"",
    "nul-inside.json": b'{"title": "a\x00b"}',
}


@pytest.mark.parametrize("name", BINARY)
def test_binary_junk_is_refused(tmp_path, gazetteer, name):
    path = tmp_path / name
    path.write_bytes(BINARY[name])
    assert load_outcome(path, gazetteer) in ("unreadable", "invalid")


# --- deep nesting ------------------------------------------------------------------------------------

DEEP = 10_000
NESTED = {
    "flow-lists.yaml": "[" * DEEP + "]" * DEEP,
    "flow-maps.yaml": "{a: " * DEEP + "1" + "}" * DEEP,
    "block-lists.yaml": "".join("  " * i + "-\n" for i in range(900)),  # 900 levels: 0.8 MB, under the size limit
    "title-nested.yaml": "title: " + "[" * DEEP + "]" * DEEP + "\n",
    "lists.json": "[" * DEEP + "]" * DEEP,
    "maps.json": '{"a": ' * DEEP + "1" + "}" * DEEP,
}


@pytest.mark.parametrize("name", ["shallow-100.yaml", "shallow-100.json"])
def test_moderate_nesting_is_refused_as_invalid(tmp_path, gazetteer, name):
    path = tmp_path / name
    path.write_text("[" * 100 + "]" * 100)
    started = time.perf_counter()
    assert load_outcome(path, gazetteer) == "invalid"
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("name", NESTED)
def test_deep_nesting_is_unreadable_not_a_crash(tmp_path, gazetteer, name):
    path = tmp_path / name
    path.write_text(NESTED[name])
    started = time.perf_counter()
    try:
        with pytest.raises(StoryError):
            load(path, gazetteer)
    finally:
        print(f"\n{name}: {time.perf_counter() - started:.2f} s")


def test_validate_reports_deep_nesting_without_a_traceback(tmp_path):
    path = tmp_path / "flow-lists.yaml"
    path.write_text(NESTED["flow-lists.yaml"])
    assert_cli_reports(path)


# --- YAML bombs --------------------------------------------------------------------------------------

def laughs(levels: int = 9, indent: str = "") -> str:
    """Billion laughs: each level is a list of nine aliases of the one before, 9**levels strings in all."""
    lines = [f'{indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"{indent}l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


GOOD_TAIL = """title: T
source: {title: S, publisher: P, date: 2020}
chapters:
  - {id: one, title: One, caption: C, narrative: N, places: [busan]}
"""
BOMBS = {
    # the aliases are kept as shared references by PyYAML and never expanded: refused as unknown fields
    "unknown-field": "bomb:\n" + laughs(indent="  ") + GOOD_TAIL,
    "as-the-title": "bomb:\n" + laughs(indent="  ") + GOOD_TAIL.replace("title: T", "title: *l8"),
    "as-a-chapter's-places": "bomb:\n" + laughs(indent="  ") + GOOD_TAIL.replace("[busan]", "*l8"),
}
# 7 levels (4.8 million strings) keep an expansion, where it happens, to a few hundred MB.
EXPANDING_BOMBS = {
    # an error message quotes the value: f"'{value}' is not a date" expands every string
    "as-a-chapter-date": "bomb:\n" + laughs(7, "  ") + GOOD_TAIL.replace("places: [busan]", "places: [busan], date: *l6"),
    "as-the-source-date": "bomb:\n" + laughs(7, "  ") + GOOD_TAIL.replace("date: 2020", "date: *l6"),
    # StoryMapJS warnings quote every unknown option's value with json.dumps before shortening it
    "storymapjs-option": "storymap:\n  bomb:\n" + laughs(7, "    ") + "  slides:\n    - {location: {lat: 37.5, lon: 127}, text: {headline: H}}\n",
}


@pytest.mark.parametrize("name", BOMBS)
def test_a_yaml_bomb_that_is_never_quoted_is_refused_quickly(tmp_path, gazetteer, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(BOMBS[name])
    tracemalloc.start()
    started = time.perf_counter()
    try:
        assert load_outcome(path, gazetteer) == "unreadable"  # aliases are refused as the file is read
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"\n{name}: refused in {seconds:.3f} s, peak {peak / 1024:.0f} KiB traced")
    assert peak < 50 * 2**20  # how long it takes is the benchmark's to say


@pytest.mark.parametrize("name", EXPANDING_BOMBS)
def test_a_yaml_bomb_that_an_error_quotes_is_refused_quickly(tmp_path, gazetteer, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(EXPANDING_BOMBS[name])
    started = time.perf_counter()
    try:
        _, problems = load_story_with_warnings(path, builtin_references())  # the StoryMapJS one is valid, with warnings
    except StoryError as error:
        problems = error.problems + error.warnings
    seconds = time.perf_counter() - started
    told = sum(len(str(problem)) for problem in problems)
    print(f"\n{name}: loaded in {seconds:.3f} s with {told:,} characters of messages")
    # Without expanding the aliases this says a few hundred characters; expanding them would
    # write 35 million characters of dates.
    assert told < 100_000


@pytest.mark.parametrize("where", ["an option", "a headline", "a date", "a latitude"])
def test_a_recursive_alias_in_a_storymapjs_file_is_an_error(tmp_path, gazetteer, where):
    slide = {"an option": "{location: {lat: 37.5, lon: 127}, text: {headline: H}}",
             "a headline": "{location: {lat: 37.5, lon: 127}, text: {headline: &a [*a]}}",
             "a date": "{date: &a [*a], location: {lat: 37.5, lon: 127}, text: {headline: H}}",
             "a latitude": "{location: {lat: &a [*a], lon: 127}, text: {headline: H}}"}[where]
    option = "  loop: &b [*b]\n" if where == "an option" else ""
    path = tmp_path / "loop.yaml"
    path.write_text(f"storymap:\n{option}  slides:\n    - {slide}\n")
    assert load_outcome(path, gazetteer) == "unreadable"  # aliases are refused as the file is read


def test_a_recursive_alias_in_our_format_is_an_error(tmp_path, gazetteer):
    path = tmp_path / "loop.yaml"
    path.write_text("&m {title: *m, source: {title: S, publisher: P, date: &d [*d]}, chapters: [*m]}\n")
    assert load_outcome(path, gazetteer) == "unreadable"


# --- values the parsers themselves refuse with something other than YAMLError / JSONDecodeError ------

HUGE = "1" * 5000  # Python refuses int() of more than 4300 digits (CVE-2020-10735)
PARSER_CRASHES = {
    "huge-int.yaml": MINIMAL % f", view: {{center: [{HUGE}, 1], zoom: 3}}",
    "huge-int.json": '{"title": ' + HUGE + "}",
    "huge-int-storymapjs.json": '{"storymap": {"slides": [{"location": {"lat": ' + HUGE + ', "lon": 1}}]}}',
    "bad-timestamp.yaml": MINIMAL % ", date: !!timestamp 2001-13-45",
}


@pytest.mark.parametrize("name", PARSER_CRASHES)
def test_values_the_parser_refuses_are_unreadable(tmp_path, gazetteer, name):
    path = tmp_path / name
    path.write_text(PARSER_CRASHES[name])
    with pytest.raises(StoryReadError):
        load(path, gazetteer)


def test_tags_the_safe_loader_refuses_are_unreadable(tmp_path, gazetteer):
    for tag in ("!!python/object/apply:os.system ['echo owned']", "!!python/name:os.system", "!custom x"):
        path = tmp_path / "tag.yaml"
        path.write_text(MINIMAL.replace("title: A small story", f"title: {tag}") % "")
        with pytest.raises(StoryReadError, match="could not determine a constructor"):
            load(path, gazetteer)


# --- the command line on all of the above ---------------------------------------------------------

def test_validate_reports_every_hostile_file_without_a_traceback(tmp_path, truncated):
    """One `validate` over every file above that must be reported (a child process per file would
    cost two seconds each): each gets its closing line, and the status is the worst of them."""
    expected = {path: None for path in truncated}  # truncated: valid, invalid or unreadable, by where the cut falls
    text = MINIMAL.replace("A paragraph.", "Café in Séoul. Naïve.") % ""
    for name, data in {"utf16.yaml": text.encode("utf-16"), "latin1.yaml": text.encode("latin-1"),
                       "over-limit.yaml": b"#" * (MAX_STORY_BYTES + 1), **BINARY}.items():
        expected[tmp_path / name] = "cannot be read" if name not in ("empty.json", "controls.yaml") else None
        (tmp_path / name).write_bytes(data)
    for name, body in BOMBS.items():
        expected[tmp_path / f"{name}.yaml"] = "cannot be read"  # aliases are refused as the file is read
        (tmp_path / f"{name}.yaml").write_text(body)
    loop = tmp_path / "loop.yaml"
    loop.write_text("&m {title: *m, source: {title: S, publisher: P, date: &d [*d]}, chapters: [*m]}\n")
    expected[loop] = "cannot be read"
    status, output, seconds, peak_mb = run_validate(*expected)
    print(f"\nvalidate on {len(expected)} files: exit {status} in {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert "Traceback" not in output, output[-3000:]
    assert status == 2
    for path, verdict in expected.items():
        closing = re.search(rf"^{re.escape(str(path))}: (valid|invalid|cannot be read)", output, re.MULTILINE)
        assert closing, f"no closing line for {path}"
        assert verdict is None or closing.group(1) == verdict, (path, closing.group(0))
        if closing.group(1) != "valid":
            assert re.search(rf"^{re.escape(str(path))}[:,].*error: ", output, re.MULTILINE), f"no message for {path}"

"""The load test (bench/load.py): readers speaking Streamlit's websocket protocol, no browser.

One small run against a real `streamlit run app.py` on loopback (3 readers, every chapter, one
pass), then the pure parts: the chapter marker, percentiles, the message cache, widget values.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import ChapterDidNotAdvance, Settings, expect_chapter, is_loopback, percentile, run_in_own_loop, run_load
from bench.protocol_client import MessageCache, Position, ProtocolError, Run, WidgetValues, chapter_position

# Slow: real servers spoken to over Streamlit's websocket protocol (`-m "not protocol"` skips them).
pytestmark = pytest.mark.protocol

READERS = 3


@pytest.fixture(scope="module")
def report():
    return run_load(Settings(readers=READERS, passes=1, change_timeout=60, deadline=120), log=lambda message: None)


def test_no_errors(report):
    assert report.errors == []


def test_every_reader_sees_every_chapter_in_order(report, default_story):
    titles = [chapter.title for chapter in default_story.chapters]
    assert len(report.logs) == READERS
    for log in report.logs:
        assert [(position.number, position.total) for position in log.positions] == [
            (number, len(titles)) for number in range(1, len(titles) + 1)
        ]
        assert [position.title for position in log.positions] == titles
        assert len(log.changes) == len(titles) - 1
    assert len(report.changes) == READERS * (len(titles) - 1)


def test_every_row_of_the_table_is_numeric(report):
    lines = report.table().splitlines()[2:]
    assert len(lines) == len(report.rows())
    labels = []
    for line in lines:
        label, value, _unit = (cell.strip() for cell in line.strip("|").split("|"))
        float(value.replace(",", ""))  # "n/a" would fail here
        labels.append(label)
    assert any(label.startswith("server RSS peak") for label in labels)
    assert any(label.startswith("Next → script_finished, p95") for label in labels)


def _run(*texts: str) -> Run:
    run = Run()
    for index, text in enumerate(texts):
        element = Element()
        element.markdown.body = text
        run.elements[(0, index)] = element
    return run


def test_chapter_position_reads_the_position_and_the_screen_reader_line():
    texts = [
        "**Chapter 7 of 18**",
        '<p class="storymap-sr-only" aria-live="polite">Chapter 7 of 18: Kim Il Sung&#x27;s broadcast</p>',
        "A narrative that mentions no position.",
    ]
    assert chapter_position(texts) == Position(7, 18, "Kim Il Sung's broadcast")
    assert chapter_position(["**Chapter 1 of 2**"]) == Position(1, 2, None)


def test_chapter_position_is_none_when_missing_or_contradictory():
    assert chapter_position(["No chapter here"]) is None
    assert chapter_position([]) is None
    assert chapter_position(["**Chapter 2 of 18**", "<p>Chapter 3 of 18: Across the parallel</p>"]) is None


def test_a_chapter_that_did_not_advance_is_an_error():
    assert expect_chapter(_run("**Chapter 3 of 18**"), 3, 18).number == 3
    with pytest.raises(ChapterDidNotAdvance, match="expected chapter 3 of 18, the page shows chapter 2 of 18"):
        expect_chapter(_run("**Chapter 2 of 18**"), 3, 18)
    with pytest.raises(ChapterDidNotAdvance, match="no single chapter position"):
        expect_chapter(_run("An error page"), 1)


def test_percentile_interpolates_between_ranks():
    assert percentile([4.0, 1.0, 3.0, 2.0], 0.5) == 2.5
    assert percentile([float(value) for value in range(1, 101)], 0.95) == pytest.approx(95.05)
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([3.0, 1.0, 2.0], 0.0) == 1.0
    assert percentile([3.0, 1.0, 2.0], 1.0) == 3.0
    assert percentile([], 0.5) is None


def _cacheable(hash_: str, body: str) -> ForwardMsg:
    msg = ForwardMsg(hash=hash_)
    msg.metadata.cacheable = True
    msg.delta.new_element.markdown.body = body
    return msg


def test_message_cache_resolves_references_and_expires_like_the_frontend():
    cache = MessageCache()
    cache.receive(_cacheable("abc", "a large table"))
    assert cache.hashes() == ["abc"]
    reference = ForwardMsg(ref_hash="abc")
    reference.metadata.delta_path.extend([0, 6, 1])
    resolved = cache.receive(reference)
    assert resolved.delta.new_element.markdown.body == "a large table"
    assert list(resolved.metadata.delta_path) == [0, 6, 1]
    for _ in range(cache.max_age + 1):  # unused for more than max_age finished runs
        cache.script_finished()
    assert cache.hashes() == []
    with pytest.raises(ProtocolError):
        cache.receive(ForwardMsg(ref_hash="never-sent"))


def test_widget_values_keep_the_value_the_server_set():
    def run_with_selectbox(widget_id: str, set_to: str | None) -> Run:
        element = Element()
        box = element.selectbox
        box.id, box.label, box.default = widget_id, "Go to chapter", 0
        box.options.extend(["1. One", "2. Two"])
        if set_to is not None:
            box.set_value, box.raw_value = True, set_to
        run = Run()
        run.elements[(0, 3)] = element
        return run

    values = WidgetValues()
    values.after_run(run_with_selectbox("box", None))
    assert [(state.id, state.string_value) for state in values.states()] == [("box", "1. One")]
    values.after_run(run_with_selectbox("box", "2. Two"))
    values.after_run(run_with_selectbox("box", None))  # kept, not reset to the default
    assert [(state.id, state.string_value) for state in values.states()] == [("box", "2. Two")]
    values.after_run(Run())  # a widget no longer drawn is no longer reported
    assert values.states() == []


def test_only_loopback_addresses_are_accepted():
    assert is_loopback("http://127.0.0.1:8501") and is_loopback("http://localhost:8501") and is_loopback("http://[::1]:8501")
    assert not is_loopback("http://example.com:8501") and not is_loopback("http://10.0.0.2:8501")


def test_the_readers_run_even_where_an_event_loop_is_running():
    """The browser tests' Playwright keeps an event loop in this process's thread."""

    async def caller():
        async def answer():
            await asyncio.sleep(0)
            return 42

        return run_in_own_loop(answer())

    # The caller's loop runs in a thread of its own, so this test is free of any loop here.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, caller()).result() == 42

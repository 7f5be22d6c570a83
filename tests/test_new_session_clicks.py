"""A page that reconnects to a restarted server meets a new session, which has not drawn the
page yet. A click made then (Next, or a pick in the chapter list) must still count. Tested at the
protocol level, which makes the moment exact: a second session sends what such a page sends,
its first message carrying the click, against a real `streamlit run app.py`."""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.load import run_in_own_loop
from bench.protocol_client import ProtocolSession
from bench.servers import APPS, Server


# Slow: real servers spoken to over Streamlit's websocket protocol (`-m "not protocol"` skips them).
pytestmark = pytest.mark.protocol

@pytest.fixture(scope="module")
def server_url():
    server = Server("app", APPS["app"])
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


async def open_at_fourth_chapter(url: str, then) -> tuple:
    """A reader who went to chapter 4; then `then(reader, run)` in a new session carrying that
    reader's page (its URL, script and widget values), as a reconnecting page would."""
    async with ProtocolSession.open(url) as reader:
        run = await reader.rerun()
        for _ in range(3):
            run = await reader.click("Next")
        assert run.position().number == 4
        async with ProtocolSession.open(url) as reconnected:
            reconnected.carry_page_of(reader)
            after = await then(reconnected, run)
            return after.position().number, reconnected.query_string


def test_next_clicked_in_a_new_session_goes_on(server_url, default_story):
    async def click_next(session, page):
        return await session.rerun(WidgetState(id=page.button("Next").id, trigger_value=True))

    number, query = run_in_own_loop(open_at_fourth_chapter(server_url, click_next))
    assert number == 5
    assert query == f"chapter={default_story.chapters[4].id}"


def test_a_pick_made_in_a_new_session_is_kept(server_url, default_story):
    async def pick_eleventh(session, page):
        session.choose_value(page.selectbox("Go to chapter").id, default_story.chapters[10].id)
        return await session.rerun()

    number, query = run_in_own_loop(open_at_fourth_chapter(server_url, pick_eleventh))
    assert number == 11
    assert query == f"chapter={default_story.chapters[10].id}"


def test_a_new_session_with_nothing_clicked_shows_the_pages_chapter(server_url, default_story):
    async def just_reconnect(session, page):
        return await session.rerun()

    number, query = run_in_own_loop(open_at_fourth_chapter(server_url, just_reconnect))
    assert number == 4
    assert query == f"chapter={default_story.chapters[3].id}"

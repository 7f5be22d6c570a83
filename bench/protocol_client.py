"""A reader that speaks Streamlit's own websocket protocol, as the page's frontend does.

No browser: one websocket to `/_stcore/stream` per reader, so tens of readers fit on a small
machine beside the server. The reader sends what the frontend sends and keeps what it keeps:

- Subprotocols "streamlit" plus a token slot ("PLACEHOLDER_AUTH_TOKEN" when there is no XSRF
  cookie, as the frontend does); the server runs nothing until the first `rerun_script`.
- Each run is a `BackMsg.rerun_script` with a `ClientState`: the query string the server last
  set (`page_info_changed`), the page script hash from `new_session` (empty on the first run),
  the widget values the frontend would report and the hashes of its message cache.
- Widget values: a button click is a one-shot `trigger_value`; a selectbox reports its value,
  which is its default option until the server sets one (`set_value` with `raw_value`), as
  after a Next click moves `st.session_state.chapter`. Sending a stale value instead would
  undo the click. Values of widgets the last run did not draw are dropped.
- Message cache: messages the server marks `cacheable` (new elements of 2,000 bytes and more
  under the project's config) are kept; their hashes go with every rerun, and the server then
  sends those elements as `ref_hash` references, which are resolved here. A message unused for
  more than `max_cached_message_age` finished runs expires, as in the frontend.

A run ends at `script_finished`; one that ends in any other way than successfully, or draws an
exception (or an error alert), raises `ScriptError`.
"""

from __future__ import annotations

import asyncio
import copy
import html
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator, Iterable
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
MAX_MESSAGE_BYTES = 64 * 1000 * 1000  # a bound, far above anything the app sends
TEXT_ELEMENTS = ("markdown", "html", "heading")


class ProtocolError(Exception):
    """The server sent something the frontend could not have handled either."""


class ScriptError(Exception):
    """A run that did not finish cleanly: an error status, an exception or an error alert."""


@dataclass(frozen=True)
class Position:
    number: int
    total: int
    title: str | None = None


# "Chapter 3 of 18" (the position between the buttons) and "Chapter 3 of 18: Across the
# parallel" (the screen-reader line, which also names the chapter).
_POSITION = re.compile(r"Chapter (\d+) of (\d+)(?::\s*([^\n]+?))?\s*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")


def chapter_position(texts: Iterable[str]) -> Position | None:
    """The chapter a run shows, from its "Chapter n of N" lines; None if none or if they disagree."""
    numbers: set[tuple[int, int]] = set()
    title = None
    for text in texts:
        plain = html.unescape(_TAG.sub("", text)).replace("**", "")
        for match in _POSITION.finditer(plain):
            numbers.add((int(match[1]), int(match[2])))
            title = title or match[3]
    if len(numbers) != 1:
        return None
    (number, total), = numbers
    return Position(number, total, title)


@dataclass
class Run:
    """What one script run sent: its elements by delta path, and what it cost."""

    seconds: float = 0.0
    bytes_received: int = 0
    messages: int = 0
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list:
        return [getattr(element, kind) for _, element in sorted(self.elements.items()) if element.WhichOneof("type") == kind]

    def texts(self) -> list[str]:
        return [body.body for kind in TEXT_ELEMENTS for body in self.of_kind(kind)]

    def position(self) -> Position | None:
        return chapter_position(self.texts())

    def button(self, label: str):
        return next((button for button in self.of_kind("button") if button.label == label), None)

    def selectbox(self, label: str):
        return next((box for box in self.of_kind("selectbox") if box.label == label), None)


class MessageCache:
    """The frontend's cache of large messages, sent again by the server as references."""

    def __init__(self) -> None:
        self._messages: dict[str, tuple[ForwardMsg, int]] = {}  # hash -> (message, run last used)
        self._runs = 0
        self.max_age = 2  # until new_session says otherwise

    def hashes(self) -> list[str]:
        return list(self._messages)

    def receive(self, msg: ForwardMsg) -> ForwardMsg:
        """The message itself, or for a reference the cached message (with the reference's metadata)."""
        if msg.WhichOneof("type") == "ref_hash":
            if msg.ref_hash not in self._messages:
                raise ProtocolError(f"reference to a message never cached: {msg.ref_hash}")
            cached, _ = self._messages[msg.ref_hash]
            self._messages[msg.ref_hash] = (cached, self._runs)
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(msg.metadata)  # where this run puts it
            return resolved
        if msg.metadata.cacheable and msg.hash:
            self._messages[msg.hash] = (self._messages.get(msg.hash, (msg, 0))[0], self._runs)
        return msg

    def script_finished(self) -> None:
        self._runs += 1
        self._messages = {h: entry for h, entry in self._messages.items() if self._runs - entry[1] <= self.max_age}


class WidgetValues:
    """The widget values the frontend reports with each rerun (only the app's kinds: see the module doc)."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}

    def after_run(self, run: Run) -> None:
        strings = {}
        for box in run.of_kind("selectbox"):
            if box.set_value:
                if box.HasField("raw_value"):
                    strings[box.id] = box.raw_value
            elif box.id in self._strings:
                strings[box.id] = self._strings[box.id]
            elif box.HasField("default") and box.options:
                strings[box.id] = box.options[box.default]
        self._strings = strings

    def set_string(self, widget_id: str, value: str) -> None:
        self._strings[widget_id] = value

    def states(self) -> list[WidgetState]:
        return [WidgetState(id=widget_id, string_value=value) for widget_id, value in self._strings.items()]


def _check(msg: ForwardMsg) -> None:
    kind = msg.WhichOneof("type")
    if kind == "script_finished" and msg.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_EARLY_FOR_RERUN):
        raise ScriptError(f"script finished with status {ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)}")
    if kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
        raise ScriptError(f"script does not compile: {msg.session_event.script_compilation_exception.message}")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception":
            raise ScriptError(f"exception drawn: {element.exception.type}: {element.exception.message}")
        if element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR:
            raise ScriptError(f"error alert drawn: {element.alert.body[:200]}")


class ProtocolSession:
    """One reader's session: `rerun`, `click` and `choose`, each returning the run it caused."""

    def __init__(self, socket, url: str, timeout: float):
        self._socket = socket
        self._url = url
        self._timeout = timeout
        self._cache = MessageCache()
        self._widgets = WidgetValues()
        self._query_string = ""
        self._page_script_hash = ""  # empty until the first new_session, as in the frontend
        self.last: Run | None = None

    @classmethod
    @asynccontextmanager
    async def open(cls, url: str, timeout: float = 60.0) -> AsyncIterator[ProtocolSession]:
        parts = urlsplit(url)
        stream = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"
        async with websockets.connect(
            stream,
            subprotocols=SUBPROTOCOLS,
            origin=f"{parts.scheme}://{parts.netloc}",  # same origin, as from the page
            max_size=MAX_MESSAGE_BYTES,
            open_timeout=timeout,
            ping_interval=None,  # browsers send no pings; a busy server must not be dropped for a late pong
        ) as socket:
            yield cls(socket, url, timeout)

    @property
    def query_string(self) -> str:
        return self._query_string

    def carry_page_of(self, other: ProtocolSession) -> None:
        """Send what `other`'s page shows (URL, script, widget values), as a page that
        reconnects to a restarted server does in its new session."""
        self._query_string, self._page_script_hash = other._query_string, other._page_script_hash
        self._widgets = copy.deepcopy(other._widgets)

    def choose_value(self, widget_id: str, value: str) -> None:
        """Set a selectbox's value, to be sent with the next rerun."""
        self._widgets.set_string(widget_id, value)

    async def rerun(self, *extra: WidgetState) -> Run:
        """Send one rerun with the frontend's widget values (plus `extra`) and wait for its end."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self._query_string
        state.page_script_hash = self._page_script_hash
        state.cached_message_hashes.extend(self._cache.hashes())
        state.widget_states.widgets.extend([*self._widgets.states(), *extra])
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-GB"
        state.context_info.url = self._url
        run = Run()
        started = time.perf_counter()
        await self._socket.send(back.SerializeToString())
        async with asyncio.timeout(self._timeout):
            while not await self._receive(run):
                pass
        run.seconds = time.perf_counter() - started
        self._widgets.after_run(run)
        self.last = run
        return run

    async def click(self, label: str) -> Run:
        button = self.last.button(label) if self.last else None
        if button is None or button.disabled:
            raise ScriptError(f"no {'enabled ' if button else ''}button {label!r} to click")
        return await self.rerun(WidgetState(id=button.id, trigger_value=True))

    async def choose(self, label: str, option: int) -> Run:
        box = self.last.selectbox(label) if self.last else None
        if box is None or not 0 <= option < len(box.options):
            raise ScriptError(f"no selectbox {label!r} with option {option}")
        self._widgets.set_string(box.id, box.options[option])
        return await self.rerun()

    async def _receive(self, run: Run) -> bool:
        """Take one message into `run`; True once the script has finished."""
        data = await self._socket.recv()
        if isinstance(data, str):
            raise ProtocolError("text frame: Streamlit sends only binary protobuf")
        run.bytes_received += len(data)
        run.messages += 1
        raw = ForwardMsg()
        raw.ParseFromString(data)
        msg = self._cache.receive(raw)
        _check(msg)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._page_script_hash = msg.new_session.page_script_hash
            self._cache.max_age = msg.new_session.config.max_cached_message_age or self._cache.max_age
        elif kind == "page_info_changed":
            self._query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            run.elements[tuple(msg.metadata.delta_path)] = msg.delta.new_element
        elif kind == "script_finished":
            self._cache.script_finished()
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                run.elements.clear()  # the app asked for a rerun (st.rerun): its page comes next
                return False
            return True
        return False

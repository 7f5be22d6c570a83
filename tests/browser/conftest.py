"""A real `streamlit run` server on a free localhost port, and Debian's Chromium driven by Playwright.

Every request that leaves localhost is recorded and aborted, so a test proves the page needs
no internet. Set STORYMAP_CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_FLAGS  # one Chromium setup for tests and benchmark
from pages import OfflinePage
from playwright.sync_api import expect

# A shared 2-core machine runs server and browser together: give reruns room.
expect.set_options(timeout=15_000)

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(script: Path, *extra: str, cwd: Path = ROOT, port: int | None = None) -> tuple[subprocess.Popen, str]:
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *extra],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{process.stdout.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def app_url():
    process, url = start_streamlit(ROOT / "app.py")
    yield url
    stop(process)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield OfflinePage(context)
    context.close()


@pytest.fixture
def open_file_page(browser):
    """Opens pages from disk (an export) with every other request aborted, reduced motion, and the
    page's script errors collected in page.errors; waits for the map. Closes them after the test."""
    contexts = []

    def opened(url: str, viewport=None, bypass_csp=False):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, reduced_motion="reduce", bypass_csp=bypass_csp)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        page.locator(".leaflet-container").wait_for()
        return page

    yield opened
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory, default_story, gazetteer):
    """The default story exported once (steps layout), for the tests that only read its pages."""
    from export.site import export_site

    return export_site(default_story, {**gazetteer, **default_story.places}, tmp_path_factory.mktemp("default-export"))


LAPTOP_AND_PHONE = [(1366, 768), (375, 812)]


@pytest.fixture(params=LAPTOP_AND_PHONE, ids=lambda size: f"{size[0]}x{size[1]}")
def export_page(browser, request):
    """A page of an export from disk at a laptop's and at a phone's size (page.size), with reduced
    motion, every other request aborted, and its script errors in page.errors."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.size = request.param
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


"""The Content-Security-Policies docs/DEPLOY.md gives, applied to the real app and the export:
nothing the page needs is blocked (the timeline's component module included)."""

from __future__ import annotations

import http.server
import re
import threading
from functools import partial
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from bench.browser import CHROMIUM, CHROMIUM_FLAGS
from conftest import ROOT
from pages import LOCAL_HOSTS, MAP_FRAME

DEPLOY = (ROOT / "docs" / "DEPLOY.md").read_text(encoding="utf-8")


def app_policies() -> tuple[str, str]:
    """(the map frame's policy, every other response's), as the nginx map in DEPLOY.md sets them."""
    component = re.search(r'~\^/story/component/\s+"([^"]+)"', DEPLOY).group(1)
    default = re.search(r'\n\s+default\s+"(default-src[^"]+)"', DEPLOY).group(1)
    return component, default


def export_policy() -> str:
    return re.search(r'location / \{.*?add_header Content-Security-Policy "([^"]+)"', DEPLOY, re.DOTALL).group(1)


@pytest.fixture(scope="module")
def policy_browser(browser):
    """Chromium that accepts responses the test rewrites: a fulfilled response carries no
    network address, and Local Network Access checks would then block the app's WebSocket.
    Launched by the session's Playwright (one Playwright per process)."""
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, "--disable-features=LocalNetworkAccessChecks"])
    yield launched
    launched.close()


def with_policy(context, policy_for, blocked: list[str]) -> None:
    """Serve every local response with the policy DEPLOY.md gives it; abort anything else."""
    def route(route):
        url = route.request.url
        if urlparse(url).hostname not in LOCAL_HOSTS:
            blocked.append(url)
            route.abort()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy_for(urlparse(url).path)}
        route.fulfill(response=response, headers=headers)

    context.route("**/*", route)


def violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and found.append(message.text))
    return found


def test_the_app_works_under_the_deploy_policies(policy_browser, app_url):
    component, default = app_policies()
    context = policy_browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []
    try:
        with_policy(context, lambda path: component if path.startswith("/component/") else default, blocked)
        page = context.new_page()
        found = violations(page)
        page.goto(app_url)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
        marks = page.locator(".st-key-timeline .timeline-wide .timeline-mark")
        expect(marks.first).to_be_attached(timeout=20_000)  # the timeline's module ran
        page.get_by_role("button", name="Next").click()
        expect(page.locator("strong", has_text="Chapter 2 of")).to_be_visible()
        page.wait_for_timeout(500)
        assert found == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def served_export(tmp_path_factory, default_story, gazetteer):
    from export.site import export_site

    site = tmp_path_factory.mktemp("served") / "site"
    export_site(default_story, {**gazetteer, **default_story.places}, site)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


def test_the_export_works_under_its_header_policy_and_a_malformed_link(policy_browser, served_export, default_story):
    context = policy_browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []
    try:
        with_policy(context, lambda path: export_policy(), blocked)
        page = context.new_page()
        found = violations(page)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served_export + "#%")  # not valid percent-encoding: must not stop the page
        expect(page.locator("#chapter-title")).to_have_text(default_story.chapters[0].title)
        page.locator("#next").click()
        expect(page.locator("#chapter-title")).to_have_text(default_story.chapters[1].title)
        assert page.locator(".timeline-mark").count() > 0
        assert errors == [] and found == []
    finally:
        context.close()

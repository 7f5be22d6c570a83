"""A story full of HTML and script payloads: nothing runs and nothing is injected, in the page or the map."""

from __future__ import annotations

import json

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, start_streamlit, stop
from pages import MAP_FRAME, OfflinePage
from geo.references import builtin_references

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "[click](javascript:alert(4))",
    "`${alert(5)}` \\u003cscript\\u003e :red[styled] $x^2$",
]
# Any element a payload could have created: its tag, an on* handler, a javascript: link, or a
# script holding a payload as raw markup (as escaped text inside a string it is inert data).
FIND_INJECTED = """() => [...document.querySelectorAll('*')].filter(e =>
    (e.tagName === 'IMG' && e.getAttribute('src') === 'x') ||
    [...e.attributes].some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)) ||
    (e.tagName === 'SCRIPT' && /<(img|svg|script)[^>]*(onerror|onload|>alert)/i.test(e.textContent))
).map(e => e.outerHTML.slice(0, 120))"""


def injected(page) -> list[str]:
    return page.evaluate(FIND_INJECTED)


def injected_in_map(frame) -> list[str]:
    return frame.locator("body").evaluate(f"(body) => ({FIND_INJECTED})()")


def hostile_story() -> dict:
    places = {
        f"trap-{n}": {
            "name": f"Trap {n} {payload}", "name_1950s": payload, "hangul": payload, "lat": 35.5 + n * 0.5, "lon": 127.0,
            "kind": "city", "description": payload, "source": payload, "accuracy": payload,
        }
        for n, payload in enumerate(PAYLOADS)
    }
    chapters = [
        {
            "id": f"chapter-{n}", "title": f"{n} {payload}", "caption": payload, "narrative": f"Narrative {payload}",
            "credit": payload, "places": [f"trap-{n}", "busan"],
        }
        for n, payload in enumerate(PAYLOADS)
    ]
    chapters[0]["narrative"] += " " + BARE_ADDRESSES
    # A layer of the story's own, drawn on every chapter, whose every text is a payload.
    layer = {"id": "trap-layer", "name": f"Layer {LAYER_PAYLOAD}", "start": "1900-01-01", "color": "#aa3300",
             "legend": f"Legend {LAYER_PAYLOAD}", "description": PAYLOADS[1], "file": "trap.geojson"}
    return {"title": PAYLOADS[0], "introduction": PAYLOADS[1], "source": {"title": PAYLOADS[2], "publisher": PAYLOADS[3], "date": "2020"},
            "places": places, "layers": ["pusan-perimeter", layer], "chapters": chapters}


# Leaflet's layer control and the legend insert text as HTML: a payload there runs on load.
LAYER_PAYLOAD = '<img src=x onerror=alert(6)><meta http-equiv="refresh" content="0;url=https://example.org">'
TRAP_FEATURES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"label": PAYLOADS[0], "source": PAYLOADS[2], "accuracy": PAYLOADS[4]},
     "geometry": {"type": "LineString", "coordinates": [[128.0, 35.0], [129.0, 36.0]]}}]}
BARE_ADDRESSES = "Write to someone@example.org or see https://example.org and www.example.org."


def write_hostile_story(folder):
    (folder / "trap.geojson").write_text(json.dumps(TRAP_FEATURES), encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_story(), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    path = write_hostile_story(tmp_path_factory.mktemp("hostile"))
    process, url = start_streamlit(ROOT / "app.py", "--", "--story", str(path))
    yield url
    stop(process)


def test_no_payload_runs_or_creates_elements(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    try:
        offline = OfflinePage(context)
        page = offline.page
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_url)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.storymap-place-busan").wait_for(state="attached", timeout=30_000)
        # The layer control and the legend show the layer's name and legend as characters.
        expect(frame.locator(".leaflet-control-layers-overlays")).to_contain_text(f"Layer {LAYER_PAYLOAD}")
        expect(frame.locator(".storymap-legend")).to_contain_text(f"Legend {LAYER_PAYLOAD}")
        # Bare addresses in story text are text, not links (shown as written: the word joiners
        # that keep Markdown from linking them are invisible).
        shown = page.locator(".st-key-chapter-text").evaluate("(e) => e.innerText.replace(/\u2060/g, '')")
        assert BARE_ADDRESSES in shown
        assert page.locator(".st-key-chapter-text a[href*='example.org']").count() == 0
        for n, payload in enumerate(PAYLOADS):
            if n:
                page.get_by_role("button", name="Next").click()
            expect(page.get_by_text(f"Chapter {n + 1} of {len(PAYLOADS)}", exact=True)).to_be_visible()
            # Shown as the characters the author wrote, not as markup.
            expect(page.locator(".st-key-chapter-text")).to_contain_text(f"Narrative {payload}")
            marker = frame.locator(f"path.storymap-place-trap-{n}")
            marker.wait_for(state="attached")
            frame.locator("body").evaluate(
                "(body, slug) => { window.map.eachLayer(l => { if ((l.options.className || '').includes(slug)) { l.openPopup(); l.openTooltip && l.openTooltip(); } }); }",
                f"storymap-place-trap-{n}",
            )
            expect(frame.locator(".storymap-popup", has_text=f"Trap {n} {payload}")).to_be_visible()
            assert injected(page) == []
            assert injected_in_map(frame) == []
        page.get_by_text("About the map").click()
        page.wait_for_timeout(500)
        assert dialogs == []
        assert injected(page) == []
    finally:
        context.close()


def test_the_export_of_the_hostile_story_injects_nothing(browser, tmp_path):
    from export.site import export_site
    from geo.places import load_gazetteer
    from story.loader import load_story

    gazetteer = load_gazetteer()
    story = load_story(write_hostile_story(tmp_path), builtin_references())
    index = export_site(story, {**gazetteer, **story.places}, tmp_path / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    outside: list[str] = []
    # From disk: only the site's own files load; a refresh to another site would be recorded.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                  else (outside.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(index.as_uri())
        expect(page.locator(".leaflet-control-layers-overlays")).to_contain_text(f"Layer {LAYER_PAYLOAD}")
        expect(page.locator(".storymap-legend")).to_contain_text(f"Legend {LAYER_PAYLOAD}")
        for _ in PAYLOADS[1:]:
            page.locator("#next").click()
            assert injected(page) == []
        page.wait_for_timeout(500)
        assert dialogs == [] and injected(page) == [] and page.url.startswith("file:")  # no refresh took the reader away
        assert [url for url in outside if "example.org" in url] == []
    finally:
        context.close()

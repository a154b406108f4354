"""The reader's site, as a reader meets it: built by `site/build.py` (what `make site` runs), served
on loopback, every page opened in Chromium with nothing reachable beyond this machine.

Each page must draw every chart (an inline SVG with marks in it), give every chart a text
description, link its sources, navigate to the pages it names, log no console error, fetch
nothing from outside, and pass an axe-core audit with no serious or critical violation. The
same checks run once on a deliberately broken page and must fail there.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..notebook_tools import ROOT, lesson_notebooks
from .lab import ARTIFACTS, browser_tab, free_port

LESSON_PAGES = [path.stem + ".html" for path in lesson_notebooks()]
PAGES = ["index.html", *LESSON_PAGES]
SOURCES_ANCHOR = "Sources-for-this-lesson"
BLOCKING = {"serious", "critical"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output for failures
        pass


@contextmanager
def serve(folder):
    """Serve ``folder`` over HTTP on a free loopback port, as a reader's web host would."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", free_port()), functools.partial(QuietHandler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built from the lessons exactly as `make site` does, into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "_build"
    build = subprocess.run(
        [sys.executable, str(ROOT / "site" / "build.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, (
        f"site build failed:\n{build.stdout[-3000:]}\n{build.stderr[-5000:]}"
    )
    return out


@pytest.fixture(scope="session")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def reader(chromium, request):
    """A fresh browser tab that blocks and records anything leaving loopback."""
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, {"width": 1200, "height": 900}, full_page=False) as tab:
        yield tab


def page_problems(page, lesson: bool) -> list[str]:
    """What a reader of this page would miss (empty when the page is complete)."""
    problems = []
    charts = page.locator("figure.ba-chart").evaluate_all(
        """figures => figures.map(f => {
            const svg = f.querySelector('svg');
            const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
            return {
                marks: svg ? svg.querySelectorAll('.role-mark > *').length : 0,
                width: box.width, height: box.height,
                label: f.getAttribute('aria-label') || '',
                caption: (f.querySelector('figcaption') || {}).textContent || '',
            };
        })"""
    )
    if lesson and not charts:
        problems.append("no chart on a lesson page")
    for index, chart in enumerate(charts):
        if chart["marks"] == 0 or chart["width"] < 100 or chart["height"] < 50:
            problems.append(f"chart {index} is not drawn: {chart}")
        if len(chart["label"].strip()) < 20 or chart["caption"].strip() != chart["label"].strip():
            problems.append(f"chart {index} has no text description matching its caption")
    unlabelled = page.locator("svg:not(figure.ba-chart svg)").count()
    if unlabelled:
        problems.append(f"{unlabelled} SVG image(s) outside a described chart figure")
    if lesson:
        links = page.evaluate(
            """anchor => {
                const heading = document.getElementById(anchor);
                if (!heading) return -1;
                const cell = heading.closest('.jp-MarkdownCell');
                return [...cell.querySelectorAll("a[href^='http']")].length;
            }""",
            SOURCES_ANCHOR,
        )
        if links < 1:
            problems.append(f"no linked sources under #{SOURCES_ANCHOR} ({links})")
    return problems + page.watch.problems()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    results = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("name", PAGES)
def test_site_page_draws_and_describes_every_chart_offline(site, site_url, reader, name):
    response = reader.goto(f"{site_url}/{name}")
    assert response.ok
    assert page_problems(reader, lesson=name != "index.html") == []
    # Every link within the site leads to a page the site has.
    local = reader.locator("a[href]").evaluate_all(
        "as => as.map(a => a.getAttribute('href')).filter(h => !/^[a-z]+:|^#/.test(h))"
    )
    assert local, "a page links to the rest of the site"
    missing = {href for href in local if not (site / href.split("#")[0]).is_file()}
    assert missing == set()


@pytest.mark.parametrize("name", PAGES)
def test_site_page_passes_the_axe_audit(site_url, reader, name):
    reader.goto(f"{site_url}/{name}")
    assert serious_violations(reader) == []


def test_site_navigation_walks_the_lessons_in_order_and_back(site_url, reader):
    reader.goto(f"{site_url}/index.html")
    listed = reader.locator("ol.ba-contents > li > a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    assert listed == LESSON_PAGES
    reader.locator("ol.ba-contents > li > a").first.click()
    visited = [reader.url.rsplit("/", 1)[1]]
    while reader.locator("nav.ba-pager").first.locator("a[rel=next]").count():
        reader.locator("nav.ba-pager").first.locator("a[rel=next]").click()
        visited.append(reader.url.rsplit("/", 1)[1])
    assert visited == LESSON_PAGES
    reader.locator("nav.ba-pager").last.locator("a[rel=prev]").click()
    assert reader.url.endswith(LESSON_PAGES[-2])
    # Each lesson's sources are one click from the front page.
    reader.goto(f"{site_url}/index.html")
    reader.locator(f"a[href='{LESSON_PAGES[2]}#{SOURCES_ANCHOR}']").click()
    assert reader.url.endswith(f"{LESSON_PAGES[2]}#{SOURCES_ANCHOR}")
    assert reader.locator(f"#{SOURCES_ANCHOR}").is_visible()


BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title>
<script src="https://cdn.example.org/vega.js"></script></head><body>
<figure class="ba-chart"><svg width="400" height="200"></svg><figcaption></figcaption></figure>
<img src="chart.png">
<p style="color:#bbbbbb;background:#ffffff">Pale grey text that few can read.</p>
</body></html>"""


def test_the_site_checks_fail_on_a_broken_page(chromium, tmp_path):
    """The checks above are able to fail: a page with an undrawn, undescribed chart, an image with
    no text, unreadable text and a script from a CDN is caught by each of them."""
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    shot = ARTIFACTS / "broken-site-page.png"
    with (
        browser_tab(chromium, shot, {"width": 1200, "height": 900}) as page,
        serve(tmp_path) as url,
    ):
        page.goto(f"{url}/broken.html")
        problems = page_problems(page, lesson=True)
        violations = serious_violations(page)
    text = "\n".join(problems)
    assert "chart 0 is not drawn" in text
    assert "chart 0 has no text description" in text
    assert "no linked sources" in text
    assert "request left loopback: https://cdn.example.org/vega.js" in text
    found = {line.split(" ")[0] for line in violations}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= found, violations

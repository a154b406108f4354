"""The reader's site, as a reader meets it: built by `python -m balancing_act.authoring.site` (what
`make site` runs), served on loopback, every page opened in Chromium with nothing reachable beyond
this machine.

Each page must draw every chart (an inline SVG with marks in it), give every chart a text
description, link its sources, navigate to the pages it names, log no console error, fetch
nothing from outside, and pass an axe-core audit with no serious or critical violation. At a
phone's width (390 px) and a laptop's (1280 px) no page may scroll sideways and no element may
reach past the screen, and every chart's text must be legible at 390 px. No page may show raw
markdown or a MathJax error; every event card links to its event's page; the search finds an
event by a word of its summary. Each check also runs on a page broken on purpose and must fail
there. The build itself must print nothing but its summary line.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe

from balancing_act.authoring.site import drawings, pages
from balancing_act.authoring.site.search import KINDS, RANKING, index_for_search
from balancing_act.tables.load import load_events

from ..notebook_tools import ROOT, lesson_notebooks
from .lab import ARTIFACTS, browser_tab, free_port

LESSON_PAGES = [path.stem + ".html" for path in lesson_notebooks()]
SITE_PAGES = [
    "index.html",
    "events/index.html",
    "sources.html",
    "search.html",
    "reader/index.html",
    "reader/2020-trilateral-statement.html",
    "glossary.html",
]
PAGES = [*SITE_PAGES[:1], *LESSON_PAGES, *SITE_PAGES[1:]]
SOURCES_ANCHOR = "Sources-for-this-lesson"
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
#: The smallest chart text a reader should have to read, in CSS pixels as drawn on the screen.
LEGIBLE_PX = 11
#: The lesson whose page is kept in docs/ at both widths, shown at its claim explorer.
SCREENSHOT_LESSON = "05-pacifying-russia.html"
DOCS = ROOT / "docs"


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
def site_build(tmp_path_factory):
    """The site, built from the lessons exactly as `make site` does, into a temporary folder,
    with what the build printed."""
    out = tmp_path_factory.mktemp("site") / "_build"
    build = subprocess.run(
        [sys.executable, "-m", "balancing_act.authoring.site", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, (
        f"site build failed:\n{build.stdout[-3000:]}\n{build.stderr[-5000:]}"
    )
    return out, build.stdout + build.stderr


@pytest.fixture(scope="session")
def site(site_build):
    return site_build[0]


@pytest.fixture(scope="session")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def event_pages(site):
    pages = sorted(f"events/{path.name}" for path in (site / "events").glob("*.html"))
    pages.remove("events/index.html")
    return pages


@pytest.fixture
def reader(chromium, request):
    """A fresh browser tab that blocks and records anything leaving loopback."""
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, {"width": 1200, "height": 900}, full_page=False) as tab:
        yield tab


@pytest.fixture
def phone(chromium, request):
    """The same at a phone's size."""
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, PHONE, full_page=False) as tab:
        yield tab


# --- What the checks measure -----------------------------------------------------------------


def build_output_problems(printed: str) -> list[str]:
    """Lines of the build's output a user should not have to read: all but its summary."""
    return [line for line in printed.splitlines() if line.strip() and not line.startswith("site: ")]


def page_problems(page, lesson: bool) -> list[str]:
    """What a reader of this page would miss (empty when the page is complete)."""
    problems = []
    charts = page.locator("figure.ba-chart").evaluate_all(
        """figures => figures.map(f => {
            // A chart may be drawn twice (laptop and phone); the one on screen counts.
            const svg = [...f.querySelectorAll('svg')].find(s => s.getClientRects().length);
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
    unlabelled = page.locator("svg:not(figure.ba-chart svg):not(#ba-search svg)").count()
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


def overflow_problems(page) -> list[str]:
    """Whatever makes the page wider than the screen or hides part of it: the page scrolling
    sideways, or an element or a text reaching past the right edge that is not inside a box that
    scrolls with a visible cue (``.ba-scroll``: a hint shown just above it, or the shadow at its
    edge with nothing opaque painted over it). A box that scrolls or clips with no cue counts.
    Every ``<details>`` is opened first, so what a reader can unfold is checked too."""
    return page.evaluate(
        """() => {
            // What a reader may open is checked open (a claim's evidence, a timeline's events).
            for (const details of document.querySelectorAll('details')) details.open = true;
            const limit = window.innerWidth + 0.5;
            const problems = [];
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) problems.push(`the page is ${width} px wide`);
            const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string'
                && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            const opaque = el => {
                if (el instanceof SVGElement || ['IMG', 'CANVAS', 'VIDEO'].includes(el.tagName))
                    return true;
                const rgba = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g) || [];
                return rgba.length === 3 || (rgba.length === 4 && parseFloat(rgba[3]) > 0.3);
            };
            const cueShown = box => {
                const hint = box.previousElementSibling;
                if (hint && hint.matches('.ba-scroll-hint') && hint.getClientRects().length
                    && getComputedStyle(hint).visibility === 'visible') return true;
                const shadows = getComputedStyle(box).backgroundImage.match(/radial-gradient/g);
                if (!shadows || shadows.length < 2) return false;
                box.scrollIntoView({block: 'center'});  // elementsFromPoint sees the screen only
                const r = box.getBoundingClientRect();
                const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 30), 10), innerHeight - 10);
                const stack = document.elementsFromPoint(r.right - 3, y);
                for (const el of stack) {
                    if (el === box) return true;
                    if (opaque(el)) return false;
                }
                return false;
            };
            const cued = new Map();
            const why = el => {
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (up.matches('.ba-visually-hidden')) return '';
                    if (up instanceof SVGElement) {
                        // A drawing clips to its own frame: fine if that frame fits.
                        if (up.ownerSVGElement || up.getBoundingClientRect().right > limit) continue;
                        return '';
                    }
                    const overflow = getComputedStyle(up).overflowX;
                    if (overflow === 'visible') continue;
                    if (!up.matches('.ba-scroll'))
                        return ` (in ${name(up)}, which ${overflow === 'hidden' || overflow === 'clip'
                            ? 'clips it' : 'scrolls with no cue'})`;
                    if (up.getBoundingClientRect().right > limit)
                        return ` (in ${name(up)}, itself wider than the screen)`;
                    if (!cued.has(up)) cued.set(up, cueShown(up));
                    return cued.get(up) ? '' : ` (in ${name(up)}, whose cue is missing or covered)`;
                }
                return ' (in no scrolling box)';
            };
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                // Content of a closed <details> has a layout but is not shown: skip it.
                if (box.width === 0 || box.right <= limit || !el.checkVisibility()) continue;
                const reason = why(el);
                if (reason) problems.push(`${name(el)} reaches ${Math.round(box.right)} px${reason}: `
                    + (el.textContent || '').trim().slice(0, 60));
            }
            // Text can run past its own box (a long address that does not wrap).
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                if (!node.textContent.trim()) continue;
                range.selectNodeContents(node);
                const right = range.getBoundingClientRect().right;
                if (right <= limit || !node.parentElement.checkVisibility()) continue;
                const reason = why(node);
                if (reason)
                    problems.push(`text in ${name(node.parentElement)} reaches ${Math.round(right)} px${reason}: `
                        + node.textContent.trim().slice(0, 60));
            }
            return problems.slice(0, 8);
        }"""
    )


def illegible_chart_text(page, smallest: float = LEGIBLE_PX) -> list[str]:
    """Chart labels drawn smaller than ``smallest`` CSS pixels on this screen (font size times
    the SVG's scale), in the drawings that are on screen."""
    return page.evaluate(
        """smallest => {
            const small = [];
            for (const svg of document.querySelectorAll('figure.ba-chart svg')) {
                if (!svg.getClientRects().length) continue;  // the drawing for other screens
                for (const text of svg.querySelectorAll('text')) {
                    if (!text.textContent.trim()) continue;
                    const m = text.getScreenCTM();
                    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
                    if (size < smallest) small.push(`${size.toFixed(1)} px: ${text.textContent.trim().slice(0, 40)}`);
                }
            }
            return small.slice(0, 8);
        }""",
        smallest,
    )


#: A markdown link the renderer left as text, or a dollar sign shown with its escape.
RAW_MARKDOWN = re.compile(r"\[[^\]\n]{1,200}\]\((?:https?://|www\.)|\\\$")


def text_problems(page) -> list[str]:
    """Raw markdown links or escaped dollars in the text a reader sees, and MathJax errors."""
    text = page.evaluate("() => document.body.innerText")
    problems = [f"raw markdown: {m.group(0)[:80]}" for m in RAW_MARKDOWN.finditer(text)]
    errors = page.locator("mjx-merror, .MathJax_Error, [data-mjx-error]").count()
    if errors:
        problems.append(f"{errors} MathJax error(s)")
    return problems


def event_card_problems(page, page_name: str, site) -> list[str]:
    """Every event card must link to an event page the site has, and every card must be marked
    as one (a card is a heading followed by its "moved Baku:" line)."""
    cards = page.evaluate(
        """() => [...document.querySelectorAll('h4')]
            .filter(h => (h.nextElementSibling || {}).textContent?.includes('moved Baku:'))
            .map(h => ({
                marked: !!h.closest('.ba-event-card'),
                title: h.textContent.trim(),
                href: (h.closest('.ba-event-card')?.querySelector("a[href*='events/']") || {})
                    .getAttribute?.('href') || null,
            }))"""
    )
    problems = []
    folder = (site / page_name).parent
    for card in cards:
        if not card["marked"] or card["href"] is None:
            problems.append(f"event card without a link to its page: {card['title'][:60]}")
        elif not (folder / card["href"]).is_file():
            problems.append(f"event card links to a missing page: {card['href']}")
    return problems


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    results = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def search_results(page, words: str) -> list[str]:
    """Type ``words`` into the Pagefind search on the page open in ``page``; the results' links."""
    box = page.locator("#ba-search input")
    box.fill(words)
    # Pagefind states the count first and draws the results (five at first) as they load.
    page.wait_for_function(
        """() => {
            const message = document.querySelector('#ba-search .pagefind-ui__message');
            if (!message) return false;
            if (/^no results/i.test(message.textContent.trim())) return true;
            const count = parseInt(message.textContent, 10);
            const drawn = document.querySelectorAll('#ba-search .pagefind-ui__result-link').length;
            return count > 0 && drawn >= Math.min(count, 5);
        }""",
        timeout=15_000,
    )
    return page.locator("#ba-search .pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def rare_summary_word(events) -> tuple[str, str]:
    """An event and a word of its summary that no other event's title or summary uses."""
    words = lambda text: set(re.findall(r"[A-Za-z]{8,}", text.lower()))  # noqa: E731
    counts = Counter(w for row in events.itertuples() for w in words(row.title + " " + row.summary))
    for row in events.itertuples():
        unique = sorted(w for w in words(row.summary) if counts[w] == 1)
        if unique:
            return row.id, unique[0]
    raise AssertionError("no event has a word of its own")


# --- The site's pages ------------------------------------------------------------------------


def test_the_build_prints_nothing_but_its_summary(site_build):
    _, printed = site_build
    assert build_output_problems(printed) == []
    assert printed.strip().startswith("site: ")


@pytest.mark.parametrize("name", PAGES)
def test_site_page_draws_and_describes_every_chart_offline(site, site_url, reader, name):
    response = reader.goto(f"{site_url}/{name}")
    assert response.ok
    assert page_problems(reader, lesson=name in LESSON_PAGES) == []
    assert text_problems(reader) == []
    assert event_card_problems(reader, name, site) == []
    # Every link within the site leads to a page the site has.
    local = reader.locator("a[href]").evaluate_all(
        "as => as.map(a => a.getAttribute('href')).filter(h => !/^[a-z]+:|^#/.test(h))"
    )
    assert local, "a page links to the rest of the site"
    folder = (site / name).parent
    missing = {href for href in local if not (folder / href.split("#")[0]).is_file()}
    assert missing == set()


@pytest.mark.parametrize("name", PAGES)
def test_site_page_fits_a_phone_and_a_laptop(site_url, phone, name):
    phone.goto(f"{site_url}/{name}")
    assert overflow_problems(phone) == []
    assert illegible_chart_text(phone) == []
    phone.set_viewport_size(LAPTOP)
    assert overflow_problems(phone) == []
    assert illegible_chart_text(phone) == []


def test_every_event_page_is_complete_and_fits_a_phone(site, site_url, phone, event_pages):
    """All event pages, in one tab: each fits 390 px, shows its facts and links its sources."""
    assert len(event_pages) == len(load_events())
    problems = {}
    for name in event_pages:
        phone.goto(f"{site_url}/{name}")
        found = overflow_problems(phone) + text_problems(phone)
        if phone.locator(".ba-sources a[href^='http']").count() < 1:
            found.append("no source linked")
        facts = phone.locator(".ba-facts").inner_text()
        if not all(label in facts for label in ("Date", "Moved Baku", "Category")):
            found.append(f"facts missing: {facts[:80]}")
        if found:
            problems[name] = found
    assert problems == {}
    assert phone.watch.problems() == []


AUDITED_EVENTS = 4  # event pages share one template: audit those with the most to show


@pytest.mark.parametrize("name", PAGES)
def test_site_page_passes_the_axe_audit(site_url, reader, name):
    reader.goto(f"{site_url}/{name}")
    if name == "search.html":
        search_results(reader, "pipeline")  # audit the page with its results shown
    assert serious_violations(reader) == []


def test_event_pages_pass_the_axe_audit(site, site_url, reader, event_pages):
    longest = sorted(event_pages, key=lambda name: -(site / name).stat().st_size)
    violations = {}
    for name in longest[:AUDITED_EVENTS]:
        reader.goto(f"{site_url}/{name}")
        if found := serious_violations(reader):
            violations[name] = found
    assert violations == {}


def test_every_event_card_leads_to_its_page(site, site_url, reader, event_pages):
    """Cards appear on lesson pages; each one's link opens the event's own page."""
    cards = 0
    for name in LESSON_PAGES:
        reader.goto(f"{site_url}/{name}")
        cards += reader.locator(".ba-event-card").count()
    assert cards >= 1, "the lessons show at least one event card"
    reader.goto(f"{site_url}/05-pacifying-russia.html")
    reader.locator(".ba-event-card h4 a").first.click()
    assert reader.url.endswith("events/2014-unga-crimea-vote.html")
    assert reader.locator("h1").inner_text().startswith("Azerbaijan votes for UNGA resolution")


def test_the_search_finds_an_event_by_a_word_of_its_summary(site_url, reader):
    event_id, word = rare_summary_word(load_events())
    reader.goto(f"{site_url}/01-between-great-powers.html")
    # The search box in every page's navigation leads to the search page with its results.
    reader.locator("#ba-search-words").fill(word)
    reader.locator("#ba-search-words").press("Enter")
    reader.wait_for_url(re.compile(rf"/search\.html\?q={word}$"))
    results = search_results(reader, word)
    assert any(href.endswith(f"events/{event_id}.html") for href in results), (word, results)
    reader.locator(f"#ba-search a[href$='events/{event_id}.html']").first.click()
    assert reader.url.endswith(f"events/{event_id}.html")
    assert word in reader.locator("main").inner_text().lower()
    assert reader.watch.problems() == []


def test_claim_explorers_show_their_claim_tests_and_events(site_url, reader):
    """Lesson 5's task (sort C5's events the brief could see) can be done from the page."""
    reader.goto(f"{site_url}/05-pacifying-russia.html")
    panel = reader.locator(".ba-claim[aria-label='Claim C5']")
    text = panel.inner_text()
    assert "Especially after Russia annexed Crimea" in text
    assert "For: Borne out by votes" in text and "Against: not borne out if" in text
    assert "linked events the brief could see" in text
    seen = panel.locator("ul").nth(1).locator("li")
    assert seen.count() >= 5
    assert re.search(r"moved Baku toward (Russia|the West)", seen.first.inner_text())
    assert seen.first.locator("a[href^='events/']").count() == 1
    notes = reader.locator(".ba-widget-note").all_inner_texts()
    assert notes and all(" = " not in note and "(" not in note.split(":")[0] for note in notes)


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


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
def test_screenshots_of_a_lesson_are_kept_in_docs(chromium, site_url, viewport):
    """docs/site-1280.png and docs/site-390.png: a lesson at its claim explorer, at both widths."""
    shot = DOCS / f"site-{viewport['width']}.png"
    with browser_tab(chromium, shot, viewport, full_page=False) as page:
        page.goto(f"{site_url}/{SCREENSHOT_LESSON}")
        page.locator(".ba-widget-note").last.evaluate("note => note.scrollIntoView()")
        assert overflow_problems(page) == [] and illegible_chart_text(page) == []


# --- The same checks on pages broken on purpose ----------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title>
<script src="https://cdn.example.org/vega.js"></script></head><body>
<figure class="ba-chart"><svg width="400" height="200"></svg><figcaption></figcaption></figure>
<img src="chart.png">
<p style="color:#bbbbbb;background:#ffffff">Pale grey text that few can read.</p>
</body></html>"""

# Each defect below is one a reader met on the site before issue 12.
BROKEN_LAYOUT_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Broken layout</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0"></head><body>
<p>Source: https://www.panarmenian.net/eng/politics/details/42533/Karabakh_conflict_settlement_is_a_long_process</p>
<table><tr><td>wide</td><td style="min-width: 900px">a table with no box of its own</td></tr></table>
<figure class="ba-chart" role="img" aria-label="A chart drawn 1000 px wide and shrunk to a phone.">
<svg viewBox="0 0 1000 200" width="100%" style="height: auto"><g class="role-mark"><rect width="10" height="10"/></g>
<text x="10" y="100" font-size="12">Label shrunk with its chart</text></svg>
<figcaption>A chart drawn 1000 px wide and shrunk to a phone.</figcaption></figure>
<p>As [Turan, 2012](https://turan.az/ext/news/2012/1/free/politics_news/en/1.htm) reports, oil
cost \\$99 a barrel. <mjx-merror>Missing close brace</mjx-merror></p>
<div class="ba-event-card"><h4>Card without a link</h4><p>2014 · moved Baku: <b>neutral</b></p></div>
<div><h4>Card nobody marked</h4><p>2015 · moved Baku: <b>neutral</b></p></div>
<div class="ba-event-card"><h4><a href="events/no-such-event.html">Card to nowhere</a></h4>
<p>2016 · moved Baku: <b>neutral</b></p></div>
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


def test_the_layout_text_and_card_checks_fail_on_a_broken_page(chromium, tmp_path):
    (tmp_path / "broken.html").write_text(BROKEN_LAYOUT_PAGE, encoding="utf-8")
    with (
        browser_tab(chromium, ARTIFACTS / "broken-layout.png", PHONE) as page,
        serve(tmp_path) as url,
    ):
        page.goto(f"{url}/broken.html")
        overflow = "\n".join(overflow_problems(page))
        small = illegible_chart_text(page)
        text = "\n".join(text_problems(page))
        cards = "\n".join(event_card_problems(page, "broken.html", tmp_path))
    assert "the page is" in overflow
    assert "text in p reaches" in overflow and "panarmenian" in overflow  # unbreakable address
    assert "td reaches" in overflow  # the table with no scrolling box
    assert small and small[0].endswith("Label shrunk with its chart")
    assert float(small[0].split(" ")[0]) < 5
    assert "raw markdown: [Turan, 2012](https://" in text
    assert "raw markdown: \\$" in text
    assert "1 MathJax error(s)" in text
    assert "without a link to its page: Card without a link" in cards
    assert "without a link to its page: Card nobody marked" in cards
    assert "links to a missing page: events/no-such-event.html" in cards


SITE_CSS = (pages.TEMPLATES / pages.TEMPLATE / "site.css").read_text(encoding="utf-8")
WIDE_TABLE = '<table><tr><td style="min-width: 900px">wide</td><td>more</td></tr></table>'
#: Boxes a wide table or chart may sit in at 390 px: those with a visible cue pass, the rest fail.
SCROLL_BOXES = {
    "cued table": (pages.wrap_tables(WIDE_TABLE), ""),
    "cued chart": (
        '<figure class="ba-chart">'
        + drawings.SCROLL_HINT
        + drawings.SCROLL_BOX.format(classes="ba-chart-wide", label="Chart, scrolls sideways")
        + '<svg width="900" height="50" style="max-width: none"><rect width="900" height="50"'
        ' fill="#0072B2"/></svg></div></figure>',
        "",
    ),
    "box with no cue": (
        f'<div style="overflow-x: auto">{WIDE_TABLE}</div>',
        "td reaches 9",
    ),
    "box that clips": (
        f'<div style="overflow: hidden">{WIDE_TABLE}</div>',
        "which clips it",
    ),
    "cue covered by the content": (
        pages.wrap_tables(WIDE_TABLE.replace("900px", "900px; background: #ffffff")),
        "whose cue is missing or covered",
    ),
    "chart without its hint": (
        drawings.SCROLL_BOX.format(classes="ba-chart-wide", label="Chart, scrolls sideways")
        + '<svg width="900" height="50" style="max-width: none"><rect width="900" height="50"'
        ' fill="#0072B2"/></svg></div>',
        "whose cue is missing or covered",
    ),
}


@pytest.mark.parametrize("case", SCROLL_BOXES)
def test_only_a_scroll_box_with_a_visible_cue_passes_the_layout_check(chromium, tmp_path, case):
    body, caught = SCROLL_BOXES[case]
    page_html = (
        '<!DOCTYPE html><html lang="en"><head><title>Boxes</title><meta name="viewport" '
        f'content="width=device-width, initial-scale=1.0"><style>{SITE_CSS}</style></head>'
        f"<body><main><p>Above.</p>{body}<p>Below.</p></main></body></html>"
    )
    (tmp_path / "boxes.html").write_text(page_html, encoding="utf-8")
    shot = ARTIFACTS / f"scroll-box-{case.replace(' ', '-')}.png"
    with browser_tab(chromium, shot, PHONE) as page, serve(tmp_path) as url:
        page.goto(f"{url}/boxes.html")
        problems = "\n".join(overflow_problems(page))
    if caught:
        assert caught in problems, problems
    else:
        assert problems == ""


def test_the_search_check_fails_for_a_word_no_page_has(site_url, reader):
    reader.goto(f"{site_url}/search.html")
    assert search_results(reader, "zyxwvutsrq") == []


def test_the_build_output_check_catches_kernel_warnings():
    printed = (
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.\n"
        "[NbConvertApp] WARNING | Config option `display_data_priority` not recognized by `X`.\n"
        "site: 9 lessons, 36 charts, written to _build in 40 s\n"
    )
    assert len(build_output_problems(printed)) == 2


def model_answers_shown(site_dir) -> list[str]:
    """Written prompts whose model answer (its first ten words) or criteria a page of the site
    shows: the site has no kernel, so it may show the prompt only."""
    from html import escape

    from balancing_act.selfcheck.checks import all_written

    pages = {path: path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html")}
    shown = []
    for prompt in all_written().values():
        texts = [" ".join(prompt.model_answer.split()[:10]), *prompt.criteria]
        for path, page in pages.items():
            if any(escape(text) in page or text in page for text in texts):
                shown.append(f"{prompt.key} on {path.name}")
    return shown


def test_no_site_page_shows_a_written_prompts_model_answer_or_criteria(site):
    assert model_answers_shown(site) == []


def test_a_page_that_shows_a_model_answer_is_caught(tmp_path):
    from balancing_act.selfcheck.checks import all_written

    prompt = next(iter(all_written().values()))
    (tmp_path / "lesson.html").write_text(f"<p>{prompt.model_answer}</p>", encoding="utf-8")
    assert model_answers_shown(tmp_path) == [f"{prompt.key} on lesson.html"]


# --- Search ranks the lesson that treats a subject first, and says what each result is -----------

#: Subjects a lesson treats (in its title, objectives or headings), with that lesson: a search
#: for the word must put the lesson among its first FIRST results, above the event pages and
#: source rows that merely mention it. "Crimea" and "gas" once put lessons 5 and 3 34th and 21st.
TOPICS = {
    "Crimea": "05-pacifying-russia.html",
    "gas": "03-oil-pipelines-leverage.html",
    "pipelines": "03-oil-pipelines-leverage.html",
    "diaspora": "06-soft-power-diaspora-elite.html",
    "mediators": "07-karabakh-and-the-mediators.html",
    "China": "10-the-other-capitals.html",
}
FIRST = 3


def index_ranking(page, words: str, ranking: dict) -> list[dict]:
    """Every result of Pagefind's index for ``words``, best first, as the search page's script
    asks for them (with ``ranking``): each one's address, kind and title."""
    return page.evaluate(
        """async ([words, ranking]) => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({ranking});
            const search = await pagefind.search(words);
            return Promise.all(search.results.map(async result => {
                const data = await result.data();
                return {url: data.url, kind: data.meta.kind || '', title: data.meta.title || ''};
            }));
        }""",
        [words, ranking],
    )


def ranking_problems(ranked: dict[str, list[str]]) -> list[str]:
    """Each subject of TOPICS whose lesson is not among the first FIRST of ``ranked[words]``."""
    problems = []
    for words, lesson in TOPICS.items():
        urls = ranked[words]
        place = next((n for n, url in enumerate(urls, 1) if url.endswith("/" + lesson)), None)
        if place is None or place > FIRST:
            where = "absent" if place is None else f"number {place}"
            problems.append(f"{words!r}: {lesson} is {where} of {len(urls)} results")
    return problems


def test_the_index_ranks_the_lesson_that_treats_a_subject_first(site_url, reader):
    reader.goto(f"{site_url}/search.html")
    ranked = {}
    for words in TOPICS:
        results = index_ranking(reader, words, RANKING)
        assert {result["kind"] for result in results} <= set(KINDS), words
        assert not [result["title"] for result in results if "¶" in result["title"]]
        ranked[words] = [result["url"] for result in results]
    assert ranking_problems(ranked) == []
    assert reader.watch.problems() == []


def test_the_ranking_check_catches_a_flat_ranking(site, chromium, tmp_path):
    """The same site indexed with no weights and Pagefind's own ranking (as before issue 25)
    fails the check: "gas" puts lesson 3 far down."""
    flat = tmp_path / "flat"
    shutil.copytree(site, flat, ignore=shutil.ignore_patterns("pagefind"))
    for path in flat.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r' data-pagefind-weight="[^"]*"', "", text), encoding="utf-8")
    index_for_search(flat)
    with browser_tab(chromium, ARTIFACTS / "flat-ranking.png", LAPTOP) as page, serve(flat) as url:
        page.goto(f"{url}/search.html")
        ranked = {words: [r["url"] for r in index_ranking(page, words, {})] for words in TOPICS}
    problems = ranking_problems(ranked)
    assert any(problem.startswith("'gas'") for problem in problems), problems


@pytest.mark.parametrize("words", ["Crimea", "gas"])
def test_the_search_box_puts_the_lesson_first_and_labels_each_results_kind(site_url, reader, words):
    reader.goto(f"{site_url}/index.html")
    reader.locator("#ba-search-words").fill(words)
    reader.locator("#ba-search-words").press("Enter")
    reader.wait_for_url(re.compile(rf"/search\.html\?q={words}$"))
    results = search_results(reader, words)
    assert any(href.endswith(TOPICS[words]) for href in results[:FIRST]), results
    # Pagefind draws a result's frame before its title: wait until every frame has its link.
    reader.wait_for_function(
        """() => [...document.querySelectorAll('#ba-search .pagefind-ui__result')]
            .every(result => result.querySelector('.pagefind-ui__result-link'))""",
        timeout=15_000,
    )
    shown = reader.locator("#ba-search .pagefind-ui__result").evaluate_all(
        """results => results.map(result => ({
            title: result.querySelector('.pagefind-ui__result-link').textContent.trim(),
            kind: (result.querySelector("[data-pagefind-ui-meta='kind']") || {}).textContent || '',
        }))"""
    )
    assert shown and all(re.fullmatch(r"Kind: (\w+)\s*", item["kind"]) for item in shown), shown
    assert {item["kind"].split(":")[1].strip() for item in shown} <= set(KINDS)
    assert shown[0]["kind"].strip() == "Kind: Lesson" or any(
        item["kind"].strip() == "Kind: Lesson" for item in shown[:FIRST]
    )
    assert not [item["title"] for item in shown if "¶" in item["title"]]
    assert reader.watch.problems() == []


# --- Titles, punctuation and the icon on every page ----------------------------------------------


def pilcrow_problems(site_dir) -> list[str]:
    """Page titles (<title>) and the search index's titles and headings that show the "¶" of a
    heading's anchor link; and titles that do not name the course once."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        if title is None or "¶" in title.group(1) or title.group(1).count("Balancing Act") != 1:
            problems.append(f"title of {path.relative_to(site_dir)}: {title and title.group(1)}")
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        data = json.loads(data[data.index(b"{") :])
        headings = [anchor["text"] for anchor in data["anchors"] if anchor["element"][0] == "h"]
        for text in [data["meta"].get("title", ""), *headings]:
            if "¶" in text:
                problems.append(f"search index of {data['url']}: {text}")
    return problems


def test_no_page_title_or_indexed_heading_shows_a_pilcrow(site):
    assert pilcrow_problems(site) == []


def test_the_pilcrow_check_catches_an_anchor_left_in_the_index(tmp_path):
    from pagefind_bin import get_executable

    (tmp_path / "page.html").write_text(
        '<html><head><title>A page¶ · Balancing Act</title></head><body><main data-pagefind-body><h1 id="a">'
        'A heading<a class="anchor-link" href="#a">¶</a></h1><p>Words.</p></main></body></html>',
        encoding="utf-8",
    )
    subprocess.run([str(get_executable()), "--site", str(tmp_path), "--quiet"], check=True)
    problems = pilcrow_problems(tmp_path)
    assert "title of page.html: A page¶ · Balancing Act" in problems
    assert any(problem.startswith("search index of") for problem in problems), problems


_NOT_PROSE = re.compile(r"<(script|style|svg|pre|code|textarea)\b.*?</\1>", re.S | re.I)
#: A question mark followed by a full stop, or two full stops that are not an ellipsis.
_DOUBLE_STOP = re.compile(r"\?\s*\.(?!\.)|(?<![.\w/])\.\.(?![./\w])|(?<=\w)\.\.(?![./\w])")


def punctuation_problems(site_dir) -> list[str]:
    """Sentences in the text of the site's pages (code, charts and styles left out) that end
    "?." or ".." (a prompt given a full stop it does not need)."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        text = _NOT_PROSE.sub(" ", path.read_text(encoding="utf-8"))
        text = unescape(re.sub(r"<[^>]+>", " ", text))
        for found in _DOUBLE_STOP.finditer(text):
            excerpt = " ".join(text[max(0, found.start() - 50) : found.end()].split())
            problems.append(f"{path.relative_to(site_dir)}: …{excerpt}")
    return problems


def test_no_sentence_on_the_site_ends_with_a_doubled_stop(site):
    assert punctuation_problems(site) == []


def test_the_punctuation_check_catches_a_doubled_stop(tmp_path):
    (tmp_path / "page.html").write_text(
        "<p><em>Self-check: Which year fell furthest?. Run this lesson.</em></p>"
        "<p>It ends twice.. Here … and a real ellipsis... is fine; so is <code>a..b</code> and "
        '<a href="../x.html">../x</a>.</p>',
        encoding="utf-8",
    )
    problems = punctuation_problems(tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].endswith("furthest?.") and problems[1].endswith("twice..")


def test_every_page_links_the_sites_icon_and_the_browser_loads_it(site, site_url, reader):
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        html = path.read_text(encoding="utf-8")
        prefix = "../" * (len(path.relative_to(site).parts) - 1)
        icons = [tag for tag in re.findall(r"<link\b[^>]*>", html) if 'rel="icon"' in tag]
        assert len(icons) == 1 and f'href="{prefix}favicon.svg"' in icons[0], path
        assert 'type="image/svg+xml"' in icons[0], path
    response = reader.goto(f"{site_url}/favicon.svg")
    assert response.ok and response.headers["content-type"].startswith("image/svg")
    reader.goto(f"{site_url}/events/index.html")
    href = reader.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert href == f"{site_url}/favicon.svg"

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
import re
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe

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
    """Whatever makes the page wider than the screen: the page scrolling sideways, or an element
    reaching past the right edge that is not inside a box of its own that scrolls (a table's)."""
    return page.evaluate(
        """() => {
            const limit = window.innerWidth + 0.5;
            const problems = [];
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) problems.push(`the page is ${width} px wide`);
            const inScrollingBox = el => {
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (getComputedStyle(up).overflowX !== 'visible')
                        return up.getBoundingClientRect().right <= limit;
                }
                return false;
            };
            const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string'
                && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.right <= limit || inScrollingBox(el)) continue;
                problems.push(`${name(el)} reaches ${Math.round(box.right)} px: `
                    + (el.textContent || '').trim().slice(0, 60));
            }
            // Text can run past its own box (a long address that does not wrap).
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                if (!node.textContent.trim()) continue;
                range.selectNodeContents(node);
                const right = range.getBoundingClientRect().right;
                if (right > limit && !inScrollingBox(node))
                    problems.push(`text in ${name(node.parentElement)} reaches ${Math.round(right)} px: `
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


def test_a_table_in_its_own_scrolling_box_passes_the_layout_check(chromium, tmp_path):
    page_html = BROKEN_LAYOUT_PAGE.split("<p>Source")[0] + (
        '<div style="overflow-x: auto"><table><tr><td style="min-width: 900px">wide</td></tr>'
        "</table></div></body></html>"
    )
    (tmp_path / "boxed.html").write_text(page_html, encoding="utf-8")
    with (
        browser_tab(chromium, ARTIFACTS / "boxed-table.png", PHONE) as page,
        serve(tmp_path) as url,
    ):
        page.goto(f"{url}/boxed.html")
        assert overflow_problems(page) == []


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

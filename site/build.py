"""Build the reader's site: every lesson run once and turned into a plain, offline HTML page.

    python site/build.py [--out site/_build] [--jobs 2]      (or: make site)

Steps, one function each:

1. ``execute`` runs a lesson from a fresh kernel with ``BALANCING_ACT_STATIC=1`` and, first,
   ``site/kernel_setup.py``, which captures every chart as its Vega-Lite spec and every widget
   as its controls' values instead of the package's finished HTML.
2. ``site_outputs`` turns the captured outputs into HTML: each chart drawn twice as inline SVG
   that scales to its box (``chart_figure``: at its own width, and narrower with wrapped titles
   and legends below for a phone), each widget described in words (``widget_html``), a claim
   explorer with its claim, tests and linked events (``claim_panel``), and every event card
   linked to its event's page (``link_event_cards``).
3. ``render_lesson`` converts the lesson with nbconvert and the template in ``site/templates/``,
   which adds navigation (all lessons, events, sources, search) and inlines one style sheet.
4. ``render_pages`` writes the front page, a page per event, the list of events, the list of
   sources and the search page from the same templates.
5. ``external_resources`` checks every page before it is written: a page that would load
   anything (a script, a style sheet, an image, a font) from outside the site fails the build.
6. ``index_for_search`` runs Pagefind (the binary in the ``pagefind-bin`` package) over the
   written site: an offline full-text index in ``pagefind/`` that the search page reads.

Why nbconvert and not Jupyter Book: see site/README.md.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2
import nbformat
from jupyter_client import KernelManager
from markupsafe import Markup
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html

from balancing_act.analysis.claims import BRIEF_PUBLISHED, both_ways, claim_evidence
from balancing_act.analysis.events import filter_events
from balancing_act.course import contents
from balancing_act.course.periods import PERIODS
from balancing_act.course.vocabulary import ALIGNMENT_EXPLAINED
from balancing_act.tables.codebook import split_ids
from balancing_act.tables.load import load_claims, load_events, load_sources

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
SITE = Path(__file__).resolve().parent
TEMPLATES = SITE / "templates"
TEMPLATE = "balancing_act"
KERNEL_SETUP = SITE / "kernel_setup.py"
# nbconvert gives a markdown heading this id ("## Sources for this lesson"); every lesson ends so.
SOURCES_HEADING = "Sources for this lesson"
SOURCES_ANCHOR = SOURCES_HEADING.replace(" ", "-")
EVENTS_FOLDER = "events"

# The kernel side's media types, read from the file the kernels run.
_spec = importlib.util.spec_from_file_location("ba_site_kernel_setup", KERNEL_SETUP)
_kernel_setup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_kernel_setup)
CHART_MEDIA_TYPE = _kernel_setup.CHART_MEDIA_TYPE
WIDGET_MEDIA_TYPE = _kernel_setup.WIDGET_MEDIA_TYPE


@dataclass
class Lesson:
    path: Path  # lessons/NN-slug.ipynb
    title: str  # the notebook's first heading
    summary: str  # its first paragraph, as HTML
    sources: int  # how many links its "Sources for this lesson" section has
    charts: int = 0  # how many chart figures the built page has
    sources_anchor: str = SOURCES_ANCHOR

    @property
    def href(self) -> str:
        return self.path.stem + ".html"


def read_lesson(path: Path) -> Lesson:
    """Title, summary and source count from the notebook's markdown (before it is run)."""
    notebook = nbformat.read(path, as_version=4)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    first = markdown[0].strip().splitlines()
    if not first or not first[0].startswith("# "):
        raise ValueError(f"{path.name}: the first cell must start with a '# ' title")
    paragraphs = "\n".join(first[1:]).strip().split("\n\n")
    heading = re.compile(rf"^## {SOURCES_HEADING}\s*$", flags=re.MULTILINE)
    sources = [heading.split(text)[-1] for text in markdown if heading.search(text)]
    if len(sources) != 1:
        raise ValueError(f"{path.name}: needs exactly one '## {SOURCES_HEADING}' heading")
    return Lesson(
        path=path,
        title=first[0][2:].strip(),
        summary=markdown2html(paragraphs[0]),
        sources=len(re.findall(r"<https?://|\]\(https?://", sources[0])),
    )


# --- 1. Running a lesson ---------------------------------------------------------------------


def execute(path: Path) -> str:
    """Run the lesson top to bottom in static mode; any failing cell stops the build.

    Returns the notebook, its captured charts and widgets already turned into the site's HTML.
    """
    os.environ["BALANCING_ACT_STATIC"] = "1"  # the kernel inherits this process's environment
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(KERNEL_SETUP.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="ba-kernel-") as sockets:
        # Local sockets rather than TCP: nothing to encrypt, so the kernel has nothing to warn
        # about ("Kernel is running over TCP without encryption").
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/kernel")
        client = NotebookClient(
            notebook,
            km=kernel,
            timeout=180,
            allow_errors=False,
            store_widget_state=False,  # no widget state: nothing on the page would use it
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        finally:
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
    notebook.cells.pop(0)
    site_outputs(notebook, CourseData.load())
    return nbformat.writes(notebook)


@dataclass
class CourseData:
    """The tables the site's own pages and panels are made from."""

    events: object
    sources: object
    claims: object
    actors: dict[str, str]  # actor code -> name, from the codebook

    @classmethod
    def load(cls) -> CourseData:
        return cls(load_events(), load_sources(), load_claims(), actor_names())

    def event_href(self, event_id: str, root: str = "") -> str:
        return f"{root}{EVENTS_FOLDER}/{event_id}.html"


def actor_names(codebook: Path = ROOT / "data" / "README.md") -> dict[str, str]:
    """The actors' names from the codebook's table of actor codes (its one home)."""
    text = codebook.read_text(encoding="utf-8")
    section = text.split("### Actors (`events.actors`)", 1)[1].split("\n### ", 1)[0]
    return dict(re.findall(r"\|\s*`([A-Za-z]+)`\s*\|\s*([^|`]+?)\s*(?=\|)", section))


def site_outputs(notebook: nbformat.NotebookNode, data: CourseData) -> None:
    """Replace captured charts and widgets by HTML, and link every event card, in place."""
    titles = {
        escape(title): event_id
        for event_id, title in zip(data.events["id"], data.events["title"], strict=True)
    }
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if CHART_MEDIA_TYPE in bundle:
                html = chart_figure(bundle[CHART_MEDIA_TYPE])
            elif WIDGET_MEDIA_TYPE in bundle:
                html = widget_html(bundle[WIDGET_MEDIA_TYPE], data)
            elif "text/html" in bundle:
                html = link_event_cards(_text(bundle["text/html"]), titles, data)
            else:
                continue
            output["data"] = {"text/html": html}


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


# --- 2a. Charts that fit a laptop and a phone ------------------------------------------------

#: The widest chart (in CSS pixels) drawn at full size on a phone: a 390 px screen less margins.
PHONE_CHART_WIDTH = 340
#: The plot area a phone chart starts from, before axes, labels and legends are added.
PHONE_PLOT_WIDTH = 240
#: Narrowest plot area a phone chart is squeezed to when its labels are long.
PHONE_PLOT_MINIMUM = 120
_TITLE_CHARACTERS = 32  # a 16 px title line that fits PHONE_CHART_WIDTH
_SUBTITLE_CHARACTERS = 44


def render_svg(spec: dict) -> str:
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())


def svg_size(svg: str) -> tuple[float, float]:
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    width, height = (
        float(re.search(rf'\b{side}="([\d.]+)"', root).group(1)) for side in ("width", "height")
    )
    return width, height


def responsive_svg(svg: str) -> str:
    """The SVG scaled to its box: a viewBox, 100 % wide, never wider than it was drawn."""
    width, height = svg_size(svg)
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    attributes = re.sub(r'\s(?:width|height|viewBox|style)="[^"]*"', "", root[4:-1])
    new_root = (
        f'<svg viewBox="0 0 {width:g} {height:g}" width="100%" '
        f'style="max-width: {width:g}px; height: auto"{attributes}>'
    )
    return svg.replace(root, new_root, 1)


def _wrapped(text, characters: int):
    if isinstance(text, str) and len(text) > characters:
        return textwrap.wrap(text, characters)
    return text


def _narrowed(spec: dict, plot_width: int) -> dict:
    """One view of a spec (and, recursively, its layers and panels) at a phone's width."""
    width = spec.get("width")
    if isinstance(width, dict) or (isinstance(width, int | float) and width > plot_width):
        if "projection" in spec and isinstance(width, int | float) and "height" in spec:
            spec["height"] = round(spec["height"] * plot_width / width)  # a map keeps its shape
        spec["width"] = plot_width  # a fixed width, or one step per bar, becomes the phone's
    title = spec.get("title")
    if isinstance(title, dict):
        title["text"] = _wrapped(title.get("text"), _TITLE_CHARACTERS)
        if "subtitle" in title:
            title["subtitle"] = _wrapped(title["subtitle"], _SUBTITLE_CHARACTERS)
    elif title is not None:
        spec["title"] = _wrapped(title, _TITLE_CHARACTERS)
    for channel in (spec.get("encoding") or {}).values():
        legend = channel.get("legend") if isinstance(channel, dict) else None
        if isinstance(legend, dict):  # the phone's legends stack in one column below the chart
            for key in ("orient", "columns", "direction", "legendX", "legendY"):
                legend.pop(key, None)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for part in spec.get(key, []):
            _narrowed(part, plot_width)
    if isinstance(spec.get("spec"), dict):
        _narrowed(spec["spec"], plot_width)
    return spec


def phone_spec(spec: dict, plot_width: int = PHONE_PLOT_WIDTH) -> dict:
    """The chart redrawn for a phone: a narrower plot, titles wrapped, legends in a column below.

    Text keeps its size, so at a phone's width the chart is shown at 1:1 and stays legible.
    """
    phone = _narrowed(copy.deepcopy(spec), plot_width)
    config = phone.setdefault("config", {})
    config.setdefault("view", {})["continuousWidth"] = plot_width
    config.setdefault("legend", {}).update(
        {
            "orient": "bottom",
            "direction": "vertical",
            "columns": 1,
            "layout": {"bottom": {"direction": "vertical", "anchor": "start"}},
        }
    )
    return phone


def phone_svg(spec: dict) -> str:
    """The phone drawing, its plot narrowed further if axis labels or legends make it too wide."""
    svg = render_svg(phone_spec(spec))
    excess = svg_size(svg)[0] - PHONE_CHART_WIDTH
    if excess > 0:
        svg = render_svg(phone_spec(spec, max(PHONE_PLOT_MINIMUM, int(PHONE_PLOT_WIDTH - excess))))
    return svg


def without_pointer_hints(spec: dict) -> dict:
    """The spec without a subtitle that tells the reader to hover or click: a drawing on the
    site has no tooltips and no selection."""
    title = spec.get("title")
    subtitle = title.get("subtitle") if isinstance(title, dict) else None
    if isinstance(subtitle, str) and re.match(r"(?:hover|click)\b", subtitle, re.IGNORECASE):
        spec = {**spec, "title": {key: value for key, value in title.items() if key != "subtitle"}}
    return spec


def chart_figure(spec: dict) -> str:
    """A chart as a figure captioned with its description: its own drawing for wide screens and,
    when that is wider than a phone, a phone's drawing shown instead below the site's breakpoint."""
    spec = without_pointer_hints(spec)
    description = escape(str(spec.get("description", "")))
    wide = render_svg(spec)
    drawings = f'<div class="ba-chart-wide">{responsive_svg(wide)}</div>'
    if svg_size(wide)[0] > PHONE_CHART_WIDTH:
        drawings = (
            f'<div class="ba-chart-wide ba-has-phone">{responsive_svg(wide)}</div>'
            f'<div class="ba-chart-phone">{responsive_svg(phone_svg(spec))}</div>'
        )
    return (
        f'<figure class="ba-chart" role="img" aria-label="{description}">{drawings}'
        f"<figcaption>{description}</figcaption></figure>"
    )


# --- 2b. Widgets in words --------------------------------------------------------------------


def _words(code: str) -> str:
    return str(code).replace("_", " ")


def widget_note(widget: dict) -> str:
    """A plain sentence: what the widget lets a student do in JupyterLab, and what it shows here
    (the widget's own words, :meth:`balancing_act.widgets.explorer.ChartExplorer.in_words`)."""
    return (
        '<p class="ba-widget-note"><strong>Interactive in JupyterLab:</strong> this widget lets '
        f"you {escape(widget['purpose'])}. Shown here: {escape(widget['shown'])}.</p>"
    )


def widget_html(widget: dict, data: CourseData) -> str:
    values = widget["values"]
    body = chart_figure(widget["chart"]) if widget["chart"] else (widget["message"] or "")
    if widget["kind"] == "claim":
        body += claim_panel(values["claim_id"], data)
    elif widget["kind"] == "timeline":
        body += timeline_listing(filter_events(data.events, **values), data)
    return widget_note(widget) + body


def timeline_listing(events, data: CourseData) -> str:
    """The events a timeline shows, in order of date, each linked to its page (folded away)."""
    items = "".join(_event_item(row, data) for row in events.sort_values("date").itertuples())
    return (
        f'<details class="ba-listing"><summary>The {len(events)} events on this timeline, '
        f"each with its page</summary><ul>{items}</ul></details>"
    )


def date_words(date, precision: str) -> str:
    if precision == "year":
        return f"{date.year} (the month and day are not known)"
    if precision == "month":
        return f"{date:%B %Y} (the day is not known)"
    return f"{date.day} {date:%B %Y}"


def _event_item(event, data: CourseData, root: str = "") -> str:
    return (
        f'<li><a href="{data.event_href(event.id, root)}">{escape(event.title)}</a>'
        f" — {escape(date_words(event.date, str(event.date_precision)))}; "
        f"{escape(_words(event.category))}; moved Baku "
        f"<strong>{escape(ALIGNMENT_EXPLAINED[str(event.alignment)])}</strong></li>"
    )


def claim_panel(claim_id: str, data: CourseData) -> str:
    """A claim of the brief, what would bear it out and what would not, and its linked events
    (those the brief could see, then those after it), each linked to its event's page."""
    claim = data.claims.set_index("id").loc[claim_id]
    for_it, against = both_ways(claim["test"])
    evidence = claim_evidence(claim_id, data.events, data.claims).sort_values("date")
    seen, after = evidence[evidence["seen_by_brief"]], evidence[~evidence["seen_by_brief"]]
    published = f"{BRIEF_PUBLISHED.day} {BRIEF_PUBLISHED:%B %Y}"

    def listing(rows) -> str:
        items = "".join(_event_item(row, data) for row in rows.itertuples())
        return f"<ul>{items}</ul>" if items else "<p>None.</p>"

    return (
        f'<section class="ba-claim" aria-label="Claim {escape(claim_id)}">'
        f"<p><strong>Claim {escape(claim_id)}</strong> ({escape(claim['kind'])}, from the "
        f"brief's bullet {claim['bullet']}): {escape(claim['claim'])}</p>"
        f"<ul><li><strong>For:</strong> {escape(for_it)}</li>"
        f"<li><strong>Against:</strong> {escape(against)}</li></ul>"
        f"<h3>{len(seen)} linked events the brief could see (to {published})</h3>{listing(seen)}"
        f"<h3>{len(after)} linked events after it</h3>{listing(after)}</section>"
    )


# The card's own div may carry classes (tex2jax_ignore, for JupyterLab's MathJax).
_CARD = re.compile(r"<div(?: class=\"[^\"]*\")?><h4>(?P<title>[^<]+)</h4>")


def link_event_cards(html: str, titles: dict[str, str], data: CourseData) -> str:
    """Mark each event card (balancing_act.widgets.cards.event_card) and link its title to its page."""

    def linked(match: re.Match) -> str:
        event_id = titles.get(match.group("title"))
        if event_id is None:
            return match.group(0)
        return (
            f'<div class="ba-event-card"><h4><a href="{data.event_href(event_id)}">'
            f"{match.group('title')}</a></h4>"
        )

    return _CARD.sub(linked, html)


# --- 3. Lesson pages -------------------------------------------------------------------------


def render_lesson(notebook: nbformat.NotebookNode, lessons: list[Lesson], index: int) -> str:
    lesson = lessons[index]
    exporter = HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )

    def link(other: int):
        if 0 <= other < len(lessons):
            return {"href": lessons[other].href, "title": lessons[other].title}
        return None

    site = {
        "title": lesson.title,
        "source": f"lessons/{lesson.path.name}",
        "previous": link(index - 1),
        "next": link(index + 1),
        "sources_anchor": SOURCES_ANCHOR,
        "root": "",
    }
    html, _resources = exporter.from_notebook_node(notebook, resources={"site": site})
    return wrap_tables(html)


def wrap_tables(html: str) -> str:
    """Each table in a box of its own that scrolls sideways when the table is wider than the
    page, and that a keyboard can reach to scroll it."""
    html = re.sub(
        r"<table\b",
        '<div class="ba-table" tabindex="0" role="region" aria-label="Table, scrolls sideways">'
        "<table",
        html,
    )
    return html.replace("</table>", "</table></div>")


# --- 4. The site's own pages -----------------------------------------------------------------


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / TEMPLATE), autoescape=True
    )
    environment.filters["words"] = _words
    return environment


def render_pages(lessons: list[Lesson], data: CourseData) -> dict[str, str]:
    """Front page, one page per event, the events' and sources' lists and the search page."""
    environment = _environment()
    for lesson in lessons:  # the summary is HTML made by markdown2html from our own notebooks
        lesson.summary = Markup(lesson.summary)
    pages = {
        "index.html": environment.get_template("contents.html.j2").render(lessons=lessons, root="")
    }
    events = data.events.sort_values(["date", "id"]).reset_index(drop=True)
    sources = data.sources.set_index("id")
    claims = data.claims.set_index("id")
    periods = {period.key: period.label for period in PERIODS}
    cited_by: dict[str, list] = {}
    template = environment.get_template("event.html.j2")
    for position, event in enumerate(events.itertuples()):
        for source_id in split_ids(event.sources):
            cited_by.setdefault(source_id, []).append(event)
        pages[data.event_href(event.id)] = template.render(
            root="../",
            event=event,
            date=date_words(event.date, str(event.date_precision)),
            period=periods[str(event.period)],
            actors=[data.actors.get(code, code) for code in split_ids(event.actors)],
            alignment=ALIGNMENT_EXPLAINED[str(event.alignment)],
            claims=[(claim_id, claims.loc[claim_id]) for claim_id in split_ids(event.claims)],
            sources=[(source_id, sources.loc[source_id]) for source_id in split_ids(event.sources)],
            previous=events.iloc[position - 1] if position > 0 else None,
            next=events.iloc[position + 1] if position + 1 < len(events) else None,
        )
    by_year: dict[int, list] = {}
    for event in events.itertuples():
        by_year.setdefault(event.date.year, []).append(event)
    pages[f"{EVENTS_FOLDER}/index.html"] = environment.get_template("events.html.j2").render(
        root="../",
        by_year=by_year,
        count=len(events),
        alignment=ALIGNMENT_EXPLAINED,
        date_words=date_words,
    )
    listed = data.sources.sort_values(["publisher", "date", "id"], key=lambda c: c.str.lower())
    pages["sources.html"] = environment.get_template("sources.html.j2").render(
        root="", sources=listed, cited_by=cited_by
    )
    pages["search.html"] = environment.get_template("search.html.j2").render(root="")
    return pages


# --- 5. The offline guard --------------------------------------------------------------------

# A tag attribute or CSS reference that makes the browser fetch something when the page loads.
_LOADS = re.compile(
    r"""<script\b(?![^>]*\bsrc=)[^>]*>"""  # an inline script: the site has none
    r"""|<(?:script|link|img|iframe|source|embed|object|video|audio)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?([^"'\s>]+)"""
    r"""|url\(\s*["']?(?!data:)([^"')]+)"""
    r"""|@import\s+["']?([^"';\s]+)""",
    re.IGNORECASE,
)


def external_resources(html: str) -> list[str]:
    """What a page would load from outside itself (empty for an offline page).

    Links a reader clicks (``<a href>``, the sources) are fine; anything the browser fetches by
    itself is not, unless it is a ``data:`` URL or a file of the site (the search page's
    scripts, which Pagefind writes beside it). Inline scripts are refused too.
    """
    found = []
    for match in _LOADS.finditer(html):
        target = next((group for group in match.groups() if group), None)
        if target is None:
            found.append(match.group(0)[:80])  # an inline <script>
        elif re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.IGNORECASE) and not (
            target.lower().startswith("data:")
        ):
            found.append(target)
    return found


# --- 6. Search -------------------------------------------------------------------------------

#: Parts of a page the search index leaves out: code, chart drawings, navigation.
SEARCH_EXCLUDES = (".jp-InputArea", "svg", "nav", ".ba-site-header", ".ba-site-footer")


def index_for_search(folder: Path) -> None:
    """Pagefind's index and its search UI, written into ``folder/pagefind``."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(folder), "--quiet"]
    for selector in SEARCH_EXCLUDES:
        command += ["--exclude-selectors", selector]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or run.stdout.strip() or run.stderr.strip():
        raise SystemExit(f"pagefind failed or warned:\n{run.stdout}\n{run.stderr}")


# --- The whole build -------------------------------------------------------------------------


def build(out: Path, jobs: int = 2) -> list[Lesson]:
    started = time.monotonic()
    lessons = [read_lesson(path) for path in contents.lesson_notebooks(ROOT)]
    if not lessons:
        raise SystemExit(f"no lessons found in {LESSONS}")
    # Kernels run in separate processes anyway; two at a time keeps a two-core machine busy.
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = list(pool.map(execute, [lesson.path for lesson in lessons]))
    pages = {}
    for index, (lesson, text) in enumerate(zip(lessons, executed, strict=True)):
        html = render_lesson(nbformat.reads(text, as_version=4), lessons, index)
        lesson.charts = len(re.findall(r'<figure\b[^>]*class="ba-chart"', html))
        pages[lesson.href] = html
    pages.update(render_pages(lessons, CourseData.load()))
    problems = {name: found for name, html in pages.items() if (found := external_resources(html))}
    if problems:
        raise SystemExit(f"pages would load from outside the site: {problems}")
    # Write into a fresh folder and swap it in only once everything, search too, has built, so
    # a failed build never leaves half a site.
    staging = out.with_name(out.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    (staging / EVENTS_FOLDER).mkdir(parents=True)
    for name, html in pages.items():
        (staging / name).write_text(html, encoding="utf-8")
    shutil.copy(TEMPLATES / TEMPLATE / "search.js", staging / "search.js")
    index_for_search(staging)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    charts = sum(lesson.charts for lesson in lessons)
    events = sum(name.startswith(EVENTS_FOLDER + "/") for name in pages) - 1
    print(
        f"site: {len(lessons)} lessons, {charts} charts, {events} event pages, search index, "
        f"written to {out} in {time.monotonic() - started:.0f} s; serve it with "
        f"`python -m http.server -d {out}` and open http://localhost:8000/"
    )
    return lessons


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "_build")
    parser.add_argument("--jobs", type=int, default=2, help="lessons executed at once")
    args = parser.parse_args(argv)
    build(args.out.resolve(), args.jobs)


if __name__ == "__main__":
    sys.exit(main())

"""The site's pages as HTML: each lesson through nbconvert, and the front page, a page per event,
the list of events, the list of sources and the search page through Jinja.

All of them share one look from the templates in ``templates/balancing_act/`` (package data, found
beside this module): the lesson template extends nbconvert's ``lab`` template, so a lesson's cells
keep nbconvert's markup; the others extend the site's own ``_layout.html.j2``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import nbformat
from markupsafe import Markup
from nbconvert import HTMLExporter

from ...course.periods import PERIODS
from ...course.vocabulary import ALIGNMENT_COLOURS, ALIGNMENT_EXPLAINED, LABEL_TEXT
from ...tables.codebook import split_ids
from .course_data import EVENTS_FOLDER, CourseData, date_words
from .drawings import SCROLL_BOX
from .panels import words
from .reader_pages import reader_pages, site_links
from .reading import SOURCES_ANCHOR, Lesson
from .search import RANKING, WEIGHTS, weigh_lesson

#: The folder of nbconvert templates, and the name of the site's template in it.
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "balancing_act"
#: The site's icon, linked from every page.
FAVICON = "favicon.svg"


def render_lesson(notebook: nbformat.NotebookNode, lessons: list[Lesson], index: int) -> str:
    """Lesson ``index`` of ``lessons``, run and with the site's outputs, as a page."""
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
    # A lesson's links to the reader and the glossary lead to the site's pages.
    return weigh_lesson(wrap_tables(site_links(html, "lessons", "")))


def wrap_tables(html: str) -> str:
    """Each table in a box of its own that scrolls sideways when the table is wider than the
    page, with a visible cue (drawings.SCROLL_BOX), and that a keyboard can reach to scroll it."""
    box = SCROLL_BOX.format(classes="ba-table", label="Table, scrolls sideways")
    html = re.sub(r"<table\b", box + "<table", html)
    return html.replace("</table>", "</table></div>")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / TEMPLATE), autoescape=True
    )
    environment.filters["words"] = words
    environment.globals["weights"] = WEIGHTS
    return environment


def render_pages(lessons: list[Lesson], data: CourseData) -> dict[str, str]:
    """Front page, one page per event, the events' and sources' lists, the search page, the
    primary-source reader's and the glossary's pages (:mod:`.reader_pages`), and the icon."""
    environment = _environment()
    for lesson in lessons:  # the summary is HTML made by markdown2html from our own notebooks
        # shown on the front page, so its links to the glossary or the reader become the site's
        lesson.summary = Markup(site_links(lesson.summary, "lessons", ""))
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
    pages[FAVICON] = environment.get_template("favicon.svg.j2").render(
        beam=LABEL_TEXT,
        russia=ALIGNMENT_COLOURS["toward_russia"],
        west=ALIGNMENT_COLOURS["toward_west"],
        balancing=ALIGNMENT_COLOURS["balancing"],
    )
    pages["search.html"] = environment.get_template("search.html.j2").render(
        root="", ranking=json.dumps(RANKING)
    )
    pages.update(
        {name: wrap_tables(html) for name, html in reader_pages(environment, lessons, data).items()}
    )
    return pages

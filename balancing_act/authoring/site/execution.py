"""Running a lesson for the site, and turning what its kernel captured into the site's HTML.

A lesson runs once, top to bottom, in static mode, through the course's one notebook runner
(:mod:`balancing_act.authoring.runner`), with :mod:`.kernel_setup` installed first; a failing
cell stops the build. Its outputs then become HTML in place: captured charts as figures
(:mod:`.drawings`), captured widgets in words (:mod:`.panels`), and event cards linked to their
pages. The lesson's own notebook is never written.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import nbformat

from ..runner import run_notebook
from .course_data import CourseData
from .drawings import chart_figure
from .kernel_setup import CHART_MEDIA_TYPE, STARTUP, WIDGET_MEDIA_TYPE
from .panels import link_event_cards, widget_html

#: The time limit for one cell of a lesson, in seconds.
CELL_SECONDS = 180


def execute(path: Path) -> str:
    """Run the lesson in static mode with the site's kernel setup; any failing cell stops the
    build. Returns the notebook (as text, to cross a process pool), its captured charts and
    widgets already turned into the site's HTML."""
    notebook = run_notebook(path, timeout=CELL_SECONDS, static=True, startup=STARTUP)
    site_outputs(notebook, CourseData.load())
    return nbformat.writes(notebook)


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

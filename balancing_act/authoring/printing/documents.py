"""The two printed documents: a lesson's handout and an assignment's answer key.

A **handout** is one lesson as students read it: its title, every section starting on a page of
its own, code and results, charts as vector graphics with their descriptions, the links of the
text as footnotes and the lesson's list of sources with each address printed in full.

An **answer key** is for the teacher only, and says so on every page: the assignment's rubric
with its model answers (``instructor/rubrics/<assignment>.md``), then the instructor's notebook
from ``solutions/``, run, with each graded cell labelled (model answer, visible or hidden test,
points) and the hidden tests shown.
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path

import nbformat

from ...course.contents import lesson_notebooks
from . import case_answers
from .pdf import PrintError, body, execute, page, print_links, quiet_libraries, write_pdf

SOURCES_HEADING = "Sources for this lesson"
SOURCES_ANCHOR = SOURCES_HEADING.replace(" ", "-")  # the id nbconvert gives that heading
TEACHERS_ONLY = "For teachers only"


@dataclass(frozen=True)
class Printed:
    source: Path
    pdf: Path
    title: str
    pages: int
    sections: list[str]


def title_of(notebook: nbformat.NotebookNode, path: Path) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            first = cell.source.strip().splitlines()[:1]
            if first and first[0].startswith("# "):
                return first[0][2:].strip()
            break
    raise PrintError(f"{path}: the first cell must start with a '# ' title")


def sections_of(notebook: nbformat.NotebookNode) -> list[str]:
    """The notebook's ``## `` headings, in order (fenced code left out)."""
    headings = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"```.*?```", "", cell.source, flags=re.DOTALL)
        headings += [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]
    return headings


def lesson_paths(course: Path) -> list[Path]:
    return lesson_notebooks(course)


def handout(course: Path, path: Path, out: Path) -> Printed:
    """One lesson, run and printed as ``out/<lesson>.pdf``."""
    notebook = execute(path)
    title = title_of(notebook, path)
    kicker = f'<p class="kicker">Balancing Act · lesson handout · lessons/{escape(path.name)}</p>'
    content = kicker + print_links(body(notebook), listed_from=SOURCES_ANCHOR)
    html = page(course, title, content, ["print.css"], classes="handout")
    pdf = out / f"{path.stem}.pdf"
    return Printed(path, pdf, title, write_pdf(html, pdf), sections_of(notebook))


def _label(cell) -> str | None:
    """What an nbgrader cell is, for the teacher reading the key."""
    meta = cell.metadata.get("nbgrader", {})
    if not isinstance(meta, dict) or not (meta.get("solution") or meta.get("grade")):
        return None
    grade_id = escape(str(meta.get("grade_id", "")))
    points = meta.get("points") or 0
    worth = f"{points:g} point{'s' if points != 1 else ''}"
    if meta.get("solution") and meta.get("grade") and cell.cell_type == "markdown":
        return (
            f'<p class="cell-label answer">Written answer <code>{grade_id}</code>: {worth}, '
            "marked by hand; its model answer and rubric are in the first part</p>"
        )
    if meta.get("solution") and meta.get("grade"):
        return f'<p class="cell-label answer">Model answer <code>{grade_id}</code>: {worth}, marked by hand with the rubric</p>'
    if meta.get("solution"):
        return f'<p class="cell-label answer">Model answer <code>{grade_id}</code>: graded by the tests below</p>'
    kind = (
        "hidden test (never shown to students)"
        if "### BEGIN HIDDEN TESTS" in cell.source
        else "visible test"
    )
    return f'<p class="cell-label test">Test <code>{grade_id}</code>: {worth}, {kind}</p>'


def _labelled(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = []
    for cell in notebook.cells:
        label = _label(cell)
        if label:
            cells.append(nbformat.v4.new_markdown_cell(label))
        cells.append(cell)
    notebook.cells = cells
    return notebook


def answer_key(course: Path, assignment: str, out: Path) -> Printed:
    """An assignment's rubric, model answers and run solutions as ``out/<assignment>.pdf``."""
    from nbconvert.filters import markdown2html

    notebooks = sorted((course / "solutions" / assignment).glob("*.ipynb"))
    if not notebooks:
        raise PrintError(f"no notebook in solutions/{assignment}")
    rubric_path = course / "instructor" / "rubrics" / f"{assignment}.md"
    if not rubric_path.is_file():
        raise PrintError(f"no rubric at instructor/rubrics/{assignment}.md")
    rubric = rubric_path.read_text(encoding="utf-8")
    executed = [execute(path) for path in notebooks]
    title = title_of(executed[0], notebooks[0])
    parts = [
        f'<div class="teachers-only">{TEACHERS_ONLY}: the model answers, rubric and hidden '
        "tests of a graded assignment. Do not hand this out or post it where students can read "
        "it.</div>",
        f'<p class="kicker">Balancing Act · answer key · {escape(assignment)}</p>',
        f"<h1>Answer key: {escape(title)}</h1>",
        '<section class="rubric">',
        print_links(markdown2html(rubric)),
        "</section>",
        case_answers.section(course, assignment),
    ]
    for path, notebook in zip(notebooks, executed, strict=True):
        parts += [
            '<section class="solutions">',
            f'<p class="part">The solution notebook, run: solutions/{escape(assignment)}/{escape(path.name)}</p>',
            print_links(body(_labelled(notebook))),
            "</section>",
        ]
    html = page(
        course,
        f"Answer key: {title} ({TEACHERS_ONLY})",
        "\n".join(parts),
        ["print.css"],
        "answer-key",
    )
    pdf = out / f"{assignment}.pdf"
    sections = [line[3:].strip() for line in rubric.splitlines() if line.startswith("## ")]
    return Printed(notebooks[0], pdf, title, write_pdf(html, pdf), sections)


def print_all(function, course: Path, items: list, out: Path, jobs: int) -> list[Printed]:
    """``function(course, item, out)`` for every item, ``jobs`` at a time (each in its own
    process: a kernel and a layout each), in the items' order."""
    if jobs <= 1 or len(items) <= 1:
        return [function(course, item, out) for item in items]
    with ProcessPoolExecutor(max_workers=jobs, initializer=quiet_libraries) as pool:
        futures = [pool.submit(function, course, item, out) for item in items]
        return [future.result() for future in futures]

"""Shared helpers for the tests that read notebooks (they run them with
:func:`balancing_act.authoring.runner.run_notebook`, as the course does)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from balancing_act.course import contents
from balancing_act.course.paths import course_root

#: The course checkout these tests belong to (found from here, as the package finds it).
ROOT = course_root(Path(__file__).parent)
NOTEBOOK_FOLDERS = ("lessons", "solutions", "exercises")


def course_notebooks() -> list[Path]:
    """Every notebook the course ships, outside checkpoints."""
    found = []
    for folder in NOTEBOOK_FOLDERS:
        found += [
            p
            for p in sorted((ROOT / folder).rglob("*.ipynb"))
            if ".ipynb_checkpoints" not in p.parts
        ]
    return found


def lesson_notebooks() -> list[Path]:
    """The lessons' notebooks in the order of lessons/_toc.yml."""
    return contents.lesson_notebooks(ROOT)


def hygiene_problems(path: Path) -> list[str]:
    """Why a committed notebook is not clean: invalid nbformat, or outputs left in it."""
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # any reason it cannot be read is the finding itself
        return [f"not a valid notebook: {error}"]
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {index} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {index} has an execution count")
    return problems


# Any `$` in prose. JupyterLab typesets the text between two of them as math, and no escape works
# in every place a lesson is read: Lab needs `\\$` (jupyterlab#8645), which nbconvert, and so
# the site and the feedback pages, print as `\$`. The course writes amounts as "USD 99".
DOLLAR = re.compile(r"\$")


def dollar_problems(path: Path) -> list[str]:
    """Markdown cells with a `$` outside code: JupyterLab could read it as math (write USD)."""
    notebook = nbformat.read(path, as_version=4)
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            prose = re.sub(r"`[^`]*`", "", cell.source)
            if DOLLAR.search(prose):
                problems.append(f"cell {index}: a $ in prose (write amounts as USD 99)")
    return problems

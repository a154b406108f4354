"""Every committed notebook is valid and clean, and every lesson runs from a fresh kernel."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring.runner import run_notebook

from .notebook_tools import (
    course_notebooks,
    dollar_problems,
    hygiene_problems,
    lesson_notebooks,
)


def test_the_course_has_a_start_notebook():
    names = [p.name for p in lesson_notebooks()]
    assert "00-start-here.ipynb" in names


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: str(p.name))
def test_committed_notebook_is_valid_and_has_no_outputs(path):
    assert hygiene_problems(path) == []


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: str(p.name))
def test_no_dollar_sign_can_be_read_as_math(path):
    assert dollar_problems(path) == []


def test_the_dollar_check_catches_prices_that_would_become_math(tmp_path):
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Brent fell from USD 99 to USD 52; `df.$x` is code."),
            nbformat.v4.new_markdown_cell("Brent fell from $99 a barrel to $52."),
            # escaped once, as the guide once advised: JupyterLab still typesets it
            nbformat.v4.new_markdown_cell("Brent fell from \\$99 a barrel to \\$52."),
        ]
    )
    path = tmp_path / "nb.ipynb"
    nbformat.write(notebook, path)
    assert [p.split(":")[0] for p in dollar_problems(path)] == ["cell 1", "cell 2"]


PLACEHOLDER = re.compile(r"^(\s*\w+) = \.\.\.(\s*#.*)?$", flags=re.M)
ANSWERS = {
    "an absurd number": "123456789",
    "a Series": "__import__('pandas').Series([1, 2, 3])",
}


def _answered(path: Path, answer: str, folder: Path) -> Path:
    """A copy of the lesson with every ``x = ...`` placeholder answered by ``answer``."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = PLACEHOLDER.sub(
                lambda m: f"{m.group(1)} = {answer}{m.group(2) or ''}", cell.source
            )
    copy = folder / path.name
    nbformat.write(notebook, copy)
    return copy


@pytest.mark.notebooks
@pytest.mark.parametrize("answer", ANSWERS, ids=list(ANSWERS))
@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_a_lesson_runs_from_a_fresh_kernel_and_no_wrong_answer_is_called_right(
    path, answer, tmp_path
):
    """Every placeholder answered absurdly (or with a Series): no traceback anywhere, no 'Right'."""
    answered = _answered(path, ANSWERS[answer], tmp_path)
    assert PLACEHOLDER.search(path.read_text()) is None or answered.read_text() != path.read_text()
    executed = run_notebook(answered, cwd=path.parent)
    assert _errors(executed) == [] and not _called_right(executed)


def _errors(notebook) -> list:
    return [
        o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]


def _called_right(notebook) -> bool:
    return any(
        "✔ Right" in str(o.get("data", {})) for c in notebook.cells for o in c.get("outputs", [])
    )


@pytest.mark.notebooks
def test_the_right_answer_check_sees_a_right_answer(tmp_path):
    """The guard above can fail: a notebook answering a check rightly is seen as "Right"."""
    from balancing_act.selfcheck.checks import get

    right = get("l02-cst-end").expected_value()
    path = _notebook(tmp_path, "import balancing_act as ba", f'ba.check("l02-cst-end", {right})')
    assert _called_right(run_notebook(path, cwd=tmp_path))


def _notebook(tmp_path, *sources, outputs=False):
    cells = [nbformat.v4.new_code_cell(src) for src in sources]
    if outputs:
        cells[0].outputs = [nbformat.v4.new_output("stream", text="hello\n")]
        cells[0].execution_count = 1
    path = tmp_path / "nb.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_hygiene_catches_outputs_left_in_a_notebook(tmp_path):
    path = _notebook(tmp_path, "print('hello')", outputs=True)
    assert hygiene_problems(path) == ["cell 0 has outputs", "cell 0 has an execution count"]


def test_hygiene_catches_a_notebook_that_is_not_json(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    assert hygiene_problems(path)[0].startswith("not a valid notebook")

"""Assignments weigh argument: at most half of each one's marks are autograded (nbgrader metadata)."""

from __future__ import annotations

import nbformat
import pytest

from tests.notebook_tools import ROOT

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())


def marks(notebook) -> tuple[float, float]:
    """(autograded, graded by hand) points: a test cell is autograded; an answer cell with
    points (``solution`` and ``grade``) or a task cell is marked by a person."""
    auto = manual = 0.0
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        points = float(meta.get("points") or 0)
        if not points:
            continue
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            auto += points
        else:
            manual += points
    return auto, manual


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_at_most_half_of_an_assignments_marks_are_autograded(assignment):
    notebook = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    auto, manual = marks(notebook)
    assert auto + manual > 0
    assert auto <= (auto + manual) / 2, f"{assignment}: {auto:g} of {auto + manual:g} autograded"


def test_a_test_cell_counts_as_autograded_and_a_written_answer_as_by_hand():
    notebook = nbformat.v4.new_notebook()
    test = nbformat.v4.new_code_cell("assert x == 1")
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "points": 3}
    essay = nbformat.v4.new_markdown_cell("YOUR ANSWER HERE")
    essay.metadata["nbgrader"] = {"grade": True, "solution": True, "points": 2}
    notebook.cells = [test, essay]
    assert marks(notebook) == (3.0, 2.0)

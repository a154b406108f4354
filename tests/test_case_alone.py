"""A student alone picks a case: the released exercise, its case written in `MY_CASE` and its
tasks answered, runs top to bottom in a fresh kernel with every visible test passing, and shows
the case in words. A case written wrong stops at the set-up with the cases to choose from."""

from __future__ import annotations

import pytest

from balancing_act.analysis.cases import SPACES, cases_of
from balancing_act.authoring.runner import NotebookFailed, run_notebook

from .grading_tools import fill, solution_answers, with_case
from .notebook_tools import ROOT

pytestmark = pytest.mark.notebooks


def _exercise(assignment: str):
    import nbformat

    return nbformat.read(ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)


def _shown(notebook) -> str:
    return "\n".join(
        str(output.get("data", {}).get("text/markdown", "")) + str(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("assignment", sorted(SPACES))
def test_a_student_alone_picks_a_case_and_the_notebook_works_on_it(assignment):
    case = cases_of(assignment)[-1]  # not the course's own: the one a lesson never showed
    notebook = with_case(fill(_exercise(assignment), solution_answers(assignment)), case.key)
    ran = run_notebook(notebook, cwd=ROOT / "exercises" / assignment, timeout=300)
    shown = _shown(ran)
    assert f"Your case: {case.words}" in shown
    assert "No case written" not in shown


@pytest.mark.parametrize("assignment", sorted(SPACES))
def test_a_case_written_wrong_stops_at_the_set_up_and_lists_the_cases(assignment):
    first = cases_of(assignment)[0]
    notebook = with_case(_exercise(assignment), first.key.upper() + "X")
    with pytest.raises(NotebookFailed, match=f"write one of '{first.key}'") as failed:
        run_notebook(notebook, cwd=ROOT / "exercises" / assignment, timeout=300)
    assert "UnknownCase" in failed.value.reason

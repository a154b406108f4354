"""Every case of every assignment with cases is solvable, fair and its own.

For each case, in the grader's trusted process as ``make grade`` prepares it (the set-up cells
run with ``MY_CASE`` set to the case): the instructor's solution passes every test, the blank
notebook scores nothing, and the solution's answers for any *other* case lose hidden points on
this one, so answers copied across cases cannot pass. The cases of one assignment share their
tests and tasks (the same cells, the same points): they differ in the data each reads.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import warnings
from functools import cache

import pytest

from balancing_act.analysis.cases import SPACES, assignment_case, cases_of
from balancing_act.course.errors import UnknownCase
from balancing_act.grading import verdicts
from balancing_act.grading.assignment import load

from .notebook_tools import ROOT

CASED = sorted(SPACES)


@cache
def _spec(assignment: str):
    (notebook,) = load(ROOT, assignment).notebooks
    return notebook


@cache
def _solved(assignment: str, key: str) -> tuple[dict, dict]:
    """The case's trusted set-up, and the solution's answers on it."""
    spec = _spec(assignment)
    base = verdicts.setup_namespace(spec, key)
    namespace = dict(base)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for source in spec.solution_code:
            exec(compile(source, "<solution>", "exec"), namespace)
    return base, {name: namespace[name] for name in spec.answer_names if name in namespace}


def _points(assignment: str, key: str, answers: dict, hidden_only: bool = False) -> float:
    spec = _spec(assignment)
    base, _ = _solved(assignment, key)
    results = verdicts.run_tests(spec, {**base, **answers})
    return sum(v["points"] for v in results if v["hidden"] or not hidden_only)


def _cases():
    return [(a, c.key) for a in CASED for c in cases_of(a)]


def test_each_assignment_with_cases_offers_several_and_its_first_is_the_courses_own():
    for assignment in CASED:
        cases = cases_of(assignment)
        assert len(cases) >= 4, assignment
        assert len({c.key for c in cases}) == len(cases)
        assert len({c.words for c in cases}) == len(cases)
        assert all(c.names and c.words for c in cases)
        # The notebook says which names a case binds; every case binds the same ones.
        assert len({tuple(c.names) for c in cases}) == 1, assignment


@pytest.mark.parametrize(("assignment", "key"), _cases())
def test_the_solution_scores_full_marks_on_the_case_and_the_blank_notebook_nothing(assignment, key):
    spec = _spec(assignment)
    _, answers = _solved(assignment, key)
    assert _points(assignment, key, answers) == spec.max_points
    assert _points(assignment, key, {}) == 0


@pytest.mark.parametrize("assignment", CASED)
def test_answers_copied_from_another_case_lose_hidden_points(assignment):
    keys = [c.key for c in cases_of(assignment)]
    hidden = sum(t.points for t in _spec(assignment).tests if t.hidden)
    for theirs, mine in itertools.permutations(keys, 2):
        _, copied = _solved(assignment, theirs)
        scored = _points(assignment, mine, copied, hidden_only=True)
        # A copier keeps at most half the hidden points (the tasks every case shares).
        assert scored <= hidden / 2, (assignment, theirs, mine, scored, hidden)


def test_a_case_is_chosen_by_its_key_and_a_wrong_key_names_the_cases():
    assignment = CASED[0]
    first, second = cases_of(assignment)[:2]
    assert assignment_case(assignment, second.key) == second
    unchosen = assignment_case(assignment, None)
    assert (unchosen.key, unchosen.chosen) == (first.key, False)
    assert "No case written" in unchosen._repr_markdown_()
    assert second.words in assignment_case(assignment, f" {second.key} ")._repr_markdown_()
    for wrong in ("nowhere", second.words, 3):
        with pytest.raises(UnknownCase, match=f"write one of '{first.key}'"):
            assignment_case(assignment, wrong)

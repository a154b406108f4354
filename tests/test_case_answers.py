"""The answer key's answers by case: one table per case, computed as the grader computes them."""

from __future__ import annotations

import pandas as pd

from balancing_act.analysis.cases import SPACES, cases_of
from balancing_act.authoring.printing import case_answers

from .notebook_tools import ROOT


def test_each_case_has_its_own_answers_in_the_key():
    assignment = sorted(SPACES)[-1]
    by_case = case_answers.answers(ROOT, assignment)
    assert list(by_case) == [case.key for case in cases_of(assignment)]
    tables = list(by_case.values())
    assert all(table.keys() == tables[0].keys() for table in tables)
    assert len({tuple(table.values()) for table in tables}) == len(tables)  # no two alike
    html = case_answers.section(ROOT, assignment)
    assert html.count("<h3>") == len(tables) and "Answers by case" in html


def test_an_assignment_without_cases_has_no_such_page():
    assert case_answers.section(ROOT, "a1-periods-timeline") == ""


def test_answers_are_printed_short():
    assert case_answers.short(2 / 3) == "0.6667"
    assert case_answers.short({"RUS", "AZE"}) == "{AZE, RUS}"
    assert case_answers.short(pd.Series({"a": 1.0, "b": 2.5})) == "a: 1; b: 2.5"
    assert case_answers.short(pd.Series(range(20), index=range(2000, 2020))).startswith("20 values")
    assert case_answers.short(pd.DataFrame({"x": [1, 2]})) == "a table of 2 rows × 1 columns"

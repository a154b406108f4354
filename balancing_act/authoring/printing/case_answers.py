"""The answer key's page for an assignment with cases: every case's expected answers.

The key prints the solution run on the course's own case (the first); a teacher marking a
student with another case needs that case's numbers too. They are computed as the grader
computes them: the set-up cells run with ``MY_CASE`` set to the case, then the solution's cells,
in the trusted course (:func:`balancing_act.grading.verdicts.setup_namespace`).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from html import escape
from pathlib import Path

import pandas as pd

from ...analysis.cases import cases_of
from ...grading.assignment import load
from ...grading.verdicts import setup_namespace

#: A Series or mapping with more items than this is summarised, not listed.
LISTED = 8


def short(value) -> str:
    """An answer in a line of the key: numbers to four significant figures, short Series and
    sets listed, tables by their size."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return f"{value:.4g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return value if len(value) <= 60 else value[:59] + "…"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    if isinstance(value, pd.Series | dict):
        items = list(value.items())
        if len(items) > LISTED:
            return f"{len(items)} values, from {short(items[0][0])} to {short(items[-1][0])}"
        return "; ".join(f"{key}: {short(item)}" for key, item in items)
    if isinstance(value, pd.DataFrame):
        return f"a table of {len(value)} rows × {len(value.columns)} columns"
    if callable(value):
        return "a function"
    return type(value).__name__


def answers(course: Path, assignment: str) -> dict[str, dict[str, str]]:
    """Per case key, each answer the tests read, as :func:`short` prints it."""
    (spec,) = load(course, assignment).notebooks
    found = {}
    for case in cases_of(assignment):
        namespace = dict(setup_namespace(spec, case.key))
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for source in spec.solution_code:
                exec(compile(source, f"<solution, case {case.key}>", "exec"), namespace)
        found[case.key] = {name: short(namespace.get(name)) for name in spec.answer_names}
    return found


def section(course: Path, assignment: str) -> str:
    """The key's HTML section of answers by case ("" for an assignment without cases)."""
    cases = cases_of(assignment)
    if not cases:
        return ""
    by_case = answers(course, assignment)
    parts = [
        '<section class="cases">',
        "<h2>Answers by case</h2>",
        "<p>Each student works on their own case (<code>reports/"
        f"{escape(assignment)}-cases.csv</code> says whose is which). The solution notebook "
        "below is run on the first; these are the answers the grader expects on each.</p>",
    ]
    for case in cases:
        rows = "".join(
            f"<tr><td><code>{escape(name)}</code></td><td>{escape(value)}</td></tr>"
            for name, value in by_case[case.key].items()
        )
        parts.append(
            f"<h3>{escape(case.words)} (<code>MY_CASE = &quot;{escape(case.key)}&quot;</code>)</h3>"
            f"<table><thead><tr><th>answer</th><th>expected</th></tr></thead><tbody>{rows}"
            "</tbody></table>"
        )
    parts.append("</section>")
    return "\n".join(parts)

"""Every student their own case: the cases an assignment offers, drawn from the course's tables.

An assignment with cases asks every student the same questions about a different *case*: a
partner, a country to set beside Azerbaijan, a window of years, a weighting. Its notebook opens
with a cell the student writes in, ``MY_CASE = "..."`` (the case the teacher gave them, or one
they picked studying alone), and a locked set-up cell that turns it into a :class:`Case` with
:func:`assignment_case` and binds the case's names (``PARTNER``, ``WINDOW``...) for the tasks.
The tests read the same names, so one solution and one set of tests serve every case.

Each assignment's space of cases is built in its own module here (``a2``, ``a3``, ``a6``) from
the course's data, keeping only cases the data can answer; :func:`cases_of` lists them in a
fixed order, the first being the course's own case (the one the lessons work through).

Which student has which case is the grader's business (:mod:`balancing_act.grading.cases`):
drawn from the student's id and a secret the teacher keeps, or given by hand. The grader seeds
``MY_CASE`` with that case in its trusted process, so a student is always graded on their own
case, whatever their notebook says.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from ...course.errors import UnknownCase

#: The assignments that have cases, each with the module (in this folder) that builds them.
SPACES = {
    "a2-oil-money-leverage": "a2",
    "a3-balance-index": "a3",
    "a6-measuring-the-balance": "a6",
}


@dataclass(frozen=True)
class Case:
    """One case of an assignment: what a student writes (``key``), what it means in words, and
    the names the set-up cell binds for the tasks (``names``: name to value)."""

    assignment: str
    key: str
    words: str
    names: Mapping[str, object] = field(hash=False)
    chosen: bool = True  # False: nothing was written in MY_CASE, so this is the first case

    def __getitem__(self, name: str):
        return self.names[name]

    def _repr_markdown_(self) -> str:
        bound = ", ".join(f"`{name} = {value!r}`" for name, value in self.names.items())
        if self.chosen:
            head = f"**Your case: {escape(self.words)}** (`MY_CASE = {self.key!r}`)."
        else:
            others = ", ".join(f"`{c.key!r}`" for c in cases_of(self.assignment))
            head = (
                f"**No case written in `MY_CASE` yet, so this notebook works on the first case: "
                f"{escape(self.words)}.** If your teacher gave you a case, write it in the cell "
                f"above and run the notebook again (your work is graded on your own case). "
                f"Studying alone, pick any of {others}."
            )
        return f"{head}\n\nThe tasks use: {bound}."

    def __repr__(self) -> str:
        return f"Case({self.assignment!r}, {self.key!r}: {self.words})"


def cases_of(assignment: str) -> tuple[Case, ...]:
    """The cases of ``assignment``, the course's own case first; empty if it has none."""
    module = SPACES.get(assignment)
    if module is None:
        return ()
    return importlib.import_module(f"{__name__}.{module}").cases()


def assignment_case(assignment: str, chosen: str | None = None) -> Case:
    """The case written in ``MY_CASE`` (``chosen``), or the first case if nothing is written.

    >>> assignment_case("a6-measuring-the-balance", "nowhere")
    Traceback (most recent call last):
    ...
    balancing_act.course.errors.UnknownCase: MY_CASE = 'nowhere' is not a case of a6-measuring-the-balance: write one of ...
    """
    cases = cases_of(assignment)
    if not cases:
        raise UnknownCase(f"{assignment} has no cases: remove MY_CASE")
    if chosen is None or (isinstance(chosen, str) and not chosen.strip()):
        first = cases[0]
        return Case(first.assignment, first.key, first.words, first.names, chosen=False)
    by_key = {case.key: case for case in cases}
    key = str(chosen).strip()
    if key not in by_key:
        listed = ", ".join(repr(k) for k in by_key)
        raise UnknownCase(
            f"MY_CASE = {chosen!r} is not a case of {assignment}: write one of {listed} "
            "(as your teacher gave it, in quotes)"
        )
    return by_key[key]

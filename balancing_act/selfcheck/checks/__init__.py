"""The lessons' self-checks, by key: the questions, their expected values and their hints.

A lesson cell reads ``ba.check("l05-manat-rise", manat_rise_pct)``: the key names a
:class:`Check` defined here, in the module of its lesson (``lesson05.py``), so the cell a student
edits holds neither the answer nor the way to it. Expected values are computed from the
course's data when first needed, never typed in; each number states its tolerance; each check
has hints that climb (a first hint, a second, then a worked step) and an explanation for when
the answer is right. Mistakes a student is likely to make are named with what to say about them.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from ..judging import Mistake, Number, Pick, SetOf, Text

#: What a check asks the student to do. ``recall`` a fact the lesson told, ``compute`` a value
#: from the tables, ``read`` a chart or a table, ``classify`` a case with the codebook or a kind
#: (an event the student has not seen, a diagnosis or a prediction), ``interpret`` choose the
#: stronger reading of evidence, ``critique`` find the flaw in an argument or a comparison.
SKILLS = ("recall", "compute", "read", "classify", "interpret", "critique")
#: The skills that ask for judgement: at least half of every lesson's checks
#: (tests/test_check_skills.py).
JUDGEMENT_SKILLS = ("classify", "interpret", "critique")

#: The lessons' check modules, found in this folder (``lesson00``, ``lesson01a``...), in lesson
#: order (a lettered lesson sorts after the lesson of its number): a new
#: lesson's checks are a new module here, listed nowhere else (tests/test_contents.py matches
#: them against lessons/_toc.yml).
LESSON_MODULES = tuple(
    sorted(
        m.name for m in pkgutil.iter_modules(__path__) if re.fullmatch(r"lesson\d\d[a-z]?", m.name)
    )
)


class Course:
    """The tables a check's expected value is computed from, each loaded once."""

    @property
    def events(self) -> pd.DataFrame:
        return _table("events")

    @property
    def claims(self) -> pd.DataFrame:
        return _table("claims")

    @property
    def memberships(self) -> pd.DataFrame:
        return _table("memberships")

    def series(self, name: str) -> pd.Series:
        """One series' values indexed by its first year (a whole number)."""
        from ...tables.load import one_series

        return one_series(name).set_index("first_year")["value"]

    def event(self, event_id: str) -> pd.Series:
        return self.events.set_index("id").loc[event_id]


@cache
def _table(name: str) -> pd.DataFrame:
    from ...tables import load as data

    return getattr(data, f"load_{name}")()


@dataclass(frozen=True)
class Check:
    key: str
    lesson: str  # the lesson's file name without .ipynb
    prompt: str  # the question, in a few words (for the progress chart and the reader's site)
    kind: Number | Text | SetOf | Pick
    expected: Callable[[Course], object]
    hints: tuple[str, ...]  # at least two, from gentle to pointed
    worked: Callable[[Course], str] | str  # the step that nearly gives it away, shown last
    explanation: str  # shown once the answer is right
    skill: str  # one of SKILLS: what the check asks the student to do
    mistakes: tuple[Mistake, ...] = ()
    options: tuple[str, ...] = ()  # for a multiple-choice question
    option_feedback: dict[str, str] = field(default_factory=dict)  # why a wrong option is wrong
    revisits: tuple[
        str, ...
    ] = ()  # a retrieval check: the earlier lessons whose ideas it asks again

    def expected_value(self):
        return _expected(self.key)

    def worked_step(self) -> str:
        return self.worked(Course()) if callable(self.worked) else self.worked

    def shown_answer(self) -> str:
        """The expected answer as a student would write it."""
        value = self.expected_value()
        if isinstance(self.kind, Number):
            if self.kind.whole:
                return f"{int(round(float(value)))}"
            return f"{float(value):.4g}"
        if isinstance(self.kind, SetOf):
            return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
        if isinstance(self.kind, Text):
            return repr(str(value))
        return str(value)


# Mistakes many checks share.
SIGN_FLIPPED = Mistake(
    "the sign flipped",
    lambda e: -e,
    "The size looks right but the sign does not: is it a rise (positive) or a fall (negative)?",
)


@cache
def _expected(key: str):
    return get(key).expected(Course())


@cache
def all_checks() -> dict[str, Check]:
    """Every check of every lesson, by key, in lesson order."""
    found: dict[str, Check] = {}
    for name in LESSON_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for check in module.CHECKS:
            if check.key in found:
                raise ValueError(f"check key {check.key!r} is defined twice")
            found[check.key] = check
    return found


@dataclass(frozen=True)
class WrittenPrompt:
    """A question answered in the student's own words (``ba.reflect(key)``).

    After the student has written at least ``min_words`` words, the course shows the
    ``criteria`` a teacher would use and the ``model_answer``, and asks the student to rate their
    own answer against each criterion. The model answer is never shown before that.
    """

    key: str
    lesson: str
    prompt: str
    criteria: tuple[str, ...]  # what a teacher looks for, one sentence each
    model_answer: str
    min_words: int = 30


@cache
def all_written() -> dict[str, WrittenPrompt]:
    """Every written prompt of every lesson (a lesson module's ``WRITTEN``), by key."""
    found: dict[str, WrittenPrompt] = {}
    for name in LESSON_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for prompt in getattr(module, "WRITTEN", ()):
            if prompt.key in found or prompt.key in all_checks():
                raise ValueError(f"prompt key {prompt.key!r} is defined twice")
            found[prompt.key] = prompt
    return found


def get(key: str) -> Check:
    """The check called ``key``, or a KeyError that suggests the keys it may have meant."""
    checks = all_checks()
    if key not in checks:
        close = difflib.get_close_matches(str(key), checks, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"There is no self-check called {key!r}.{hint}")
    return checks[key]

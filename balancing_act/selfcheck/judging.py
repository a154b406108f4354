"""Judging a student's answer: what kind of answer it is, and whether it is right.

This is the pure part of the self-checks (:mod:`balancing_act.selfcheck` shows the verdicts,
:mod:`balancing_act.checks` holds the questions). A judgement never raises: a Series where a
number is wanted, a text where a set is wanted, or something the check cannot read at all each
gets a sentence saying what kind of answer is wanted. Numbers are compared within a tolerance
each check states explicitly, as an absolute or a relative distance; there is no default.

>>> judge(Number(Absolute(0.5)), 99.2, 99.0).correct
True
>>> judge(Number(Absolute(0.5)), 0.99, 99.0).correct
False
>>> judge(Number(Absolute(0.5)), ..., 99.0).state
'unanswered'
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Internal: the checks use these; lessons call ba.check and ba.choice.


# --- tolerances -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Absolute:
    """Right when within ``distance`` of the expected value (either side)."""

    distance: float

    def accepts(self, answer: float, expected: float) -> bool:
        return abs(answer - expected) <= self.distance + 1e-12

    def describe(self) -> str:
        return f"within {self.distance:g} either side"


@dataclass(frozen=True)
class Relative:
    """Right when within ``share`` of the expected value (0.01 is one per cent of it)."""

    share: float

    def accepts(self, answer: float, expected: float) -> bool:
        return abs(answer - expected) <= self.share * abs(expected) + 1e-12

    def describe(self) -> str:
        return f"within {self.share:.0%} of the value"


@dataclass(frozen=True)
class Exact:
    """Right only when equal: counts and years."""

    def accepts(self, answer: float, expected: float) -> bool:
        return answer == expected

    def describe(self) -> str:
        return "exactly"


# --- kinds of answer ------------------------------------------------------------------------


#: What a number measures, when the usual pandas slips depend on it (``Number.measure``): a
#: year (a row's label), a percentage (a change or a share, 42 for 42 %), a share of a whole in
#: per cent (never above 100), a share as a fraction of a whole (0.42). See :func:`slips`.
YEAR = "year"
PERCENT = "per cent"
SHARE_PERCENT = "share in per cent"
SHARE = "share"
MEASURES = (YEAR, PERCENT, SHARE_PERCENT, SHARE)


@dataclass(frozen=True)
class Number:
    """One number, compared within ``tolerance``; ``example`` shows its form ("such as 25");
    ``measure`` (one of :data:`MEASURES`, or empty) says what it is, so that every check of that
    measure recognises the usual slips with its own message (:func:`slips`)."""

    tolerance: Absolute | Relative | Exact
    example: str = "such as 25"
    whole: bool = False  # a count or a year: a fraction is a mistake of kind, not of value
    measure: str = ""

    def __post_init__(self):
        if self.measure and self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}: one of {MEASURES}")

    def wanted(self) -> str:
        return f"one {'whole number' if self.whole else 'number'}, {self.example}"


@dataclass(frozen=True)
class Text:
    """One text, compared without case or surrounding spaces; ``among`` lists the codes it can
    be, when there are few (an answer outside them is told so)."""

    example: str = 'such as "balancing"'
    among: tuple[str, ...] = ()

    def wanted(self) -> str:
        return f"a text in quotes, {self.example}"


@dataclass(frozen=True)
class SetOf:
    """Several texts in any order, as a set (a list or tuple is read as one too)."""

    example: str = 'such as {"shift"}'

    def wanted(self) -> str:
        return f"a set of texts in curly brackets, {self.example}"


@dataclass(frozen=True)
class Pick:
    """One of the options of a multiple-choice question."""

    def wanted(self) -> str:
        return "one of the options"


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer, worked out from the expected one, and what to say about it."""

    label: str
    value: Callable  # expected -> the wrong answer this mistake gives
    message: str


@dataclass(frozen=True)
class Slip:
    """A usual pandas slip that a kind of measure invites (a row number for a year, a fraction for
    a percentage...): ``applies(answer, expected)`` recognises it without knowing the check."""

    label: str
    applies: Callable[[float, float], bool]
    message: str


ROW_NUMBER = Slip(
    "a row number for a year",
    lambda a, e: float(a).is_integer() and 0 <= a < 1000 and e >= 1000,
    "That looks like a row number, not a year. .idxmax() and .idxmin() give the label of the "
    "row they find, and when a table's rows are numbered 0, 1, 2... (as in a table with a "
    "'year' column) that label is a row number: read the year on that row with "
    "table.loc[row, 'year'], or make the years the labels first with table.set_index('year').",
)
FRACTION_FOR_PERCENT = Slip(
    "a fraction for a percentage",
    lambda a, e: a != 0 and abs(a) < 1 <= abs(e),
    "That looks like a fraction (0.42 for 42 %): multiply it by 100 to give the answer in per cent.",
)
PERCENT_FOR_FRACTION = Slip(
    "a percentage for a share",
    lambda a, e: 1 < abs(a) <= 100 and abs(e) <= 1,
    "That looks like a percentage (42 for 0.42): this check wants the share as a fraction "
    "between 0 and 1, so divide it by 100.",
)
TOTAL_FOR_SHARE_PERCENT = Slip(
    "a total for a share",
    lambda a, e: abs(a) > 100 and abs(e) <= 100,
    "A share of a whole is never more than 100 per cent, so that looks like a total (the part's "
    "count or sum) rather than a share: divide the part by the whole, then multiply by 100.",
)
TOTAL_FOR_SHARE = Slip(
    "a total for a share",
    lambda a, e: abs(a) > 100 and abs(e) <= 1,
    "A share of a whole is a fraction between 0 and 1, so that looks like a total (the part's "
    "count or sum) rather than a share: divide the part by the whole.",
)

_SLIPS = {
    YEAR: (ROW_NUMBER,),
    PERCENT: (FRACTION_FOR_PERCENT,),
    SHARE_PERCENT: (FRACTION_FOR_PERCENT, TOTAL_FOR_SHARE_PERCENT),
    SHARE: (TOTAL_FOR_SHARE, PERCENT_FOR_FRACTION),
}


def slips(kind) -> tuple[Slip, ...]:
    """The usual slips every check of this kind of answer recognises, by its measure."""
    return _SLIPS.get(getattr(kind, "measure", ""), ())


@dataclass(frozen=True)
class Verdict:
    state: str  # "right", "wrong", "wrong kind" or "unanswered"
    message: str = ""
    mistake: str | None = None  # the label of the mistake the answer matches, if any
    notes: tuple[str, ...] = field(default=())

    @property
    def correct(self) -> bool:
        return self.state == "right"


# --- judging ----------------------------------------------------------------------------------


def _describe(value) -> str:
    kind = type(value)
    module = kind.__module__.split(".")[0]
    name = kind.__name__
    if module == "pandas":
        size = getattr(value, "size", None)
        return f"a pandas {name}" + (f" of {size} values" if size is not None else "")
    if module == "numpy":
        return f"a numpy {name}"
    return {
        "str": "a text",
        "int": "a whole number",
        "float": "a number",
        "bool": "True or False",
        "list": "a list",
        "tuple": "a tuple",
        "set": "a set",
        "frozenset": "a set",
        "dict": "a dict",
        "NoneType": "None",
    }.get(name, f"a {name}")


def _as_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    return None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _as_texts(value) -> set[str] | None:
    if not isinstance(value, set | frozenset | list | tuple):
        return None
    items = list(value)
    if not all(isinstance(item, str) for item in items):
        return None
    return {_fold(item) for item in items}


def _same(kind, answer, expected) -> bool:
    if isinstance(kind, Number):
        number = _as_number(answer)
        return (
            number is not None
            and not math.isnan(number)
            and kind.tolerance.accepts(number, float(expected))
        )
    if isinstance(kind, Text | Pick):
        return isinstance(answer, str) and _fold(answer) == _fold(str(expected))
    if isinstance(kind, SetOf):
        texts = _as_texts(answer)
        return texts is not None and texts == {_fold(e) for e in expected}
    raise TypeError(f"unknown kind of answer {kind!r}")


def _wrong_kind(kind, answer) -> str | None:
    """Why ``answer`` is not even the kind of answer wanted, or None if it is."""
    given = _describe(answer)
    if isinstance(kind, Number):
        number = _as_number(answer)
        if number is None:
            hint = ""
            if hasattr(answer, "iloc") or hasattr(answer, "shape"):
                hint = (
                    " Pick the one value you mean (with .iloc[...], .loc[...], .sum() or len(...))."
                )
            elif isinstance(answer, str):
                hint = " Write the number without quotes."
            return f"This check wants {kind.wanted()}; you gave {given}.{hint}"
        if math.isnan(number):
            return "Your answer is NaN (not a number): a calculation above went wrong, often a missing year."
        return None
    if isinstance(kind, Text):
        if not isinstance(answer, str):
            return f"This check wants {kind.wanted()}; you gave {given}."
        if kind.among and _fold(answer) not in {_fold(code) for code in kind.among}:
            return (
                f"{answer!r} is not one of the codes this question uses: {', '.join(kind.among)}."
            )
        return None
    if isinstance(kind, Pick):
        if not isinstance(answer, str):
            return f"This question wants {kind.wanted()}; you gave {given}."
        return None
    if isinstance(kind, SetOf):
        if isinstance(answer, str):
            return f"This check wants {kind.wanted()}; you gave a single text. Put it in a set: {{{answer!r}}}."
        if _as_texts(answer) is None:
            turn = " Turn it into one with set(...)." if hasattr(answer, "tolist") else ""
            return f"This check wants {kind.wanted()}; you gave {given}.{turn}"
        return None
    return None


def judge(kind, answer, expected, mistakes: Iterable[Mistake] = ()) -> Verdict:
    """Judge ``answer`` against ``expected``. ``...`` (the placeholder) is not yet an answer.

    Never raises: an answer the check cannot read is a verdict of "wrong kind" with a reason.
    """
    if answer is Ellipsis:
        return Verdict(
            "unanswered", "No answer yet: replace the ... with your answer and run the cell."
        )
    try:
        problem = _wrong_kind(kind, answer)
        if problem:
            return Verdict("wrong kind", problem)
        if _same(kind, answer, expected):
            return Verdict("right")
        for mistake in mistakes:
            try:
                wrong = mistake.value(expected)
            except Exception:  # a mistake that does not apply to this value
                continue
            if _same(kind, answer, wrong):
                return Verdict("wrong", mistake.message, mistake=mistake.label)
        for slip in slips(kind):  # after the check's own mistakes, which are more precise
            if slip.applies(float(answer), float(expected)):
                return Verdict("wrong", slip.message, mistake=slip.label)
        if isinstance(kind, Number) and kind.whole and not float(answer).is_integer():
            return Verdict(
                "wrong kind",
                f"This check wants {kind.wanted()}; you gave {float(answer):g}, which has a fraction.",
            )
        return Verdict("wrong")
    except Exception as error:  # an answer so odd that reading it failed: say so, never raise
        return Verdict(
            "wrong kind", f"The check could not read this answer ({type(error).__name__}: {error})."
        )

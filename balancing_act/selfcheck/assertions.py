"""Checks for the assignments' visible tests: messages that teach, never the hidden answer.

A visible test cell reads, for example::

    ba.assertions.defined("remit_change_2016")
    ba.assertions.one_number("remit_change_2016", remit_change_2016)
    ba.assertions.not_the_mistake(
        remit_change_2016, change_from(2015),
        "you measured the 2016 change from 2015; the task measures both changes from 2014",
    )

Each helper raises ``AssertionError`` with its message, so nbgrader's Validate and the grader
show that sentence and nothing else. A mistake is recognised by computing the mistaken answer
and comparing: the test says what went wrong without saying what is right.

>>> not_the_mistake(-50.0, -50.0, "you measured from 2015")
Traceback (most recent call last):
...
AssertionError: you measured from 2015
>>> not_the_mistake(-60.0, -50.0, "you measured from 2015")
"""

from __future__ import annotations

import math
import numbers
import sys


def defined(*names: str) -> None:
    """Each of ``names`` exists where the test runs; otherwise say which cell to run first.

    Validate on a blank notebook then explains itself instead of showing a NameError.
    """
    scope = sys._getframe(1).f_globals
    missing = [name for name in names if name not in scope]
    if missing:
        listed = ", ".join(missing)
        raise AssertionError(
            f"{listed} {'is' if len(missing) == 1 else 'are'} not defined yet: run the cells above "
            "first (Run ▸ Run All Above Selected Cell), and check that your answer cell ran "
            "without an error."
        )


def one_number(name: str, value) -> None:
    """``value`` is one number (not a Series, a text or True/False)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = type(value).__name__
        hint = (
            " Pick one value, for example with .loc[...] or .iloc[...]."
            if hasattr(value, "iloc")
            else ""
        )
        raise AssertionError(f"{name} should be one number, not a {kind}.{hint}")
    if math.isnan(value):
        raise AssertionError(
            f"{name} is NaN (not a number): is a year missing from the series you used?"
        )


def numbers_not_text(name: str, series) -> None:
    """A Series of scores holds numbers, not words such as "west"."""
    import pandas as pd

    if not pd.api.types.is_numeric_dtype(series):
        raise AssertionError(
            f"{name} holds text ({series.dtype}); it should hold numbers such as 1, -1 and 0"
        )


def _same(answer, mistaken) -> bool:
    import numpy as np
    import pandas as pd

    if isinstance(mistaken, pd.Series | pd.DataFrame):
        if type(answer) is not type(mistaken) or answer.shape != mistaken.shape:
            return False
        try:
            left = np.asarray(answer, dtype=float)
            right = np.asarray(mistaken, dtype=float)
            return bool(np.allclose(left, right, equal_nan=True))
        except (TypeError, ValueError):
            return bool(answer.equals(mistaken))
    if isinstance(mistaken, set | frozenset):
        try:
            return set(answer) == set(mistaken)
        except TypeError:
            return False
    if isinstance(mistaken, numbers.Real) and isinstance(answer, numbers.Real):
        return math.isclose(float(answer), float(mistaken), rel_tol=1e-9, abs_tol=1e-9)
    return answer == mistaken


def not_the_mistake(answer, mistaken, message: str) -> None:
    """Fail with ``message`` when ``answer`` is what a known mistake gives."""
    if _same(answer, mistaken):
        raise AssertionError(message)


def event_table(name: str, table, min_rows: int) -> None:
    """``table`` is a DataFrame of events with the columns id, date, title and claim: at least
    ``min_rows`` rows, each event once, no empty cell, real dates and claim ids such as C5."""
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise AssertionError(f"{name} should be a pandas DataFrame, one row per event")
    missing = {"id", "date", "title", "claim"} - set(table.columns)
    if missing:
        raise AssertionError(
            f"{name} needs the columns id, date, title and claim; missing: {sorted(missing)}"
        )
    if len(table) < min_rows:
        raise AssertionError(f"{name} needs at least {min_rows} events; it has {len(table)} rows")
    if not table["id"].is_unique:
        raise AssertionError(f"each event should appear once in {name}")
    if not table[["id", "date", "title", "claim"]].notna().all().all():
        raise AssertionError("no cell in the four columns may be empty (NaN)")
    try:
        pd.to_datetime(table["date"])
    except (ValueError, TypeError):
        raise AssertionError(
            "the date column should hold dates such as 2014-03-27: copy it from events"
        ) from None
    if not table["claim"].astype(str).str.fullmatch(r"C\d+").all():
        raise AssertionError("the claim column should hold claim ids such as C5")

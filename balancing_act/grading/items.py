"""Item statistics after grading: how each graded test cell worked as a question.

Pure pandas, nothing read or written here: :func:`item_statistics` takes a students × items
table of the points each student earned and each item's maximum, and returns one row per item:

- **facility**: the mean share of the item's points the students earned, 0 to 1 (with
  all-or-nothing tests, the share of students with full marks);
- **discrimination**: the corrected item–rest correlation, Pearson's r between the students'
  points on the item and their points on the rest of the table's items (their total minus this
  item). The item is left out of the total it is compared with, or it would correlate with
  itself. It is undefined when either side has no variance (everyone earned the same on the
  item, or on the rest): then it is NaN here and :data:`undefined` says which, in words;
- **flags**: too easy, too hard, does not discriminate (below :data:`DISCRIMINATES`, or
  undefined), and, with cases, too hard on a case when the item is not too hard overall;
- with cases, the facility among each case's students (NaN for a case with none).

The grading report (:mod:`.item_report`) turns the table into the teacher's words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

# The course's choices, the conventional cut-offs of classical test theory's item analysis: an
# item nearly everyone gets right (or wrong) tells students apart little, and an item whose
# score hardly goes with the rest of the assignment may test something else or be
# miskeyed. They are prompts to look at an item, not rules.
TOO_EASY = 0.9  # facility at or above
TOO_HARD = 0.2  # facility at or below
DISCRIMINATES = 0.2  # discrimination below this (or undefined) does not discriminate

FLAG_TOO_EASY = "too easy"
FLAG_TOO_HARD = "too hard"
FLAG_NO_DISCRIMINATION = "does not discriminate"
FLAG_HARD_ON_CASE = "too hard on case"  # followed by the case's key

SAME_ON_ITEM = "everyone the same on it"
SAME_ON_REST = "everyone the same on the rest"

# Sums of squares below this are no variance (points are small numbers; 1e-12 absorbs the
# rounding of a mean such as 1.2).
_NO_VARIANCE = 1e-12
# Facilities are compared with a little room: 9 of 10 students is 0.9, whatever the rounding.
_ROOM = 1e-9

COLUMNS = ["points", "students", "facility", "discrimination", "undefined", "flags"]


def case_column(key: str) -> str:
    """The column of an item's facility among the students of case ``key``."""
    return f"facility_{key}"


def item_statistics(
    earned: pd.DataFrame,
    maxima: Mapping | pd.Series,
    cases: Mapping[str, str] | pd.Series | None = None,
    case_order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per item (``earned``'s columns, in their order) with :data:`COLUMNS`, then a
    :func:`case_column` per case when ``cases`` (student → case key, for ``earned``'s index)
    is given, in ``case_order`` (default: the keys as first met).

    ``earned`` holds each student's points (rows) on each item (columns); a missing value
    counts as 0 points, as the gradebook scores a test that was never judged. Every item's
    maximum must be above 0: a test worth nothing is not an item."""
    maxima = pd.Series(maxima, dtype=float).reindex(earned.columns)
    if maxima.isna().any() or (maxima <= 0).any():
        bad = list(maxima[maxima.isna() | (maxima <= 0)].index)
        raise ValueError(f"every item needs a maximum above 0; not {bad}")
    points = earned.astype(float).fillna(0.0)
    students = len(points)
    totals = points.sum(axis=1)
    rows = []
    for item in points.columns:
        score = points[item]
        facility = float((score / maxima[item]).mean()) if students else math.nan
        r, undefined = _item_rest(score.to_numpy(), (totals - score).to_numpy())
        rows.append(
            {
                "points": float(maxima[item]),
                "students": students,
                "facility": facility,
                "discrimination": r,
                "undefined": undefined,
            }
        )
    table = pd.DataFrame(rows, index=points.columns, columns=COLUMNS[:-1])
    by_case = _by_case(points, maxima, cases, case_order)
    table["flags"] = [_flags(table.loc[item], by_case.loc[item]) for item in table.index]
    return pd.concat([table, by_case], axis=1)


def _item_rest(item: np.ndarray, rest: np.ndarray) -> tuple[float, str]:
    """Pearson's r of the item's points with the rest's, or NaN and why it is undefined."""
    item_deviations = item - item.mean() if len(item) else item
    rest_deviations = rest - rest.mean() if len(rest) else rest
    item_squares = float(np.sum(item_deviations**2))
    rest_squares = float(np.sum(rest_deviations**2))
    if item_squares <= _NO_VARIANCE:
        return math.nan, SAME_ON_ITEM
    if rest_squares <= _NO_VARIANCE:
        return math.nan, SAME_ON_REST
    products = float(np.sum(item_deviations * rest_deviations))
    return products / math.sqrt(item_squares * rest_squares), ""


def _by_case(
    points: pd.DataFrame,
    maxima: pd.Series,
    cases: Mapping[str, str] | pd.Series | None,
    case_order: Sequence[str] | None,
) -> pd.DataFrame:
    """Each item's facility among each case's students (a column per case)."""
    if cases is None:
        return pd.DataFrame(index=points.columns)
    of = pd.Series(cases, dtype=object).reindex(points.index)
    keys = list(case_order) if case_order is not None else list(dict.fromkeys(of.dropna()))
    shares = points / maxima
    columns = {}
    for key in keys:
        members = shares[of == key]
        columns[case_column(key)] = (
            members.mean() if len(members) else pd.Series(math.nan, index=points.columns)
        )
    return pd.DataFrame(columns, index=points.columns, dtype=float)


def _flags(row: pd.Series, by_case: pd.Series) -> tuple[str, ...]:
    flags = []
    facility = row["facility"]
    if math.isnan(facility):
        return ()
    if facility >= TOO_EASY - _ROOM:
        flags.append(FLAG_TOO_EASY)
    if facility <= TOO_HARD + _ROOM:
        flags.append(FLAG_TOO_HARD)
    r = row["discrimination"]
    if math.isnan(r) or r < DISCRIMINATES - _ROOM:
        flags.append(FLAG_NO_DISCRIMINATION)
    if FLAG_TOO_HARD not in flags:
        for column, share in by_case.items():
            if not math.isnan(share) and share <= TOO_HARD + _ROOM:
                flags.append(f"{FLAG_HARD_ON_CASE} {column.removeprefix('facility_')}")
    return tuple(flags)

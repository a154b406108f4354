"""How far two codings of the same events agree: Cohen's kappa, for the course's two coders and
for a student who codes a sample against the course's final coding.

Kappa compares the share of rows on which two coders agree with the share they would agree on by
chance, given how often each used each code: ``(observed - chance) / (1 - chance)``. 1 is perfect
agreement, 0 no better than chance, below 0 worse. A partner column's codes are nominal (closer,
further, and an empty cell, which counts as its own category, "no bearing"); the weight is ordinal
(1 < 2 < 3), so it also gets a linearly weighted kappa, in which a disagreement of one step costs
half of one of two steps.

**Undefined kappa.** When both coders used one and the same category on every row (every cell
empty, say), chance agreement is 1 and kappa is 0/0: :func:`cohens_kappa` returns ``nan`` and the
tables print "undefined". It is not an error, because the course's placeholder coding is exactly
that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..course.errors import BadCodes, UnknownPartner
from ..course.vocabulary import PARTNER_COLUMNS, PARTNER_NAMES, PARTNER_WEIGHTS
from ..tables.coding import episode_companions
from ..tables.load import load_coding, load_events

#: The category an empty cell counts as.
NO_BEARING = "no bearing"
#: The twelve events every student codes, three from each period of the independent state (the
#: prologue's rows have no partner steps to code). Drawn once, on 6 December 2026, as the first
#: three ids of each period by a SHA-256 hash of "issue-22-sample:<id>", then frozen: drawing again
#: whenever events are added would change the sample under a student's saved codes (adding the
#: events of issue 23 would have swapped one).
SAMPLE_IDS = (
    "2001-putin-visits-baku",
    "2007-madrid-basic-principles",
    "2008-unga-resolution-62-243",
    "2009-eastern-partnership-launch",
    "2010-gates-delivers-obama-letter",
    "2014-mammadyarov-ukraine-statement",
    "2015-milli-majlis-quits-euronest",
    "2015-gazprom-gas-to-azerbaijan",
    "2018-tanap-opens",
    "2020-southern-gas-corridor-first-gas-europe",
    "2021-russian-turkish-monitoring-centre-opens",
    "2023-aliyev-guest-at-eaeu-summit",
)


def _category(value) -> object:
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))  # True == 1 in Python, but True is not a code
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return NO_BEARING
    if isinstance(value, str) and not value.strip():
        return NO_BEARING
    if isinstance(value, (int, np.integer, float, np.floating)):
        return int(value) if float(value).is_integer() else float(value)
    return value


def _paired(first, second) -> tuple[list, list]:
    """The two codings' categories, row by row: Series are matched on their index (ids)."""
    if isinstance(first, pd.Series) and isinstance(second, pd.Series):
        only_first = sorted(map(str, set(first.index) - set(second.index)))
        only_second = sorted(map(str, set(second.index) - set(first.index)))
        if only_first or only_second:
            raise BadCodes(
                "The two codings are not of the same events. "
                + (f"Only in the first: {', '.join(only_first)}. " if only_first else "")
                + (f"Only in the second: {', '.join(only_second)}." if only_second else "")
            )
        second = second.reindex(first.index)
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise BadCodes(f"The codings have {len(first)} and {len(second)} rows: pair them first.")
    if not first:
        raise BadCodes("There are no rows to compare.")
    return [_category(v) for v in first], [_category(v) for v in second]


def cohens_kappa(
    first: pd.Series | Sequence,
    second: pd.Series | Sequence,
    *,
    weights: str | None = None,
    categories: Sequence | None = None,
) -> float:
    """Cohen's kappa of two codings of the same rows (``nan`` when undefined, see above).

    Two Series are paired on their index (event ids), and ids in one only are an error naming
    them; two plain sequences are paired by position. ``weights="linear"`` gives the linearly
    weighted kappa of an ordinal code, on the scale ``categories`` (ordered numbers; by default the
    codes seen, sorted).

    >>> cohens_kappa([1, None, 1, -1], [1, None, -1, -1])
    0.6363636363636364
    """
    a, b = _paired(first, second)
    if weights is None:
        scale = sorted(set(a) | set(b), key=str)
        agree = np.eye(len(scale))
    elif weights == "linear":
        scale = list(categories) if categories is not None else sorted(set(a) | set(b))
        outside = sorted({v for v in a + b if v not in scale}, key=str)
        if outside:
            raise BadCodes(f"Codes outside the scale {scale}: {outside}")
        steps = max(len(scale) - 1, 1)
        positions = np.arange(len(scale))
        agree = 1 - np.abs(positions[:, None] - positions[None, :]) / steps
    else:
        raise ValueError(f"weights is None or 'linear', not {weights!r}")
    index = {code: i for i, code in enumerate(scale)}
    table = np.zeros((len(scale), len(scale)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    table /= table.sum()
    observed = float((agree * table).sum())
    chance = float((agree * np.outer(table.sum(axis=1), table.sum(axis=0))).sum())
    if np.isclose(chance, 1.0):
        return float("nan")
    return (observed - chance) / (1 - chance)


def _check_ids(first: pd.DataFrame, second: pd.DataFrame) -> None:
    for name, table in (("first", first), ("second", second)):
        doubled = sorted(table.loc[table["id"].duplicated(), "id"].unique())
        if doubled:
            raise BadCodes(f"The {name} coding has these ids more than once: {', '.join(doubled)}")


def coding_agreement(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """One row per partner column, one for the weight and one for the episode: the rows compared,
    the share on which the two codings agree, kappa, and for the weight the linearly weighted
    kappa (an episode agrees when both codings group the row with the same rows; it has no kappa).

    Both tables have an ``id`` column and the coded columns (as :func:`load_coding` gives them);
    they must code the same events.
    """
    _check_ids(first, second)
    a, b = first.set_index("id"), second.set_index("id")
    rows = []
    for code, column in PARTNER_COLUMNS.items():
        rows.append(_agreement_row(column, PARTNER_NAMES[code], a[column], b[column], None))
    rows.append(_agreement_row("weight", "weight", a["weight"], b["weight"], PARTNER_WEIGHTS))
    rows.append(_episode_row(first, second))
    return pd.DataFrame(rows)


def _episode_row(first: pd.DataFrame, second: pd.DataFrame) -> dict:
    """Episodes agree on a row when both codings group it with the same rows (the slugs each
    coder wrote do not matter); an episode has no fixed set of categories, so no kappa."""
    a = episode_companions(first[["id", "episode"]].astype(str).to_dict("records"))
    b = episode_companions(second[["id", "episode"]].astype(str).to_dict("records"))
    same = [a[i] == b.get(i) for i in a]
    return {
        "column": "episode",
        "name": "episode",
        "rows": len(same),
        "share_agreeing": float(np.mean(same)),
        "kappa": float("nan"),
        "weighted_kappa": float("nan"),
    }


def _agreement_row(column, name, a, b, scale) -> dict:
    x, y = _paired(a, b)
    return {
        "column": column,
        "name": name,
        "rows": len(x),
        "share_agreeing": float(np.mean([p == q for p, q in zip(x, y, strict=True)])),
        "kappa": cohens_kappa(a, b),
        "weighted_kappa": (
            cohens_kappa(a, b, weights="linear", categories=scale)
            if scale is not None
            else float("nan")
        ),
    }


def _number(value: float) -> str:
    return "undefined" if np.isnan(value) else f"{value:.2f}"


def agreement_table(folder: Path | str | None = None) -> str:
    """The codebook's Agreement table (Markdown), computed from the two codings in ``folder``."""
    folder = Path(folder) if folder is not None else None
    table = coding_agreement(load_coding("a", folder), load_coding("b", folder))
    lines = [
        "| coded column | rows | share agreeing | kappa | weighted kappa |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in table.itertuples():
        weighted = "-" if row.column != "weight" else _number(row.weighted_kappa)
        kappa = "-" if row.column == "episode" else _number(row.kappa)
        lines.append(
            f"| `{row.column}` | {row.rows} | {100 * row.share_agreeing:.0f} % "
            f"| {kappa} | {weighted} |"
        )
    return "\n".join(lines) + "\n"


def sample_to_code(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fixed sample of events for a student to code (:data:`SAMPLE_IDS`), with their id, date,
    title and summary and no codes, oldest first."""
    events = load_events() if events is None else events
    missing = sorted(set(SAMPLE_IDS) - set(events["id"]))
    if missing:
        raise ValueError(f"The events to code are not all in the table: {', '.join(missing)}")
    picked = events[events["id"].isin(SAMPLE_IDS)]
    return picked.sort_values(["date", "id"])[["id", "date", "title", "summary"]].reset_index(
        drop=True
    )


def partner_column(partner: str) -> str:
    """The events' column of a partner named by its code (``"russia"``) or column
    (``"to_russia"``), or :class:`UnknownPartner` listing them."""
    if partner in PARTNER_COLUMNS:
        return PARTNER_COLUMNS[partner]
    if partner in PARTNER_COLUMNS.values():
        return partner
    raise UnknownPartner(
        f"{partner!r} is not a partner of the coding. Use one of: {', '.join(PARTNER_COLUMNS)}"
    )


def _student_codes(my_codes, column: str) -> pd.Series:
    if isinstance(my_codes, pd.DataFrame):
        value = column if column in my_codes.columns else "code"
        if "id" not in my_codes.columns or value not in my_codes.columns:
            raise BadCodes(
                f"A table of codes needs an 'id' column and a '{column}' (or 'code') column; "
                f"it has {', '.join(map(str, my_codes.columns))}"
            )
        if my_codes["id"].duplicated().any():
            twice = sorted(my_codes.loc[my_codes["id"].duplicated(), "id"].unique())
            raise BadCodes(f"These ids are coded more than once: {', '.join(twice)}")
        return pd.Series(list(my_codes[value]), index=list(my_codes["id"]), dtype=object)
    if isinstance(my_codes, Mapping):
        return pd.Series(list(my_codes.values()), index=list(my_codes), dtype=object)
    raise BadCodes("Give your codes as a dict (event id -> 1, -1 or None) or a table.")


def my_agreement(
    my_codes: Mapping[str, int | None] | pd.DataFrame,
    partner: str,
    events: pd.DataFrame | None = None,
) -> pd.Series:
    """A student's codes of :func:`sample_to_code`'s events toward one partner, against the
    course's final coding: the rows, the share agreeing and kappa (``nan`` when undefined).

    ``my_codes`` maps each sampled event's id to ``1`` (closer), ``-1`` (further) or ``None`` (no
    bearing), or is a table with an ``id`` column and the partner's column (or ``code``). An id
    not in the sample, an id of the sample left out, or another value is a :class:`BadCodes`
    naming them.
    """
    column = partner_column(partner)
    events = load_events() if events is None else events
    sample = list(sample_to_code(events)["id"])
    mine = _student_codes(my_codes, column)
    unknown = sorted(map(str, set(mine.index) - set(sample)))
    if unknown:
        raise BadCodes(f"These ids are not in the sample to code: {', '.join(unknown)}")
    missing = [i for i in sample if i not in set(mine.index)]
    if missing:
        raise BadCodes(f"Code every event of the sample; these are missing: {', '.join(missing)}")
    bad = {i: v for i, v in mine.items() if _category(v) not in (1, -1, NO_BEARING)}
    if bad:
        shown = ", ".join(f"{i}: {v!r}" for i, v in bad.items())
        raise BadCodes(f"A code is 1 (closer), -1 (further) or None (no bearing), not {shown}")
    final = events.set_index("id").loc[sample, column]
    x, y = _paired(mine.reindex(sample), final)
    name = PARTNER_NAMES[column.removeprefix("to_")]
    return pd.Series(
        {
            "partner": name,
            "rows": len(x),
            "share_agreeing": float(np.mean([p == q for p, q in zip(x, y, strict=True)])),
            "kappa": cohens_kappa(mine.reindex(sample), final),
        }
    )

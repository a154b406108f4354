"""The course's periods, derived from dates and never typed into a table.

A prologue, 1988-1990, holds the Karabakh movement and the violence before independence, when
Baku had no foreign policy of its own; the balance index, the partner indices and the periods'
comparisons count from independence, over :data:`STATE_PERIODS`. The other boundaries follow the
brief's three turns and the years after it (see data/README.md): the balancing act from
independence; the shift that starts with Russia's war on Georgia
(7 August 2008) as Western attention ebbs; the pacification of Russia from the annexation of
Crimea (18 March 2014); and, from 2020, the years in which the brief meets history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date  # first day inside the period
    end: date  # last day inside the period


PERIODS: tuple[Period, ...] = (
    Period("prologue", "1988–1990: before independence", date(1988, 1, 1), date(1990, 12, 31)),
    Period("balancing", "1991–2008: the balancing act", date(1991, 1, 1), date(2008, 8, 6)),
    Period("shift", "2008–2014: the West steps back", date(2008, 8, 7), date(2014, 3, 17)),
    Period("pacification", "2014–2019: pacifying Russia", date(2014, 3, 18), date(2019, 12, 31)),
    Period(
        "after_brief", "2020–2025: the brief meets history", date(2020, 1, 1), date(2025, 12, 31)
    ),
)

PERIOD_KEYS: tuple[str, ...] = tuple(p.key for p in PERIODS)
#: The periods of the independent state, from 1991: those a verdict on Baku's policy compares.
STATE_PERIODS: tuple[Period, ...] = PERIODS[1:]
STATE_PERIOD_KEYS: tuple[str, ...] = tuple(p.key for p in STATE_PERIODS)


def period_of(day: date) -> str:
    """The key of the period that contains ``day``.

    >>> period_of(date(2014, 3, 18))
    'pacification'
    """
    for period in PERIODS:
        if period.start <= day <= period.end:
            return period.key
    raise ValueError(
        f"{day.isoformat()} lies outside the course's periods "
        f"({PERIODS[0].start.isoformat()} to {PERIODS[-1].end.isoformat()})"
    )


def assign_periods(dates: pd.Series) -> pd.Series:
    """An ordered categorical of period keys, one per date in ``dates``."""
    edges = [pd.Timestamp(p.start) for p in PERIODS] + [
        pd.Timestamp(PERIODS[-1].end) + pd.Timedelta(days=1)
    ]
    dates = pd.to_datetime(dates)
    outside = dates[(dates < edges[0]) | (dates >= edges[-1])]
    if not outside.empty:
        raise ValueError(
            f"{outside.iloc[0].date().isoformat()} lies outside the course's periods "
            f"({PERIODS[0].start.isoformat()} to {PERIODS[-1].end.isoformat()})"
        )
    return pd.cut(dates, bins=edges, right=False, labels=list(PERIOD_KEYS), ordered=True)


def period_table() -> pd.DataFrame:
    """One row per period, with its label and first and last days (for chart bands)."""
    return pd.DataFrame(
        {
            "period": [p.key for p in PERIODS],
            "label": [p.label for p in PERIODS],
            "start": [pd.Timestamp(p.start) for p in PERIODS],
            "end": [pd.Timestamp(p.end) for p in PERIODS],
        }
    )

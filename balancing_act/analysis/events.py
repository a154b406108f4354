"""Choosing events: by years, categories, actors and words, as the timeline widget and the
lessons' tasks do.
"""

from __future__ import annotations

import pandas as pd

from ..course.vocabulary import COURSE_YEARS
from ..tables.codebook import split_ids


def filter_events(
    events: pd.DataFrame,
    years: tuple[int, int] = COURSE_YEARS,
    categories: list[str] | tuple[str, ...] | None = None,
    actors: list[str] | tuple[str, ...] | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Events inside ``years`` (inclusive) in the chosen categories, with any chosen actor,
    whose title or summary contains ``text`` (any case).

    ``categories=None`` keeps every category; an empty list keeps none. ``actors=None`` or an
    empty list keeps every actor.

    >>> from balancing_act.tables.load import load_events
    >>> early_energy = filter_events(load_events(), years=(1991, 2007), categories=["energy"])
    >>> bool(early_energy["year"].between(1991, 2007).all()), set(early_energy["category"])
    (True, {'energy'})
    """
    keep = events["year"].between(*years)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if actors:
        wanted = set(actors)
        keep &= events["actors"].map(lambda cell: bool(wanted & set(split_ids(cell))))
    if text.strip():
        needle = text.strip()
        keep &= events["title"].str.contains(needle, case=False, regex=False) | events[
            "summary"
        ].str.contains(needle, case=False, regex=False)
    return events[keep]

"""The economy behind the politics: World Bank indicators for Azerbaijan, Armenia and Georgia."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..course.errors import EmptySelection, UnknownIndicator
from ..course.vocabulary import INDICATOR_TITLES, check_country


def indicator_values(
    indicator: str,
    countries: Iterable[str] = ("AZE", "ARM", "GEO"),
    years: tuple[int, int] | None = None,
    *,
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One indicator's values for ``countries`` (ISO codes) inside ``years`` (both included).

    Columns ``country``, ``year``, ``value``, ``unit`` and ``vintage``, by country and year.

    >>> oil = indicator_values("oil_rents_pct_gdp", ["AZE"], (2008, 2009))
    >>> oil["year"].tolist(), oil["value"].tolist()
    ([2008, 2009], [37.0912, 24.612])
    """
    from ..tables.load import load_indicators

    indicators = load_indicators() if indicators is None else indicators
    if indicator not in INDICATOR_TITLES:
        raise UnknownIndicator(
            f"{indicator!r} is not an indicator in this table. Use one of: "
            + ", ".join(INDICATOR_TITLES)
        )
    countries = [check_country(c, indicators["country"].unique()) for c in countries]
    rows = indicators[
        (indicators["indicator"] == indicator) & indicators["country"].isin(countries)
    ]
    if years is not None:
        first, last = (int(y) for y in years)
        if first > last:
            raise ValueError(f"A window of years runs from the earlier year: ({last}, {first}).")
        rows = rows[rows["year"].between(first, last)]
    if rows.empty:
        span = f" between {years[0]} and {years[1]}" if years is not None else ""
        raise EmptySelection(f"No values of {indicator} for {', '.join(countries)}{span}.")
    columns = ["country", "year", "value", "unit", "vintage"]
    return rows[columns].sort_values(["country", "year"], ignore_index=True)

"""Two countries side by side on one outside measure, and the course's own index set against them.

Every measure here comes from data nobody on the course coded (see :mod:`balancing_act.unvotes`,
:mod:`balancing_act.arms` and :mod:`balancing_act.indicators`): UN ideal points and votes, SIPRI's
arms deliveries and the World Bank's indicators. :func:`compare_countries` puts two countries'
values on one measure in a table, year by year, with the gap between them; the widget of
lesson 9 (:mod:`balancing_act.comparison_widget`) draws it. :func:`index_against_measures` sets
the course's balance index, period by period, beside Azerbaijan's UN ideal point and Russia's
share of its arms.

Pandas only: graded notebooks call these without paying for Altair.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..course.errors import EmptySelection, UnknownMeasure
from ..course.vocabulary import ARMS_RECIPIENTS, country_name

#: Whose measures "distance to" and "same vote as" are taken from.
REFERENCES = {"RUS": "Russia", "USA": "the United States"}


@dataclass(frozen=True)
class Measure:
    """One measure a country can be compared on: what it is, where it comes from, whom it covers.

    ``values(country, years)`` returns the country's ``year`` and ``value`` (and, for the arms
    windows, a ``label``); ``countries()`` the ISO codes it covers.
    """

    key: str
    title: str  # the axis title, with the unit
    source: str  # the id of the dataset in data/sources.csv
    values: Callable[[str, tuple[int, int] | None], pd.DataFrame]
    countries: Callable[[], list[str]]
    reading: str  # how to read it, in a sentence


def _ideal_point(country, years):
    from .unvotes import ideal_points

    rows = ideal_points([country], years)
    return rows.rename(columns={"ideal_point": "value"})[["year", "value"]]


def _ideal_point_countries():
    from ..tables.load import load_un_ideal_points

    return sorted(load_un_ideal_points()["country"].unique())


def _distance_to(reference):
    def values(country, years):
        from .unvotes import ideal_point_distance

        rows = ideal_point_distance(country, reference, years)
        return rows.rename(columns={"distance": "value"})[["year", "value"]]

    return values


def _agreement_with(reference):
    def values(country, years):
        from .unvotes import yearly_vote_agreement

        rows = yearly_vote_agreement(country, reference, years)
        return pd.DataFrame({"year": rows["year"], "value": 100 * rows["agreement"]})

    return values


def _voting_countries():
    from .unvotes import votes_countries

    return votes_countries()


def _others(countries: Callable[[], list[str]], reference: str) -> Callable[[], list[str]]:
    return lambda: [c for c in countries() if c != reference]


def _russia_arms_share(country, years):
    from .arms import DEFAULT_WINDOWS, supplier_shares_by_window

    windows = DEFAULT_WINDOWS
    if years is not None:
        first, last = (int(y) for y in years)
        windows = [(a, b) for a, b in DEFAULT_WINDOWS if a >= first and b <= last]
        if not windows:
            raise EmptySelection(
                f"No whole five-year window of arms deliveries lies between {first} and {last}."
            )
    shares = supplier_shares_by_window(country, windows)
    rows = []
    for (window, end), one in shares.groupby(["window", "last_year"], sort=False):
        russia = one.loc[one["supplier"] == "Russia", "share"].sum()
        rows.append({"year": int(end), "value": float(russia), "label": window})
    return pd.DataFrame(rows)


def _indicator(code):
    def values(country, years):
        from .indicators import indicator_values

        rows = indicator_values(code, [country], years)
        return rows[["year", "value"]]

    return values


def _indicator_countries(code):
    def countries():
        from ..tables.load import load_indicators

        table = load_indicators()
        return sorted(table.loc[table["indicator"] == code, "country"].unique())

    return countries


def _measures() -> dict[str, Measure]:
    from ..course.vocabulary import INDICATOR_TITLES

    found = {
        "ideal_point": Measure(
            "ideal_point",
            "UN ideal point (final-passage votes)",
            "dataverse-2025-unga-ideal-points",
            _ideal_point,
            _ideal_point_countries,
            "Higher is closer to the US-led order in the General Assembly; every country's "
            "point moves with its own votes.",
        )
    }
    for code, name in REFERENCES.items():
        key = f"distance_to_{code.lower()}"
        found[key] = Measure(
            key,
            f"Distance to {name} (UN ideal points)",
            "dataverse-2025-unga-ideal-points",
            _distance_to(code),
            _others(_ideal_point_countries, code),
            f"Smaller is closer to {name}; it shrinks when either country moves.",
        )
    for code, name in REFERENCES.items():
        key = f"agreement_with_{code.lower()}"
        found[key] = Measure(
            key,
            f"Same UN vote as {name} (% of roll calls, 1992-2019)",
            "dataverse-2025-unga-ideal-points",
            _agreement_with(code),
            _others(_voting_countries, code),
            "The share of roll calls in which both voted and cast the same vote.",
        )
    found["russia_arms_share"] = Measure(
        "russia_arms_share",
        "Russia's share of arms delivered (% of SIPRI TIV, five-year windows)",
        "sipri-2024-deliveries-by-year",
        _russia_arms_share,
        lambda: list(ARMS_RECIPIENTS),
        "Each point is one window (2000-2023, five years, the last four), drawn at its last year; "
        "the share is of very different totals, so read the TIV beside it "
        "(ba.arms_supplier_shares).",
    )
    for code, title in INDICATOR_TITLES.items():
        found[code] = Measure(
            code,
            title,
            {
                "remittances_pct_gdp": "worldbank-2022-wdi-remittances",
                "oil_rents_pct_gdp": "worldbank-2023-wdi-oil-rents",
                "fuel_exports_pct_merchandise_exports": "worldbank-2023-wdi-fuel-exports",
                "gdp_growth_annual_pct": "worldbank-2025-wdi-gdp-growth",
            }[code],
            _indicator(code),
            _indicator_countries(code),
            "World Bank, World Development Indicators.",
        )
    return found


#: Every measure a country can be compared on, by key.
MEASURES: Mapping[str, Measure] = _measures()


def measure(key: str) -> Measure:
    """The measure called ``key``, or an error listing the keys there are.

    >>> measure("ideal_point").title
    'UN ideal point (final-passage votes)'
    """
    if key not in MEASURES:
        raise UnknownMeasure(
            f"{key!r} is not a measure of the comparison. Use one of: {', '.join(MEASURES)}"
        )
    return MEASURES[key]


def measure_countries(key: str) -> list[str]:
    """The ISO codes of the countries that ``key`` covers.

    >>> measure_countries("russia_arms_share")
    ['AZE', 'ARM', 'GEO']
    """
    return measure(key).countries()


def compare_countries(
    key: str, a: str | None, b: str | None, years: tuple[int, int] | None = None
) -> pd.DataFrame:
    """Countries ``a`` and ``b`` (ISO codes) on measure ``key``, year by year, inside ``years``.

    Columns ``year``, ``label`` (the year, or the arms window), one column per country and
    ``gap`` (``a`` minus ``b``, empty where one of them has no value). An empty choice, the same
    country twice or a country the measure does not cover is an :class:`EmptySelection` whose
    text says what to pick instead.

    >>> table = compare_countries("distance_to_rus", "AZE", "ARM", (2014, 2014))
    >>> table.columns.tolist()
    ['year', 'label', 'AZE', 'ARM', 'gap']
    >>> table[["AZE", "ARM"]].round(2).values.tolist()
    [[0.42, 0.04]]
    """
    chosen = measure(key)
    if not a or not b:
        raise EmptySelection("Pick two countries to compare.")
    if a == b:
        raise EmptySelection(f"Pick two different countries: both are {country_name(a)}.")
    covered = chosen.countries()
    outside = [c for c in (a, b) if c not in covered]
    if outside:
        names = ", ".join(country_name(c) for c in covered)
        raise EmptySelection(
            f"{chosen.title} does not cover {' or '.join(country_name(c) for c in outside)}. "
            f"Pick among: {names}."
        )
    parts, reasons = [], set()
    for code in (a, b):
        try:
            rows = chosen.values(code, years)
        except EmptySelection as empty:  # none for this country here; the other may have some
            reasons.add(str(empty))
            continue
        if "label" not in rows:
            rows = rows.assign(label=rows["year"].astype(str))
        parts.append(rows.assign(country=code))
    if not parts:
        if len(reasons) == 1:  # one reason for both, such as no whole window in the years
            raise EmptySelection(reasons.pop())
        span = f" between {years[0]} and {years[1]}" if years is not None else ""
        raise EmptySelection(
            f"Neither {country_name(a)} nor {country_name(b)} has values of {chosen.title}{span}."
        )
    long = pd.concat(parts, ignore_index=True)
    # Unstacked, not pivoted (one value per country and year): the same table, in a fifth of
    # the time, which the comparison widget pays on every move.
    wide = long.set_index(["year", "label", "country"])["value"].unstack("country")
    wide = wide.dropna(how="all").sort_index().reindex(columns=[a, b]).reset_index()
    wide.columns.name = None
    wide["gap"] = wide[a] - wide[b]
    return wide.sort_values("year", ignore_index=True)


def comparison_summary(table: pd.DataFrame) -> str:
    """A sentence on a :func:`compare_countries` table: where each country starts and ends, and
    the year the two lie furthest apart.

    >>> print(comparison_summary(compare_countries("ideal_point", "AZE", "GEO", (2000, 2024))))
    Azerbaijan: 0.03 in 2000, -0.66 in 2024. Georgia: 0.85 in 2000, 0.89 in 2024. They lie furthest apart in 2020 (gap -1.64).
    """
    a, b = [c for c in table.columns if c not in ("year", "label", "gap")]
    parts = []
    for code in (a, b):
        known = table.dropna(subset=[code])
        if known.empty:
            parts.append(f"{country_name(code)}: no values.")
            continue
        start, end = known.iloc[0], known.iloc[-1]
        parts.append(
            f"{country_name(code)}: {start[code]:.2f} in {start['label']}, "
            f"{end[code]:.2f} in {end['label']}."
        )
    both = table.dropna(subset=["gap"])
    if not both.empty:
        widest = both.loc[both["gap"].abs().idxmax()]
        parts.append(f"They lie furthest apart in {widest['label']} (gap {widest['gap']:+.2f}).")
    return " ".join(parts)


def period_years() -> pd.DataFrame:
    """The calendar years of each period of the independent state (the prologue is left out), a year counting for the period it
    ends in (so 2008 is the West stepping back, 2014 pacifying Russia).

    >>> period_years()[["period", "first_year", "last_year"]].values.tolist()
    [['balancing', 1991, 2007], ['shift', 2008, 2013], ['pacification', 2014, 2019], ['after_brief', 2020, 2025]]
    """
    from ..course.periods import STATE_PERIODS, period_of

    rows = []
    for period in STATE_PERIODS:
        years = [
            y
            for y in range(period.start.year, period.end.year + 1)
            if period_of(date(y, 12, 31)) == period.key
        ]
        rows.append(
            {
                "period": period.key,
                "label": period.label,
                "first_year": years[0],
                "last_year": years[-1],
            }
        )
    return pd.DataFrame(rows)


def _change(values: pd.Series, first: int, last: int) -> float:
    """How far ``values`` (indexed by year) moved over ``first``..``last``: from the last value
    before ``first`` (or the first inside, for the first period) to the last value inside."""
    inside = values[(values.index >= first) & (values.index <= last)].dropna()
    if inside.empty:
        return float("nan")
    before = values[values.index < first].dropna()
    start = before.iloc[-1] if not before.empty else inside.iloc[0]
    return float(inside.iloc[-1] - start)


def index_against_measures(weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The course's balance index beside the outside measures, one row per period.

    Columns: ``period``, ``first_year``, ``last_year``; ``index_change`` (the weighted net score
    of the period's years: + toward the West); ``ideal_point_change`` (Azerbaijan's UN ideal
    point, + toward the US-led order), ``russia_ideal_point_change`` (Russia's own),
    ``distance_to_rus_change`` and ``distance_to_usa_change`` (+ further apart), each from the
    last year before the period to its last year with data; ``russia_arms_share`` (Russia's
    per cent of the arms delivered to Azerbaijan in the period's years that SIPRI's per-year
    values cover, named in ``arms_years``) beside ``russia_arms_tiv`` (the volume behind it, TIV
    millions); ``ideal_point_verdict``, Baku's change judged by the noise rule
    (:func:`~balancing_act.analysis.unvotes.judge_change`); ``agree`` and ``part``: True where
    Baku's point moved beyond its noise the same way as the index, or the other way. Where it
    did not move beyond the noise both are False: such a change has no direction to compare.

    >>> table = index_against_measures()
    >>> table[["period", "ideal_point_verdict", "part"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['balancing', 'moved down', True], ['shift', 'moved down', True],
     ['pacification', 'no change beyond the noise', False],
     ['after_brief', 'no change beyond the noise', False]]
    """
    from ..tables.load import load_events, load_un_ideal_points
    from .arms import DELIVERY_YEARS, arms_supplier_shares
    from .balance_index import balance_index
    from .unvotes import MOVED_UP, NO_CHANGE, period_changes

    index = balance_index(load_events(), weights).set_index("year")["net"]
    points = load_un_ideal_points().pivot_table(
        index="year", columns="country", values="ideal_point"
    )
    baku, moscow, washington = points["AZE"], points["RUS"], points["USA"]
    rows = []
    for span in period_years().itertuples():
        first, last = span.first_year, span.last_year
        # Arms: the period's years that SIPRI's per-year delivery values cover.
        arms_first, arms_last = max(first, DELIVERY_YEARS[0]), min(last, DELIVERY_YEARS[1])
        try:
            shares = arms_supplier_shares("AZE", (arms_first, arms_last))
            russia = float(shares.loc[shares["supplier"] == "Russia", "share"].sum())
            russia_tiv = float(shares.loc[shares["supplier"] == "Russia", "tiv"].sum())
            arms_years = f"{arms_first}-{arms_last}"
        except (EmptySelection, ValueError):
            russia, russia_tiv, arms_years = float("nan"), float("nan"), ""
        rows.append(
            {
                "period": span.period,
                "first_year": first,
                "last_year": last,
                "index_change": float(index[(index.index >= first) & (index.index <= last)].sum()),
                "ideal_point_change": _change(baku, first, last),
                "russia_ideal_point_change": _change(moscow, first, last),
                "distance_to_rus_change": _change((baku - moscow).abs(), first, last),
                "distance_to_usa_change": _change((baku - washington).abs(), first, last),
                "russia_arms_share": russia,
                "russia_arms_tiv": russia_tiv,
                "arms_years": arms_years,
            }
        )
    table = pd.DataFrame(rows)
    verdicts = period_changes("AZE", period_years()).set_index("period")["verdict"]
    table["ideal_point_verdict"] = table["period"].map(verdicts).fillna(NO_CHANGE)
    moved = table["ideal_point_verdict"] != NO_CHANGE
    up = table["ideal_point_verdict"] == MOVED_UP
    index_up, index_down = table["index_change"] > 0, table["index_change"] < 0
    table["agree"] = moved & ((up & index_up) | (~up & index_down))
    table["part"] = moved & ((up & index_down) | (~up & index_up))
    return table

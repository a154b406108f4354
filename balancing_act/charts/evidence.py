"""Charts of the evidence nobody here coded: UN ideal points and votes, arms suppliers, economy.

Each builder computes with :mod:`balancing_act.unvotes`, :mod:`balancing_act.arms` or
:mod:`balancing_act.indicators` (pandas only, so graded notebooks need not load Altair) and draws
in the course's theme: a title and a description for screen readers (:func:`charts.describe`),
labelled axes, years on the course's shared year axis (a year's value under its year's label,
lines broken where a year has no value), Okabe-Ito colours with a second encoding (line dash)
for readers who cannot tell the colours apart, and one legend per encoding.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from ..analysis.arms import DEFAULT_WINDOWS, supplier_shares_by_window
from ..analysis.indicators import indicator_values
from ..analysis.unvotes import BAND, ideal_points, yearly_vote_agreement
from ..course.errors import EmptySelection
from ..course.vocabulary import (
    ARMS_RECIPIENTS,
    INDICATOR_TITLES,
    OKABE_ITO,
    OTHER_SUPPLIERS,
    OTHER_SUPPLIERS_COLOUR,
    SIPRI_NAMES,
    SUPPLIER_COLOURS,
    country_name,
)
from .accessibility import describe
from .axes import with_gaps, year_x, yearly_positions
from .lines import country_colours, yearly_lines


def _country_lines(
    rows: pd.DataFrame,
    codes: list[str],
    value: str,
    value_title: str,
    fmt: str,
    layers: tuple[alt.Chart, ...] = (),
) -> alt.LayerChart:
    """One line per country over the years it has values, in its colour and dash."""
    years = int(rows["year"].min()), int(rows["year"].max())
    return yearly_lines(
        rows[["name", "year", value]],
        years,
        country_colours(codes),
        group_title="Country",
        value_title=value_title,
        value=value,
        axis_format=fmt,
        value_format=fmt,
        layers=layers,
    )


#: The y-axis title of the ideal-point chart, lines and bands alike.
IDEAL_POINT_TITLE = "Ideal point (final-passage votes)"


def _bands(rows: pd.DataFrame, codes: list[str]) -> alt.Chart:
    """Each country's 90 % band (its ideal point's 5 % to 95 % quantiles), shaded in its colour."""
    colours = country_colours(codes)
    years = int(rows["year"].min()), int(rows["year"].max())
    shaded = with_gaps(rows[["name", "year", *BAND]], "name")
    shaded["date"] = yearly_positions(shaded["year"])
    return (
        alt.Chart(shaded, name="bands")
        .mark_area(opacity=0.15)
        .encode(
            x=year_x("date", *years),
            y=alt.Y(f"{BAND[0]}:Q", title=IDEAL_POINT_TITLE),
            y2=f"{BAND[1]}:Q",
            tooltip=[
                alt.Tooltip("name:N", title="Country"),
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip(f"{BAND[0]}:Q", title="5 % quantile", format=".2f"),
                alt.Tooltip(f"{BAND[1]}:Q", title="95 % quantile", format=".2f"),
            ],
            color=alt.Color(
                "name:N",
                title="Country",
                scale={"domain": list(colours), "range": list(colours.values())},
            ),
            detail="name:N",
        )
    )


def _first_and_last(rows: pd.DataFrame, value: str, fmt: str) -> str:
    parts = []
    for name, one in rows.groupby("name", sort=False):
        one = one.sort_values("year")
        start, end = one.iloc[0], one.iloc[-1]
        parts.append(
            f"{name} {format(start[value], fmt)} in {int(start['year'])}, "
            f"{format(end[value], fmt)} in {int(end['year'])}"
        )
    return "; ".join(parts)


def ideal_point_chart(
    countries: Iterable[str] = ("AZE", "RUS", "USA", "TUR"),
    years: tuple[int, int] | None = None,
    *,
    points: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Countries' UN ideal points (final-passage votes) year by year, over the period bands."""
    codes = list(countries)
    rows = ideal_points(codes, years, points=points)
    rows = rows.assign(name=rows["country"].map(country_name))
    codes = [c for c in codes if c in set(rows["country"])]
    banded = all(c in rows for c in BAND)
    chart = _country_lines(
        rows,
        codes,
        "ideal_point",
        IDEAL_POINT_TITLE,
        ".2f",
        (_bands(rows, codes),) if banded else (),
    )
    first, last = int(rows["year"].min()), int(rows["year"].max())
    names = ", ".join(country_name(c) for c in codes)
    band = ""
    if banded:
        widths = rows[BAND[1]] - rows[BAND[0]]
        band = (
            " Around each line a lighter band in its colour runs from the estimate's 5 % to its "
            "95 % posterior quantile (the release's own uncertainty; the band is "
            f"{widths.min():.2f} to {widths.max():.2f} wide here), so a change smaller than "
            "the bands' width may be noise."
        )
    return describe(
        chart,
        f"UN General Assembly ideal points, {first}–{last}",
        f"Line chart of the UN General Assembly ideal points of {names} from {first} to {last}, "
        f"estimated from final-passage votes (Bailey, Strezhnev and Voeten), over shaded bands "
        f"for the course's periods. Higher values are closer to the US-led order.{band} "
        f"{_first_and_last(rows, 'ideal_point', '+.2f')}.",
        subtitle="Ideal points are relative. The light bands are each point's 90 % uncertainty.",
    )


def vote_agreement_chart(
    country: str = "AZE",
    partners: Iterable[str] = ("RUS", "USA", "TUR"),
    years: tuple[int, int] | None = None,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """How often ``country`` voted as each partner did, year by year, over the period bands."""
    codes = list(partners)
    if not codes:
        raise EmptySelection("Pick at least one country to compare with.")
    parts = [
        yearly_vote_agreement(country, p, years, votes=votes, roll_calls=roll_calls).assign(
            name=country_name(p)
        )
        for p in codes
    ]
    rows = pd.concat(parts, ignore_index=True)
    chart = _country_lines(rows, codes, "agreement", f"Same vote as {country_name(country)}", ".0%")
    first, last = int(rows["year"].min()), int(rows["year"].max())
    who = country_name(country)
    return describe(
        chart,
        f"How often {who} voted as others did in the UN General Assembly, {first}–{last}",
        f"Line chart of the share of roll calls in which {who} cast the same vote (yes, no or "
        f"abstain) as {', '.join(country_name(p) for p in codes)}, each year from {first} to "
        f"{last}, over shaded bands for the course's periods; absences are left out. "
        f"{_first_and_last(rows, 'agreement', '.0%')}.",
    )


def supplier_colours(suppliers: list[str]) -> list[str]:
    """Fixed colours for the usual suppliers (a country keeps its colour from the line charts),
    the unused Okabe-Ito colours in turn for the others, grey for the grouped rest."""
    fixed = {
        s: SUPPLIER_COLOURS[SIPRI_NAMES.get(s, s)]
        for s in suppliers
        if SIPRI_NAMES.get(s, s) in SUPPLIER_COLOURS
    }
    spare = iter(c for c in OKABE_ITO if c not in fixed.values())
    return [
        OTHER_SUPPLIERS_COLOUR if s == OTHER_SUPPLIERS else fixed.get(s) or next(spare)
        for s in suppliers
    ]


def arms_supplier_chart(
    recipient: str = "Azerbaijan",
    windows: Iterable[tuple[int, int]] = DEFAULT_WINDOWS,
    top: int = 5,
    *,
    deliveries: pd.DataFrame | None = None,
) -> alt.Chart:
    """Suppliers' shares of the arms delivered to ``recipient``, one stacked bar per window.

    The ``top`` suppliers over all the windows (by TIV delivered) keep their own colours; the
    rest are grouped as "Other suppliers".
    """
    if not 1 <= top <= len(OKABE_ITO):
        raise ValueError(f"top is between 1 and {len(OKABE_ITO)} suppliers.")
    windows = [(int(a), int(b)) for a, b in windows]
    shares = supplier_shares_by_window(recipient, windows, deliveries=deliveries)
    leaders = list(shares.groupby("supplier")["tiv"].sum().sort_values(ascending=False).index[:top])
    shares["shown"] = shares["supplier"].where(shares["supplier"].isin(leaders), OTHER_SUPPLIERS)
    rows = shares.groupby(["window", "first_year", "shown"], as_index=False).agg(
        tiv=("tiv", "sum"), share=("share", "sum"), total_tiv=("total_tiv", "first")
    )
    # The window's label carries its total, so no share is read without its volume.
    rows["window_total"] = rows["window"] + " (" + rows["total_tiv"].map("{:,.0f}".format) + " TIV)"
    rows["order"] = rows["shown"].map({s: i for i, s in enumerate([*leaders, OTHER_SUPPLIERS])})
    domain = leaders + ([OTHER_SUPPLIERS] if (rows["shown"] == OTHER_SUPPLIERS).any() else [])
    colours = supplier_colours(domain)
    name = ARMS_RECIPIENTS.get(recipient, recipient)
    window_order = list(rows.sort_values("first_year")["window"].unique())
    label_order = list(rows.sort_values("first_year")["window_total"].unique())
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y(
                "window_total:N",
                title="Window of delivery years (total TIV delivered)",
                sort=label_order,
            ),
            x=alt.X(
                "share:Q",
                title="Share of arms delivered (% of SIPRI TIV)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color(
                "shown:N",
                title="Supplier",
                scale=alt.Scale(domain=domain, range=colours),
                sort=domain,
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("window:N", title="Window"),
                alt.Tooltip("shown:N", title="Supplier"),
                alt.Tooltip("share:Q", title="Share (%)", format=".1f"),
                alt.Tooltip("tiv:Q", title="TIV delivered (millions)", format=".1f"),
                alt.Tooltip("total_tiv:Q", title="Window's total TIV (millions)", format=",.1f"),
            ],
        )
        .properties(height=alt.Step(28))
    )
    largest = (
        shares.sort_values("share", ascending=False).groupby("window", sort=False).first()
    ).reindex(window_order)
    summary = "; ".join(
        f"{w}: {r.supplier} {r.share:.0f}% ({r.tiv:,.0f} of {r.total_tiv:,.0f} TIV)"
        for w, r in largest.iterrows()
    )
    asked = [f"{a}-{b}" for a, b in windows]
    empty = [w for w in asked if w not in window_order]
    if empty:
        summary += f". No deliveries recorded in {', '.join(empty)}"
    return describe(
        chart,
        f"Who supplied {name}'s major arms",
        f"Stacked bars, one per window of years ({', '.join(window_order)}), of each supplier's "
        f"share of the SIPRI trend-indicator value delivered to {name}, from SIPRI's own "
        f"values by delivery year; the {top} largest suppliers have their own colours, the rest "
        f"are grouped, and each bar's tooltip gives the volume (TIV) behind the share. Largest "
        f"supplier in each window, with its volume and the window's total: {summary}.",
        subtitle="Information from the SIPRI Arms Transfers Database (deliveries by year, "
        "data of March 2024). Shares of very different totals: read the TIV beside each.",
    )


def indicator_chart(
    indicator: str,
    countries: Iterable[str] = ("AZE", "ARM", "GEO"),
    years: tuple[int, int] | None = None,
    *,
    indicators: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """One World Bank indicator for the chosen countries, year by year, over the period bands."""
    codes = list(countries)
    if not codes:
        raise EmptySelection("Pick at least one country.")
    rows = indicator_values(indicator, codes, years, indicators=indicators)
    rows = rows.assign(name=rows["country"].map(country_name))
    codes = [c for c in codes if c in set(rows["country"])]
    title = INDICATOR_TITLES[indicator]
    chart = _country_lines(rows, codes, "value", title, ".1f")
    first, last = int(rows["year"].min()), int(rows["year"].max())
    vintages = ", ".join(sorted(rows["vintage"].unique()))
    return describe(
        chart,
        f"{title.split(' (')[0]}, {first}–{last}",
        f"Line chart of {title} for {', '.join(country_name(c) for c in codes)} from {first} to "
        f"{last} (World Bank, World Development Indicators, data of {vintages}), over shaded "
        f"bands for the course's periods. {_first_and_last(rows, 'value', '.1f')}.",
        subtitle=f"World Bank, World Development Indicators (data of {vintages}).",
    )

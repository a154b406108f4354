"""Any two countries on any outside measure: the chart and the thin widget of lesson 9.

The arithmetic is in :mod:`balancing_act.comparison`; this module only draws its table (two
lines over the period bands, each country in its colour and dash from the evidence charts) and
wires four controls to it with the course's :class:`~balancing_act.explorer.ChartExplorer`.
"""

from __future__ import annotations

import altair as alt

from ..analysis.measures import compare_countries, comparison_summary, measure
from ..course.vocabulary import COUNTRY_COLOURS, SPARE_COLOURS, country_name
from .accessibility import describe
from .axes import fit_title, period_bands, with_gaps, year_x, yearly_positions
from .evidence import LINE_HEIGHT
from .theme import TIME_WIDTH

#: Line dashes for the first and the second country (a second encoding beside colour).
DASHES = ([1, 0], [6, 3])


def _colours(codes: list[str]) -> list[str]:
    spare = iter(c for c in SPARE_COLOURS if c not in {COUNTRY_COLOURS.get(k) for k in codes})
    return [COUNTRY_COLOURS.get(code) or next(spare) for code in codes]


def comparison_chart(
    key: str = "distance_to_rus",
    a: str = "AZE",
    b: str = "ARM",
    years: tuple[int, int] | None = None,
) -> alt.LayerChart:
    """Countries ``a`` and ``b`` on measure ``key`` year by year, over the course's periods."""
    chosen = measure(key)
    table = compare_countries(key, a, b, years)
    codes = [a, b]
    rows = table.melt(
        id_vars=["year", "label"], value_vars=codes, var_name="country", value_name="value"
    ).dropna(subset=["value"])
    rows["name"] = rows["country"].map(country_name)
    names = [country_name(c) for c in codes]
    first, last = int(table["year"].min()), int(table["year"].max())
    drawn = with_gaps(rows[["name", "year", "label", "value"]], "name")
    drawn["date"] = yearly_positions(drawn["year"])
    lines = (
        alt.Chart(drawn)
        .mark_line(point=True)
        .encode(
            x=year_x("date", first, last),
            y=alt.Y("value:Q", title=fit_title(chosen.title, LINE_HEIGHT)),
            color=alt.Color(
                "name:N", title="Country", scale=alt.Scale(domain=names, range=_colours(codes))
            ),
            strokeDash=alt.StrokeDash(
                "name:N", title="Country", scale=alt.Scale(domain=names, range=list(DASHES))
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Country"),
                alt.Tooltip("label:N", title="Year or window"),
                alt.Tooltip("value:Q", title=chosen.title, format=".2f"),
            ],
        )
    )
    # The bands use fill, so the lines' colour and dash legends merge into one.
    chart = alt.layer(period_bands(first, last), lines).properties(
        width=TIME_WIDTH, height=LINE_HEIGHT
    )
    return describe(
        chart,
        f"{names[0]} and {names[1]}: {chosen.title.split(' (')[0]}, {first}–{last}",
        f"Line chart of {chosen.title} for {names[0]} (solid) and {names[1]} (dashed) from "
        f"{first} to {last}, over shaded bands for the course's periods. "
        f"{comparison_summary(table)}",
        subtitle=chosen.reading,
    )

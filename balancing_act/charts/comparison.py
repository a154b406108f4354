"""Any two countries on any outside measure, year by year: the chart of lesson 9's widget.

The arithmetic is in :mod:`balancing_act.analysis.measures`; this module only draws its table as
two lines over the period bands (:mod:`balancing_act.charts.lines`), each country in its colour
and dash from the evidence charts.
"""

from __future__ import annotations

import altair as alt

from ..analysis.measures import compare_countries, comparison_summary, measure
from ..course.vocabulary import country_name
from .accessibility import described
from .lines import country_colours, yearly_lines


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
    return yearly_lines(
        rows[["name", "year", "label", "value"]],
        (first, last),
        country_colours(codes),
        group_title="Country",
        value_title=chosen.title,
        value_format=".2f",
        year_tooltip=alt.Tooltip("label:N", title="Year or window"),
        top=described(
            f"{names[0]} and {names[1]}: {chosen.title.split(' (')[0]}, {first}–{last}",
            f"Line chart of {chosen.title} for {names[0]} (solid) and {names[1]} (dashed) from "
            f"{first} to {last}, over shaded bands for the course's periods. "
            f"{comparison_summary(table)}",
            subtitle=chosen.reading,
        ),
    )

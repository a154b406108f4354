"""Oil, money and policy: the course's numeric series drawn against its events."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import ALIGNMENT_COLOURS, describe, period_bands
from .selection import EmptySelection

#: Series a student can pick in the oil-and-policy widget, with the axis title each gets.
SERIES_TITLES = {
    "brent_usd_per_bbl": "Brent crude (US$ per barrel, annual average)",
    "azn_per_usd_avg": "Manat per US dollar (annual average, new manat)",
    "azn_per_usd_yearend": "Manat per US dollar (end of year, new manat)",
    "remittances_from_russia_usd_m": "Remittances from Russia (US$ million)",
}


def select_series(series: pd.DataFrame, names: list[str] | tuple[str, ...], years: tuple[int, int]):
    """Rows of the chosen single-year series inside ``years`` (inclusive), with a date column."""
    first, last = years
    chosen = series[
        series["series"].isin(names)
        & (series["first_year"] == series["last_year"])
        & series["first_year"].between(first, last)
    ].copy()
    chosen["date"] = pd.to_datetime(chosen["first_year"].astype(str) + "-07-01")
    return chosen


def oil_policy_chart(
    series: pd.DataFrame,
    events: pd.DataFrame | None,
    names: list[str] | tuple[str, ...],
    years: tuple[int, int],
    categories: list[str] | tuple[str, ...] = (),
) -> alt.VConcatChart:
    """One panel per chosen series over ``years``, with the chosen categories' events as rules."""
    if not names:
        raise EmptySelection("Pick at least one series to draw.")
    rows = select_series(series, names, years)
    if rows.empty:
        raise EmptySelection(
            f"None of the chosen series has values between {years[0]} and {years[1]}."
        )
    marked = pd.DataFrame()
    if events is not None and categories:
        inside = events["year"].between(*years) & events["category"].isin(categories)
        marked = events.loc[inside, ["date", "title", "category", "alignment"]].astype(
            {"category": str, "alignment": str}
        )
    panels = []
    for name in names:
        one = rows[rows["series"] == name]
        if one.empty:
            continue
        title = SERIES_TITLES.get(name, name)
        line = (
            alt.Chart(one)
            .mark_line(point=alt.OverlayMarkDef(color="#000000"), color="#000000")
            .encode(
                x=alt.X("date:T", title="Year", scale=alt.Scale(domain=_year_domain(years))),
                y=alt.Y("value:Q", title=title),
                tooltip=[
                    alt.Tooltip("year:N", title="Year"),
                    alt.Tooltip("value:Q", title=title),
                    alt.Tooltip("note:N", title="Note"),
                ],
            )
        )
        layers = [period_bands(*years), line]
        if not marked.empty:
            layers.append(_event_rules(marked))
        # Bands and event lines each keep their own colour legend.
        panels.append(alt.layer(*layers).resolve_scale(color="independent").properties(height=180))
    chart = alt.vconcat(*panels).resolve_scale(color="independent")
    picked = ", ".join(SERIES_TITLES.get(n, n).split(" (")[0] for n in names)
    return describe(
        chart,
        f"{picked}, {years[0]}–{years[1]}",
        f"Line chart, one panel per series ({picked}) from {years[0]} to {years[1]}, over shaded "
        f"bands for the course's periods"
        + (f", with {len(marked)} events marked as vertical lines." if not marked.empty else "."),
    )


def _year_domain(years: tuple[int, int]) -> list[str]:
    return [f"{years[0]}-01-01", f"{years[1]}-12-31"]


def _event_rules(events: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(events)
        .mark_rule(strokeDash=[4, 3], opacity=0.8)
        .encode(
            x=alt.X("date:T", title="Year"),
            color=alt.Color(
                "alignment:N",
                title="Event moved Baku",
                scale=alt.Scale(
                    domain=list(ALIGNMENT_COLOURS), range=list(ALIGNMENT_COLOURS.values())
                ),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("category:N", title="Category"),
            ],
        )
    )


def series_chart(
    series: pd.DataFrame,
    names: list[str] | tuple[str, ...],
    title: str,
    years: tuple[int, int] | None = None,
) -> alt.LayerChart:
    """Any single-year series on one axis (same unit), one line each, over the period bands."""
    span = years or (int(series["first_year"].min()), int(series["last_year"].max()))
    rows = select_series(series, names, span)
    if rows.empty:
        raise EmptySelection(f"No values for {', '.join(names)} between {span[0]} and {span[1]}.")
    units = rows.groupby("series")["unit"].first()
    lines = (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title="Year"),
            y=alt.Y("value:Q", title=_common_unit(units)),
            color=alt.Color("series:N", title="Series"),
            strokeDash=alt.StrokeDash("series:N", title="Series"),
            tooltip=[
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("year:N", title="Year"),
                alt.Tooltip("value:Q", title="Value"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
    )
    first, last = int(rows["first_year"].min()), int(rows["last_year"].max())
    chart = alt.layer(period_bands(first, last), lines).resolve_scale(color="independent")
    return describe(
        chart,
        title,
        f"Line chart of {', '.join(names)} from {first} to {last} ({len(rows)} values), over shaded "
        "bands for the course's periods.",
    )


def _common_unit(units: pd.Series) -> str:
    distinct = units.unique()
    return distinct[0].split(",")[0] if len(distinct) == 1 else "Value (see each series' unit)"


__all__ = ["oil_policy_chart", "series_chart"]

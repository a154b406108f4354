"""Oil, money and policy: the course's numeric series drawn against its events."""

from __future__ import annotations

import itertools

import altair as alt
import pandas as pd

from ..course.errors import EmptySelection
from ..course.vocabulary import (
    BLACK,
    OKABE_ITO,
    PARTNER_COLUMNS,
    SERIES_NAMES,
    SERIES_UNITS,
    YEAR_END_SERIES,
)
from .accessibility import describe, described
from .axes import alignment_colour, year_x, yearly_positions
from .event_marks import event_hit_rules, event_tooltip, with_event_words
from .lines import yearly_lines

#: Height of one panel of the oil-and-policy chart.
PANEL_HEIGHT = 180


def series_name(code: str) -> str:
    """A series in words; a series the course has not named yet shows its code with spaces."""
    return SERIES_NAMES.get(code, code.replace("_", " "))


def select_series(series: pd.DataFrame, names: list[str] | tuple[str, ...], years: tuple[int, int]):
    """Rows of the chosen single-year series inside ``years`` (inclusive), named in words, each
    with the ``date`` it is drawn at: a yearly value mid-year, a year-end level on 31 December."""
    first, last = years
    chosen = series[
        series["series"].isin(names)
        & (series["first_year"] == series["last_year"])
        & series["first_year"].between(first, last)
    ].copy()
    chosen["name"] = chosen["series"].map(series_name)
    chosen["date"] = yearly_positions(chosen["first_year"], chosen["series"].isin(YEAR_END_SERIES))
    return chosen


def oil_policy_chart(
    series: pd.DataFrame,
    events: pd.DataFrame | None,
    names: list[str] | tuple[str, ...],
    years: tuple[int, int],
    categories: list[str] | tuple[str, ...] = (),
) -> alt.VConcatChart:
    """One panel per chosen series over ``years``, with the chosen categories' events as rules.

    The panels share their legends: one of the periods, one of how the events moved Baku.
    """
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
        columns = ["id", "date", "title", "category", "alignment"]
        partners = [column for column in PARTNER_COLUMNS.values() if column in events]
        marked = with_event_words(
            events.loc[inside, columns + partners].astype({"category": str, "alignment": str})
        ).drop(columns=partners)
    first, last = years
    panels = []
    for name in names:
        one = rows[rows["series"] == name]
        if one.empty:
            continue
        unit = SERIES_UNITS.get(name, str(one["unit"].iloc[0]).split(",")[0])
        panel = _series_lines(
            one,
            years,
            {series_name(name): BLACK},
            unit,
            legend=False,
            height=PANEL_HEIGHT,
            layers=[] if marked.empty else _event_rules(marked, first, last),
            top={"title": series_name(name)},
        )
        panels.append(panel)
    picked = ", ".join(series_name(n) for n in names)
    subjects = " · ".join(dict.fromkeys(series_name(n).split(" (")[0] for n in names))
    return alt.vconcat(
        *panels,
        **described(
            f"{subjects}, {years[0]}–{years[1]}",
            f"Line chart, one panel per series ({picked}) from {years[0]} to {years[1]}, over shaded "
            f"bands for the course's periods; lines break where a year has no value"
            + (
                f", with {len(marked)} events marked as vertical lines."
                if not marked.empty
                else "."
            ),
            subtitle="One panel per series"
            + ("; dashed lines mark the chosen events." if not marked.empty else "."),
        ),
    )


def _series_lines(
    rows: pd.DataFrame,
    years: tuple[int, int],
    colours: dict[str, str],
    unit: str,
    *,
    more_tooltips: tuple[alt.Tooltip, ...] = (),
    **drawing,
) -> alt.LayerChart:
    """Series (rows of :func:`select_series`) as lines named in words, a year-end level on the
    last day of its year, each value's note in its tooltip; ``drawing`` goes to the builder."""
    return yearly_lines(
        rows,
        years,
        colours,
        group_title="Series",
        value_title=unit,
        year="first_year",
        year_end={series_name(code) for code in YEAR_END_SERIES},
        more_tooltips=(alt.Tooltip("note:N", title="Note"), *more_tooltips),
        **drawing,
    )


def _event_rules(events: pd.DataFrame, first: int, last: int) -> list[alt.Chart]:
    """The chosen events as dashed rules coloured by how they moved Baku, and above them the
    wide targets that carry each event's tooltip (see :mod:`.event_marks`)."""
    tooltip = event_tooltip(alt.Tooltip("category:N", title="Category"))
    rules = (
        alt.Chart(events, name="event_lines")
        .mark_rule(strokeDash=[4, 3], opacity=0.8)
        .encode(
            x=year_x("date", first, last),
            color=alignment_colour(events["alignment"]),
            tooltip=tooltip,
        )
    )
    return [rules, event_hit_rules(events, first, last, tooltip)]


def series_chart(
    series: pd.DataFrame,
    names: list[str] | tuple[str, ...],
    title: str,
    years: tuple[int, int] | None = None,
) -> alt.LayerChart:
    """Single-year series of one unit on one axis, one line each (named in words, one legend
    for colour and dash), over the period bands; lines break at missing years."""
    span = years or (int(series["first_year"].min()), int(series["last_year"].max()))
    rows = select_series(series, names, span)
    if rows.empty:
        raise EmptySelection(f"No values for {', '.join(names)} between {span[0]} and {span[1]}.")
    units = {SERIES_UNITS.get(n, n) for n in rows["series"].unique()}
    unit = units.pop() if len(units) == 1 else "Value (each series in its own unit)"
    first, last = years or (int(rows["first_year"].min()), int(rows["last_year"].max()))
    drawn = [series_name(n) for n in names if n in set(rows["series"])]
    # Vega-Lite's own dashes, as the series chart has always had.
    chart = _series_lines(
        rows,
        (first, last),
        dict(zip(drawn, itertools.cycle(OKABE_ITO))),
        unit,
        dashes=None,
        more_tooltips=(alt.Tooltip("unit:N", title="Unit"),),
    )
    return describe(
        chart,
        title,
        f"Line chart of {', '.join(drawn)} from {first} to {last} ({len(rows)} values), over "
        "shaded bands for the course's periods; lines break where a year has no value.",
    )

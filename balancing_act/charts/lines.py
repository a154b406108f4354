"""One value per year per group, drawn as lines over the course's period bands.

UN ideal points and votes, World Bank indicators, two countries on a measure and the course's
numeric series all draw the same way, so they draw here: each group's line in its own colour and
its own dash (a second encoding, for readers who cannot tell the colours apart) under one legend,
every value under its year's label on the shared year axis, the line broken where a year has no
value, and a tooltip on every point.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from ..course.vocabulary import COUNTRY_COLOURS, SPARE_COLOURS, country_name
from .axes import fit_title, period_bands, with_gaps, year_x, yearly_positions
from .theme import TIME_WIDTH

#: Height of a line chart's plot, for its y-axis title to fit.
LINE_HEIGHT = 300
#: Each group's dash, in turn: the first line solid.
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6], [6, 2, 2, 2])


def country_colours(codes: Iterable[str]) -> dict[str, str]:
    """Each country's name and its colour: the colour it has in every chart, or for a country
    without one the spare colours in turn.

    >>> colours = country_colours(["RUS", "DEU"])
    >>> colours["Russia"] == COUNTRY_COLOURS["RUS"], colours["Germany"] == SPARE_COLOURS[0]
    (True, True)
    """
    codes = list(codes)
    most = len(COUNTRY_COLOURS) + len(SPARE_COLOURS)
    if len(codes) > most:
        raise ValueError(f"Pick at most {most} countries.")
    spare = iter(SPARE_COLOURS)
    return {country_name(code): COUNTRY_COLOURS.get(code) or next(spare) for code in codes}


def yearly_lines(
    rows: pd.DataFrame,
    years: tuple[int, int],
    colours: Mapping[str, str],
    *,
    group_title: str,
    value_title: str,
    group: str = "name",
    value: str = "value",
    year: str = "year",
    year_end: Collection[str] = (),
    dashes: Sequence[list[int]] | None = DASHES,
    legend: bool = True,
    axis_format: str | None = None,
    value_format: str | None = None,
    year_tooltip: alt.Tooltip | None = None,
    more_tooltips: Sequence[alt.Tooltip] = (),
    height: int = LINE_HEIGHT,
    layers: Sequence[alt.Chart] = (),
    top: Mapping[str, Any] | None = None,
) -> alt.LayerChart:
    """``rows`` (one per ``group`` and ``year``, its number in ``value``) as one line per group
    from ``years[0]`` to ``years[1]``, over the period bands, ``layers`` drawn on top.

    ``colours`` names each group's colour, in the legend's order; the groups take ``dashes`` in
    turn (``None`` leaves them to Vega-Lite). With ``legend=False`` the chart has one group,
    drawn in its colour with no legend, for a panel whose title names it. A group in
    ``year_end`` is a level on the last day of each year, drawn on 31 December, not mid-year.
    The tooltip shows the group, the year (or ``year_tooltip``), the value and ``more_tooltips``.
    ``top`` holds the chart's own properties (a title, a description: see
    :func:`~balancing_act.charts.accessibility.described`), given as it is built, not after.
    """
    names = list(colours)
    drawn = with_gaps(rows, group, year=year)
    drawn["date"] = yearly_positions(drawn[year], drawn[group].isin(year_end))
    tooltip = [
        alt.Tooltip(f"{group}:N", title=group_title),
        year_tooltip or alt.Tooltip(f"{year}:Q", title="Year", format="d"),
        alt.Tooltip(f"{value}:Q", title=value_title, format=value_format or alt.Undefined),
        *more_tooltips,
    ]
    encoding = {
        "x": year_x("date", *years),
        "y": alt.Y(
            f"{value}:Q",
            title=fit_title(value_title, height),
            # Dicts, not alt.Axis or alt.Scale: see charts.axes.
            axis={"format": axis_format} if axis_format else alt.Undefined,
        ),
        "tooltip": tooltip,
    }
    if legend:
        mark = alt.Chart(drawn).mark_line(point=True)
        # Colour and dash on one field, one title and one explicit domain make a single legend
        # (Vega-Lite keeps them apart if either is sorted or scaled differently).
        dash_range = list(dashes[: len(names)]) if dashes is not None else alt.Undefined
        encoding["color"] = alt.Color(
            f"{group}:N",
            title=group_title,
            scale={"domain": names, "range": list(colours.values())},
        )
        encoding["strokeDash"] = alt.StrokeDash(
            f"{group}:N", title=group_title, scale={"domain": names, "range": dash_range}
        )
    else:
        if len(names) != 1:
            raise ValueError("A chart without a legend draws one line.")
        (colour,) = colours.values()
        mark = alt.Chart(drawn).mark_line(point=alt.OverlayMarkDef(color=colour), color=colour)
    lines = mark.encode(**encoding)
    # The bands use fill, so the lines' colour and dash legends merge into one.
    return alt.layer(
        period_bands(*years), lines, *layers, width=TIME_WIDTH, height=height, **(top or {})
    )

"""The balance index drawn: its running total as a line over each year's net as bars.

The arithmetic is in :mod:`balancing_act.scoring`.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from ..analysis.balance_index import balance_index
from ..course.vocabulary import BLACK, SKY_BLUE
from .accessibility import described
from .axes import period_bands, year_x, yearly_positions
from .theme import TIME_WIDTH

#: The y-axis title of the balance chart.
SCORE_TITLE = "Weighted score (+ West, − Russia)"


def balance_chart(
    events: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> alt.LayerChart:
    """The cumulative index as a line over yearly net scores as bars, over the period bands."""
    table = balance_index(events, weights)
    # Each year's net spans its year; the running total is where the year leaves it.
    table["start"] = pd.to_datetime(table["year"].astype(str) + "-01-01")
    table["end"] = table["start"] + pd.DateOffset(years=1)
    table["date"] = yearly_positions(table["year"], year_end=True)
    first, last = int(table["year"].min()), int(table["year"].max())
    bars = (
        alt.Chart(table)
        .mark_bar(opacity=0.5, color=SKY_BLUE, stroke="white", strokeWidth=1)
        .encode(
            x=year_x("start", first, last),
            x2=alt.X2("end"),  # typed channels, not shorthand: see period_bands
            y=alt.Y("net:Q", title=SCORE_TITLE),
            y2=alt.Y2Datum(0),  # each bar rises or falls from zero
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("net:Q", title="Net that year", format=".1f"),
            ],
        )
    )
    line = (
        alt.Chart(table)
        .mark_line(point=alt.OverlayMarkDef(color=BLACK), color=BLACK)
        .encode(
            x=year_x("date", first, last),
            y=alt.Y("index:Q", title=SCORE_TITLE),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("index:Q", title="Running total at the end of the year", format=".1f"),
            ],
        )
    )
    lowest = table.loc[table["index"].idxmin()]
    highest = table.loc[table["index"].idxmax()]
    return alt.layer(
        period_bands(first, last),
        bars,
        line,
        height=300,
        width=TIME_WIDTH,
        **described(
            "A balance index from the events' coding",
            f"Line of the cumulative weighted index from {first} to {last} over bars of each year's net "
            f"score. The index is highest in {int(highest['year'])} ({highest['index']:.1f}) and lowest "
            f"in {int(lowest['year'])} ({lowest['index']:.1f}); it ends at {table['index'].iloc[-1]:.1f}.",
            subtitle="Line: running total at the end of each year. Bars: each year's net. Up = toward the West, down = toward Russia.",
        ),
    )

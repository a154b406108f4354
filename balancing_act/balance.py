"""A balance index built from the events' alignment codes, with weights the student chooses.

Each event scores +1 if it moved Baku toward the West, -1 toward Russia and 0 otherwise,
multiplied by the weight of its category. The yearly sums, added up over time, give a line
that rises while Baku leans West and falls while it leans toward Moscow. The index is a
teaching device: it shows how much a result depends on coding choices, not a measurement.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from .charts import describe, period_bands
from .data import CATEGORIES
from .explorer import EmptySelection

ALIGNMENT_SCORES = {"toward_west": 1.0, "toward_russia": -1.0, "balancing": 0.0, "neutral": 0.0}
EQUAL_WEIGHTS = dict.fromkeys(CATEGORIES, 1.0)


def balance_index(events: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per year from the first to the last event: the weighted net score and the index.

    ``weights`` maps categories to weights; a category left out weighs 0. ``None`` weighs all 1.
    """
    weights = EQUAL_WEIGHTS if weights is None else weights
    unknown = set(weights) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"Unknown categories in weights: {sorted(unknown)}")
    if not any(weights.values()):
        raise EmptySelection(
            "Every weight is zero, so there is no index to draw. Raise at least one."
        )
    if events.empty:
        raise EmptySelection("There are no events to build an index from.")
    score = events["alignment"].astype(str).map(ALIGNMENT_SCORES) * events["category"].astype(
        str
    ).map(lambda c: float(weights.get(c, 0.0)))
    yearly = score.groupby(events["year"]).sum()
    years = range(int(events["year"].min()), int(events["year"].max()) + 1)
    yearly = yearly.reindex(years, fill_value=0.0)
    return pd.DataFrame(
        {"year": list(years), "net": yearly.to_numpy(), "index": yearly.cumsum().to_numpy()}
    )


def balance_chart(
    events: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> alt.LayerChart:
    """The cumulative index as a line over yearly net scores as bars, over the period bands."""
    table = balance_index(events, weights)
    table["date"] = pd.to_datetime(table["year"].astype(str) + "-07-01")
    first, last = int(table["year"].min()), int(table["year"].max())
    bars = (
        alt.Chart(table)
        .mark_bar(opacity=0.5, color="#56B4E9")
        .encode(
            x=alt.X("date:T", title="Year"),
            y=alt.Y("net:Q", title="Weighted score (+ West, − Russia)"),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("net:Q", title="Net that year", format=".1f"),
            ],
        )
    )
    line = (
        alt.Chart(table)
        .mark_line(point=True, color="#000000")
        .encode(
            x=alt.X("date:T", title="Year"),
            y=alt.Y("index:Q", title="Weighted score (+ West, − Russia)"),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("index:Q", title="Index", format=".1f"),
            ],
        )
    )
    chart = alt.layer(period_bands(first, last), bars, line).properties(height=300)
    lowest = table.loc[table["index"].idxmin()]
    highest = table.loc[table["index"].idxmax()]
    return describe(
        chart,
        "A balance index from the events' coding",
        f"Line of the cumulative weighted index from {first} to {last} over bars of each year's net "
        f"score. The index is highest in {int(highest['year'])} ({highest['index']:.1f}) and lowest "
        f"in {int(lowest['year'])} ({lowest['index']:.1f}); it ends at {table['index'].iloc[-1]:.1f}.",
        subtitle="Line: running total. Bars: each year's net. Up = toward the West, down = toward Russia.",
    )

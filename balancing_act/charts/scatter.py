"""A correlation drawn: one point per year, the straight line r measures, and r's uncertainty.

A coefficient alone hides the years that make it (a war year, a boom year); the scatter shows
them, each labelled with its year, and the description gives r with its bootstrap interval and
permutation p-value from :mod:`balancing_act.analysis.uncertainty`.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..analysis.uncertainty import correlation_uncertainty
from ..course.vocabulary import BLUE, GREY
from .accessibility import described


def scatter_pairs(pairs: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """The rows of ``pairs`` (indexed by year) with both ``x`` and ``y``, as columns
    ``year``, ``x`` and ``y``; an unknown column is named with the columns there are."""
    for column in (x, y):
        if column not in pairs.columns:
            raise KeyError(
                f"No column {column!r}: the table has {', '.join(map(str, pairs.columns))}."
            )
    rows = pairs[[x, y]].dropna()
    return pd.DataFrame(
        {
            "year": [int(v) for v in rows.index],
            "x": rows[x].to_numpy(float),
            "y": rows[y].to_numpy(float),
        }
    )


def correlation_scatter(
    pairs: pd.DataFrame,
    x: str,
    y: str,
    *,
    x_title: str,
    y_title: str,
    title: str | None = None,
) -> alt.LayerChart:
    """Column ``y`` of ``pairs`` against column ``x``, one labelled point per year (the index),
    with the least-squares line, and r with its uncertainty in the subtitle and description."""
    rows = scatter_pairs(pairs, x, y)
    result = correlation_uncertainty(rows["x"], rows["y"])
    slope, intercept = np.polyfit(rows["x"], rows["y"], 1)
    ends = np.array([rows["x"].min(), rows["x"].max()])
    line = pd.DataFrame({"x": ends, "y": slope * ends + intercept})
    first, last = rows["year"].min(), rows["year"].max()
    heading = title or f"{y_title} against {x_title}, {first}–{last}"
    x_axis = {"field": "x", "type": "quantitative", "title": x_title, "scale": {"zero": False}}
    y_axis = {"field": "y", "type": "quantitative", "title": y_title, "scale": {"zero": False}}
    tooltip = [
        {"field": "year", "type": "nominal", "title": "Year"},
        {"field": "x", "type": "quantitative", "title": x_title, "format": ".2f"},
        {"field": "y", "type": "quantitative", "title": y_title, "format": ".2f"},
    ]
    points = (
        alt.Chart(rows, name="points")
        .mark_point(filled=True, size=60, color=BLUE)
        .encode(x=x_axis, y=y_axis, tooltip=tooltip)
    )
    labels = (
        alt.Chart(rows, name="years")
        .mark_text(align="left", dx=5, dy=-5, fontSize=11, color=GREY)
        .encode(x=x_axis, y=y_axis, text={"field": "year", "type": "nominal"})
    )
    fit = (
        alt.Chart(line, name="fit")
        .mark_line(color=GREY, strokeDash=[4, 3])
        .encode(x=x_axis, y=y_axis)
    )
    direction = "rise" if slope > 0 else "fall"
    description = (
        f"Scatter plot of {result.n} years from {first} to {last}, one point per year labelled "
        f"with it: {x_title} across, {y_title} up. The dashed line is the straight line that "
        f"fits best; {y_title} tends to {direction} as {x_title} rises. {result}."
    )
    return alt.layer(
        fit,
        points,
        labels,
        width=420,
        height=300,
        **described(heading, description, subtitle=str(result)),
    )

"""The course's widgets: each one a :class:`ChartExplorer` over a pure, tested chart builder."""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from .data import CATEGORIES, load_events, load_series
from .explorer import ChartExplorer
from .oil import SERIES_TITLES, oil_policy_chart


def oil_policy_explorer(names=("brent_usd_per_bbl",), years=(1991, 2024), categories=("energy",)):
    """Series chosen by the student over a year range, with events of chosen categories marked."""
    series, events = load_series(), load_events()
    available = [name for name in SERIES_TITLES if name in set(series["series"])]
    first, last = int(series["first_year"].min()), int(series["last_year"].max())
    controls = {
        "names": widgets.SelectMultiple(
            options=[(SERIES_TITLES[n], n) for n in available],
            value=[n for n in names if n in available],
            description="Series",
            rows=len(available),
            layout={"width": "34em"},
        ),
        "years": widgets.IntRangeSlider(
            value=(max(first, years[0]), min(last, years[1])),
            min=first,
            max=last,
            description="Years",
            continuous_update=False,
            layout={"width": "30em"},
        ),
        "categories": widgets.SelectMultiple(
            options=list(CATEGORIES),
            value=list(categories),
            description="Events",
            rows=4,
        ),
    }
    return ChartExplorer(controls, partial(oil_policy_chart, series, events))

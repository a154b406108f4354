"""Baku's steps toward each partner as one running total per partner, year by year.

The arithmetic is in :mod:`balancing_act.analysis.partners`; this module draws its index through
the shared line builder (:mod:`balancing_act.charts.lines`), each partner in its colour from the
vocabulary and its own dash.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from ..analysis.events import filter_events
from ..analysis.partners import chosen_partners, partner_index
from ..course.errors import EmptySelection
from ..course.vocabulary import STATE_YEARS
from .accessibility import described
from .lines import yearly_lines

#: The y-axis title of the partner chart.
PARTNER_TITLE = "Running total (+ closer, − further)"


def partner_chart(
    events,
    partners: Iterable[str] | None = None,
    by: str = "row",
    weighted: bool = True,
    years: tuple[int, int] = STATE_YEARS,
) -> alt.LayerChart:
    """One line per chosen partner: the running total of Baku's steps toward it, from the first
    to the last year of the events inside ``years``, counted ``by`` row or episode."""
    chosen = chosen_partners(partners)
    picked = filter_events(events, years)
    if picked.empty:
        raise EmptySelection(f"There are no events from {years[0]} to {years[1]}: widen the years.")
    index = partner_index(picked, [p.code for p in chosen], by=by, weighted=weighted)
    first, last = int(index["year"].min()), int(index["year"].max())
    rows = index.rename(columns={"index": "value"})[["name", "year", "value", "net"]]
    counting = "episode" if by == "episode" else "event"
    scale = f"each {counting} weighted 1 to 3" if weighted else f"each {counting} counting 1"
    ends = index[index["year"] == last]
    ending = "; ".join(f"{row.name} {row.index:+d}" for row in ends.itertuples())
    return yearly_lines(
        rows,
        (first, last),
        {p.name: p.colour for p in chosen},
        group_title="Partner",
        value_title=PARTNER_TITLE,
        value_format="d",
        more_tooltips=[alt.Tooltip("net:Q", title="Net that year", format="d")],
        top=described(
            f"Baku's steps toward each partner, {first}–{last}",
            f"Line chart of the running total of Baku's steps toward {len(chosen)} partner(s), "
            f"one line each, from {first} to {last}, {scale}, over shaded bands for the course's "
            f"periods. Up is closer, down is further. At the end of {last}: {ending}.",
            subtitle=f"Counted by {counting}, {scale}. Up: closer to the partner; down: further.",
        ),
    )

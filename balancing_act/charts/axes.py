"""The scales every chart shares: the year axis, the period bands behind it, the alignment colours.

A yearly value sits under its year's label on every time chart, and a code is coloured the same
in every chart, because each builder takes these from here.

The widgets' charts give a channel's scale, axis and legend as the dict the spec holds, not as
``alt.Scale``, ``alt.Axis`` or ``alt.Legend``: Altair copies every property of every such
object, set or not (78 for an axis, 66 for a legend), each time it layers or serialises a
chart, several times for each new state of a widget; a dict holds only what is set. The spec is
the same.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import altair as alt
import pandas as pd
from altair.utils.data import to_values

from ..course.periods import period_table
from ..course.vocabulary import ALIGNMENT_COLOURS, ALIGNMENT_TITLE, ALIGNMENT_WORDS, PERIOD_COLOURS
from .accessibility import in_words
from .theme import TIME_WIDTH


def shown_alignments(alignments) -> list[str]:
    """The alignment codes among ``alignments``, in the course's order: a legend lists only
    what the chart shows."""
    present = set(map(str, alignments))
    return [code for code in ALIGNMENT_COLOURS if code in present]


def alignment_colour(alignments) -> alt.Color:
    """Colour by alignment in the fixed colours, with a legend in words of the ``alignments``
    the chart shows."""
    shown = shown_alignments(alignments)
    return alt.Color(
        "alignment:N",
        title=ALIGNMENT_TITLE,
        scale={"domain": shown, "range": [ALIGNMENT_COLOURS[code] for code in shown]},
        legend={"labelExpr": in_words(ALIGNMENT_WORDS)},
    )


#: Average width of a character of an axis title, as a share of the font size.
CHARACTER_WIDTH = 0.6


def fit_title(text: str, room: float, font_size: float = 13) -> str | list[str]:
    """``text`` as one line, or as lines (which Vega stacks) if it is longer than ``room`` pixels,
    so a y-axis title never runs past the plot it labels."""
    per_line = max(8, int(room / (CHARACTER_WIDTH * font_size)))
    lines = textwrap.wrap(text, per_line)
    return lines[0] if len(lines) == 1 else lines


# --- Time axes: yearly values as years, periods behind them ----------------------------------


def year_label_step(first: int, last: int) -> int:
    """Every how many years a time axis labels a year: each one on short spans, every fifth on
    the course's whole span."""
    span = last - first + 1
    return 1 if span <= 12 else 2 if span <= 24 else 5


def new_year(year: int) -> dict:
    """The first moment of ``year``, as Vega-Lite writes a date time. A dict, the very spec
    ``alt.DateTime`` makes, because Altair copies a chart's every schema object each time it
    layers or serialises it, and a time axis holds up to forty of these (a widget's redraw
    copied each a dozen times)."""
    return {"year": year, "month": 1, "date": 1}


def year_domain(first: int, last: int) -> list[dict]:
    """A time scale from the first moment of ``first`` to the last of ``last``."""
    return [new_year(first), new_year(last + 1)]


def year_axis(first: int, last: int, width: int = TIME_WIDTH) -> alt.Axis:
    """The course's time axis: ticks and grid lines where years begin, every ``year_label_step``
    years, each labelled with its year alone (no months) in the middle of the year it names, so a
    year's value sits under its year's label."""
    step = year_label_step(first, last)
    half_year = width / (last - first + 1) / 2
    return alt.Axis(
        format="%Y",
        values=[
            new_year(year) for year in range(first, last + 1) if year % step == 0 or first == last
        ],
        labelOffset=half_year,
        labelFlush=False,
        labelOverlap=True,
    )


def year_x(field: str, first: int, last: int, width: int = TIME_WIDTH) -> alt.X:
    """The x channel of every layer of a time chart: ``field`` on the shared year axis."""
    return alt.X(
        f"{field}:T",
        title="Year",
        scale={"domain": year_domain(first, last)},
        axis=year_axis(first, last, width).to_dict(validate=False),
    )


def yearly_positions(years: pd.Series, year_end: bool | pd.Series = False) -> pd.Series:
    """Where a value for each year is drawn on a time axis: a yearly average or total in the middle
    of its year (1 July), a level at the end of a year on 31 December of that year."""
    years = pd.Series(years).astype(int)
    # The format given, so pandas does not guess it from the text on every redraw.
    middle = pd.to_datetime(years.astype(str) + "-07-01", format="%Y-%m-%d")
    end = pd.to_datetime(years.astype(str) + "-12-31", format="%Y-%m-%d")
    at_end = pd.Series(year_end, index=years.index).astype(bool)
    return middle.where(~at_end, end)


def with_gaps(rows: pd.DataFrame, by: str, year: str = "year") -> pd.DataFrame:
    """``rows`` with an empty row (value unknown) for every year missing inside each ``by``
    group's own span, so a line breaks there instead of running across the years nobody knows."""
    filled = []
    for key, group in rows.groupby(by, sort=False):
        years = group[year].astype(int)
        missing = sorted(set(range(years.min(), years.max() + 1)) - set(years))
        blanks = pd.DataFrame({by: key, year: missing})
        filled.append(pd.concat([group, blanks], ignore_index=True).sort_values(year))
    return pd.concat(filled, ignore_index=True) if filled else rows


#: Between a period's code and its label wherever a chart names a period.
PERIOD_SEPARATOR = " · "


@lru_cache(maxsize=1)
def period_words() -> dict[str, str]:
    """Each period's key and the words a chart shows for it: its code, the one lessons and the
    tables use (``shift``), then its label, "shift · 2008–2014: the West steps back"."""
    table = period_table()
    return {
        key: f"{key}{PERIOD_SEPARATOR}{label}"
        for key, label in zip(table["period"], table["label"], strict=True)
    }


#: A ``labelExpr`` drawing a period's words on two lines, its code above its label, so an axis
#: of periods keeps a narrow label column (a phone's width) without cutting any text.
PERIOD_LINES = f"split(datum.label, {PERIOD_SEPARATOR!r})"


def period_bands(first: int, last: int, width: int = TIME_WIDTH) -> alt.Chart:
    """Shaded rectangles marking the course's periods behind a time axis from ``first`` to
    ``last``; the legend lists only the periods on screen, each in its own fixed colour, named
    by its code and label (:func:`period_words`)."""
    rows = _band_rows(first, last)
    labels = [row["label"] for row in rows]
    return (
        alt.Chart(alt.InlineData(values=rows))
        .mark_rect(opacity=0.12)
        .encode(
            x=year_x("start", first, last, width),
            # Typed channels, not shorthand: Altair resolves a shorthand string by hashing its
            # whole schema each time, a third of a widget redraw.
            x2=alt.X2("end"),
            # Fill, not colour: a chart's own colour legend (events, series) stays its own.
            fill=alt.Fill(
                "label:N",
                title="Period",
                scale={"domain": labels, "range": [row["colour"] for row in rows]},
                sort=labels,
            ),
            tooltip=[alt.Tooltip("label:N", title="Period")],
        )
    )


def _band_rows(first: int, last: int) -> list[dict]:
    """The periods on screen from ``first`` to ``last``, as the rows Altair makes of a table.

    A table handed to Altair is cleaned column by column on every build, a tenth of a widget's
    redraw; these rows are cleaned once (by Altair's own ``to_values``) and clipped here, on
    the ISO dates it writes, which sort as the dates they name."""
    start = pd.Timestamp(first, 1, 1).isoformat()
    end = pd.Timestamp(last + 1, 1, 1).isoformat()
    rows = [
        {**row, "start": max(row["start"], start), "end": min(row["end"], end)}
        for row in _all_band_rows()
    ]
    return [row for row in rows if row["start"] < row["end"]]


@lru_cache(maxsize=1)
def _all_band_rows() -> tuple[dict, ...]:
    bands = period_table()
    bands["label"] = bands["period"].map(period_words())
    bands["colour"] = list(PERIOD_COLOURS)
    bands["end"] = bands["end"] + pd.Timedelta(days=1)  # the end of the last day
    return tuple(to_values(bands)["values"])

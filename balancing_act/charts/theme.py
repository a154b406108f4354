"""Chart look, accessibility and offline output for every chart in the course.

Altair 6 writes Vega-Lite 6, which JupyterLab's built-in renderer cannot show, and its
default HTML renderer fetches Vega from a CDN. :func:`setup` switches notebooks to
``alt.JupyterChart`` with the JavaScript that ships inside ``vl-convert-python``, so charts
draw with no network; :func:`save_chart` writes SVG or PNG through the same library.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Mapping
from html import escape
from pathlib import Path

import altair as alt
import pandas as pd

from . import cache
from .data import ALIGNMENT_WORDS
from .periods import period_table

THEME_NAME = "balancing_act"

# Okabe & Ito's palette, distinguishable under the common colour-vision deficiencies.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

#: Fixed colours for Baku's alignment, the same in every chart.
ALIGNMENT_COLOURS = {
    "toward_russia": "#D55E00",
    "toward_west": "#0072B2",
    "balancing": "#009E73",
    "neutral": "#999999",
}
#: Category codes whose words are more than the code with spaces for underscores.
CATEGORY_WORDS = {"soft_power": "soft power"}

#: Width of every chart with a time axis, in pixels (the year labels are centred for it).
TIME_WIDTH = 640

#: vega-embed options for every chart: SVG (readable by screen readers and comparable in browser
#: tests) and no export menu that would try to reach the network.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}

#: Light fills for the period bands drawn behind time charts.
PERIOD_COLOURS = ("#E69F00", "#56B4E9", "#CC79A7", "#009E73")


@alt.theme.register(THEME_NAME, enable=False)
def course_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": "sans-serif",
            "title": {"fontSize": 16, "anchor": "start", "subtitleColor": "#444444"},
            # No limits: a label or title is never cut short to "Event moved Ba…"; builders keep
            # their titles short or wrap them (see fit_title) instead.
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "grid": True,
                "gridColor": "#e6e6e6",
                "labelLimit": 0,
                "titleLimit": 0,
            },
            # Legends below the plot, each a column, so a narrow notebook never squeezes them.
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "orient": "bottom",
                "direction": "vertical",
                "labelLimit": 0,
                "titleLimit": 0,
            },
            "range": {"category": list(OKABE_ITO)},
            "view": {"continuousWidth": 640, "continuousHeight": 300, "stroke": None},
        }
    }


#: Set to 1 when notebooks are executed for the reader's site: charts become inline SVG with
#: their description as a caption, and widgets show their first chart with a note.
STATIC_ENV_VAR = "BALANCING_ACT_STATIC"


def static_mode() -> bool:
    return os.environ.get(STATIC_ENV_VAR, "") not in {"", "0"}


def static_html(spec: dict) -> str:
    """A chart as an inline SVG figure whose caption is its screen-reader description."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())
    description = escape(str(spec.get("description", "")))
    return (
        f'<figure class="ba-chart" role="img" aria-label="{description}">{svg}'
        f"<figcaption>{description}</figcaption></figure>"
    )


def _static_renderer(spec: dict, **_metadata) -> dict:
    return {"text/html": static_html(spec)}


alt.renderers.register("balancing_act_static", _static_renderer)


def setup() -> None:
    """Make charts draw offline in notebooks, with the course's theme."""
    alt.theme.enable(THEME_NAME)
    if static_mode():
        alt.renderers.enable("balancing_act_static")
    else:
        go_offline()
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)


def go_offline() -> None:
    """Make every ``alt.JupyterChart`` load Vega from the bundle in ``vl-convert-python``.

    The renderer alone only goes offline when it first draws a chart, so widgets that create
    a JupyterChart themselves would fetch Vega from a CDN; this switches at once. Altair builds
    the bundle anew in each kernel (about 1.5 s); it is cached on disk by package versions.
    """
    if alt.JupyterChart._is_offline:
        return
    import vl_convert

    key = cache.content_key("jupyterchart-offline", alt.__version__, vl_convert.__version__)
    bundle = cache.read("js", key)
    if bundle is None:
        alt.JupyterChart.enable_offline()
        cache.write("js", key, alt.JupyterChart._esm.encode("utf-8"))
        return
    alt.JupyterChart._esm = bundle.decode("utf-8")
    alt.JupyterChart._is_offline = True
    # Tables of a few hundred rows are embedded in the chart; the default cap is 5,000.
    alt.data_transformers.disable_max_rows()


def describe(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str | None = None):
    """Give a chart its title and the text a screen reader reads instead of the picture."""
    if not description.strip():
        raise ValueError("A chart needs a description for readers who cannot see it.")
    heading = alt.Title(title, subtitle=subtitle) if subtitle else alt.Title(title)
    return chart.properties(title=heading, description=description)


def accessibility_problems(chart: alt.TopLevelMixin) -> list[str]:
    """What a chart lacks of a title, a description and axis titles (empty when complete)."""
    spec = chart.to_dict()
    problems = []
    if not spec.get("title"):
        problems.append("no title")
    if not str(spec.get("description", "")).strip():
        problems.append("no description for screen readers")
    for encoding in _encodings(spec):
        for channel in ("x", "y"):
            field = encoding.get(channel)
            if not isinstance(field, dict) or "field" not in field or field.get("axis", {}) is None:
                continue  # no field on this channel, or its axis is deliberately hidden
            if not (field.get("title") or (field.get("axis") or {}).get("title")):
                problems.append(f"{channel} axis of field {field['field']!r} has no title")
    return problems


def _encodings(spec: dict):
    if "encoding" in spec:
        yield spec["encoding"]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _encodings(part)
    if "spec" in spec:
        yield from _encodings(spec["spec"])


def in_words(words: Mapping[str, str]) -> str:
    """A Vega ``labelExpr`` that draws each code in ``words`` as its words, and any other code
    with spaces for its underscores, so no legend or axis shows ``toward_russia``.

    >>> print(in_words({"toward_west": "toward the West"}))
    datum.label === "toward_west" ? "toward the West" : replace(datum.label, regexp('_', 'g'), ' ')
    """
    expression = "replace(datum.label, regexp('_', 'g'), ' ')"
    for code, word in reversed(list(words.items())):
        expression = f"datum.label === {json.dumps(code)} ? {json.dumps(word)} : {expression}"
    return expression


#: The legend title of every chart coloured by how an event moved Baku.
ALIGNMENT_TITLE = "Event moved Baku"


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
        scale=alt.Scale(domain=shown, range=[ALIGNMENT_COLOURS[code] for code in shown]),
        legend=alt.Legend(labelExpr=in_words(ALIGNMENT_WORDS)),
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


def year_domain(first: int, last: int) -> list[alt.DateTime]:
    """A time scale from the first moment of ``first`` to the last of ``last``."""
    return [alt.DateTime(year=first, month=1, date=1), alt.DateTime(year=last + 1, month=1, date=1)]


def year_axis(first: int, last: int, width: int = TIME_WIDTH) -> alt.Axis:
    """The course's time axis: ticks and grid lines where years begin, every ``year_label_step``
    years, each labelled with its year alone (no months) in the middle of the year it names, so a
    year's value sits under its year's label."""
    step = year_label_step(first, last)
    half_year = width / (last - first + 1) / 2
    return alt.Axis(
        format="%Y",
        values=[
            alt.DateTime(year=year, month=1, date=1)
            for year in range(first, last + 1)
            if year % step == 0 or first == last
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
        scale=alt.Scale(domain=year_domain(first, last)),
        axis=year_axis(first, last, width),
    )


def yearly_positions(years: pd.Series, year_end: bool | pd.Series = False) -> pd.Series:
    """Where a value for each year is drawn on a time axis: a yearly average or total in the middle
    of its year (1 July), a level at the end of a year on 31 December of that year."""
    years = pd.Series(years).astype(int)
    middle = pd.to_datetime(years.astype(str) + "-07-01")
    end = pd.to_datetime(years.astype(str) + "-12-31")
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


def period_bands(first: int, last: int, width: int = TIME_WIDTH) -> alt.Chart:
    """Shaded rectangles marking the course's periods behind a time axis from ``first`` to
    ``last``; the legend lists only the periods on screen, each in its own fixed colour."""
    bands = period_table()
    bands["colour"] = list(PERIOD_COLOURS)
    bands["end"] = bands["end"] + pd.Timedelta(days=1)  # the end of the last day
    bands["start"] = bands["start"].clip(lower=pd.Timestamp(first, 1, 1))
    bands["end"] = bands["end"].clip(upper=pd.Timestamp(last + 1, 1, 1))
    bands = bands[bands["start"] < bands["end"]]
    return (
        alt.Chart(bands)
        .mark_rect(opacity=0.12)
        .encode(
            x=year_x("start", first, last, width),
            x2="end:T",
            # Fill, not colour: a chart's own colour legend (events, series) stays its own.
            fill=alt.Fill(
                "label:N",
                title="Period",
                scale=alt.Scale(domain=list(bands["label"]), range=list(bands["colour"])),
                sort=list(bands["label"]),
            ),
            tooltip=[alt.Tooltip("label:N", title="Period")],
        )
    )


def save_chart(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path`` as SVG or PNG (by its suffix), offline."""
    path = Path(path)
    if path.suffix not in {".svg", ".png"}:
        raise ValueError(f"Charts are saved as .svg or .png, not {path.suffix or 'no suffix'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with alt.theme.enable(THEME_NAME):
        if path.suffix == ".png":
            chart.save(path, scale_factor=scale)
        else:
            chart.save(path)
    return path


__all__ = ["describe", "save_chart", "setup"]

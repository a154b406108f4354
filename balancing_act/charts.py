"""Chart look, accessibility and offline output for every chart in the course.

Altair 6 writes Vega-Lite 6, which JupyterLab's built-in renderer cannot show, and its
default HTML renderer fetches Vega from a CDN. :func:`setup` switches notebooks to
``alt.JupyterChart`` with the JavaScript that ships inside ``vl-convert-python``, so charts
draw with no network; :func:`save_chart` writes SVG or PNG through the same library.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import altair as alt
import pandas as pd

from . import cache
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
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "grid": True,
                "gridColor": "#e6e6e6",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
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


def period_bands(start_year: int | None = None, end_year: int | None = None) -> alt.Chart:
    """Shaded rectangles marking the course's four periods behind a time axis."""
    bands = period_table()
    if start_year is not None:
        bands["start"] = bands["start"].clip(lower=pd.Timestamp(start_year, 1, 1))
    if end_year is not None:
        bands["end"] = bands["end"].clip(upper=pd.Timestamp(end_year, 12, 31))
    bands = bands[bands["start"] <= bands["end"]]
    return (
        alt.Chart(bands)
        .mark_rect(opacity=0.12)
        .encode(
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            # Fill, not colour: a chart's own colour legend (events, series) stays its own.
            fill=alt.Fill(
                "label:N",
                title="Period",
                scale=alt.Scale(domain=list(period_table()["label"]), range=list(PERIOD_COLOURS)),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
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

"""Charts that draw with no network, in a notebook, on the reader's site and in files.

Altair 6 writes Vega-Lite 6, which JupyterLab's built-in renderer cannot show, and its
default HTML renderer fetches Vega from a CDN. :func:`setup` switches notebooks to
``alt.JupyterChart`` with the JavaScript that ships inside ``vl-convert-python``, so charts
draw with no network. Static mode (the reader's site, printing) draws inline SVG instead.
"""

from __future__ import annotations

import os
from html import escape

import altair as alt

from ..course import cache
from .theme import THEME_NAME

#: vega-embed options for every chart: SVG (readable by screen readers and comparable in browser
#: tests) and no export menu that would try to reach the network.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}

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


def described_svg(chart, title: str, description: str) -> str:
    """An Altair chart as SVG in the course's theme, with its title and its description for
    screen readers; ValueError naming what is missing if it lacks any part of a course chart
    (for pages drawn outside a notebook: the grading report, the class page)."""
    from .accessibility import accessibility_problems, describe

    chart = describe(chart, title, description)
    problems = accessibility_problems(chart)
    if problems:
        raise ValueError(", ".join(problems))
    with alt.theme.enable(THEME_NAME):
        spec = chart.to_dict()
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())


def _static_renderer(spec: dict, **_metadata) -> dict:
    return {"text/html": static_html(spec)}


alt.renderers.register("balancing_act_static", _static_renderer)


def show_full_text() -> None:
    """Show every cell of a table in full: pandas cuts text at 50 characters by default, and
    students read claims, titles and summaries in tables (JupyterLab wraps a long cell)."""
    import pandas as pd

    pd.set_option("display.max_colwidth", None)


def setup() -> None:
    """Make charts draw offline in notebooks, with the course's theme; tables show full text."""
    alt.theme.enable(THEME_NAME)
    show_full_text()
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

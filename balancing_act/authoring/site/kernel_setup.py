"""Installed in each lesson's kernel before the lesson's first cell (:data:`STARTUP`, which
:mod:`.execution` gives the notebook runner).

The course package, in static mode, draws charts and widgets as finished HTML. The reader's site
needs more than that: each chart drawn twice (at its own width and at a phone's), and each widget
described in words with, for a claim explorer, the claim and its evidence. So in the site's
kernels charts and widgets are captured as data instead, under two media types of the site's own;
:mod:`.execution` turns them into HTML once the lesson has run. Nothing here changes what a lesson
computes or prints.

A widget is captured by asking it (its ``kind``, ``in_words()`` and ``values``), never by the
names of its controls, so renaming a control cannot break the site.
"""

import altair as alt
from IPython import get_ipython

from ...charts import offline  # noqa: F401  (registers the package's renderer, replaced below)
from ...widgets.explorer import ChartExplorer

CHART_MEDIA_TYPE = "application/vnd.balancing-act.site-chart+json"
WIDGET_MEDIA_TYPE = "application/vnd.balancing-act.site-widget+json"
#: The code the runner runs in a lesson's kernel before its first cell.
STARTUP = f"from {__name__} import install\ninstall()"


def _capture_chart(spec: dict, **_metadata) -> dict:
    return {CHART_MEDIA_TYPE: spec, "text/plain": "A chart (drawn by the site build)"}


def _capture_widget(explorer: ChartExplorer) -> dict:
    drawn = explorer.chart.layout.display != "none"
    purpose, shown = explorer.in_words()
    widget = {
        "kind": explorer.kind,
        "purpose": purpose,
        "shown": shown,
        "values": explorer.values,
        "chart": explorer.chart.spec if drawn else None,
        "message": None if drawn else explorer.message.value,
    }
    return {WIDGET_MEDIA_TYPE: widget, "text/plain": "Interactive widget (run the notebook)"}


def install() -> None:
    # The package's static renderer has this name, and ba.setup() enables it in static mode.
    alt.renderers.register("balancing_act_static", _capture_chart)
    alt.renderers.enable("balancing_act_static")
    get_ipython().display_formatter.mimebundle_formatter.for_type(ChartExplorer, _capture_widget)

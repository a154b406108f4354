"""The one widget shell every interactive chart in the course uses.

A course widget is a set of ipywidgets controls and a pure function that turns the controls'
values into an Altair chart. The function is unit-tested on its own; this shell only wires
controls to it, redraws an offline ``alt.JupyterChart`` when a control moves, and shows the
function's :class:`EmptySelection` message (never a traceback) when nothing is left to draw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import contextmanager
from html import escape

import altair as alt
import ipywidgets as widgets
import traitlets

from ..charts.offline import EMBED_OPTIONS, go_offline, static_html, static_mode
from ..course.errors import EmptySelection


@contextmanager
def _schema_checked_elsewhere():
    """Serialise charts without checking them against the Vega-Lite schema, for one block."""
    originals = {cls: cls.to_dict for cls in (alt.TopLevelMixin, alt.Chart)}

    def unchecked(original):
        def to_dict(self, *args, **kwargs):
            kwargs["validate"] = False
            return original(self, *args, **kwargs)

        return to_dict

    for cls, original in originals.items():
        cls.to_dict = unchecked(original)
    try:
        yield
    finally:
        for cls, original in originals.items():
            cls.to_dict = original


class _RedrawnChart(alt.JupyterChart):
    """An offline JupyterChart that skips the schema check when its chart is replaced.

    JupyterChart checks every new chart against the Vega-Lite schema, about half the cost of
    a redraw; the course's chart builders are schema-checked once, in their unit tests.
    """

    @traitlets.observe("chart")
    def _on_change_chart(self, change):
        with _schema_checked_elsewhere():
            super()._on_change_chart(change)


class ChartExplorer(widgets.VBox):
    """Controls above a chart that is rebuilt by ``build(**values)`` whenever a control moves."""

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        build: Callable[..., alt.TopLevelMixin],
        extra: widgets.Widget | None = None,
        *,
        kind: str,
        words: Callable[[Mapping[str, widgets.ValueWidget]], tuple[str, str]],
    ):
        self.controls = dict(controls)
        self.build = build
        #: Which of the course's explorers this is ("timeline", "claim"...), for the site.
        self.kind = kind
        self._words = words
        self._selection_callbacks: dict[str, Callable[[list[dict]], None]] = {}
        self.message = widgets.HTML(layout={"display": "none"})
        go_offline()  # never fetch Vega from a CDN, even without setup()
        self.chart = _RedrawnChart(alt.Chart().mark_point(), embed_options=EMBED_OPTIONS)
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        children = [widgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"})]
        children += [self.message, self.chart] + ([extra] if extra is not None else [])
        super().__init__(children)
        self._redraw()

    def on_select(self, name: str, callback: Callable[[list[dict]], None]) -> None:
        """Call ``callback(rows)`` whenever the student clicks the chart's selection ``name``.

        The chart's selection state is rebuilt on every redraw, so the callback is attached
        again after each one.
        """
        self._selection_callbacks[name] = callback
        self._watch_selections()

    def _watch_selections(self) -> None:
        for name, callback in self._selection_callbacks.items():
            if self.chart.selections.has_trait(name):
                self.chart.selections.observe(
                    lambda change, cb=callback: cb(change.new.value), names=[name]
                )

    def _repr_mimebundle_(self, **kwargs):
        if not static_mode():
            return super()._repr_mimebundle_(**kwargs)
        # On the reader's site there is no kernel: show the first chart and say what moves it.
        settings = ", ".join(f"{name} = {value!r}" for name, value in self.values.items())
        note = (
            '<p class="ba-widget-note"><em>Interactive widget: run this notebook to move its '
            f"controls. Shown with {escape(settings)}.</em></p>"
        )
        body = static_html(self.chart.spec) if self.chart.spec else self.message.value
        return {"text/html": note + body, "text/plain": "Interactive widget (run the notebook)"}

    def in_words(self) -> tuple[str, str]:
        """What this widget lets a student do, and what it shows now, each as a phrase."""
        return self._words(self.controls)

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _redraw(self, _change=None) -> None:
        try:
            chart = self.build(**self.values)
        except EmptySelection as empty:
            self.message.value = f'<p role="status"><em>{escape(str(empty))}</em></p>'
            self.message.layout.display = None
            self.chart.layout.display = "none"
            return
        self.message.layout.display = "none"
        self.chart.layout.display = None
        self.chart.chart = chart
        self._watch_selections()

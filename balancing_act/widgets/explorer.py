"""The one widget shell every interactive chart in the course uses.

A course widget is a set of ipywidgets controls and a pure function that turns the controls'
values into an Altair chart. The function is unit-tested on its own; this shell only wires
controls to it, hands its Vega-Lite spec to an offline ``alt.JupyterChart`` when a control
moves, and shows the function's :class:`EmptySelection` message (never a traceback) when
nothing is left to draw.

Why a move answers at once: **each state of the controls is drawn once, as a spec, and kept.**
Profiled with cProfile on full data, a redraw spent its time in Altair, not in pandas: about
half in checking every schema object as it is made (Altair's debug mode) and checking the
whole spec again in ``JupyterChart``, a quarter in copying and serialising the object tree.
So a new state is built with both checks off (every builder is schema-checked in its unit
tests, where they stay on) and serialised once, and the spec is kept (the last
:data:`REMEMBERED` states per widget), so going back to a state a student has seen — the usual
move: a slider there and back, one claim and the next, a country and the other — costs a
dictionary look-up. The spec is set on the chart directly, so the chart's selections are made
once per widget, not rebuilt on every move. We chose this over the two alternatives:
Vega-Lite parameters filtering in the browser cannot recompute what each chart says in words
(its title, its description with counts, a legend listing only what is shown), which is what
a screen reader reads; and new data into a chart built once would mean writing every builder
twice, as a skeleton and as its data. Here the builders stay the single, pure source of what
is drawn, and the widget draws exactly what ``build(**values)`` returns.

What a state never drawn costs is the builder's own time, so that is kept low in the builders
(profiled per builder with cProfile on ``drawn_spec``): Altair deep-copies a layered chart's
every layer, twice, each time it is made, so a builder gives the chart its title, description
and size as it makes it (``charts.accessibility.described``), never by ``properties()`` after;
the time charts' scales, axes and legends are spec dicts, not Altair objects whose every unset
property is copied too; the period bands are rows cleaned once; the timeline's layer with a
selection is named, so Altair does not hash its table to name it; the analysis behind the
comparison reads typed tables kept per data state. ``bench/lessons.py`` times moves to new
states apart from returns: on the 2-core machine, shared (load 1-2), the median new state went
from 32-36 ms to 17-23 ms. The timeline, balance, memberships and claims answer a new state in
16-21 ms; the oil panels (a chart of charts, which Altair copies most) in about 25 ms and the
two-country comparison (its analysis half of it) in 28-35 ms, above the 20 ms target; a return
costs 0.2-2 ms.

**Where a move's time goes in the browser, and drawing ahead.** ``tests/browser/test_redraw_speed.py``
times each move in Chromium, from the control's event to the new drawing in the DOM, and splits
it at the page's websocket: control to message sent (about 1 ms), the kernel's answer (message
sent to the message with the new spec received) and the browser's drawing after it (vega-embed
compiling the Vega-Lite spec, Vega parsing it, running its dataflow and rendering SVG). Measured
on the shared 2-core machine under a load of 8-10 (seven other helpers running), before this
change: 165-335 ms a move, the kernel's part 117-214 ms (its handler, timed inside the kernel,
110-240 ms of it: the builder, slowed four to eight times by the load; the websocket and
ZeroMQ hops 20-30 ms) and the browser's 38-135 ms. So both halves matter, and the kernel's the
more. What we weighed:

- *Compiling Vega-Lite to Vega in Python* (``vl_convert.vegalite_to_vega``) so the browser
  skips that step: timed in Chromium on the bundle the chart uses, embedding the compiled Vega
  took about as long as embedding the Vega-Lite (Vega-Lite and Vega: timeline 76 and 86 ms,
  partners 77 and 57, memberships 23 and 15, at load 8-10), while compiling in the kernel cost 40-150 ms a
  spec (2.2 s the first time). The browser's time is Vega's parse, dataflow and render, not the
  compile; rejected.
- *Updating the drawn Vega view's data in place* (``view.change``, ``view.signal``) instead of
  embedding anew: compared state by state (compiled Vega, data values and names set aside), the
  memberships, balance and claim explorers differ only in their data, title and description,
  but the timeline, series, comparison and partner explorers change axis values, label offsets,
  scale domains and colour ranges with the years or countries, so they would still embed anew.
  It would serve three explorers of seven; not done.
- *Drawing ahead* (done): while the student reads the chart, a background thread draws the
  states one move away (:func:`~balancing_act.widgets.neighbours.neighbours`: the control just
  moved a step further the same way first, then back, then each other control a step up and
  down; at most :data:`DRAWN_AHEAD`), so the usual next move, a slider's next step or a list's
  next option, is a look-up and the kernel's part is the hops alone. Drawings are made one at a
  time under a lock (Altair's schema checks are switched off by a global flag, so two threads
  must not toggle it at once; a chart a student makes in a cell while a drawing ahead is under
  way is checked when it is shown, not as it is made), a move waits at most for the drawing under way, and drawing
  ahead of a state stops as soon as the student moves on. Only in a kernel (``ahead`` says how
  many; scripts and unit tests draw on demand), and only from a student's first move, so
  running a notebook (Run All, the site's build, the tests) draws nothing ahead. A jump to a state not drawn ahead (a slider
  dragged far, a list's far option, a box ticked in a multiple choice, a word typed) still costs
  the builder's time. Measured in the same session against drawing nothing ahead (load 14-19),
  the kernel's part of a move fell from 204-598 ms to 43-192 ms; the browser's did not fall,
  and grew under that load, since the second thread takes CPU the browser needs on a 2-core
  machine: so at most :data:`DRAWN_AHEAD` states, from :data:`AHEAD_START` after the move.
  The target (a median under 100 ms) was not met on that machine: the browser's part alone
  exceeded it. Hence the next point.
- *Drawing ahead in the page too* (done): each state drawn ahead is sent to the page
  (:meth:`~balancing_act.widgets.drawn_ahead_chart.DrawnAheadChart.send_ahead`), whose front
  end embeds it off the page while the student reads and keeps it; the shown spec carries its
  state's name (:func:`state_name`),
  so a move to a state drawn ahead swaps the drawing in (the browser's part 2-3 ms, from
  46-87 ms). Measured on a quiet machine, every explorer's median move is now 25-52 ms
  (``bench/README.md``); a state not drawn ahead still costs the builder and an embedding.
- *The renderer* stays SVG: screen readers and the browser tests read each mark's
  ``aria-label`` from the SVG; a Canvas has no marks to read (its speed was not measured).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from html import escape

import altair as alt
import ipywidgets as widgets
from altair.jupyter.jupyter_chart import Selections
from altair.utils.schemapi import debug_mode
from altair.utils.selection import IndexSelection, IntervalSelection, PointSelection

from ..charts.offline import EMBED_OPTIONS, go_offline, static_html, static_mode
from ..course.errors import EmptySelection
from .drawn_ahead_chart import DrawnAheadChart
from .neighbours import neighbours

#: How many states of its controls a widget keeps drawn (a full timeline spec is 0.12 MB as JSON):
#: the states a student moved through and those drawn ahead around the present one.
REMEMBERED = 48
#: How many states one move away a widget draws ahead, at most, while the student reads: the
#: control just moved, a step either way, then the next control's (each costs the builder's time
#: in a second thread, which on a busy 2-core machine slows the browser's drawing too).
DRAWN_AHEAD = 4
#: Seconds the drawing ahead waits before it starts, so the page draws the new state first.
AHEAD_START = 0.1
#: Seconds it waits before each further state, so the kernel's own thread, which answers the
#: page, gets the interpreter first.
AHEAD_PAUSE = 0.02

#: One thread draws ahead for every widget of a kernel; one drawing is made at a time, since
#: Altair's schema checks are switched off for a drawing by a global flag.
_AHEAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="draw-ahead")
_BUILDING = threading.Lock()


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel, where a student moves the controls."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    return getattr(get_ipython(), "kernel", None) is not None


#: What ``JupyterChart`` reports for a selection that nothing has selected yet, by its kind.
_EMPTY_SELECTIONS = {
    "point": lambda name: PointSelection(name=name, value=[], store=[]),
    "index": lambda name: IndexSelection(name=name, value=[], store=[]),
    "interval": lambda name: IntervalSelection(name=name, value={}, store=[]),
}


def drawn_spec(build: Callable[..., alt.TopLevelMixin], values: Mapping) -> dict | EmptySelection:
    """The Vega-Lite spec ``build(**values)`` draws, made without Altair's schema checks (the
    builders are checked in their tests), or the :class:`EmptySelection` it raised."""
    with debug_mode(False):
        try:
            return build(**values).to_dict(validate=False)
        except EmptySelection as empty:
            return empty


def state_name(values: Mapping) -> str:
    """The name of a state of the controls, the same in the kernel's memory of drawings and in
    the page's (:mod:`.drawn_ahead_chart`)."""
    return repr(tuple(values.items()))


def selection_kinds(spec: dict) -> dict[str, str]:
    """Each selection a spec declares at its top (where Altair lifts them), by name: "point",
    "index" (a point selection by row) or "interval", as ``JupyterChart`` names them."""
    kinds = {}
    for param in spec.get("params", []):
        select = param.get("select")
        if select is None:
            continue
        kind = select if isinstance(select, str) else select["type"]
        by_row = kind == "point" and not (
            isinstance(select, dict) and (select.get("fields") or select.get("encodings"))
        )
        kinds[param["name"]] = "index" if by_row else kind
    return kinds


class ChartExplorer(widgets.VBox):
    """Controls above a chart that shows ``build(**values)`` for the controls' present values.

    ``follow(**values)``, if given, runs on every move before the chart is drawn: it updates
    the widgets beside the chart (an event list, a claim's text), which are not part of the
    remembered spec. ``ahead`` is how many states one move away it draws in the background
    after each move (by default :data:`DRAWN_AHEAD` in a kernel, none elsewhere).
    """

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        build: Callable[..., alt.TopLevelMixin],
        extra: widgets.Widget | None = None,
        *,
        kind: str,
        words: Callable[[Mapping[str, widgets.ValueWidget]], tuple[str, str]],
        follow: Callable[..., None] | None = None,
        ahead: int | None = None,
    ):
        self.controls = dict(controls)
        self.build = build
        #: Which of the course's explorers this is ("timeline", "claim"...), for the site.
        self.kind = kind
        self._words = words
        self._follow = follow
        self._drawn: OrderedDict[tuple, dict | EmptySelection] = OrderedDict()
        self._moves = 0  # counts moves, so drawing ahead of an old state stops
        self._keeping = threading.Lock()  # the remembered drawings, shared with the drawing ahead
        #: How many states one move away this widget draws ahead (by default, in a kernel only).
        self.ahead = (DRAWN_AHEAD if _in_kernel() else 0) if ahead is None else ahead
        self._ahead: Future | None = None
        self._selection_callbacks: dict[str, Callable[[list[dict]], None]] = {}
        self.message = widgets.HTML(layout={"display": "none"})
        go_offline()  # never fetch Vega from a CDN, even without setup()
        self.chart = DrawnAheadChart(alt.Chart().mark_point(), embed_options=EMBED_OPTIONS)
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        children = [widgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"})]
        children += [self.message, self.chart] + ([extra] if extra is not None else [])
        super().__init__(children)
        self._redraw()

    def on_select(self, name: str, callback: Callable[[list[dict]], None]) -> None:
        """Call ``callback(rows)`` whenever the student clicks the chart's selection ``name``."""
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

    def _remembered(self, key: tuple) -> dict | EmptySelection | None:
        with self._keeping:
            if key in self._drawn:
                self._drawn.move_to_end(key)
                return self._drawn[key]
        return None

    def _remember(self, key: tuple, drawn: dict | EmptySelection) -> None:
        with self._keeping:
            self._drawn[key] = drawn
            self._drawn.move_to_end(key)
            while len(self._drawn) > REMEMBERED:
                self._drawn.popitem(last=False)

    def _spec_for(self, values: dict) -> dict | EmptySelection:
        """The remembered drawing of ``values``, made now if it is not remembered (after the
        drawing ahead under way, which may be this very state)."""
        key = tuple(values.items())
        drawn = self._remembered(key)
        if drawn is None:
            with _BUILDING:
                drawn = self._remembered(key)
                if drawn is None:
                    drawn = drawn_spec(self.build, values)
                    self._remember(key, drawn)
        return drawn

    def _redraw(self, change=None) -> None:
        self._moves += 1  # drawing ahead of the state before stops
        values = self.values
        if self._follow is not None:
            self._follow(**values)
        drawn = self._spec_for(values)
        if isinstance(drawn, EmptySelection):
            self.message.value = f'<p role="status"><em>{escape(str(drawn))}</em></p>'
            self.message.layout.display = None
            self.chart.layout.display = "none"
        else:
            self.message.layout.display = "none"
            self.chart.layout.display = None
            self._show(drawn, state_name(values) if self.ahead else None)
        if change is not None:  # a student moves it (running a notebook draws nothing ahead)
            self._draw_ahead(values, change)

    def _draw_ahead(self, values: dict, change=None) -> None:
        """Start drawing the states one move from ``values`` (:func:`neighbours`, at most
        ``self.ahead``) in the background, once the new drawing has left for the page."""
        if not self.ahead:
            return
        moved = None
        if change is not None:
            name = next((n for n, c in self.controls.items() if c is change.owner), None)
            moved = (name, change.old, change.new)
        with self._keeping:
            ahead = [
                state
                for state in neighbours(self.controls, values, moved)
                if tuple(state.items()) not in self._drawn
            ][: self.ahead]
        self._ahead = _AHEAD.submit(self._draw_each, ahead, self._moves)

    def _draw_each(self, ahead: list[dict], move: int) -> int:
        """Draw ``ahead`` in turn until the student moves again; how many were drawn."""
        drawn = 0
        for number, state in enumerate(ahead):
            time.sleep(AHEAD_PAUSE if number else AHEAD_START)
            if move != self._moves:
                break  # the student moved on: drawing ahead starts again from the new state
            key = tuple(state.items())
            with _BUILDING:
                if self._remembered(key) is not None:
                    continue
                spec = drawn_spec(self.build, state)
                self._remember(key, spec)
                drawn += 1
            if not isinstance(spec, EmptySelection):  # the page draws it too, while idle
                self.chart.send_ahead([(state_name(state), spec)])
        return drawn

    def drawn_ahead(self, timeout: float = 60) -> int:
        """Wait until drawing ahead of the present state is done; how many states it drew
        (0 if the widget draws nothing ahead). For tests and benchmarks."""
        return 0 if self._ahead is None else self._ahead.result(timeout)

    def _show(self, spec: dict, state: str | None = None) -> None:
        """Put ``spec`` on the chart, as ``JupyterChart`` does for a new chart but without
        serialising and checking it again; its selections are set up again only if the new
        spec declares other ones, and start empty, as after any redraw. A widget that draws
        ahead names the ``state``, so the page keeps its drawing (:mod:`.drawn_ahead_chart`)."""
        kinds = selection_kinds(spec)
        with self.chart.hold_sync():
            if kinds != self.chart._selection_types:
                self.chart.selections = Selections(
                    {name: _EMPTY_SELECTIONS[kind](name) for name, kind in kinds.items()}
                )
                self.chart._selection_types = kinds
                self._watch_selections()
            self.chart.spec = spec if state is None else DrawnAheadChart.named(spec, state)
            self.chart._vl_selections = {name: {"value": None, "store": []} for name in kinds}

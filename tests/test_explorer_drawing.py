"""How the explorer shell draws: each state of the controls is built once, without Altair's
schema checks, kept, and put on the chart as a spec (see ``balancing_act.widgets.explorer``).

These tests hold the shell to what it promises: the spec a widget shows is the one its builder
makes with every check on; checking is back on afterwards; a state seen before is not built
again, but the widgets beside the chart still follow; the chart's selections still answer
after redraws. The shell sets three of ``JupyterChart``'s internal traits itself; an Altair
upgrade that renames them fails here instead of in a lesson.
"""

from __future__ import annotations

import altair as alt
import ipywidgets
import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts.timeline import PICKED
from balancing_act.course.errors import EmptySelection
from balancing_act.widgets import explorer
from balancing_act.widgets.explorer import ChartExplorer, drawn_spec, selection_kinds


def _invalid_chart() -> alt.Chart:
    """A chart the Vega-Lite schema refuses (a width must be a number or "container"), set
    after construction, where Altair checks nothing until the chart is serialised."""
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_point().encode(x="a:Q")
    chart.width = "wide"
    return chart


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


@pytest.fixture(scope="module")
def memberships():
    return ba.load_memberships()


def _counted(build):
    """``build`` that also counts its calls, to see which moves build anew."""

    def counting(**values):
        counting.calls.append(values)
        return build(**values)

    counting.calls = []
    return counting


def _year_explorer(build) -> ChartExplorer:
    year = ipywidgets.IntSlider(value=2008, min=1900, max=2100)
    return ChartExplorer(
        {"year": year}, build, kind="memberships", words=lambda c: ("move it", "a year")
    )


def test_a_widget_shows_exactly_what_its_builder_draws_with_every_check_on(events):
    widget = ba.timeline_explorer()
    widget.controls["years"].value = (2001, 2011)
    checked = ba.timeline_chart(
        ba.filter_events(events, (2001, 2011), None, (), ""), years=(2001, 2011)
    )
    assert widget.chart.spec == checked.to_dict()


def test_a_spec_is_made_unchecked_and_checking_is_on_again_afterwards():
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        _invalid_chart().to_dict()
    assert drawn_spec(lambda: _invalid_chart(), {})["width"] == "wide"
    assert alt.utils.schemapi.DEBUG_MODE, "Altair's check of each object must be back on"
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        _invalid_chart().to_dict()


def test_checking_is_on_again_when_a_builder_raises():
    def broken():
        raise RuntimeError("build failed")

    with pytest.raises(RuntimeError, match="build failed"):
        drawn_spec(broken, {})
    assert alt.utils.schemapi.DEBUG_MODE
    empty = drawn_spec(lambda: (_ for _ in ()).throw(EmptySelection("nothing left")), {})
    assert isinstance(empty, EmptySelection) and alt.utils.schemapi.DEBUG_MODE


def test_a_state_seen_before_is_not_built_again(memberships):
    build = _counted(lambda year: ba.membership_chart(memberships, year))
    widget = _year_explorer(build)
    first = widget.chart.spec
    for year in (2015, 2008, 2015, 2008):
        widget.controls["year"].value = year
    assert [call["year"] for call in build.calls] == [2008, 2015]
    assert widget.chart.spec == first
    assert "2008" in widget.chart.spec["title"]["text"]


def test_only_the_latest_states_are_kept(memberships):
    build = _counted(lambda year: ba.membership_chart(memberships, year))
    widget = _year_explorer(build)
    for year in range(1950, 1950 + explorer.REMEMBERED):  # the first state, 2008, drops out
        widget.controls["year"].value = year
    widget.controls["year"].value = 2008
    assert [call["year"] for call in build.calls].count(2008) == 2
    assert len(widget._drawn) == explorer.REMEMBERED


def test_an_empty_selection_is_kept_too_and_the_chart_comes_back(memberships):
    def before_2000_nothing(year):
        if year < 2000:
            raise EmptySelection("Pick a year from 2000.")
        return ba.membership_chart(memberships, year)

    build = _counted(before_2000_nothing)
    widget = _year_explorer(build)
    for year in (1995, 2008, 1995):
        widget.controls["year"].value = year
    assert widget.chart.layout.display == "none" and "from 2000" in widget.message.value
    widget.controls["year"].value = 2008
    assert widget.chart.layout.display is None and widget.message.layout.display == "none"
    assert [call["year"] for call in build.calls] == [2008, 1995]


def test_the_widgets_beside_the_chart_follow_every_move_even_to_a_state_seen_before():
    widget = ba.claim_explorer("C1")
    first_text, first_events = widget.text.value, widget.picker.options
    widget.controls["claim_id"].value = "C8"
    assert widget.text.value != first_text and widget.picker.options != first_events
    widget.controls["claim_id"].value = "C1"
    assert (widget.text.value, widget.picker.options) == (first_text, first_events)


def test_clicking_a_point_still_picks_the_event_after_redraws(events):
    widget = ba.timeline_explorer()
    widget.controls["years"].value = (2014, 2019)
    widget.controls["years"].value = (1991, 2025)
    event_id = events["id"].iloc[12]
    widget.chart._vl_selections = {
        PICKED: {"value": {"vlPoint": {"or": [{"id": event_id}]}}, "store": []}
    }
    assert widget.picker.value == event_id
    # A redraw empties the selection, as Altair's own redraw does; a click then still answers.
    widget.controls["years"].value = (2014, 2019)
    assert widget.chart.selections.picked.value == []
    later = ba.filter_events(events, (2014, 2019), None, (), "")["id"].iloc[3]
    widget.chart._vl_selections = {
        PICKED: {"value": {"vlPoint": {"or": [{"id": later}]}}, "store": []}
    }
    assert widget.picker.value == later


@pytest.mark.parametrize(
    ("select", "kind"),
    [
        ({"type": "point", "fields": ["id"]}, "point"),
        ({"type": "point", "encodings": ["x"]}, "point"),
        ({"type": "point"}, "index"),
        ({"type": "interval", "encodings": ["x"]}, "interval"),
    ],
)
def test_selections_are_told_apart_as_jupyter_chart_does(select, kind):
    """The same answer as Altair's own ``JupyterChart`` for the same selection."""
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    chart = chart.add_params(alt.param(name="s", select=select))
    altairs = alt.JupyterChart(chart)._selection_types
    assert selection_kinds(chart.to_dict()) == altairs == {"s": kind}


def test_a_selection_written_as_its_kind_alone_is_told_apart_too():
    """Vega-Lite allows ``"select": "point"`` (which Altair's own JupyterChart cannot read)."""
    spec = {"params": [{"name": "p", "select": "point"}, {"name": "i", "select": "interval"}]}
    assert selection_kinds(spec) == {"p": "index", "i": "interval"}


def test_a_value_parameter_is_not_a_selection():
    chart = (
        alt.Chart(pd.DataFrame({"x": [1]})).mark_point().add_params(alt.param(name="v", value=3))
    )
    assert selection_kinds(chart.to_dict()) == {}


def test_the_jupyter_chart_traits_the_shell_sets_still_exist():
    traits = alt.JupyterChart.class_traits()
    for name in ("spec", "_selection_types", "_vl_selections"):
        assert name in traits, f"Altair renamed JupyterChart.{name}, which the explorer sets"

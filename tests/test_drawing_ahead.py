"""Drawing ahead (see ``balancing_act.widgets.explorer``): while the student reads the chart, a
widget in a kernel draws the states one move away, likeliest first, so the next move is a
look-up. These tests hold :func:`neighbours` to what a move reaches, and the shell to drawing
those states in the background, stopping when the student moves on, and never showing
anything but what ``build(**values)`` returns.
"""

from __future__ import annotations

import time

import altair as alt
import ipywidgets
import pytest

import balancing_act as ba
from balancing_act.widgets.drawn_ahead_chart import STATE_KEY, DrawnAheadChart
from balancing_act.widgets.explorer import ChartExplorer
from balancing_act.widgets.neighbours import neighbours, steps


def test_a_slider_steps_up_then_down_within_its_ends():
    year = ipywidgets.IntSlider(value=2008, min=1991, max=2025)
    assert steps(year, 2008) == [2009, 2007]
    assert steps(year, 2025) == [2024]
    weight = ipywidgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.5)
    assert steps(weight, 0.0) == [0.5]


def test_a_range_moves_either_handle_and_never_crosses():
    years = ipywidgets.IntRangeSlider(value=(2000, 2001), min=1991, max=2025)
    assert steps(years, (2000, 2001)) == [(2001, 2001), (2000, 2002), (1999, 2001), (2000, 2000)]
    assert steps(years, (1991, 2025)) == [(1992, 2025), (1991, 2024)]


def test_a_list_goes_to_the_next_option_either_way_and_a_box_flips():
    claim = ipywidgets.Dropdown(options=[("first", "C1"), ("second", "C2"), ("third", "C3")])
    assert steps(claim, "C2") == ["C3", "C1"]
    assert steps(claim, "C1") == ["C2"]
    assert steps(ipywidgets.Checkbox(value=True), True) == [False]


def test_multiple_choices_and_free_text_are_not_guessed():
    assert steps(ipywidgets.SelectMultiple(options=["a", "b"]), ("a",)) == []
    assert steps(ipywidgets.Text(value="gas"), "gas") == []


def test_the_control_just_moved_comes_first_a_step_further_the_same_way_first():
    controls = {
        "year": ipywidgets.IntSlider(value=2008, min=1991, max=2025),
        "weighted": ipywidgets.Checkbox(value=True),
    }
    values = {"year": 2008, "weighted": True}
    assert neighbours(controls, values) == [
        {"year": 2009, "weighted": True},
        {"year": 2007, "weighted": True},
        {"year": 2008, "weighted": False},
    ]
    moved_down = neighbours(controls, values, ("year", 2009, 2008))
    assert moved_down[0] == {"year": 2007, "weighted": True}
    moved_box = neighbours(controls, values, ("weighted", False, True))
    assert moved_box[0] == {"year": 2008, "weighted": False}
    years = {"years": ipywidgets.IntRangeSlider(value=(2000, 2010), min=1991, max=2025)}
    lowered = neighbours(years, {"years": (2000, 2010)}, ("years", (2000, 2011), (2000, 2010)))
    assert lowered[0] == {"years": (2000, 2009)}


def _counted_year_explorer(ahead: int, seconds: float = 0.0):
    memberships = ba.load_memberships()
    calls = []

    def build(year):
        calls.append(year)
        time.sleep(seconds)
        return ba.membership_chart(memberships, year)

    year = ipywidgets.IntSlider(value=2008, min=1991, max=2025)
    widget = ChartExplorer(
        {"year": year}, build, kind="memberships", words=lambda c: ("move", "a year"), ahead=ahead
    )
    return widget, calls


def test_a_widget_draws_nothing_ahead_until_a_student_moves_it():
    widget, calls = _counted_year_explorer(ahead=2)
    assert widget.drawn_ahead() == 0 and calls == [2008]


def test_after_a_move_the_next_states_are_drawn_ahead_and_the_next_move_builds_nothing():
    widget, calls = _counted_year_explorer(ahead=2)
    widget.controls["year"].value = 2010
    assert widget.drawn_ahead() == 2
    assert calls == [2008, 2010, 2011, 2009]  # further the same way first
    widget.controls["year"].value = 2011  # drawn ahead: a look-up
    assert calls == [2008, 2010, 2011, 2009]
    assert "2011" in widget.chart.spec["title"]["text"]
    assert widget.drawn_ahead() == 1  # 2012 next; 2010 is remembered
    assert calls[-1] == 2012
    assert alt.utils.schemapi.DEBUG_MODE, "Altair's checks are on again after drawing ahead"


def test_drawing_ahead_of_an_old_state_stops_when_the_student_moves_on():
    widget, calls = _counted_year_explorer(ahead=2, seconds=0.3)
    widget.controls["year"].value = 2010
    widget.controls["year"].value = 2015  # before 2010's neighbours are drawn
    widget.drawn_ahead()
    # 2010's neighbours were dropped (at most the one under way was finished).
    assert calls[0:3] == [2008, 2010, 2015] or calls[0:4] in (
        [2008, 2010, 2011, 2015],
        [2008, 2010, 2015, 2016],
    )
    assert {2016, 2014} <= set(calls) and 2009 not in calls


def test_outside_a_kernel_nothing_is_drawn_ahead_unless_asked():
    widget = ba.membership_explorer()
    assert widget.ahead == 0 and widget.drawn_ahead() == 0


@pytest.mark.parametrize("value", [2009, 2007])
def test_a_state_drawn_ahead_is_exactly_what_the_builder_draws_with_every_check_on(value):
    widget, calls = _counted_year_explorer(ahead=2)
    widget.controls["year"].value = 4016 - value  # one side of 2008, then back, towards value
    widget.controls["year"].value = 2008
    widget.drawn_ahead()
    built = len(calls)
    widget.controls["year"].value = value
    assert len(calls) == built, "the state was drawn ahead"
    checked = ba.membership_chart(ba.load_memberships(), value).to_dict()
    # Named for the page, which keeps its drawing (balancing_act/widgets/drawn_ahead.js).
    assert widget.chart.spec == DrawnAheadChart.named(checked, repr((("year", value),)))


def test_each_state_drawn_ahead_goes_to_the_page_named_as_the_chart_will_name_it(monkeypatch):
    sent = []  # by chart: an earlier test's widget may still be drawing ahead
    monkeypatch.setattr(
        DrawnAheadChart, "send", lambda chart, message: sent.append((chart, message))
    )
    widget, calls = _counted_year_explorer(ahead=2)
    widget.controls["year"].value = 2010
    widget.drawn_ahead()
    sent = [message for chart, message in sent if chart is widget.chart]
    states = [state for message in sent for state in message["states"]]
    assert [message["kind"] for message in sent] == ["drawn ahead", "drawn ahead"]
    assert [state["state"] for state in states] == [repr((("year", y),)) for y in (2011, 2009)]
    assert [state["spec"]["usermeta"][STATE_KEY] for state in states] == [
        state["state"] for state in states
    ]
    widget.controls["year"].value = 2011  # drawn ahead: shown under the name it was sent with
    assert widget.chart.spec["usermeta"][STATE_KEY] == states[0]["state"]
    assert widget.chart.spec == states[0]["spec"]


def test_a_widget_that_draws_nothing_ahead_names_no_state_and_sends_nothing(monkeypatch):
    sent = []
    monkeypatch.setattr(DrawnAheadChart, "send", lambda chart, message: sent.append(chart))
    widget, _ = _counted_year_explorer(ahead=0)
    widget.controls["year"].value = 2010
    assert widget.drawn_ahead() == 0 and widget.chart not in sent
    assert "usermeta" not in widget.chart.spec


def test_naming_a_spec_leaves_the_kept_one_as_it_was():
    kept = {"mark": "point", "usermeta": {"note": "kept"}}
    named = DrawnAheadChart.named(kept, "('year', 2010)")
    assert kept == {"mark": "point", "usermeta": {"note": "kept"}}
    assert named["usermeta"] == {"note": "kept", STATE_KEY: "('year', 2010)"}

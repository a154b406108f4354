"""The balance index: arithmetic, weights, empty and extreme choices, and its widget."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.balance_index import EQUAL_WEIGHTS
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.course.errors import EmptySelection

from .chart_tools import reading_problems


def _events(rows):
    frame = pd.DataFrame(rows, columns=["year", "category", "alignment"])
    return frame


def test_index_by_hand():
    events = _events(
        [
            (2000, "energy", "toward_west"),
            (2000, "security", "toward_russia"),
            (2002, "energy", "toward_west"),
            (2002, "diplomacy", "neutral"),
        ]
    )
    table = ba.balance_index(events, {"energy": 2.0, "security": 1.0})
    assert list(table["year"]) == [2000, 2001, 2002]
    assert list(table["net"]) == [1.0, 0.0, 2.0]
    assert list(table["index"]) == [1.0, 1.0, 3.0]


def test_balancing_and_neutral_score_zero_whatever_the_weight():
    events = _events([(2010, "energy", "balancing"), (2010, "energy", "neutral")])
    assert ba.balance_index(events, {"energy": 3.0})["net"].tolist() == [0.0]


def test_all_zero_weights_is_an_empty_selection():
    with pytest.raises(EmptySelection, match="Every weight is zero"):
        ba.balance_index(ba.load_events(), dict.fromkeys(EQUAL_WEIGHTS, 0.0))


def test_no_events_is_an_empty_selection():
    with pytest.raises(EmptySelection, match="no events"):
        ba.balance_index(ba.load_events().iloc[0:0])


def test_unknown_category_in_weights_is_refused():
    with pytest.raises(ValueError, match="Unknown categories"):
        ba.balance_index(ba.load_events(), {"sport": 1.0})


def test_real_index_matches_a_direct_count():
    events = ba.load_events()
    table = ba.balance_index(events)
    west = int((events["alignment"] == "toward_west").sum())
    russia = int((events["alignment"] == "toward_russia").sum())
    assert table["index"].iloc[-1] == west - russia


def test_one_category_only_counts_only_that_category():
    events = ba.load_events()
    table = ba.balance_index(events, {"energy": 1.0})
    energy = events[events["category"] == "energy"]
    expected = int((energy["alignment"] == "toward_west").sum()) - int(
        (energy["alignment"] == "toward_russia").sum()
    )
    assert table["index"].iloc[-1] == expected


def test_chart_is_accessible():
    assert accessibility_problems(ba.balance_chart(ba.load_events())) == []


def test_each_years_bar_spans_its_year_on_a_year_axis():
    chart = ba.balance_chart(ba.load_events())
    bars = chart.layer[1].data
    assert (bars["end"] - bars["start"]).dt.days.between(365, 366).all()
    assert (bars["start"].dt.month == 1).all() and (bars["start"].dt.day == 1).all()
    # Bars spanning years on x would lie flat at their value unless told to rise from zero.
    assert chart.to_dict()["layer"][1]["encoding"]["y2"] == {"datum": 0}
    assert reading_problems(chart) == []


def test_moving_a_weight_slider_moves_the_line():
    widget = ba.balance_explorer()
    before = widget.chart.spec["description"]
    widget.controls["security"].value = 3.0
    after = widget.chart.spec["description"]
    assert after != before
    expected = ba.balance_index(ba.load_events(), {**EQUAL_WEIGHTS, "security": 3.0})
    assert f"ends at {expected['index'].iloc[-1]:.1f}" in after


def test_all_sliders_at_zero_shows_a_message():
    widget = ba.balance_explorer()
    for slider in widget.controls.values():
        slider.value = 0.0
    assert "Every weight is zero" in widget.message.value

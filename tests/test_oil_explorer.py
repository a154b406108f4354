"""The oil-and-policy chart builder and the widget shell around it."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts import accessibility_problems
from balancing_act.oil import oil_policy_chart, select_series
from balancing_act.selection import EmptySelection


@pytest.fixture(scope="module")
def series():
    return ba.load_series()


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


def test_select_series_keeps_single_years_inside_the_range(series):
    rows = select_series(series, ["brent_usd_per_bbl"], (2000, 2004))
    assert sorted(rows["first_year"]) == [2000, 2001, 2002, 2003, 2004]
    brent = ba.one_series("brent_usd_per_bbl")
    expected = brent[brent["first_year"].between(2000, 2004)]["value"].sum()
    assert rows["value"].sum() == pytest.approx(expected)


def test_chart_is_titled_described_and_labelled(series, events):
    chart = oil_policy_chart(series, events, ["brent_usd_per_bbl"], (1991, 2024), ["energy"])
    assert accessibility_problems(chart) == []


def test_no_series_chosen_is_an_empty_selection_not_a_crash(series, events):
    with pytest.raises(EmptySelection, match="at least one series"):
        oil_policy_chart(series, events, [], (1991, 2024))


def test_years_with_no_values_is_an_empty_selection(series):
    with pytest.raises(EmptySelection, match="no values|None of the chosen"):
        oil_policy_chart(
            series[series["first_year"] > 2000], None, ["brent_usd_per_bbl"], (1991, 1995)
        )


def test_one_year_range_still_draws(series):
    chart = oil_policy_chart(series, None, ["brent_usd_per_bbl"], (2015, 2015))
    values = chart.to_dict()["vconcat"][0]["layer"][1]
    assert values  # a layer exists for the single point


def test_widget_redraws_when_the_years_move():
    widget = ba.oil_policy_explorer(years=(1991, 2024))
    before = widget.chart.spec
    widget.controls["years"].value = (2005, 2010)
    after = widget.chart.spec
    assert after != before
    assert "2005–2010" in str(after["title"])


def test_widget_shows_a_message_not_a_traceback_when_nothing_is_chosen():
    widget = ba.oil_policy_explorer()
    widget.controls["names"].value = ()
    assert "Pick at least one series" in widget.message.value
    assert widget.chart.layout.display == "none"
    widget.controls["names"].value = ("brent_usd_per_bbl",)
    assert widget.message.layout.display == "none"
    assert widget.chart.layout.display is None


def test_event_rules_follow_the_chosen_categories(series, events):
    assert not events[events["category"] == "energy"].empty
    with_energy = oil_policy_chart(series, events, ["brent_usd_per_bbl"], (1991, 2024), ["energy"])
    without = oil_policy_chart(series, events, ["brent_usd_per_bbl"], (1991, 2024), [])
    assert len(with_energy.to_dict()["vconcat"][0]["layer"]) == 3
    assert len(without.to_dict()["vconcat"][0]["layer"]) == 2
    assert isinstance(events["date"].iloc[0], pd.Timestamp)


def test_redraws_send_the_same_spec_as_a_checked_chart_and_leave_checking_on(series, events):
    import altair as alt
    import jsonschema

    widget = ba.oil_policy_explorer(years=(1991, 2024))
    widget.controls["years"].value = (2001, 2011)
    checked = oil_policy_chart(series, events, ["brent_usd_per_bbl"], (2001, 2011), ["energy"])
    assert widget.chart.spec == checked.to_dict()  # validated here, unvalidated in the widget
    with pytest.raises((alt.utils.schemapi.SchemaValidationError, jsonschema.ValidationError)):
        alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").properties(
            width="wide"
        ).to_dict()

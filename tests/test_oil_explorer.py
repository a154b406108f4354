"""The oil-and-policy chart builder and the widget shell around it."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.charts.axes import CHARACTER_WIDTH
from balancing_act.charts.series import PANEL_HEIGHT, oil_policy_chart, select_series, series_chart
from balancing_act.course.errors import EmptySelection
from balancing_act.course.vocabulary import SERIES_NAMES, SERIES_UNITS

from .chart_tools import legends, line_runs, reading_problems, runs_of_years


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
    # Bands, the line, the event rules and their pointer targets; without events, two.
    assert len(with_energy.to_dict()["vconcat"][0]["layer"]) == 4
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


# --- What a reader sees ----------------------------------------------------------------------


def test_every_single_year_series_has_a_name_and_a_unit_in_words(series):
    single = set(series.loc[series["first_year"] == series["last_year"], "series"])
    assert single <= set(SERIES_NAMES) and single <= set(SERIES_UNITS)
    assert not any("_" in words for words in [*SERIES_NAMES.values(), *SERIES_UNITS.values()])


def test_two_series_on_one_axis_share_one_legend_in_words(series):
    chart = series_chart(series, ["azn_per_usd_yearend", "azn_per_usd_avg"], "The manat")
    assert [(g.title, g.labels) for g in legends(chart) if g.title != "Period"] == [
        ("Series", ("Manat rate (end of year)", "Manat rate (yearly average)"))
    ]
    assert reading_problems(chart) == []


def test_panels_share_one_legend_of_events_and_one_of_periods(series, events):
    names = ["brent_usd_per_bbl", "azn_per_usd_avg", "azn_per_usd_yearend"]
    chart = oil_policy_chart(series, events, names, (1997, 2024), ["economy"])
    assert [g.title for g in legends(chart)] == ["Period", "Event moved Baku"]


def test_the_manat_line_breaks_where_years_are_missing(series):
    chart = series_chart(series, ["azn_per_usd_yearend"], "Manat at the end of each year")
    known = ba.one_series("azn_per_usd_yearend")["first_year"]
    assert line_runs(chart) == [runs_of_years(known)]
    assert runs_of_years(known) > 1  # the series has gaps, so an unbroken line would fail this


def test_a_year_end_level_is_drawn_at_the_end_of_its_year_and_an_average_in_its_middle(series):
    rows = select_series(series, ["azn_per_usd_yearend", "azn_per_usd_avg"], (2016, 2016))
    drawn = dict(zip(rows["series"], rows["date"], strict=True))
    assert drawn == {
        "azn_per_usd_yearend": pd.Timestamp(2016, 12, 31),
        "azn_per_usd_avg": pd.Timestamp(2016, 7, 1),
    }


def test_a_long_unit_is_wrapped_to_the_panel_height(series):
    chart = oil_policy_chart(series, None, ["azn_per_usd_avg"], (1997, 2024))
    title = chart.to_dict()["vconcat"][0]["layer"][1]["encoding"]["y"]["title"]
    lines = title if isinstance(title, list) else [title]
    assert all(len(line) * CHARACTER_WIDTH * 13 <= PANEL_HEIGHT for line in lines)

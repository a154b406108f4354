"""Charts of the outside evidence: titled, described, labelled, years as years, one legend per
encoding, Okabe-Ito colours, and an empty choice that says so."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.charts.axes import period_bands
from balancing_act.charts.theme import save_chart
from balancing_act.course.errors import EmptySelection
from balancing_act.course.vocabulary import COUNTRY_COLOURS, OKABE_ITO, SUPPLIER_COLOURS
from balancing_act.tables.load import load_indicators

from .chart_tools import legends, line_runs, reading_problems, runs_of_years

BUILDERS = {
    "ideal_points": lambda: ba.ideal_point_chart(["AZE", "RUS", "USA"], (1992, 2024)),
    "agreement": lambda: ba.vote_agreement_chart("AZE", ["RUS", "TUR"], (2000, 2019)),
    "arms": lambda: ba.arms_supplier_chart("Azerbaijan"),
    "indicator": lambda: ba.indicator_chart("remittances_pct_gdp"),
}


def _line_layer(spec):
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")


@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_is_titled_described_and_labelled(name):
    chart = BUILDERS[name]()
    assert accessibility_problems(chart) == []
    assert len(chart.to_dict()["description"]) > 80


@pytest.mark.parametrize("name", ["ideal_points", "agreement", "indicator"])
def test_years_are_years_and_the_country_legend_is_one(name):
    chart = BUILDERS[name]()
    encoding = _line_layer(chart.to_dict())["encoding"]
    assert encoding["x"]["field"] == "date" and encoding["x"]["type"] == "temporal"
    assert encoding["x"]["axis"]["format"] == "%Y"
    # Colour and dash encode the same field under the same title, so Vega-Lite draws one legend.
    assert [legend.title for legend in legends(chart)] == ["Period", "Country"]
    assert reading_problems(chart) == []
    for colour in encoding["color"]["scale"]["range"]:
        assert colour in OKABE_ITO or colour == "#999999"


@pytest.mark.parametrize("name", ["ideal_points", "agreement", "indicator"])
def test_lines_break_where_a_year_has_no_value(name):
    chart = BUILDERS[name]()
    drawn = chart.layer[1].data  # the lines' rows, with an empty row for each missing year
    value = _line_layer(chart.to_dict())["encoding"]["y"]["field"]
    known = drawn.dropna(subset=[value])
    expected = sorted(runs_of_years(one["year"]) for _, one in known.groupby("name"))
    assert sorted(line_runs(chart)) == expected


def test_an_indicator_with_missing_years_has_a_broken_line():
    table = load_indicators()
    one = table[(table["indicator"] == "remittances_pct_gdp") & (table["country"] == "AZE")]
    holed = table.drop(one[one["year"].between(2001, 2003)].index)
    chart = ba.indicator_chart("remittances_pct_gdp", ["AZE"], (1995, 2010), indicators=holed)
    assert line_runs(chart) == [2]


def test_a_country_keeps_its_colour_from_chart_to_chart():
    ideal = _line_layer(BUILDERS["ideal_points"]().to_dict())["encoding"]["color"]["scale"]
    agreement = _line_layer(BUILDERS["agreement"]().to_dict())["encoding"]["color"]["scale"]
    russia = COUNTRY_COLOURS["RUS"]
    assert ideal["range"][ideal["domain"].index("Russia")] == russia
    assert agreement["range"][agreement["domain"].index("Russia")] == russia
    assert len(set(COUNTRY_COLOURS.values())) == len(COUNTRY_COLOURS)
    assert set(COUNTRY_COLOURS.values()) <= set(OKABE_ITO)
    assert set(SUPPLIER_COLOURS.values()) <= set(OKABE_ITO)


def test_the_arms_chart_groups_small_suppliers_and_states_its_rule_and_credit():
    chart = ba.arms_supplier_chart("Azerbaijan", [(2010, 2014), (2016, 2020)], top=2)
    spec = chart.to_dict()
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Russia", "Israel", "Other suppliers"]
    assert colour["range"][-1] == "#999999"
    assert "SIPRI's own values by delivery year" in spec["description"]
    assert "2016-2020: Israel 68% (697 of 1,030 TIV)" in spec["description"]
    assert spec["encoding"]["y"]["title"] == "Window of delivery years (total TIV delivered)"
    tooltips = [t["field"] for t in spec["encoding"]["tooltip"]]
    assert {"share", "tiv", "total_tiv"} <= set(tooltips)
    assert "SIPRI Arms Transfers Database" in spec["title"]["subtitle"]


def test_the_arms_chart_names_windows_with_no_deliveries():
    chart = ba.arms_supplier_chart("Georgia", [(2010, 2010), (2011, 2011), (2020, 2021)])
    description = chart.to_dict()["description"]
    assert "No deliveries recorded in 2010-2010, 2020-2021" in description


def test_the_arms_chart_refuses_windows_outside_the_per_year_values():
    with pytest.raises(EmptySelection, match="cover 2000-2023"):
        ba.arms_supplier_chart("Azerbaijan", [(2020, 2024)])


def test_period_bands_start_where_the_periods_do():
    bands = pd.DataFrame(period_bands(1991, 2024).data.values)
    bands[["start", "end"]] = bands[["start", "end"]].apply(pd.to_datetime)
    assert bands["start"].iloc[1] == pd.Timestamp(2008, 8, 7)
    assert bands["end"].max() == pd.Timestamp(2025, 1, 1)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ba.ideal_point_chart([]), "at least one"),
        (lambda: ba.vote_agreement_chart("AZE", []), "at least one"),
        (lambda: ba.indicator_chart("oil_rents_pct_gdp", []), "at least one"),
        (lambda: ba.indicator_chart("oil_rents_pct_gdp", ["AZE"], (2022, 2024)), "No values"),
        (lambda: ba.arms_supplier_chart("Georgia", [(2020, 2021)]), "no deliveries"),
    ],
)
def test_an_empty_choice_is_an_empty_selection(build, message):
    with pytest.raises(EmptySelection, match=message):
        build()


def test_too_many_lines_or_suppliers_are_refused():
    with pytest.raises(ValueError, match="at most"):
        ba.ideal_point_chart(list(ba.load_un_ideal_points()["country"].unique()))
    with pytest.raises(ValueError, match="top"):
        ba.arms_supplier_chart("Azerbaijan", top=0)


def test_charts_save_offline(tmp_path):
    path = save_chart(BUILDERS["arms"](), tmp_path / "arms.svg")
    assert b"<svg" in path.read_bytes()


def test_the_ideal_point_chart_shades_each_points_90_per_cent_band():
    chart = ba.ideal_point_chart(["AZE", "RUS"], (2019, 2024))
    spec = chart.to_dict()
    (area,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "area"]
    assert area["encoding"]["y"]["field"] == "ideal_point_q5"
    assert area["encoding"]["y2"]["field"] == "ideal_point_q95"
    assert "95 % posterior quantile" in spec["description"]


def test_ideal_points_without_bands_draw_lines_only():
    points = ba.load_un_ideal_points().drop(columns=["ideal_point_q5", "ideal_point_q95"])
    spec = ba.ideal_point_chart(["AZE"], (2019, 2024), points=points).to_dict()
    assert all(layer["mark"]["type"] != "area" for layer in spec["layer"])
    assert "quantile" not in spec["description"]

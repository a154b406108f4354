"""The correlation scatter: titled, described with r and its uncertainty, labelled, in the
course's colours; a wrong column or too few pairs says so."""

from __future__ import annotations

import pandas as pd
import pytest

from balancing_act.analysis.uncertainty import CorrelationError, correlation_uncertainty
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.charts.scatter import correlation_scatter, scatter_pairs
from balancing_act.course.vocabulary import GREY, OKABE_ITO

from .chart_tools import reading_problems

PAIRS = pd.DataFrame(
    {"price": [20.0, 30.0, 25.0, 60.0, 55.0, None], "growth": [1.0, 3.0, 2.0, 6.0, 4.0, 2.0]},
    index=range(2000, 2006),
)


def _chart():
    return correlation_scatter(
        PAIRS, "price", "growth", x_title="Brent, USD a barrel", y_title="GDP growth, %"
    )


def test_the_scatter_is_titled_described_labelled_and_reads_well():
    chart = _chart()
    assert accessibility_problems(chart) == []
    assert reading_problems(chart) == []
    spec = chart.to_dict()
    assert spec["title"]["text"] == "GDP growth, % against Brent, USD a barrel, 2000–2004"
    result = correlation_uncertainty(PAIRS["price"], PAIRS["growth"])
    assert str(result) in spec["description"]
    assert "5 years from 2000 to 2004" in spec["description"]
    assert spec["title"]["subtitle"] == str(result)


def test_the_scatter_draws_one_point_per_year_with_both_values_in_course_colours():
    spec = _chart().to_dict()
    colours = {layer["mark"].get("color") for layer in spec["layer"]}
    assert colours <= set(OKABE_ITO) | {GREY}
    rows = scatter_pairs(PAIRS, "price", "growth")
    assert rows["year"].tolist() == [2000, 2001, 2002, 2003, 2004]


def test_a_missing_column_or_too_few_pairs_is_refused():
    with pytest.raises(KeyError, match="No column 'gdp': the table has price, growth"):
        correlation_scatter(PAIRS, "price", "gdp", x_title="a", y_title="b")
    with pytest.raises(CorrelationError, match="at least 4"):
        correlation_scatter(PAIRS.iloc[:3], "price", "growth", x_title="a", y_title="b")

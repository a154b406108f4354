"""World Bank indicators: picking values, and the errors a student can meet."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.course.errors import EmptySelection, UnknownCountry, UnknownIndicator
from balancing_act.course.vocabulary import INDICATOR_CODES, INDICATOR_TITLES
from balancing_act.tables.load import load_indicators


@pytest.fixture
def indicators():
    return pd.DataFrame(
        {
            "country": ["AZE", "AZE", "ARM"],
            "indicator": ["oil_rents_pct_gdp"] * 3,
            "year": [2008, 2009, 2008],
            "value": [37.1, 24.6, 0.0],
            "unit": ["% of GDP"] * 3,
            "source": ["worldbank-2023-wdi-oil-rents"] * 3,
            "vintage": ["2023-03-01"] * 3,
        }
    )


def test_values_are_sorted_by_country_and_year(indicators):
    rows = ba.indicator_values("oil_rents_pct_gdp", ["AZE", "ARM"], indicators=indicators)
    assert rows[["country", "year"]].values.tolist() == [
        ["ARM", 2008],
        ["AZE", 2008],
        ["AZE", 2009],
    ]
    assert rows.columns.tolist() == ["country", "year", "value", "unit", "vintage"]


def test_years_are_a_window_with_both_ends(indicators):
    rows = ba.indicator_values("oil_rents_pct_gdp", ["AZE"], (2009, 2009), indicators=indicators)
    assert rows["value"].tolist() == [24.6]
    with pytest.raises(EmptySelection, match="between 2015 and 2016"):
        ba.indicator_values("oil_rents_pct_gdp", ["AZE"], (2015, 2016), indicators=indicators)


def test_unknown_indicator_and_country_are_clear_errors(indicators):
    with pytest.raises(UnknownIndicator, match="'oil' is not an indicator .* oil_rents_pct_gdp"):
        ba.indicator_values("oil", indicators=indicators)
    with pytest.raises(UnknownCountry, match="'RUS'"):
        ba.indicator_values("oil_rents_pct_gdp", ["RUS"], indicators=indicators)


def test_the_codes_are_the_same_in_the_loader_and_the_titles():
    assert set(INDICATOR_CODES) == set(INDICATOR_TITLES)


def test_each_indicator_covers_the_three_countries_in_the_real_table():
    table = load_indicators()
    for code in INDICATOR_CODES:
        assert set(ba.indicator_values(code)["country"]) == {"AZE", "ARM", "GEO"}
    azerbaijan = table[
        (table["country"] == "AZE") & (table["indicator"] == "fuel_exports_pct_merchandise_exports")
    ]
    assert azerbaijan["value"].median() > 80  # an oil exporter, whatever the year

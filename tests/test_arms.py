"""Suppliers' shares of arms delivered: the spreading rule on small tables, SIPRI's published
shares as a cross-check on the real register."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.arms import (
    DEFAULT_WINDOWS,
    deliveries_by_year,
    supplier_shares_by_window,
)
from balancing_act.course.errors import EmptySelection, UnknownCountry


@pytest.fixture
def transfers():
    return pd.DataFrame(
        {
            "recipient": ["Azerbaijan", "Azerbaijan", "Azerbaijan", "Azerbaijan", "Armenia"],
            "supplier": ["Israel", "Russia", "Russia", "Turkiye", "Russia"],
            "order_year": [2014, 2010, 2019, 2020, 2015],
            "delivery_years": ["2015;2016;2017;2018", "2011", "", "2016", "2016"],
            "weapon": ["Harop", "T-90S", "Su-30", "Bayraktar", "Iskander"],
            "tiv_delivered": [60.0, 30.0, float("nan"), 10.0, 75.0],
        }
    )


def test_an_orders_tiv_is_spread_evenly_over_its_delivery_years(transfers):
    yearly = deliveries_by_year("Azerbaijan", transfers=transfers)
    harop = yearly[yearly["weapon"] == "Harop"]
    assert harop["year"].tolist() == [2015, 2016, 2017, 2018]
    assert harop["tiv"].tolist() == [15.0, 15.0, 15.0, 15.0]
    assert "Su-30" not in set(yearly["weapon"])  # nothing delivered yet
    assert yearly["tiv"].sum() == pytest.approx(100.0)


def test_a_window_counts_only_the_delivery_years_inside_it(transfers):
    shares = ba.arms_supplier_shares("Azerbaijan", (2016, 2017), transfers=transfers)
    # Israel: two of Harop's four years (30); Turkiye: 10; Russia's 2011 delivery is outside.
    assert shares[["supplier", "tiv"]].values.tolist() == [["Israel", 30.0], ["Turkiye", 10.0]]
    assert shares["share"].tolist() == [75.0, 25.0]
    assert shares["share"].sum() == pytest.approx(100)


def test_a_one_year_window_and_iso_codes_work(transfers):
    shares = ba.arms_supplier_shares("AZE", (2011, 2011), transfers=transfers)
    assert shares.values.tolist() == [["Russia", 30.0, 100.0]]


def test_an_empty_window_is_an_empty_selection(transfers):
    with pytest.raises(EmptySelection, match="no deliveries to Azerbaijan between 2000 and 2005"):
        ba.arms_supplier_shares("Azerbaijan", (2000, 2005), transfers=transfers)


def test_an_unknown_recipient_is_a_clear_error(transfers):
    with pytest.raises(UnknownCountry, match="'Azerbaidjan' is not a recipient .* Armenia"):
        ba.arms_supplier_shares("Azerbaidjan", (2016, 2020), transfers=transfers)


def test_a_reversed_window_is_refused(transfers):
    with pytest.raises(ValueError, match="earlier year"):
        ba.arms_supplier_shares("Azerbaijan", (2020, 2016), transfers=transfers)


def test_windows_without_deliveries_are_left_out_and_all_empty_is_empty(transfers):
    table = supplier_shares_by_window(
        "Azerbaijan", [(2000, 2004), (2015, 2019)], transfers=transfers
    )
    assert set(table["window"]) == {"2015-2019"}
    with pytest.raises(EmptySelection, match="windows chosen"):
        supplier_shares_by_window("Armenia", [(1992, 1994)], transfers=transfers)


def test_default_windows_run_from_independence_to_2024_without_overlap():
    assert DEFAULT_WINDOWS[0][0] == 1992 and DEFAULT_WINDOWS[-1] == (2020, 2024)
    for (_, last), (first, _) in zip(DEFAULT_WINDOWS, DEFAULT_WINDOWS[1:], strict=False):
        assert first == last + 1


# --- on SIPRI's register ----------------------------------------------------------------------


def test_israel_supplied_about_two_thirds_of_azerbaijans_arms_in_2016_2020():
    shares = ba.arms_supplier_shares("Azerbaijan", (2016, 2020)).set_index("supplier")["share"]
    assert shares.index[0] == "Israel"
    assert shares["Israel"] == pytest.approx(200 / 3, abs=2)
    assert shares["Israel"] == pytest.approx(69, abs=3)  # SIPRI's fact sheet


def _published_shares():
    series = ba.load_series()
    rows = series[series["series"].str.startswith("arms_imports_share_pct_")]
    rows = rows[rows["last_year"] - rows["first_year"] == 4]  # five-year windows only
    names = {"russia": "Russia", "israel": "Israel", "turkey": "Turkiye", "belarus": "Belarus"}
    return [
        (
            names[r.series.removeprefix("arms_imports_share_pct_")],
            r.first_year,
            r.last_year,
            r.value,
        )
        for r in rows.itertuples()
    ]


@pytest.mark.parametrize(("supplier", "first", "last", "published"), _published_shares())
def test_computed_shares_agree_with_sipris_published_ones(supplier, first, last, published):
    """SIPRI's own shares (typed into series.csv from its fact sheets) within 10 points.

    They differ because SIPRI splits deliveries by year where the export does not, and because
    the register has been revised since each fact sheet appeared.
    """
    shares = ba.arms_supplier_shares("Azerbaijan", (first, last)).set_index("supplier")["share"]
    assert shares.get(supplier, 0.0) == pytest.approx(published, abs=10)


def test_the_published_cross_check_covers_the_turning_points():
    windows = {(first, last) for _, first, last, _ in _published_shares()}
    assert {(2010, 2014), (2014, 2018), (2016, 2020)} <= windows


def test_russia_led_before_2015_and_israel_after():
    by_window = supplier_shares_by_window("Azerbaijan").groupby("window")["supplier"].first()
    assert by_window["2010-2014"] == "Russia"
    assert by_window["2015-2019"] == "Israel"
    assert by_window["2020-2024"] == "Turkiye"

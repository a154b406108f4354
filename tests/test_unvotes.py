"""Vote agreement, ideal-point distance and key votes: on small tables, then on the real ones."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.unvotes import (
    ABSENT,
    KEY_RESOLUTIONS,
    MOVED_DOWN,
    MOVED_UP,
    NO_CHANGE,
    change_noise,
    judge_change,
    period_changes,
    search_roll_calls,
    votes_countries,
    yearly_vote_agreement,
)
from balancing_act.course.errors import EmptySelection, UnknownCountry, UnknownResolution


@pytest.fixture
def roll_calls():
    return pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5],
            "date": pd.to_datetime(
                ["2007-10-01", "2008-03-14", "2008-11-01", "2014-03-27", "2016-12-19"]
            ),
            "resolution": ["A/RES/62/1", "A/RES/62/243", "", "A/RES/68/262", "A/RES/71/205"],
            "title": ["One", "Azerbaijan's territories", "A motion", "Ukraine", "Crimea"],
            "issue": ["", "colonialism", "", "", "human_rights"],
        }
    ).assign(year=lambda t: t["date"].dt.year)


@pytest.fixture
def votes():
    rows = [
        (1, "AZE", "yes"),
        (1, "RUS", "yes"),
        (2, "AZE", "yes"),
        (2, "RUS", "no"),
        (3, "AZE", "abstain"),
        (3, "RUS", "abstain"),
        (4, "AZE", "yes"),
        (4, "RUS", "no"),
        (5, "RUS", "no"),  # Azerbaijan absent
        (5, "USA", "yes"),
    ]
    return pd.DataFrame(rows, columns=["rcid", "country", "vote"])


@pytest.fixture
def points():
    return pd.DataFrame(
        {
            "country": ["AZE", "AZE", "RUS", "RUS", "USA"],
            "year": [2013, 2014, 2013, 2014, 2014],
            "ideal_point": [-0.5, -0.4, 0.0, 0.1, 2.5],
            "ideal_point_q5": [-0.7, -0.6, -0.15, -0.05, 2.3],
            "ideal_point_q95": [-0.3, -0.2, 0.15, 0.25, 2.7],
            "n_votes": [60, 70, 60, 70, 70],
        }
    )


def test_agreement_is_the_share_of_shared_roll_calls_with_the_same_vote(votes, roll_calls):
    # Both voted in roll calls 1-4: same vote in 1 and 3 (an abstention counts as a vote).
    assert ba.vote_agreement("AZE", "RUS", votes=votes, roll_calls=roll_calls) == 0.5
    assert ba.vote_agreement("RUS", "AZE", votes=votes, roll_calls=roll_calls) == 0.5


def test_agreement_counts_only_the_window_both_ends_included(votes, roll_calls):
    assert ba.vote_agreement("AZE", "RUS", (2008, 2008), votes=votes, roll_calls=roll_calls) == 0.5
    assert ba.vote_agreement("AZE", "RUS", (2007, 2007), votes=votes, roll_calls=roll_calls) == 1.0


def test_absences_are_not_votes(votes, roll_calls):
    # Azerbaijan cast no vote in 2016, so there is nothing to compare with the US.
    with pytest.raises(EmptySelection, match="Azerbaijan and United States"):
        ba.vote_agreement("AZE", "USA", votes=votes, roll_calls=roll_calls)


def test_an_empty_window_is_an_empty_selection(votes, roll_calls):
    with pytest.raises(EmptySelection, match="between 2020 and 2021"):
        ba.vote_agreement("AZE", "RUS", (2020, 2021), votes=votes, roll_calls=roll_calls)


def test_an_unknown_country_code_is_a_clear_error(votes, roll_calls):
    with pytest.raises(UnknownCountry, match=r"'AZ' is not a country code .* AZE, RUS, USA"):
        ba.vote_agreement("AZ", "RUS", votes=votes, roll_calls=roll_calls)


def test_a_reversed_window_is_refused(votes, roll_calls):
    with pytest.raises(ValueError, match="earlier year"):
        ba.vote_agreement("AZE", "RUS", (2014, 2008), votes=votes, roll_calls=roll_calls)


def test_yearly_agreement_counts_each_year(votes, roll_calls):
    yearly = yearly_vote_agreement("AZE", "RUS", votes=votes, roll_calls=roll_calls)
    assert yearly.values.tolist() == [[2007, 1.0, 1], [2008, 0.5, 2], [2014, 0.0, 1]]


def test_ideal_point_distance_is_the_absolute_gap_in_years_both_have(points):
    pair = ba.ideal_point_distance("AZE", "RUS", points=points)
    assert pair.columns.tolist() == ["year", "AZE", "RUS", "distance"]
    assert pair["distance"].round(3).tolist() == [0.5, 0.5]
    assert ba.ideal_point_distance("AZE", "USA", points=points)["year"].tolist() == [2014]


def test_ideal_point_distance_without_a_shared_year_is_an_empty_selection(points):
    with pytest.raises(EmptySelection, match="no ideal points in the same year"):
        ba.ideal_point_distance("AZE", "USA", (2013, 2013), points=points)
    with pytest.raises(UnknownCountry, match="'XXX'"):
        ba.ideal_point_distance("AZE", "XXX", points=points)


def test_ideal_points_keep_the_order_asked_for(points):
    rows = ba.ideal_points(["RUS", "AZE"], (2014, 2014), points=points)
    assert rows["country"].tolist() == ["RUS", "AZE"]
    with pytest.raises(EmptySelection):
        ba.ideal_points(["USA"], (2000, 2010), points=points)
    with pytest.raises(EmptySelection, match="at least one"):
        ba.ideal_points([], points=points)


def test_key_votes_show_absences_as_absent(votes, roll_calls):
    table = ba.key_votes(
        ["A/RES/68/262", "A/RES/71/205"], ["AZE", "RUS"], votes=votes, roll_calls=roll_calls
    )
    assert table[["resolution", "AZE", "RUS"]].values.tolist() == [
        ["A/RES/68/262", "yes", "no"],
        ["A/RES/71/205", ABSENT, "no"],
    ]
    assert table["about"].tolist() == [KEY_RESOLUTIONS["A/RES/68/262"], "Human rights in Crimea"]


def test_key_votes_refuse_an_unknown_resolution_or_nothing(votes, roll_calls):
    with pytest.raises(UnknownResolution, match="A/RES/99/1"):
        ba.key_votes(["A/RES/99/1"], ["AZE"], votes=votes, roll_calls=roll_calls)
    with pytest.raises(EmptySelection):
        ba.key_votes([], ["AZE"], votes=votes, roll_calls=roll_calls)
    with pytest.raises(UnknownCountry):
        ba.key_votes(["A/RES/68/262"], ["Azerbaijan"], votes=votes, roll_calls=roll_calls)


def test_search_finds_titles_in_any_case(roll_calls):
    assert search_roll_calls("CRIMEA", roll_calls=roll_calls)["rcid"].tolist() == [5]
    with pytest.raises(EmptySelection, match="'Abkhazia'"):
        search_roll_calls("Abkhazia", roll_calls=roll_calls)


def test_votes_countries_lists_the_codes(votes):
    assert votes_countries(votes) == ["AZE", "RUS", "USA"]


# --- on the course's tables -----------------------------------------------------------------


def test_every_key_resolution_is_in_the_roll_calls():
    table = ba.key_votes()
    assert set(table["resolution"]) == set(KEY_RESOLUTIONS)
    assert set(table.columns) >= {"AZE", "ARM", "GEO", "RUS", "UKR", "TUR", "USA"}


def test_baku_voted_for_ukraine_in_2014_and_stayed_away_from_crimea_after():
    table = ba.key_votes().set_index("resolution")
    assert table.loc["A/RES/62/243", "AZE"] == "yes"
    assert table.loc["A/RES/68/262", "AZE"] == "yes"
    crimea = [r for r, about in KEY_RESOLUTIONS.items() if "Crimea" in about]
    assert set(table.loc[crimea, "AZE"]) == {ABSENT}
    assert set(table.loc[crimea, "RUS"]) == {"no"}


def test_azerbaijans_ideal_points_are_the_issues_checkpoints():
    rows = ba.ideal_points(["AZE"]).set_index("year")["ideal_point"]
    assert rows[1993] == pytest.approx(0.27, abs=0.006)
    assert rows[2014] == pytest.approx(-0.41, abs=0.006)
    assert rows[2024] == pytest.approx(-0.66, abs=0.006)


def test_real_agreement_is_a_share_between_zero_and_one():
    value = ba.vote_agreement("AZE", "USA", (2014, 2019))
    assert 0 < value < 0.5
    assert ba.vote_agreement("AZE", "AZE") == 1.0


def test_the_distance_table_reads_each_pair_from_the_ideal_points():
    points = ba.load_un_ideal_points().set_index(["country", "year"])["ideal_point"]
    table = ba.distance_table(["AZE", "GEO"], ["RUS", "USA"], [1993, 2014, 2024])
    assert list(table.index) == [1993, 2014, 2024] and len(table.columns) == 4
    for year in table.index:
        expected = abs(points[("GEO", year)] - points[("USA", year)])
        assert table.loc[year, ("Georgia", "to United States")] == round(expected, 2)


@pytest.fixture
def banded():
    """Three years of one state: 2000 to 2001 inside the noise, 2001 to 2002 beyond it."""
    return pd.DataFrame(
        {
            "country": ["AZE", "AZE", "AZE"],
            "year": [2000, 2001, 2002],
            "ideal_point": [0.0, -0.2, 0.5],
            # widths 0.4, 0.4, 0.3: noise 0.5 * sqrt(0.32) = 0.283 then 0.5 * sqrt(0.25) = 0.25
            "ideal_point_q5": [-0.2, -0.4, 0.35],
            "ideal_point_q95": [0.2, 0.0, 0.65],
            "n_votes": [50, 50, 50],
        }
    )


def test_the_noise_of_a_change_is_half_the_root_of_the_squared_widths():
    assert change_noise((0.0, 0.3), (1.0, 1.4)) == pytest.approx(0.25)
    assert change_noise((0.0, 0.0), (0.0, 0.0)) == 0


def test_a_band_upside_down_is_refused():
    with pytest.raises(ValueError, match="low end"):
        change_noise((0.3, 0.0), (1.0, 1.4))


def test_a_change_inside_the_noise_is_no_change(banded):
    judged = judge_change("AZE", 2000, 2001, points=banded)
    assert judged["change"] == pytest.approx(-0.2)
    assert judged["noise"] == pytest.approx(0.5 * 0.32**0.5)
    assert judged["verdict"] == NO_CHANGE


def test_a_change_beyond_the_noise_moved_with_its_sign(banded):
    assert judge_change("AZE", 2001, 2002, points=banded)["verdict"] == MOVED_UP
    assert judge_change("AZE", 2002, 2001, points=banded)["verdict"] == MOVED_DOWN


def test_a_change_exactly_at_the_noise_is_not_a_move():
    edge = pd.DataFrame(
        {
            "country": ["AZE", "AZE"],
            "year": [2000, 2001],
            "ideal_point": [0.0, 0.25],
            "ideal_point_q5": [-0.15, 0.05],
            "ideal_point_q95": [0.15, 0.45],
            "n_votes": [50, 50],
        }
    )
    assert judge_change("AZE", 2000, 2001, points=edge)["verdict"] == NO_CHANGE


def test_judging_a_year_without_a_point_or_without_bands_is_refused(banded, points):
    with pytest.raises(EmptySelection, match="2003"):
        judge_change("AZE", 2000, 2003, points=banded)
    with pytest.raises(ValueError, match="band"):
        judge_change("AZE", 2013, 2014, points=points.drop(columns=["ideal_point_q5"]))
    with pytest.raises(UnknownCountry):
        judge_change("XXX", 2000, 2001, points=banded)


def test_period_changes_start_from_the_year_before_and_judge_each(banded):
    spans = pd.DataFrame(
        {
            "period": ["one", "two", "none"],
            "first_year": [2000, 2002, 2010],
            "last_year": [2001, 2002, 2011],
        }
    )
    table = period_changes("AZE", spans, points=banded)
    assert table["period"].tolist() == ["one", "two"]  # no point in 2010-2011: no row
    assert table[["start_year", "end_year"]].values.tolist() == [[2000, 2001], [2001, 2002]]
    assert table["verdict"].tolist() == [NO_CHANGE, MOVED_UP]


def test_the_real_changes_the_review_named_are_noise_and_russias_fall_is_not():
    table = period_changes("AZE").set_index("period")
    # the -0.12 and -0.07 that self-check and assignment once graded by their sign
    assert table.loc["pacification", "change"] == pytest.approx(-0.118, abs=0.001)
    assert table.loc["after_brief", "change"] == pytest.approx(-0.071, abs=0.001)
    assert set(table.loc[["pacification", "after_brief"], "verdict"]) == {NO_CHANGE}
    assert judge_change("RUS", 2019, 2024)["verdict"] == MOVED_DOWN


def test_the_real_bands_hold_their_estimates():
    points = ba.load_un_ideal_points()
    assert (points["ideal_point_q5"] <= points["ideal_point"]).all()
    assert (points["ideal_point"] <= points["ideal_point_q95"]).all()

"""Vote agreement, ideal-point distance and key votes: on small tables, then on the real ones."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.unvotes import (
    ABSENT,
    KEY_RESOLUTIONS,
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

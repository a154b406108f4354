"""Agreement split by Voeten's issue codes: a hand-computed fixture, then the real tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from balancing_act.analysis.un_agenda import (
    ALL_VOTES,
    ROWS,
    WITHOUT_PALESTINE,
    issue_agreement,
    issue_agreement_table,
)
from balancing_act.course.errors import EmptySelection


@pytest.fixture
def roll_calls():
    return pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6],
            "issue": [
                "palestinian_conflict",
                "palestinian_conflict;human_rights",
                "human_rights",
                "",
                "arms_control",
                "palestinian_conflict",
            ],
            "year": [2000, 2000, 2000, 2001, 2001, 2001],
        }
    )


@pytest.fixture
def votes():
    rows = [
        (1, "AZE", "yes"), (1, "USA", "no"),       # Palestine: differ
        (2, "AZE", "yes"), (2, "USA", "yes"),      # Palestine and human rights: same
        (3, "AZE", "no"), (3, "USA", "yes"),       # human rights: differ
        (4, "AZE", "abstain"), (4, "USA", "abstain"),  # no code: same
        (5, "AZE", "yes"), (5, "USA", "yes"),      # arms control: same
        (6, "USA", "no"),                          # Azerbaijan absent: not counted
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["rcid", "country", "vote"])


def test_the_split_by_issue_is_the_hand_count(votes, roll_calls):
    table = issue_agreement("AZE", "USA", [(2000, 2001)], votes=votes, roll_calls=roll_calls)
    table = table.set_index("issue")
    assert list(table.index) == list(ROWS)
    assert set(table["window"]) == {"2000-2001"}
    # five roll calls both voted in: 1 2 3 4 5; same on 2, 4, 5
    assert table.loc[ALL_VOTES, "agreement"] == pytest.approx(3 / 5)
    assert table.loc[ALL_VOTES, "n_votes"] == 5
    # Palestine: 1 (differ) and 2 (same); 6 left out (Azerbaijan absent)
    assert table.loc["palestinian_conflict", "agreement"] == pytest.approx(1 / 2)
    assert table.loc["palestinian_conflict", "share_of_votes"] == pytest.approx(2 / 5)
    # human rights: 2 (same) and 3 (differ): a roll call with two codes counts under each
    assert table.loc["human_rights", "agreement"] == pytest.approx(1 / 2)
    # without Palestine: 3, 4, 5 -> same on 4 and 5
    assert table.loc[WITHOUT_PALESTINE, "agreement"] == pytest.approx(2 / 3)
    assert table.loc[WITHOUT_PALESTINE, "n_votes"] == 3
    assert table.loc["arms_control", "agreement"] == 1
    # no roll call on nuclear weapons: no share, not zero
    assert math.isnan(table.loc["nuclear_weapons", "agreement"])
    assert table.loc["nuclear_weapons", "n_votes"] == 0


def test_windows_split_the_years(votes, roll_calls):
    windows = {"first": (2000, 2000), "second": (2001, 2001)}
    table = issue_agreement("AZE", "USA", windows, votes=votes, roll_calls=roll_calls)
    overall = table[table["issue"] == ALL_VOTES].set_index("window")["agreement"]
    assert overall.to_dict() == pytest.approx({"first": 1 / 3, "second": 1.0})


def test_a_window_with_no_shared_vote_is_an_empty_selection(votes, roll_calls):
    with pytest.raises(EmptySelection):
        issue_agreement("AZE", "USA", [(1995, 1996)], votes=votes, roll_calls=roll_calls)


def test_the_table_reads_in_per_cent_by_pair_and_window(votes, roll_calls):
    table = issue_agreement_table(
        ["AZE"], ["USA"], [(2000, 2001)], votes=votes, roll_calls=roll_calls
    )
    column = ("2000-2001", "Azerbaijan with United States")
    assert table.columns.tolist() == [column]
    assert table.loc["All roll calls", column] == 60
    assert table.loc["All but Palestine", column] == 67
    assert table.loc["Palestine votes, % of all", column] == 40


def test_a_table_of_nobody_is_refused(votes, roll_calls):
    with pytest.raises(EmptySelection):
        issue_agreement_table([], ["USA"], votes=votes, roll_calls=roll_calls)


def test_on_palestine_turkey_agrees_with_washington_as_rarely_as_baku():
    def split(country):
        return issue_agreement(country, "USA", {"all": (1992, 2019)}).set_index("issue")

    baku, ankara = split("AZE"), split("TUR")
    assert baku.loc["palestinian_conflict", "agreement"] < 0.05
    assert ankara.loc["palestinian_conflict", "agreement"] < 0.05
    # Palestine roll calls are about a fifth of the votes, and leaving them out raises both
    assert 0.15 < baku.loc["palestinian_conflict", "share_of_votes"] < 0.3
    for split_ in (baku, ankara):
        assert split_.loc[WITHOUT_PALESTINE, "agreement"] > split_.loc[ALL_VOTES, "agreement"]
    # but on human rights Baku stands much further from Washington than Ankara does
    assert baku.loc["human_rights", "agreement"] + 0.2 < ankara.loc["human_rights", "agreement"]


def test_the_default_windows_are_the_periods_with_roll_calls():
    table = issue_agreement("AZE", "RUS")
    assert list(dict.fromkeys(table["window"])) == ["balancing", "shift", "pacification"]

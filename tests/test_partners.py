"""Baku's steps toward each partner apart (``balancing_act.analysis.partners``), on small
fixtures whose sums can be read off."""

from __future__ import annotations

import pandas as pd
import pytest

from balancing_act.analysis.partners import (
    PARTNERS,
    axis_beside_partners,
    chosen_partners,
    partner_counts,
    partner_index,
    partner_scores,
    partner_steps,
)
from balancing_act.course.errors import EmptySelection, UnknownPartner
from balancing_act.course.periods import assign_periods
from balancing_act.course.vocabulary import OKABE_ITO, PARTNER_COLOURS
from balancing_act.tables.load import load_events


def _events(rows) -> pd.DataFrame:
    """Rows of (id, date, episode, weight, alignment, {partner code: direction})."""
    records = []
    for event_id, day, episode, weight, alignment, codes in rows:
        record = {
            "id": event_id,
            "date": pd.Timestamp(day),
            "episode": episode,
            "weight": weight,
            "alignment": alignment,
        }
        for partner in PARTNERS:
            record[partner.column] = codes.get(partner.code, float("nan"))
        records.append(record)
    events = pd.DataFrame(records)
    for partner in PARTNERS:
        events[partner.column] = events[partner.column].astype(float)  # as load_events types them
    events["period"] = assign_periods(events["date"])
    events["year"] = events["date"].dt.year
    return events


@pytest.fixture
def visit():
    """A three-row visit in 2024 (closer to Russia three times, weights 1, 2, 1), one row of
    2010 alone (closer to Turkey, further from Russia, weight 3), and an episode of 2012 whose
    two rows cancel toward the West."""
    return _events(
        [
            (
                "2010-alone",
                "2010-06-01",
                "2010-alone",
                3,
                "toward_west",
                {"turkey": 1, "russia": -1},
            ),
            ("2012-a", "2012-03-01", "2012-03-talks", 2, "toward_west", {"west": 1}),
            ("2012-b", "2012-03-05", "2012-03-talks", 1, "toward_russia", {"west": -1}),
            ("2024-a", "2024-08-18", "2024-08-visit", 1, "toward_russia", {"russia": 1}),
            ("2024-b", "2024-08-19", "2024-08-visit", 2, "toward_russia", {"russia": 1}),
            ("2024-c", "2024-08-20", "2024-08-visit", 1, "neutral", {"russia": 1}),
        ]
    )


def test_partners_have_the_vocabularys_codes_names_and_colour_blind_safe_colours():
    assert [p.code for p in PARTNERS] == ["russia", "west", "turkey", "iran", "israel", "china"]
    assert [p.column for p in PARTNERS][:2] == ["to_russia", "to_west"]
    assert len(set(PARTNER_COLOURS.values())) == 6 and set(PARTNER_COLOURS.values()) <= set(
        OKABE_ITO
    )


def test_an_episode_of_three_rows_counts_once(visit):
    by_row = partner_scores(visit, by="row")
    by_episode = partner_scores(visit, by="episode")
    russia_rows = by_row[by_row["partner"] == "russia"]
    assert sorted(russia_rows["score"]) == [-3, 1, 1, 2]
    russia_episodes = by_episode[by_episode["partner"] == "russia"].sort_values("year")
    assert russia_episodes[["year", "score"]].values.tolist() == [[2010, -3], [2024, 2]]
    unweighted = partner_scores(visit, by="episode", weighted=False)
    assert sorted(unweighted.loc[unweighted["partner"] == "russia", "score"]) == [-1, 1]
    assert list(by_row.columns) == ["year", "partner", "score"]


def test_rows_that_cancel_make_an_episode_of_zero(visit):
    west = partner_scores(visit, by="episode").query("partner == 'west'")
    assert west[["year", "score"]].values.tolist() == [[2012, 0]]
    counts = partner_counts(visit, by="episode").set_index("partner")
    assert counts.loc["west", ["closer", "further"]].tolist() == [0, 0]
    counts = partner_counts(visit, by="row").set_index("partner")
    assert counts.loc["west", ["closer", "further"]].tolist() == [1, 1]
    assert counts.loc["russia", ["closer", "further"]].tolist() == [3, 1]


def test_the_index_runs_per_partner_over_every_year(visit):
    index = partner_index(visit, ["russia", "turkey"], by="episode")
    assert set(index["partner"]) == {"russia", "turkey"}
    russia = index[index["partner"] == "russia"].set_index("year")
    assert russia.index.min() == 2010 and russia.index.max() == 2024 and len(russia) == 15
    assert russia.loc[2010, "net"] == -3 and russia.loc[2023, "index"] == -3
    assert russia.loc[2024, "index"] == -1 and russia.loc[2024, "name"] == "Russia"
    by_row = partner_index(visit, ["russia"], by="row", weighted=False).set_index("year")
    assert by_row.loc[2024, "net"] == 3


def test_counts_per_period_and_the_single_axis_beside_the_partners(visit):
    counts = partner_counts(visit, per_period=True)
    assert list(counts.columns) == ["period", "partner", "name", "closer", "further"]
    assert len(counts) == 4 * 6
    beside = axis_beside_partners(visit).set_index("period")
    assert beside.loc["after_brief", "single_axis"] == -2  # two rows toward Russia, one neutral
    assert beside.loc["after_brief", "russia"] == 3 and beside.loc["shift", "turkey"] == 1
    assert beside.loc["shift", "single_axis"] == 1 and beside.loc["balancing"].sum() == 0
    assert beside.loc["shift", "west"] == 0  # the 2012 rows cancel
    weighted = axis_beside_partners(visit, by="episode", weighted=True).set_index("period")
    assert weighted.loc["after_brief", "russia"] == 2


def test_an_empty_selection_and_an_unknown_partner_say_what_to_do(visit):
    with pytest.raises(EmptySelection, match="no events"):
        partner_index(visit.iloc[0:0])
    with pytest.raises(EmptySelection, match="at least one partner"):
        partner_index(visit, [])
    with pytest.raises(UnknownPartner, match="'armenia' is not a partner.*russia, west"):
        partner_index(visit, ["armenia"])
    with pytest.raises(ValueError, match="'row' or 'episode'"):
        partner_scores(visit, by="visit")
    assert [p.code for p in chosen_partners("china")] == ["china"]


def test_the_course_events_give_an_index_for_every_partner():
    from balancing_act.course.vocabulary import FIRST_YEAR, INDEPENDENCE_YEAR, LAST_YEAR

    index = partner_index(load_events())
    assert len(index) == 6 * (LAST_YEAR - FIRST_YEAR + 1)
    # The prologue (1988-1990) has no partner step: every index is 0 until independence.
    assert (index.loc[index["year"] < INDEPENDENCE_YEAR, "index"] == 0).all()


def test_the_steps_toward_one_partner_are_listed_oldest_first_with_their_direction(visit):
    visit = visit.assign(title=visit["id"].str.upper())
    russia = partner_steps(visit, "russia")
    assert russia["id"].tolist() == ["2010-alone", "2024-a", "2024-b", "2024-c"]
    assert russia["step"].tolist() == ["further", "closer", "closer", "closer"]
    assert russia["weight"].tolist() == [3, 1, 2, 1]
    assert russia.columns.tolist() == ["date", "id", "title", "step", "weight"]
    assert partner_steps(visit, "israel").empty
    with pytest.raises(UnknownPartner, match="'armenia' is not a partner"):
        partner_steps(visit, "armenia")
    with pytest.raises(EmptySelection, match="no events"):
        partner_steps(visit.iloc[0:0], "russia")

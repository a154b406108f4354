"""The rows the issue-22 review named follow the partner codebook's one rule (Baku's step, each
partner on its own), and an episode counts once in a count by episode."""

from __future__ import annotations

import math

import pytest

from balancing_act.analysis.partners import partner_counts
from balancing_act.tables.load import load_events

PARTNERS = ("to_russia", "to_west", "to_turkey", "to_iran", "to_israel", "to_china")


@pytest.fixture(scope="module")
def events():
    return load_events().set_index("id")


def _codes(events, event_id) -> dict[str, int]:
    row = events.loc[event_id]
    return {c: int(row[c]) for c in PARTNERS if not math.isnan(row[c])}


@pytest.mark.parametrize(
    ("event_id", "codes"),
    [
        # A step toward Turkey is not a step toward the West (rule 4).
        ("2021-shusha-declaration-with-turkey", {"to_turkey": 1}),
        ("2012-israel-arms-deal", {"to_israel": 1}),
        # Another state's act, a statistic or a report alone is context (rule 1).
        ("2017-vak-liquidated", {}),
        ("2024-russia-trade-record-2023", {}),
        ("2019-sipri-arms-shares", {}),
        # A guest at a multilateral event Baku hosts is the guest's step (rule 3).
        ("2015-putin-european-games-baku", {}),
        # Cutting Russia's leverage is a step away from Russia, not toward the West (rule 4).
        ("2023-lachin-checkpoint-installed", {"to_russia": -1}),
        ("2024-russian-peacekeepers-withdraw", {"to_russia": -1}),
        ("2001-latin-alphabet", {"to_russia": -1}),
        # Statements against Moscow: the one toward a Western-backed vote also counts West.
        ("2025-aliyev-zelensky-condemn-strikes-on-socar", {"to_russia": -1}),
        ("2014-unga-crimea-vote", {"to_russia": -1, "to_west": 1}),
        # A meeting of the two presidents is a joint act, Baku's step too (rule 2).
        ("2025-dushanbe-putin-aliyev-reset", {"to_russia": 1}),
    ],
)
def test_the_named_rows_follow_the_one_rule(events, event_id, codes):
    assert _codes(events, event_id) == codes


@pytest.mark.parametrize("episode", ["2024-08-putin-state-visit", "2025-08-washington-summit"])
def test_a_visit_of_several_rows_is_one_episode_and_counts_once(events, episode):
    rows = events[events["episode"] == episode]
    assert len(rows) >= 3
    by_row = partner_counts(events.loc[rows.index].reset_index(), by="row")
    by_episode = partner_counts(events.loc[rows.index].reset_index(), by="episode")
    assert (by_episode[["closer", "further"]] <= 1).all().all()
    assert (
        by_row[["closer", "further"]].to_numpy().sum()
        > by_episode[["closer", "further"]].to_numpy().sum()
    )


def test_no_episode_counts_more_than_once_in_a_count_by_episode(events):
    table = events.reset_index()
    counts = partner_counts(table, by="episode").set_index("partner")
    for partner, column in zip(counts.index, PARTNERS, strict=True):
        bearing = table[table[column].notna()]
        assert counts.loc[partner, ["closer", "further"]].sum() <= bearing["episode"].nunique()

"""Each explorer says in words what it lets a student do and what it shows now (the reader's site
prints that for a widget it cannot run), and a widget cannot be made without those words."""

from __future__ import annotations

import ipywidgets
import pytest

import balancing_act as ba
from balancing_act.charts.timeline import timeline_chart
from balancing_act.widgets.explorer import ChartExplorer
from balancing_act.widgets.explorers import partner_explorer

EXPLORERS = {
    "timeline": ba.timeline_explorer,
    "series": ba.oil_policy_explorer,
    "memberships": ba.membership_explorer,
    "balance": ba.balance_explorer,
    "claim": ba.claim_explorer,
    "comparison": ba.comparison_explorer,
    "partners": partner_explorer,
}


@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_every_explorer_names_its_kind_and_says_what_it_does_and_shows(kind):
    explorer = EXPLORERS[kind]()
    purpose, shown = explorer.in_words()
    assert explorer.kind == kind
    assert len(purpose.split()) >= 8 and len(shown.split()) >= 3
    assert "_" not in purpose + shown and "=" not in shown


def test_the_words_follow_the_controls():
    explorer = ba.timeline_explorer(years=(1991, 2003), categories=["security", "soft_power"])
    assert "from 1991 to 2003 in the security and soft power categories" in explorer.in_words()[1]
    explorer.controls["categories"].value = ["energy"]
    explorer.controls["text"].value = "gas"
    shown = explorer.in_words()[1]
    assert "in the energy category" in shown and 'contains "gas"' in shown
    balance = ba.balance_explorer()
    assert "counting the same (weight 1)" in balance.in_words()[1]
    balance.controls["security"].value = 3.0
    assert "security 3" in balance.in_words()[1]


def test_a_widget_without_its_words_cannot_be_made():
    years = ipywidgets.IntRangeSlider(value=(2008, 2014), min=1991, max=2025)
    events = ba.load_events()
    with pytest.raises(TypeError, match="kind"):
        ChartExplorer({"years": years}, lambda years: timeline_chart(events, years=years))

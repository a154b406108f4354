"""The membership matrix and the claim-and-evidence view, with their widgets."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.claims import BRIEF_PUBLISHED
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.course.errors import EmptySelection


@pytest.fixture(scope="module")
def memberships():
    return ba.load_memberships()


def _status(matrix, country, organization):
    row = matrix[(matrix["country"] == country) & (matrix["organization"] == organization)]
    return row["status"].iloc[0]


def test_matrix_reads_the_spell_that_covers_the_last_day_of_the_year(memberships):
    spells = memberships[
        (memberships["country"] == "AZ") & (memberships["organization"] == "CST_CSTO")
    ]
    member = spells[spells["status"] == "member"].iloc[0]
    inside, after = member["start"].year, member["end"].year + 1
    assert _status(ba.membership_matrix(memberships, inside), "AZ", "CST_CSTO") == "member"
    assert _status(ba.membership_matrix(memberships, after), "AZ", "CST_CSTO") == "withdrawn"


def test_matrix_has_every_country_and_organisation_and_none_where_no_spell(memberships):
    matrix = ba.membership_matrix(memberships, 1991)
    assert len(matrix) == 3 * memberships["organization"].nunique()
    assert _status(matrix, "AZ", "EAEU") == "none"


def test_an_ongoing_spell_counts_at_the_end_of_the_span(memberships):
    ongoing = memberships[memberships["end"].isna()].iloc[0]
    matrix = ba.membership_matrix(memberships, 2025)
    assert _status(matrix, ongoing["country"], ongoing["organization"]) != "none"


def test_a_year_outside_the_span_is_a_message(memberships):
    with pytest.raises(EmptySelection, match="Pick a year"):
        ba.membership_chart(memberships, 1900)


def test_membership_chart_is_accessible(memberships):
    assert accessibility_problems(ba.membership_chart(memberships, 2008)) == []


def test_moving_the_year_changes_the_grid():
    widget = ba.membership_explorer(year=1993)
    before = widget.chart.spec["datasets"]
    widget.controls["year"].value = 2015
    assert "2015" in widget.chart.spec["title"]["text"]
    assert widget.chart.spec["datasets"] != before


def test_claim_evidence_splits_at_the_brief(memberships):
    events, claims = ba.load_events(), ba.load_claims()
    evidence = ba.claim_evidence("C5", events, claims)
    assert evidence["claims"].map(lambda c: "C5" in ba.split_ids(c)).all()
    assert (evidence["seen_by_brief"] == (evidence["date"] <= BRIEF_PUBLISHED)).all()
    assert evidence["seen_by_brief"].any() and (~evidence["seen_by_brief"]).any()


def test_claim_evidence_does_not_confuse_c1_with_c10():
    events, claims = ba.load_events(), ba.load_claims()
    evidence = ba.claim_evidence("C1", events, claims)
    assert evidence["claims"].map(lambda c: "C1" in c.split(";")).all()


def test_unknown_claim_is_refused():
    with pytest.raises(KeyError, match="C99"):
        ba.claim_evidence("C99", ba.load_events(), ba.load_claims())


def test_every_claim_test_reads_both_ways():
    for test in ba.load_claims()["test"]:
        for_it, against = ba.both_ways(test)
        assert for_it and against, test


def test_choosing_a_claim_redraws_and_rewrites_the_arguments():
    widget = ba.claim_explorer("C1")
    before_text, before_chart = widget.text.value, widget.chart.spec["description"]
    widget.controls["claim_id"].value = "C12"
    assert widget.text.value != before_text and "C12" in widget.text.value
    evidence = ba.claim_evidence("C12", ba.load_events(), ba.load_claims())
    assert f"Timeline of {len(evidence)} events" in widget.chart.spec["description"]
    assert widget.chart.spec["description"] != before_chart
    listed = [value for _, value in widget.picker.options if value]
    assert listed == list(evidence["id"])
    assert isinstance(evidence["date"].iloc[0], pd.Timestamp)

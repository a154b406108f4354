"""Lesson 8's evidence tables: rows named by event id, folded per claim, words not codes."""

import re

import pytest

import balancing_act as ba
from balancing_act.analysis.claims import evidence_table
from balancing_act.course.vocabulary import ALIGNMENT_WORDS


@pytest.fixture(scope="module")
def tables():
    return ba.load_events(), ba.load_claims()


def first_cells(html: str) -> list[str]:
    """The text of the first cell of every body row of every table in ``html``."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S)
    rows = [row for body in bodies for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    return [re.sub(r"<[^>]+>", "", re.split(r"</t[dh]>", row)[0]).strip() for row in rows]


def unlabelled_rows(html: str, event_ids: set[str]) -> list[str]:
    """Rows whose label is not an event id (pandas' row numbers, say)."""
    return [cell for cell in first_cells(html) if cell not in event_ids]


def test_rows_are_event_ids_before_then_after_the_brief(tables):
    events, claims = tables
    table = evidence_table("C8", events, claims, before=3)
    assert set(table.index) <= set(events["id"])
    assert list(table["brief"][:3]) == ["could see"] * 3
    linked = ba.claim_evidence("C8", events, claims)
    assert (table["brief"] == "came after").sum() == (~linked["seen_by_brief"]).sum()
    assert list(table["date"]) == sorted(table["date"])


def test_alignment_reads_in_words(tables):
    events, claims = tables
    moved = set(evidence_table("C1", events, claims)["moved Baku"])
    assert moved <= set(ALIGNMENT_WORDS.values()) and not any("_" in m for m in moved)


def test_every_claim_folds_to_one_line_with_its_rows_labelled_by_id(tables):
    events, claims = tables
    html = ba.evidence_tables(list(claims["id"]), events, claims).data
    assert html.count("<details") == len(claims) == html.count("<summary>")
    assert first_cells(html) and unlabelled_rows(html, set(events["id"])) == []


def test_a_table_labelled_by_row_numbers_is_caught(tables):
    events, claims = tables
    numbered = ba.claim_evidence("C8", events, claims)[["date", "title"]].reset_index(drop=True)
    assert unlabelled_rows(numbered.to_html(), set(events["id"]))[:2] == ["0", "1"]


def test_an_unknown_claim_names_the_known_ones(tables):
    events, claims = tables
    with pytest.raises(KeyError, match="C1, C2"):
        evidence_table("C99", events, claims)

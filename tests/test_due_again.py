"""Checks due for another try (retrieval practice spaced in time): the record of right answers in
a row, and the pure rule that says which checks come back, with a fixed ``now``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

import balancing_act as ba
from balancing_act.selfcheck import answering
from balancing_act.selfcheck.records import (
    INTERVALS,
    after_answer,
    load,
    record_shown,
    streak_of,
)
from balancing_act.selfcheck.spacing import due_again, due_html, why_due

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CHECKS = {
    key: SimpleNamespace(lesson=f"0{n}-lesson", prompt=f"question {n}")
    for n, key in enumerate(["a", "b", "c", "d", "e", "f", "g", "h"], start=1)
}


def stamp(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")


def right(days_ago: float, streak: int) -> dict:
    return {
        "lesson": "x",
        "tries": 0,
        "right": True,
        "shown": False,
        "last": "right",
        "streak": streak,
        "right_at": stamp(days_ago),
        "updated": stamp(days_ago),
    }


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))


def test_the_intervals_are_a_leitner_box():
    assert INTERVALS == (1, 3, 7, 21)


def test_planted_records_give_the_checks_due_and_why():
    records = {
        "a": {"lesson": "x", "tries": 2, "right": False, "shown": False, "last": "wrong"},
        "b": {**right(0.5, 1), "last": "right after seeing the answer", "shown": True, "streak": 0},
        "c": right(1.5, 1),  # due: one day has passed
        "d": right(0.5, 1),  # not yet: one day has not passed
        "e": right(2.9, 2),  # not yet: three days have not passed
        "f": right(30, 4),  # due: 21 days have passed
        "g": {**right(10, 0), "last": "wrong", "tries": 1},  # right once, wrong since
        "h": {"lesson": "x", "tries": 0, "right": False, "shown": True, "last": "shown"},
    }
    due = {d.key: d.why for d in due_again(records, CHECKS, NOW)}
    assert set(due) == {"a", "b", "c", "f", "g", "h"}
    assert due["a"] == "tried, not yet right"
    assert due["b"] == "right only after seeing the answer"
    assert "due again after 1 day" in due["c"] and "right once" in due["c"]
    assert "4 times in a row" in due["f"] and "21 days" in due["f"]
    assert due["g"] == "answered wrong since it was right"
    assert "answer was shown" in due["h"]
    order = [d.key for d in due_again(records, CHECKS, NOW)]
    assert order == sorted(order)  # in the course's order, not the records'


@pytest.mark.parametrize("streak, days", [(1, 1), (2, 3), (3, 7), (4, 21), (9, 21)])
def test_a_right_answer_is_due_exactly_when_its_interval_has_passed(streak, days):
    assert why_due(right(days - 0.01, streak), NOW) is None
    assert why_due(right(days, streak), NOW) is not None


def test_untried_and_unknown_checks_are_not_due():
    assert why_due(None, NOW) is None and why_due({}, NOW) is None
    assert due_again({"gone": right(99, 1)}, CHECKS, NOW) == []


def test_records_from_before_the_streak_are_read_backward_compatibly():
    old_right = {
        "lesson": "x",
        "tries": 1,
        "right": True,
        "shown": False,
        "last_wrong": "3",
        "updated": stamp(2),
    }
    old_aided = {**old_right, "shown": True}
    old_wrong = {
        "lesson": "x",
        "tries": 1,
        "right": False,
        "shown": False,
        "last_wrong": "3",
        "updated": stamp(2),
    }
    assert streak_of(old_right) == 1 and "right once" in why_due(old_right, NOW)
    assert why_due({**old_right, "updated": stamp(0.5)}, NOW) is None
    assert why_due(old_aided, NOW) == "right only after seeing the answer"
    assert why_due(old_wrong, NOW) == "tried, not yet right"


def test_the_streak_grows_only_when_a_right_answer_was_due():
    entry = {"lesson": "x", "tries": 0, "right": False, "shown": False, "last_wrong": None}
    entry = after_answer(entry, True, "99", NOW)
    assert (entry["streak"], entry["right_at"]) == (1, NOW.isoformat())
    again = after_answer(entry, True, "99", NOW + timedelta(hours=2))  # the notebook run twice
    assert again["streak"] == 1 and again["right_at"] == NOW.isoformat()
    later = after_answer(entry, True, "99", NOW + timedelta(days=1))
    assert later["streak"] == 2 and later["right_at"] == (NOW + timedelta(days=1)).isoformat()
    wrong = after_answer(later, False, "12", NOW + timedelta(days=5))
    assert wrong["streak"] == 0 and wrong["right"] is True and wrong["tries"] == 1
    back = after_answer(wrong, True, "99", NOW + timedelta(days=5, minutes=1))
    assert back["streak"] == 1


def test_right_after_showing_the_answer_keeps_the_check_due():
    answering.evaluate("l05-manat-rise", 12)
    record_shown("l05-manat-rise", "05-pacifying-russia")
    answering.evaluate("l05-manat-rise", 99)
    kept = load()["l05-manat-rise"]
    assert kept["streak"] == 0 and kept["last"] == "right after seeing the answer"
    assert why_due(kept, datetime.now(UTC)) == "right only after seeing the answer"


def test_the_table_of_checks_due_or_a_sentence_that_none_is():
    assert "no self-check is due again" in due_html([])
    html = due_html(due_again({"a": {"tries": 1, "last": "wrong"}}, CHECKS, NOW))
    assert "<table" in html and "question 1" in html and "tried, not yet right" in html


def test_the_progress_view_lists_checks_due_beside_its_chart(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    answering.evaluate("l05-manat-rise", 12)
    chart = ba.progress()
    html = shown[-1].data
    assert "l05-manat-rise" in html and "tried, not yet right" in html
    assert "Written answers: 0 of" in html
    assert chart.to_dict()["description"].startswith("A grid of the course's")


def test_the_progress_view_of_one_lesson_shows_its_checks_only(monkeypatch):
    """What each lesson's "Before you go" cell shows: that lesson's checks, its due ones and its
    written answers; a lesson's name mistyped is told the near one."""
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    answering.evaluate("l05-manat-rise", 12)
    answering.evaluate("l02-cst-end", 1)
    chart = ba.progress("05-pacifying-russia")
    html = shown[-1].data
    assert "l05-manat-rise" in html and "l02-cst-end" not in html
    assert "Written answers: 0 of 1 answered" in html  # the lesson's one prompt, not 13
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {row["lesson"] for row in values} == {"05-pacifying-russia"}
    from balancing_act.selfcheck.checks import all_checks

    count = sum(c.lesson == "05-pacifying-russia" for c in all_checks().values())
    assert spec["description"].startswith(
        f"A grid of the {count} self-checks of lesson 05-pacifying-russia."
    )
    with pytest.raises(ValueError, match="'05-pacifying-russia'"):
        ba.progress("05-pacifying-rusia")
    ba.reset_progress()

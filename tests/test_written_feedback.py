"""Feedback on a written answer for a student alone (``ba.reflect``): the model answer only after
an answer long enough, a rating for every criterion, and a record in the progress file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import unescape

import ipywidgets as widgets
import pytest

import balancing_act as ba
from balancing_act.selfcheck.progress import written_summary
from balancing_act.selfcheck.records import load, load_written, progress_file, record_written
from balancing_act.selfcheck.written import RATINGS, assessment, gate, get_written

KEY = "l00-what-would-show-it"
PROMPT = get_written(KEY)
NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
TOO_SHORT = "Baku would have to keep avoiding offence to Moscow."
LONG_ENOUGH = " ".join(
    ["Baku's own acts after 2019 toward Moscow and the West would decide it."] * 4
)


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    return tmp_path


def everything_shown(box) -> str:
    """The text of every HTML widget in the box, visible or not: what the page holds."""
    found, stack = [], [box]
    while stack:
        widget = stack.pop()
        if isinstance(widget, widgets.HTML):
            found.append(widget.value)
        stack.extend(getattr(widget, "children", ()))
    return unescape("\n".join(found))


@pytest.mark.parametrize("text", ["", "   \n\t ", TOO_SHORT])
def test_the_gate_stays_closed_until_the_answer_is_long_enough(text):
    assert gate(PROMPT, text) is not None
    assert assessment(PROMPT, text, ["met"] * len(PROMPT.criteria), NOW)[0] is None


def test_the_gate_opens_at_the_minimum_word_count():
    assert gate(PROMPT, " ".join(["word"] * PROMPT.min_words)) is None
    assert gate(PROMPT, " ".join(["word"] * (PROMPT.min_words - 1))) is not None


def test_an_assessment_needs_a_rating_for_every_criterion():
    entry, message = assessment(PROMPT, LONG_ENOUGH, ["met", None, "partly"], NOW)
    assert entry is None and "point 2" in message
    entry, message = assessment(PROMPT, LONG_ENOUGH, ["met"], NOW)
    assert entry is None and "point 2, 3" in message
    entry, _ = assessment(PROMPT, LONG_ENOUGH, ["met", "very good", "partly"], NOW)
    assert entry is None


def test_an_assessment_records_ratings_and_length_never_the_text():
    entry, message = assessment(PROMPT, LONG_ENOUGH, ["met", "partly", "not yet"], NOW)
    assert entry == {
        "lesson": PROMPT.lesson,
        "words": len(LONG_ENOUGH.split()),
        "answered_at": "2026-03-01T09:30:00+00:00",
        "assessed_at": "2026-03-01T09:30:00+00:00",
        "ratings": [
            {"criterion": c, "rating": r}
            for c, r in zip(PROMPT.criteria, ["met", "partly", "not yet"], strict=True)
        ],
    }
    assert "1 of 3 points met" in message
    assert LONG_ENOUGH not in json.dumps(entry)


@pytest.mark.parametrize("text", ["", "   ", TOO_SHORT])
def test_the_widget_shows_no_model_answer_before_a_long_enough_answer(text):
    box = ba.reflect(KEY)
    box.answer.value = text
    box.button.click()
    page = everything_shown(box)
    assert f"at least {PROMPT.min_words} words" in box.feedback.value
    assert PROMPT.model_answer not in page
    assert not any(c in page for c in PROMPT.criteria)
    assert box.assess.layout.display == "none"
    assert load_written() == {}


def test_the_widget_compares_rates_and_records_in_the_progress_file():
    box = ba.reflect(KEY)
    box.answer.value = TOO_SHORT
    box.button.click()
    assert PROMPT.model_answer not in everything_shown(box)
    box.answer.value = LONG_ENOUGH
    box.button.click()
    page = everything_shown(box)
    assert PROMPT.model_answer in page and all(c in page for c in PROMPT.criteria)
    assert box.assess.layout.display is None
    assert len(box.raters) == len(PROMPT.criteria)
    assert all(tuple(r.options) == RATINGS and r.value is None for r in box.raters)
    assert load_written()[KEY]["words"] == len(LONG_ENOUGH.split())  # answered, not assessed
    assert "ratings" not in load_written()[KEY]

    box.raters[0].value = "met"
    box.record.click()
    assert "Rate your answer against every point" in box.status.value
    assert "ratings" not in load_written()[KEY]

    for rater, rating in zip(box.raters, ("met", "partly", "not yet"), strict=True):
        rater.value = rating
    box.record.click()
    assert "Recorded" in box.status.value
    kept = load_written()[KEY]
    assert [r["rating"] for r in kept["ratings"]] == ["met", "partly", "not yet"]
    assert kept["lesson"] == PROMPT.lesson and "assessed_at" in kept
    assert "Baku's own acts" not in progress_file().read_text(encoding="utf-8")


def test_on_the_readers_site_the_prompt_only(monkeypatch):
    monkeypatch.setenv("BALANCING_ACT_STATIC", "1")
    html = unescape(ba.reflect(KEY).data)
    assert PROMPT.prompt in html and "Run this lesson" in html
    assert PROMPT.model_answer not in html
    assert not any(c in html for c in PROMPT.criteria)


def test_written_records_sit_beside_the_checks_and_the_old_reader_still_reads_them():
    ba.check("l05-manat-rise", 99)
    record_written(KEY, {"lesson": PROMPT.lesson, "words": 40})
    ba.check("l02-cst-end", 3)  # a check written after keeps the written section
    data = json.loads(progress_file().read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert set(data) == {"version", "checks", "written"}
    assert set(load()) == {"l05-manat-rise", "l02-cst-end"}
    assert load_written()[KEY]["words"] == 40
    # The reader before written answers: data["checks"], whatever else the file holds.
    assert data["checks"] == load()


def test_reset_forgets_written_answers_too():
    record_written(KEY, {"lesson": PROMPT.lesson, "words": 40})
    assert "1 written answer(s)" in ba.reset_progress(PROMPT.lesson)
    assert load_written() == {}


def test_the_progress_summary_counts_answered_and_self_assessed():
    prompts = {KEY: PROMPT, "other": PROMPT}
    assert written_summary({}, prompts).startswith("Written answers: 0 of 2 answered")
    kept = {KEY: {"words": 40, "ratings": [{"criterion": "x", "rating": "met"}]}}
    assert "1 of 2 answered" in written_summary(kept, prompts)
    assert "1 of them self-assessed" in written_summary(kept, prompts)
    assert "0 of them self-assessed" in written_summary({KEY: {"words": 40}}, prompts)


def test_a_progress_file_from_before_written_answers_keeps_its_checks():
    old = {
        "l05-manat-rise": {
            "lesson": "05-pacifying-russia",
            "tries": 1,
            "right": True,
            "shown": False,
            "last_wrong": "10",
            "updated": "2025-01-01T00:00:00+00:00",
        }
    }
    progress_file().parent.mkdir(parents=True, exist_ok=True)
    progress_file().write_text(json.dumps({"version": 1, "checks": old}), encoding="utf-8")
    assert load_written() == {}
    record_written(KEY, {"lesson": PROMPT.lesson, "words": 40})
    assert load() == old and set(load_written()) == {KEY}

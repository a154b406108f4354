"""Judging answers: tolerances said explicitly, the wrong kind of answer explained, never a traceback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from balancing_act.selfcheck.judging import (
    Absolute,
    Exact,
    Mistake,
    Number,
    Pick,
    Relative,
    SetOf,
    Text,
    judge,
)


@pytest.mark.parametrize(
    ("tolerance", "answer", "right"),
    [
        (Absolute(0.5), 99.4, True),
        (Absolute(0.5), 98.6, True),
        (Absolute(0.5), 98.4, False),
        (Absolute(0.5), 0, False),
        (Absolute(0.5), 50, False),
        (Absolute(0.5), 1e9, False),
        (Relative(0.01), 99.9, True),
        (Relative(0.01), 97.9, False),
        (Exact(), 99, False),
        (Exact(), 99.0, False),
    ],
)
def test_numbers_are_right_only_within_the_stated_tolerance(tolerance, answer, right):
    expected = 99.0 if not isinstance(tolerance, Exact) else 100
    assert judge(Number(tolerance), answer, expected).correct is right


def test_the_old_tolerance_bug_is_gone():
    """math.isclose(rel_tol=1, abs_tol=1) used to accept anything from 0 to 1e9 for 99."""
    for wrong in (0, 50, 500, 1e9):
        assert not judge(Number(Absolute(1)), wrong, 99).correct


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (pd.Series([99.0]), "pandas Series"),
        (pd.DataFrame({"a": [99]}), "pandas DataFrame"),
        (np.array([99.0]), "numpy ndarray"),
        ([99], "a list"),
        ({99}, "a set"),
        ("99", "without quotes"),
        (True, "True or False"),
        (None, "None"),
    ],
)
def test_a_number_check_says_what_kind_of_answer_it_wants(answer, words):
    verdict = judge(Number(Absolute(0.5), example="such as 25"), answer, 99.0)
    assert verdict.state == "wrong kind"
    assert "one number, such as 25" in verdict.message and words in verdict.message


def test_a_series_is_explained_not_a_traceback():
    verdict = judge(Number(Exact(), whole=True), pd.Series([1, 2, 3]), 3)
    assert verdict.state == "wrong kind" and ".iloc" in verdict.message


def test_nan_and_fractions_of_a_count_are_named():
    assert "NaN" in judge(Number(Absolute(1)), float("nan"), 3).message
    assert "fraction" in judge(Number(Exact(), whole=True), 2.5, 3).message


def test_numpy_numbers_are_numbers():
    assert judge(Number(Exact(), whole=True), np.int64(3), 3).correct
    assert judge(Number(Absolute(0.1)), np.float32(2.5), 2.5).correct


def test_the_placeholder_is_not_an_answer_yet():
    for kind in (Number(Exact()), Text(), SetOf(), Pick()):
        assert judge(kind, ..., "x").state == "unanswered"


def test_texts_ignore_case_and_spaces_and_name_the_codes():
    assert judge(Text(), "  Shift ", "shift").correct
    assert not judge(Text(), "pacification", "shift").correct
    unknown = judge(Text(among=("positive", "negative")), "up", "positive")
    assert unknown.state == "wrong kind" and "positive, negative" in unknown.message
    assert judge(Text(), 3, "shift").state == "wrong kind"


def test_sets_in_any_order_and_a_single_text_explained():
    assert judge(SetOf(), ["Armenia"], {"Armenia"}).correct
    assert judge(SetOf(), {"armenia "}, {"Armenia"}).correct
    assert not judge(SetOf(), {"Armenia", "Georgia"}, {"Armenia"}).correct
    single = judge(SetOf(), "Armenia", {"Armenia"})
    assert single.state == "wrong kind" and "{'Armenia'}" in single.message
    index = judge(SetOf(), pd.Index(["Armenia"]), {"Armenia"})
    assert index.state == "wrong kind" and "set(...)" in index.message


def test_a_known_mistake_gets_its_own_message():
    fraction = Mistake("fraction", lambda e: e / 100, "multiply by 100")
    verdict = judge(Number(Absolute(0.5)), 0.99, 99.0, [fraction])
    assert (
        verdict.state == "wrong"
        and verdict.mistake == "fraction"
        and verdict.message == "multiply by 100"
    )
    broken = Mistake("broken", lambda e: 1 / 0, "never shown")
    assert judge(Number(Absolute(0.5)), 5, 99.0, [broken]).state == "wrong"


def test_an_answer_that_breaks_on_reading_gets_a_reason_not_a_traceback():
    class Nasty(float):
        def __float__(self):
            raise RuntimeError("no")

        def __sub__(self, other):
            raise RuntimeError("no")

    verdict = judge(Number(Absolute(0.5)), Nasty(1.0), 99.0)
    assert verdict.state == "wrong kind" and "could not read" in verdict.message

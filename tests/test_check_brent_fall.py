"""Lesson 0's first self-check asks what its chart can show.

It used to ask for the year of the highest yearly Brent price, when two years (2011 and 2012) lie
0.37 dollars apart on a chart drawn to about 110: nobody can read that off the line. It now asks
for the year of the steepest fall from the year before, which stands clear of the next one. These
tests keep it so, and check the wrong answers students give.
"""

from __future__ import annotations

import pandas as pd
import pytest

from balancing_act.course.paths import data_dir
from balancing_act.selfcheck import answering
from balancing_act.selfcheck.checks import get

KEY = "l00-brent-fall"
LEGIBLE = 0.05  # two values a chart can tell apart differ by 5 % of its axis at least


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))


def brent() -> pd.Series:
    series = pd.read_csv(data_dir() / "series.csv")
    rows = series[series["series"] == "brent_usd_per_bbl"]
    return rows.set_index("year")["value"].sort_index()


def falls() -> pd.Series:
    return brent().diff().dropna().sort_values()


def test_the_expected_year_is_the_steepest_fall_in_the_data():
    assert get(KEY).expected_value() == int(falls().index[0])


def test_the_chart_can_answer_it():
    """The largest fall beats the next by a margin a reader of the chart can see."""
    axis = brent().max()
    assert falls().iloc[1] - falls().iloc[0] >= LEGIBLE * axis


def test_the_old_question_could_not_be_answered_from_the_chart():
    """Why the check changed: the two highest years are closer than the chart can show."""
    top = brent().sort_values(ascending=False)
    assert top.iloc[0] - top.iloc[1] < LEGIBLE * top.iloc[0]


@pytest.mark.parametrize("wrong", [2011, 2012, 2008, 2016, 2020, 1998])
def test_wrong_years_are_not_right(wrong):
    verdict, text = answering.evaluate(KEY, wrong)
    assert not verdict.correct and text


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        (lambda: int(falls().index[0]) - 1, "the year the slide began"),
        (lambda: int(falls().index[1]), "the second-largest fall"),
        (lambda: float(falls().iloc[0]), "the fall, not the year"),
    ],
)
def test_each_usual_mistake_gets_its_own_message(answer, label):
    verdict, _ = answering.evaluate(KEY, answer())
    assert not verdict.correct and verdict.mistake == label


def test_the_right_year_is_right():
    verdict, _ = answering.evaluate(KEY, int(falls().index[0]))
    assert verdict.correct

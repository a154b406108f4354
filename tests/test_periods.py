from datetime import date

import pandas as pd
import pytest

from balancing_act.course.periods import (
    PERIODS,
    STATE_PERIOD_KEYS,
    STATE_PERIODS,
    assign_periods,
    period_of,
    period_table,
)


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (date(1988, 1, 1), "prologue"),
        (date(1988, 2, 20), "prologue"),
        (date(1990, 12, 31), "prologue"),
        (date(1991, 1, 1), "balancing"),
        (date(1991, 8, 30), "balancing"),
        (date(2008, 8, 6), "balancing"),
        (date(2008, 8, 7), "shift"),
        (date(2014, 3, 17), "shift"),
        (date(2014, 3, 18), "pacification"),
        (date(2019, 12, 31), "pacification"),
        (date(2020, 1, 1), "after_brief"),
        (date(2025, 12, 31), "after_brief"),
    ],
)
def test_boundaries(day, key):
    assert period_of(day) == key


def test_periods_tile_the_whole_span_without_gaps():
    for earlier, later in zip(PERIODS, PERIODS[1:], strict=False):
        assert (later.start - earlier.end).days == 1


def test_vectorised_assignment_matches_the_scalar_one():
    days = pd.to_datetime(["1990-01-20", "1992-01-01", "2008-08-07", "2014-03-18", "2024-04-17"])
    assigned = assign_periods(pd.Series(days))
    assert list(assigned) == [period_of(d.date()) for d in days]
    assert assigned.cat.ordered


@pytest.mark.parametrize("day", ["1987-12-31", "2026-01-01"])
def test_dates_outside_the_course_are_refused(day):
    with pytest.raises(ValueError, match="outside the course's periods"):
        assign_periods(pd.Series(pd.to_datetime([day])))
    with pytest.raises(ValueError, match="outside"):
        period_of(pd.Timestamp(day).date())


def test_period_table_has_one_row_per_period():
    table = period_table()
    assert list(table["period"]) == [p.key for p in PERIODS]
    assert (table["start"] <= table["end"]).all()


def test_the_prologue_comes_first_and_the_state_periods_start_at_independence():
    assert PERIODS[0].key == "prologue" and PERIODS[0].end == date(1990, 12, 31)
    assert STATE_PERIODS == PERIODS[1:] and STATE_PERIOD_KEYS[0] == "balancing"
    assert STATE_PERIODS[0].start == date(1991, 1, 1)

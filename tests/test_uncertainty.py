"""Pearson's r with its bootstrap interval and permutation p-value, on cases checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from balancing_act.analysis.uncertainty import (
    CorrelationError,
    correlation_uncertainty,
)


def test_a_perfect_line_has_r_one_a_flat_interval_and_the_exact_permutation_p():
    # Five pairs on a line: of the 5! = 120 orders of y, only the original and its reverse
    # give |r| = 1, so the exact two-sided p-value is 2 / 120.
    result = correlation_uncertainty([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert result.r == 1.0
    assert (result.low, result.high) == (1.0, 1.0)
    assert result.exact
    assert result.p_value == pytest.approx(2 / 120)
    assert "r = 1.00 over 5 pairs" in str(result)


def test_four_pairs_by_hand():
    # x = 1..4, y = 1, 3, 2, 4: deviations (-1.5, -0.5, 0.5, 1.5) and (-1.5, 0.5, -0.5, 1.5);
    # the products sum to 4 and each side's squares to 5, so r = 4 / 5. Among the 24 orders of
    # y, |r| >= 0.8 needs a sum of products of 4 or 5 either way: y in order (5), one swap of
    # neighbours in it (3 orders, 4 each), and the same reversed: 8 orders, p = 8 / 24.
    result = correlation_uncertainty([1, 2, 3, 4], [1, 3, 2, 4])
    assert result.r == pytest.approx(0.8)
    assert result.exact
    assert result.p_value == pytest.approx(8 / 24)
    assert -1 <= result.low <= result.r <= result.high <= 1


def test_r_is_pandas_r_and_series_are_paired_on_their_shared_years():
    x = pd.Series([10.0, 20.0, 15.0, 30.0, 25.0, 40.0], index=range(2000, 2006))
    y = pd.Series([1.0, 2.5, 1.5, 2.0, None, 4.0, 9.0], index=range(2001, 2008))
    joined = pd.concat({"x": x, "y": y}, axis=1).dropna()
    result = correlation_uncertainty(x, y)
    assert result.n == len(joined) == 4
    assert result.r == pytest.approx(joined["x"].corr(joined["y"]))


def test_the_same_data_give_the_same_numbers_and_random_shuffles_beyond_the_exact_limit():
    rng = np.random.default_rng(1)
    x = rng.normal(size=30)
    y = x + rng.normal(size=30)
    first = correlation_uncertainty(x, y, resamples=2000)
    assert first == correlation_uncertainty(x, y, resamples=2000)
    assert not first.exact
    assert first.low < first.r < first.high
    assert 0 < first.p_value < 0.01  # a clear link: few shuffles come close
    noise = correlation_uncertainty(x, rng.normal(size=30), resamples=2000)
    assert noise.p_value > first.p_value


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([1, 2, 3], [3, 1, 2], "3 pairs with both values: a correlation needs at least 4"),
        ([1, 2, None, 4], [1, 2, 3, None], "2 pairs"),
        ([1, 2, 3, 4], [5, 5, 5, 5], "Every value of y is 5: a constant has no correlation"),
        ([7, 7, 7, 7, 7], [1, 2, 3, 4, 5], "Every value of x is 7"),
        ([1, 2, 3, 4], [1, 2, 3], "the same length"),
    ],
)
def test_too_few_pairs_or_a_constant_is_refused_with_a_clear_message(x, y, message):
    with pytest.raises(CorrelationError, match=message):
        correlation_uncertainty(x, y)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"confidence": 95}, "between 0 and 1"), ({"resamples": 10}, "at least 100")],
)
def test_bad_options_are_refused(options, message):
    with pytest.raises(CorrelationError, match=message):
        correlation_uncertainty([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], **options)

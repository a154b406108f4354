"""How far to trust a correlation: Pearson's r with a bootstrap interval and a permutation test.

A correlation over thirty-odd years is one draw from what those years happened to be. Two
honest ways to show how much it could move, both with plain numpy and a fixed seed (so a lesson
prints the same numbers every run):

- **a bootstrap interval**: draw the years again with replacement many times, compute r each
  time, and keep the middle 95 % of those r (the percentile interval);
- **a permutation test**: shuffle one series against the other many times and count how often a
  shuffled r is at least as far from zero as the real one. Few enough pairs are shuffled in
  every possible order, so the p-value is exact (four pairs: 24 orders).

>>> result = correlation_uncertainty([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
>>> result.r, result.low, result.high, round(result.p_value, 4)
(1.0, 1.0, 1.0, 0.0167)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Fewer pairs than this give no correlation worth an interval.
MIN_PAIRS = 4
#: The seed every draw starts from, so the same data give the same interval and p-value.
SEED = 2022


class CorrelationError(ValueError):
    """The pairs cannot carry a correlation: too few of them, or one side never varies."""


@dataclass(frozen=True)
class CorrelationUncertainty:
    """Pearson's ``r`` over ``n`` pairs, its bootstrap interval (``low``, ``high``) at
    ``confidence`` and the two-sided permutation ``p_value``."""

    r: float
    n: int
    low: float
    high: float
    confidence: float
    p_value: float
    exact: bool

    def __str__(self) -> str:
        shuffles = "every order" if self.exact else "random shuffles"
        return (
            f"r = {self.r:.2f} over {self.n} pairs; {self.confidence:.0%} bootstrap interval "
            f"{self.low:.2f} to {self.high:.2f}; permutation p = {self.p_value:.3f} ({shuffles})"
        )


def _pairs(x, y) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(x, pd.Series) and isinstance(y, pd.Series):
        joined = pd.concat({"x": x, "y": y}, axis=1, join="inner").dropna()
        return joined["x"].to_numpy(float), joined["y"].to_numpy(float)
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xs.shape != ys.shape or xs.ndim != 1:
        raise CorrelationError(
            f"x and y must be two lists of the same length (got {xs.shape} and {ys.shape})."
        )
    keep = ~(np.isnan(xs) | np.isnan(ys))
    return xs[keep], ys[keep]


def _r_rows(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Pearson's r of each row of ``xs`` against the same row of ``ys`` (NaN for a flat row)."""
    dx = xs - xs.mean(axis=-1, keepdims=True)
    dy = ys - ys.mean(axis=-1, keepdims=True)
    spread = np.sqrt((dx**2).sum(axis=-1) * (dy**2).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (dx * dy).sum(axis=-1) / spread
    return np.where(spread > 0, np.clip(r, -1.0, 1.0), np.nan)


def correlation_uncertainty(
    x: Sequence[float] | pd.Series,
    y: Sequence[float] | pd.Series,
    *,
    resamples: int = 10_000,
    confidence: float = 0.95,
    seed: int = SEED,
) -> CorrelationUncertainty:
    """Pearson's r of ``x`` and ``y`` with a bootstrap interval and a permutation p-value.

    Two pandas Series are paired on their index (the years both have); lists are paired by
    position. Pairs with a missing value are left out. Raises :class:`CorrelationError` for
    fewer than ``MIN_PAIRS`` pairs or a side whose values are all the same.
    """
    if not 0 < confidence < 1:
        raise CorrelationError(f"confidence is a share between 0 and 1, not {confidence}.")
    if resamples < 100:
        raise CorrelationError(f"Use at least 100 resamples, not {resamples}.")
    xs, ys = _pairs(x, y)
    n = len(xs)
    if n < MIN_PAIRS:
        raise CorrelationError(
            f"{n} pairs with both values: a correlation needs at least {MIN_PAIRS}."
        )
    for name, values in (("x", xs), ("y", ys)):
        if np.ptp(values) == 0:
            raise CorrelationError(
                f"Every value of {name} is {values[0]:g}: a constant has no correlation."
            )
    r = float(_r_rows(xs, ys))
    rng = np.random.default_rng(seed)

    rows = rng.integers(0, n, size=(resamples, n))
    boot = _r_rows(xs[rows], ys[rows])
    boot = boot[~np.isnan(boot)]  # a draw of one repeated year has no r
    tail = (1 - confidence) / 2 * 100
    low, high = (float(v) for v in np.percentile(boot, [tail, 100 - tail]))

    exact = math.factorial(n) <= resamples
    if exact:
        orders = np.array(list(itertools.permutations(range(n))))
    else:
        orders = rng.permuted(np.tile(np.arange(n), (resamples, 1)), axis=1)
    shuffled = _r_rows(np.broadcast_to(xs, orders.shape), ys[orders])
    at_least = np.abs(shuffled) >= abs(r) - 1e-12
    p_value = float(at_least.mean()) if exact else float((at_least.sum() + 1) / (resamples + 1))
    return CorrelationUncertainty(
        r=round(r, 12),
        n=n,
        low=round(low, 12),
        high=round(high, 12),
        confidence=confidence,
        p_value=p_value,
        exact=exact,
    )

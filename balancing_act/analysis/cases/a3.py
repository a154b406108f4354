"""The cases of a3-balance-index: a weighting, the category it puts first, a partner, ten events.

A case gives the student four things, bound by the notebook's set-up cell:

- ``WEIGHTS``, a weighting of the eight categories (Tasks 2 to 4), and ``WEIGHTING``, the view
  it stands for in one line. The course's own weighting comes first; each other one puts a
  different category first. Every category keeps a weight; ``domestic`` weighs 0 in all of them
  (the index reads Baku's steps abroad).
- ``RAISED``, the category whose weight Task 5 raises from 1 to 3 on equal weights: the one the
  case's weighting puts first. It is kept only if its events' scores do not cancel (else raising
  it would change nothing), and no two cases raise categories whose scores sum to the same.
- ``PARTNER`` and ``PARTNER_NAME``, the partner whose running total Task 6 builds: a partner of
  the partner coding with **at least** :data:`MIN_EPISODES` **episodes** bearing on it, so its
  line has steps to add up (Russia, the West, Turkey and Iran; Israel and China have too few).
- ``TO_RECODE``, the ten events Task 7 codes: the course's ten for the first case; for every
  other case a draw seeded from its key, slot by slot, of an event like the course's one in that
  slot (the same category, the same period, and a partner coded or none, as it has), never one of
  the course's ten and never twice in a case. Where fewer than :data:`MIN_POOL` events share a
  slot's period, the neighbouring periods join the pool.

>>> [case.key for case in cases()]
['security-turkey', 'conflict-russia', 'economy-west', 'energy-iran', 'diplomacy-west', 'soft-power-russia']
>>> first = cases()[0]
>>> first["PARTNER"], first["RAISED"], first["WEIGHTS"]["security"], first["TO_RECODE"][0]
('turkey', 'security', 2.0, '1996-shah-deniz-contract')
"""

from __future__ import annotations

import functools
import random

import pandas as pd

from ...course.periods import PERIOD_KEYS
from ...course.vocabulary import CATEGORIES, PARTNER_CODES, PARTNER_COLUMNS, PARTNER_NAMES
from ...tables.load import load_events
from . import Case

ASSIGNMENT = "a3-balance-index"
#: A partner needs at least this many episodes bearing on it for Task 6's running total.
MIN_EPISODES = 8
#: A slot's pool of look-alike events widens to the neighbouring periods below this size.
MIN_POOL = 3

#: The course's ten events to code (Task 7), in the order the notebook lists them.
COURSE_TEN = (
    "1996-shah-deniz-contract",
    "1999-btc-istanbul-agreements",
    "2010-baku-cancels-us-drills",
    "2012-unsc-syria-vote",
    "2015-russia-migrant-rules",
    "2016-netanyahu-visits-baku",
    "2018-caspian-convention",
    "2021-baku-shuts-khamenei-office",
    "2024-brics-application",
    "2025-media-parity-sputnik-and-bbc",
)


def _weights(**given: float) -> dict[str, float]:
    return {category: float(given.get(category, 0.0)) for category in CATEGORIES}


#: Each case's weighting, as (key's first part, the view in words, the weights, RAISED, partner).
#: The first is the course's own (the weights the lessons and the rubric use).
_SPECS = (
    (
        "security",
        "security and energy first, the course's own weights: alliances, arms and the oil and "
        "gas routes are the costliest commitments a state makes",
        _weights(
            security=2,
            energy=2,
            integration=1.5,
            diplomacy=1,
            economy=1,
            conflict=1,
            soft_power=0.5,
        ),
        "security",
        "turkey",
    ),
    (
        "conflict",
        "war and security first: what armies, wars and ceasefires do counts most",
        _weights(
            conflict=3,
            security=2,
            energy=1,
            integration=1,
            diplomacy=1,
            economy=0.5,
            soft_power=0.5,
        ),
        "conflict",
        "russia",
    ),
    (
        "economy",
        "trade and money first: economic ties bind a state for longer than statements do",
        _weights(
            economy=3,
            energy=2,
            integration=1.5,
            security=1,
            diplomacy=1,
            conflict=0.5,
            soft_power=0.5,
        ),
        "economy",
        "west",
    ),
    (
        "energy",
        "pipelines and oil contracts first: they are commitments for decades",
        _weights(
            energy=3,
            integration=2,
            economy=1.5,
            security=1,
            diplomacy=1,
            conflict=1,
            soft_power=0.5,
        ),
        "energy",
        "iran",
    ),
    (
        "diplomacy",
        "diplomacy first: what leaders sign, say and vote is the plainest signal of intent",
        _weights(
            diplomacy=3,
            integration=1.5,
            soft_power=1,
            security=1,
            energy=1,
            economy=1,
            conflict=1,
        ),
        "diplomacy",
        "west",
    ),
    (
        "soft-power",
        "language, schools and media first: they shape a society's lean over decades",
        _weights(
            soft_power=3,
            diplomacy=1.5,
            integration=1,
            security=1,
            energy=1,
            economy=1,
            conflict=0.5,
        ),
        "soft_power",
        "russia",
    ),
)


def _category_net(events: pd.DataFrame) -> pd.Series:
    """Each category's sum of scores (+1 toward the West, -1 toward Russia): what raising its
    weight by 2 adds to the index's last value, halved."""
    score = events["alignment"].astype(str).map({"toward_west": 1, "toward_russia": -1})
    return score.fillna(0).groupby(events["category"].astype(str)).sum()


def partner_episodes(events: pd.DataFrame) -> dict[str, int]:
    """How many episodes bear on each partner (a value in its column in at least one row).

    >>> partner_episodes(load_events())["israel"] < MIN_EPISODES <= partner_episodes(load_events())["iran"]
    True
    """
    return {
        code: int(events.loc[events[column].notna(), "episode"].nunique())
        for code, column in PARTNER_COLUMNS.items()
    }


def _pool(events: pd.DataFrame, slot: str, taken: set[str]) -> list[str]:
    """The events like ``slot`` (category, bearing or none, period widened if need be)."""
    rows = events.set_index("id")
    row = rows.loc[slot]
    coded = rows[list(PARTNER_COLUMNS.values())].notna().any(axis=1)
    alike = rows[(rows["category"] == row["category"]) & (coded == coded[slot])]
    alike = alike[~alike.index.isin(taken)]
    at = PERIOD_KEYS.index(str(row["period"]))
    for reach in range(len(PERIOD_KEYS)):
        periods = PERIOD_KEYS[max(at - reach, 0) : at + reach + 1]
        pool = sorted(alike.index[alike["period"].astype(str).isin(periods)])
        if len(pool) >= MIN_POOL:
            return pool
    return sorted(alike.index)


def draw_ten(events: pd.DataFrame, key: str) -> tuple[str, ...]:
    """Ten events like the course's ten, slot by slot, drawn with a seed made of ``key``; in
    date order, as the course's ten are listed.

    >>> ten = draw_ten(load_events(), "economy-west")
    >>> len(set(ten)), set(ten) & set(COURSE_TEN)
    (10, set())
    """
    rng = random.Random(f"{ASSIGNMENT}:{key}")
    chosen: list[str] = []
    for slot in COURSE_TEN:
        pool = _pool(events, slot, set(COURSE_TEN) | set(chosen))
        chosen.append(rng.choice(pool))
    dates = events.set_index("id")["date"]
    return tuple(sorted(chosen, key=lambda event: (dates[event], event)))


@functools.cache
def cases() -> tuple[Case, ...]:
    """The cases of a3-balance-index, the course's own first; each kept only where the data
    answer every task (a partner with enough episodes, a raised category whose scores do not
    cancel, ten events found)."""
    events = load_events()
    net = _category_net(events)
    episodes = partner_episodes(events)
    kept: list[Case] = []
    seen_net: set[float] = set()
    seen_ten: set[frozenset[str]] = set()
    for index, (first, view, weights, raised, partner) in enumerate(_SPECS):
        key = f"{first}-{partner}"
        ten = COURSE_TEN if index == 0 else draw_ten(events, key)
        if (
            partner not in PARTNER_CODES
            or episodes[partner] < MIN_EPISODES
            or net.get(raised, 0) == 0
            or float(net[raised]) in seen_net
            or len(set(ten)) != len(COURSE_TEN)
            or frozenset(ten) in seen_ten
            or weights == dict.fromkeys(CATEGORIES, 1.0)
        ):
            continue
        seen_net.add(float(net[raised]))
        seen_ten.add(frozenset(ten))
        raised_words = raised.replace("_", " ")
        words = (
            f"{view.split(':')[0].capitalize()}; {raised_words} raised; {PARTNER_NAMES[partner]}"
        )
        names = {
            "WEIGHTS": weights,
            "WEIGHTING": view,
            "RAISED": raised,
            "PARTNER": partner,
            "PARTNER_NAME": PARTNER_NAMES[partner],
            "TO_RECODE": ten,
        }
        kept.append(Case(ASSIGNMENT, key, words, names))
    return tuple(kept)

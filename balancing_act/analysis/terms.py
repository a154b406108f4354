"""Contested names and terms of the Karabakh conflict, each with whose usage it is.

Where the two sides' narratives differ, the course gives each side's words as theirs. This table
lists the words the prologue (lesson 1a) asks students to place, each with the side that uses it
and the event whose row (title, summary or note) records that usage, so a self-check's expected
answer comes from the sourced rows, not from a list typed in a check. ``tests/test_terms.py`` holds
every term to its row.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

#: The sides whose usage a term can be.
SIDES = ("Azerbaijani", "Armenian", "Soviet")


class Term(NamedTuple):
    term: str
    side: str  # one of SIDES
    event: str  # the id of the event whose row records the usage


CONTESTED_TERMS: tuple[Term, ...] = (
    Term("Revival Day", "Armenian", "1988-karabakh-soviet-asks-transfer"),
    Term("Black January", "Azerbaijani", "1990-black-january"),
    Term("passport check", "Soviet", "1991-operation-ring"),
    Term("Chaykand", "Azerbaijani", "1991-operation-ring"),
    Term("occupation", "Azerbaijani", "1992-shusha-and-lachin-fall"),
    Term("liberation", "Armenian", "1992-shusha-and-lachin-fall"),
    Term("Shushi", "Armenian", "1992-shusha-and-lachin-fall"),
    Term("Berdzor", "Armenian", "1992-shusha-and-lachin-fall"),
)


def terms_of(side: str) -> frozenset[str]:
    """The terms of :data:`CONTESTED_TERMS` that are ``side``'s usage.

    >>> sorted(terms_of("Soviet"))
    ['passport check']
    """
    if side not in SIDES:
        raise ValueError(f"{side!r} is not a side; use one of: {', '.join(SIDES)}")
    return frozenset(t.term for t in CONTESTED_TERMS if t.side == side)


def terms_table(with_side: bool = False) -> pd.DataFrame:
    """The terms and the events that record them; their sides only when ``with_side``."""
    table = pd.DataFrame(CONTESTED_TERMS)
    return table if with_side else table[["term", "event"]]


def unrecorded_terms(events: pd.DataFrame) -> list[str]:
    """The terms whose event is missing or whose row does not contain the term (any case)."""
    rows = events.set_index("id")
    missing = []
    for term in CONTESTED_TERMS:
        if term.event not in rows.index:
            missing.append(f"{term.term}: no event {term.event}")
            continue
        row = rows.loc[term.event]
        text = " ".join(str(row[c]) for c in ("title", "summary", "note")).lower()
        if term.term.lower() not in text:
            missing.append(f"{term.term}: not in the row of {term.event}")
    return missing

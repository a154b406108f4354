"""What was on the table over Karabakh, 1993–2019: the negotiating frame and each side's terms.

Two things live here. The events of the frame (the Security Council's resolutions, the OSCE's
summits and the co-chairs' plans), named by their ids in ``events.csv``. And the six elements of
the co-chairs' basic principles as the three co-chair presidents made them public at L'Aquila on
10 July 2009, each beside the side whose stated terms it answered: the course's reading of each
side's public positions, sourced, and open to debate in class (lesson 7).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: The events of the negotiating frame, 1992–2011, in date order.
FRAME_EVENTS = (
    "1992-csce-minsk-conference-decided",
    "1993-unsc-resolution-822",
    "1993-unsc-resolution-853",
    "1993-unsc-resolution-874",
    "1993-unsc-resolution-884",
    "1994-bishkek-protocol",
    "1994-budapest-summit-minsk-cochairs",
    "1996-lisbon-summit-principles",
    "1997-osce-names-france-cochair",
    "1997-minsk-group-us-france-cochairs",
    "1997-minsk-package-proposal",
    "1997-minsk-step-by-step-proposal",
    "1998-minsk-common-state-proposal",
    "2001-key-west-talks",
    "2007-madrid-basic-principles",
    "2008-meiendorf-declaration",
    "2009-laquila-copresidents-statement",
    "2011-kazan-summit-fails",
)

#: The two sides, as the lesson names them.
BAKU = "Baku"
YEREVAN = "Yerevan and the Karabakh Armenians"
SIDES = (BAKU, YEREVAN)


@dataclass(frozen=True)
class Element:
    """One element of the basic principles, and whose stated terms it answered."""

    key: str  # a short word a student can type
    element: str  # the element, in the course's words
    answered: str  # one of SIDES
    why: str  # the stated term it answered, in the course's words
    sources: tuple[str, ...]  # ids in sources.csv


ELEMENTS = (
    Element(
        "territories",
        "The districts around Karabakh return to Azerbaijani control",
        BAKU,
        "Baku demanded the withdrawal of Armenian forces from all the territory it calls occupied, "
        "as the Security Council's resolutions of 1993 asked.",
        ("armenianclub-2009-laquila-statement", "azmfa-un-relations"),
    ),
    Element(
        "interim status",
        "Karabakh gets an interim status with guarantees of security and self-government",
        YEREVAN,
        "The Karabakh Armenians would not withdraw from the districts while Karabakh's own status "
        "stayed open; an interim status kept its institutions in the meantime.",
        ("armenianclub-2009-laquila-statement", "cr-osce-mediation"),
    ),
    Element(
        "corridor",
        "A corridor links Armenia to Karabakh",
        YEREVAN,
        "The Karabakh Armenians' land link to Armenia ran through Lachin; the co-chairs' plans of "
        "1997 already set the Lachin corridor apart from the other districts.",
        (
            "armenianclub-2009-laquila-statement",
            "cr-osce-mediation",
            "mountainous-karabakh-1997-step-by-step-text",
        ),
    ),
    Element(
        "final status",
        "Karabakh's final legal status is set later by a legally binding expression of will",
        YEREVAN,
        "Yerevan and Stepanakert rested Karabakh's claim on the self-determination of its people.",
        ("armenianclub-2009-laquila-statement", "acnis-status-quo-artsakh"),
    ),
    Element(
        "return",
        "All displaced people and refugees may return to their former homes",
        BAKU,
        "Baku made the return of its displaced people a condition of peace.",
        ("armenianclub-2009-laquila-statement", "armenianclub-2005-aliyev-minsk-group"),
    ),
    Element(
        "guarantees",
        "International security guarantees, a peacekeeping operation among them",
        YEREVAN,
        "Yerevan called itself the guarantor of Karabakh's security, and the Karabakh Armenians "
        "were not ready to withdraw first.",
        ("armenianclub-2009-laquila-statement", "acnis-status-quo-artsakh", "cr-osce-mediation"),
    ),
)


def basic_principles() -> pd.DataFrame:
    """The six elements of the basic principles (L'Aquila, 2009), one row each.

    >>> table = basic_principles()
    >>> list(table.columns), len(table)
    (['key', 'element', 'answered', 'why', 'sources'], 6)
    """
    return pd.DataFrame(
        {
            "key": [e.key for e in ELEMENTS],
            "element": [e.element for e in ELEMENTS],
            "answered": [e.answered for e in ELEMENTS],
            "why": [e.why for e in ELEMENTS],
            "sources": ["; ".join(e.sources) for e in ELEMENTS],
        }
    )


def answered_terms_of(side: str) -> set[str]:
    """The keys of the elements that answered ``side``'s stated terms.

    >>> sorted(answered_terms_of("Baku"))
    ['return', 'territories']
    """
    if side not in SIDES:
        raise KeyError(f"No side {side!r}; the sides are {', '.join(SIDES)}")
    return {e.key for e in ELEMENTS if e.answered == side}


def frame_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events of the negotiating frame, in date order, with the columns a reader needs.

    >>> from balancing_act.tables.load import load_events
    >>> frame = frame_events(load_events())
    >>> len(frame) == len(FRAME_EVENTS), frame["date"].is_monotonic_increasing
    (True, True)
    """
    missing = sorted(set(FRAME_EVENTS) - set(events["id"]))
    if missing:
        raise KeyError(f"The events table lacks {', '.join(missing)}")
    chosen = events[events["id"].isin(FRAME_EVENTS)].sort_values("date")
    return chosen[["id", "date", "title", "actors", "alignment"]].reset_index(drop=True)

"""A claim of the brief beside the dated evidence linked to it."""

from __future__ import annotations

import pandas as pd

from ..course.vocabulary import ALIGNMENT_WORDS
from ..tables.codebook import split_ids

#: The brief was published in March 2019; events after this day are evidence it could not see.
BRIEF_PUBLISHED = pd.Timestamp(2019, 3, 14)


def claim_evidence(claim_id: str, events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Events linked to ``claim_id``, each marked as known before the brief or only after it.

    >>> from balancing_act.tables.load import load_claims, load_events
    >>> c8 = claim_evidence("C8", load_events(), load_claims())
    >>> bool(c8["seen_by_brief"].any()), bool((~c8["seen_by_brief"]).any())
    (True, True)
    """
    if claim_id not in set(claims["id"]):
        raise KeyError(f"No claim {claim_id!r}; the claims are {', '.join(claims['id'])}")
    linked = events[events["claims"].map(lambda cell: claim_id in split_ids(cell))].copy()
    linked["seen_by_brief"] = linked["date"] <= BRIEF_PUBLISHED
    return linked


def both_ways(test: str) -> tuple[str, str]:
    """Split a claim's ``test`` text into what would bear it out and what would not.

    >>> both_ways("Borne out if Baku joins the EAEU; not borne out if it stays out.")
    ('Borne out if Baku joins the EAEU', 'not borne out if it stays out.')
    """
    for marker in ("; not borne out if", "; not followed if"):
        head, sep, tail = test.partition(marker)
        if sep:
            return head.strip(), (sep.lstrip("; ") + tail).strip().rstrip(".") + "."
    return test, ""


def evidence_table(
    claim_id: str, events: pd.DataFrame, claims: pd.DataFrame, before: int = 3
) -> pd.DataFrame:
    """The last ``before`` events the brief could see for ``claim_id``, then every later one.

    Rows are indexed by event id (what lesson 8's verdict table asks for), newest last, with
    the date, how the event moved Baku in words, and its title.

    >>> from balancing_act.tables.load import load_claims, load_events
    >>> table = evidence_table("C10", load_events(), load_claims())
    >>> table.index.name, list(table.columns)
    ('event id', ['date', 'moved Baku', 'brief', 'event'])
    """
    linked = claim_evidence(claim_id, events, claims).sort_values("date")
    shown = pd.concat(
        [linked[linked["seen_by_brief"]].tail(before), linked[~linked["seen_by_brief"]]]
    )
    return pd.DataFrame(
        {
            "date": shown["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "moved Baku": shown["alignment"].astype(str).map(ALIGNMENT_WORDS).to_numpy(),
            "brief": shown["seen_by_brief"]
            .map({True: "could see", False: "came after"})
            .to_numpy(),
            "event": shown["title"].to_numpy(),
        },
        index=pd.Index(shown["id"].to_numpy(), name="event id"),
    )

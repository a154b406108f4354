"""A claim of the brief beside the dated evidence linked to it."""

from __future__ import annotations

import pandas as pd

from .data import split_ids

#: The brief was published in March 2019; events after this day are evidence it could not see.
BRIEF_PUBLISHED = pd.Timestamp(2019, 3, 14)


def claim_evidence(claim_id: str, events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Events linked to ``claim_id``, each marked as known before the brief or only after it.

    >>> from balancing_act.data import load_claims, load_events
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


__all__ = ["BRIEF_PUBLISHED", "both_ways", "claim_evidence"]

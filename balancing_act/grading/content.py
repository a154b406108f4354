"""The checks hidden tests call: an answer's content against the course's own data.

A hidden test names what it checks and calls one of these, for example::

    ### BEGIN HIDDEN TESTS
    from balancing_act.grading.content import linked_claim

    linked_claim(links, "2005-btc-opened-at-sangachal")
    ### END HIDDEN TESTS

They run only where hidden tests run: in the grader's verdict server (:mod:`.verdicts`), on
answers rebuilt from data, with this package and the data imported from the trusted copy of the
course. The import sits inside the hidden test, so the function is the trusted package's own:
nothing a student's code does in its kernel (patching ``ba``, this module, pandas) reaches that
process. Each check loads the tables itself rather than trusting a name in the notebook, and
fails with ``AssertionError`` and a message for the teacher's report.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.claims import BRIEF_PUBLISHED
from ..tables.codebook import split_ids
from ..tables.load import load_claims, load_events

#: The columns an evidence table of assignment 5 has (``evidence``, ``hindsight``).
EVIDENCE_COLUMNS = ("id", "date", "title", "claim")


def _events() -> pd.DataFrame:
    return load_events().set_index("id")


def linked_claim(links, event_id: str) -> None:
    """``links[event_id]`` is one of the claims the course's table links that event to."""
    linked = split_ids(_events().loc[event_id, "claims"])
    assert links[event_id] in linked, f"{event_id}: not a claim the event is linked to"


def paper_or_later_tag(tags, label: str, event_id: str) -> None:
    """``tags[label]`` is "paper" when the event was on record by the paper's day, else "later"."""
    date = _events().loc[event_id, "date"]
    expected = "paper" if date <= BRIEF_PUBLISHED else "later"
    assert tags[label] == expected, f"{label} is tagged wrongly"


def event_rows(table, name: str, min_rows: int) -> None:
    """``table`` has the evidence columns, at least ``min_rows`` rows, each a real event, once."""
    known = set(load_events()["id"])
    assert set(EVIDENCE_COLUMNS) <= set(table.columns), f"{name} lacks a required column"
    assert len(table) >= min_rows, f"{name} has fewer than {min_rows} rows"
    assert table["id"].is_unique, f"an event appears twice in {name}"
    assert set(table["id"]) <= known, f"ids not in events: {sorted(set(table['id']) - known)}"


def event_dates(table, name: str, *, known_by_the_paper: bool) -> None:
    """Each row's date is its event's, and every event falls on the side of the paper's day
    the task asks for: on or before 14 March 2019, or in the after_brief period (2020-2025)."""
    events = _events()
    assert len(table) > 0, f"{name} is empty"
    true_dates = table["id"].map(events["date"])
    assert true_dates.notna().all(), "some ids are not events, so their dates cannot be checked"
    if known_by_the_paper:
        assert (true_dates <= BRIEF_PUBLISHED).all(), (
            f"{name} includes events after 14 March 2019: not known then"
        )
    else:
        periods = table["id"].map(events["period"].astype(str))
        assert (periods == "after_brief").all(), f"{name} includes events outside 2020-2025"
    given = pd.to_datetime(table["date"]).to_numpy()
    assert (given == true_dates.to_numpy()).all(), "some dates differ from the events' dates"


def claim_ids(table, name: str) -> None:
    """Every row's ``claim`` is a claim id of the course's table of claims."""
    valid = set(load_claims()["id"])
    assert len(table) > 0, f"{name} is empty"
    assert table["claim"].isin(valid).all(), f"not claim ids: {sorted(set(table['claim']) - valid)}"

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

import numpy as np
import pandas as pd

from ..analysis.agreement import cohens_kappa
from ..analysis.claims import BRIEF_PUBLISHED
from ..tables.codebook import split_ids
from ..tables.load import load_claims, load_events, load_sources

#: The columns an evidence table of assignment 5 has (``evidence``, ``hindsight``).
EVIDENCE_COLUMNS = ("id", "date", "title", "claim")
#: The first day of hindsight: the day after the paper appeared (assignment 5's ``hindsight``).
HINDSIGHT_STARTS = BRIEF_PUBLISHED + pd.Timedelta(days=1)


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
    the task asks for: on or before 14 March 2019 (what the paper could know), or from
    15 March 2019 on (hindsight: everything the paper could not know, 2019's later months too)."""
    events = _events()
    assert len(table) > 0, f"{name} is empty"
    true_dates = table["id"].map(events["date"])
    assert true_dates.notna().all(), "some ids are not events, so their dates cannot be checked"
    if known_by_the_paper:
        assert (true_dates <= BRIEF_PUBLISHED).all(), (
            f"{name} includes events after 14 March 2019: not known then"
        )
    else:
        assert (true_dates >= HINDSIGHT_STARTS).all(), (
            f"{name} includes events on or before 14 March 2019: hindsight starts on 15 March 2019"
        )
    given = pd.to_datetime(table["date"]).to_numpy()
    assert (given == true_dates.to_numpy()).all(), "some dates differ from the events' dates"


def claim_ids(table, name: str) -> None:
    """Every row's ``claim`` is a claim id of the course's table of claims."""
    valid = set(load_claims()["id"])
    assert len(table) > 0, f"{name} is empty"
    assert table["claim"].isin(valid).all(), f"not claim ids: {sorted(set(table['claim']) - valid)}"


# --- Assignment 4, Task 1: a link the course's data can defend ---------------------------------


def defensible_claims(event_id: str) -> set[str]:
    """The claims an event bears on in the course's data: those its own row links, and those
    the other rows of its episode link (the visit, summit or crisis it belongs to, which the
    codebook counts as one step). A directive issued during Putin's visit to Baku is read in that
    visit's light, so the claims the visit bears on are defensible links for it too."""
    events = load_events()
    episode = events.loc[events["id"] == event_id, "episode"]
    assert len(episode) == 1, f"{event_id}: not an event"
    rows = events[events["episode"] == episode.iloc[0]]
    return {claim for cell in rows["claims"] for claim in split_ids(cell)}


def defensible_link(links, event_id: str) -> None:
    """``links[event_id]`` is a claim the event, or its episode, is linked to in the data."""
    assert links[event_id] in defensible_claims(event_id), (
        f"{event_id}: not a claim the event or its episode is linked to"
    )


# --- Assignment 5, Task 3: sources beyond the table of events ------------------------------------

#: The kinds of ``sources.csv`` row that count as scholarship.
SCHOLARLY_KINDS = ("book", "article", "chapter")
#: Where a student uses an outside source: the memo (March 2019) or the hindsight note.
SOURCE_USES = ("memo", "note")


def _outside_source_rows() -> dict[str, tuple[str, str]]:
    """Each source of ``sources.csv`` by id: (kind, date). The reader's documents are cited by the
    id on their ``source:`` line (the grader's copy of the course holds the data, not ``reader/``)."""
    sources = load_sources()
    kinds_and_dates = zip(sources["kind"].astype(str), sources["date"], strict=True)
    return dict(zip(sources["id"], kinds_and_dates, strict=True))


def _later_than_the_paper(date: str) -> bool:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date known to fall after 14 March 2019 (an empty
    or coarser date that may fall on or before it is given the benefit of the doubt)."""
    date = str(date or "").strip()
    paper = BRIEF_PUBLISHED.strftime("%Y-%m-%d")
    return bool(date) and date > paper[: len(date)]


def outside_sources(used) -> None:
    """``used`` maps each outside source the memo or the note uses (a ``sources.csv`` id) to
    "memo" or "note": every one exists and is primary or scholarly, at least one of each kind,
    and none the memo uses was published after 14 March 2019."""
    rows = _outside_source_rows()
    assert len(used) > 0, "no outside sources given"
    unknown = sorted(set(used) - set(rows))
    assert not unknown, f"not sources of the course: {unknown}"
    where = sorted({str(u) for u in used.values()} - set(SOURCE_USES))
    assert not where, f"uses other than 'memo' or 'note': {where}"
    kinds = {source: rows[source][0] for source in used}
    other = sorted(s for s, k in kinds.items() if k != "primary" and k not in SCHOLARLY_KINDS)
    assert not other, f"neither primary nor scholarly: {other}"
    assert "primary" in kinds.values(), "no primary source (an official text)"
    assert set(kinds.values()) & set(SCHOLARLY_KINDS), "no scholarly book, article or chapter"
    late = sorted(s for s, u in used.items() if u == "memo" and _later_than_the_paper(rows[s][1]))
    assert not late, f"the memo uses sources published after 14 March 2019: {late}"


#: The columns that hold the course's own codes: a rule that predicts them must not read them.
CODE_COLUMNS = (
    "alignment",
    "to_russia",
    "to_west",
    "to_turkey",
    "to_iran",
    "to_israel",
    "to_china",
)
#: The codes a rule-based coder of assignment 1 may give (the alignment codes).
ALIGNMENT_CODES = ("toward_russia", "toward_west", "balancing", "neutral")


def without_codes(events: pd.DataFrame) -> pd.DataFrame:
    """The events with the course's codes removed: what a rule-based coder may read."""
    return events.drop(columns=[c for c in CODE_COLUMNS if c in events.columns])


def rule_predictions(classify, classes) -> None:
    """``classes`` is ``classify`` applied to every event, and ``classify`` predicts an alignment
    code from an event's other fields: it is called on each row with the codes removed."""
    events = load_events()
    assert len(classes) == len(events), "classes does not hold one prediction per event"
    valid = set(ALIGNMENT_CODES)
    predicted = list(classes)
    for position, (_, row) in enumerate(without_codes(events).iterrows()):
        got = classify(row)
        assert got in valid, f"{row['id']}: classify gives {got!r}, not an alignment code"
        assert got == predicted[position], f"{row['id']}: classes is not what classify gives"


def _same(value, expected: float, name: str) -> None:
    if np.isnan(expected):
        assert value is not None and np.isnan(float(value)), f"{name} should be undefined (nan)"
    else:
        assert abs(float(value) - expected) < 1e-6, f"{name} is not the one the predictions give"


def rule_agreement(classes, agreement, kappa) -> None:
    """``agreement`` and ``kappa`` are the share agreeing and Cohen's kappa of the student's own
    predictions ``classes`` against the course's ``alignment``, recomputed here."""
    codes = [str(code) for code in load_events()["alignment"]]
    predicted = [str(code) for code in classes]
    assert len(predicted) == len(codes), "classes does not hold one prediction per event"
    share = float(np.mean([p == c for p, c in zip(predicted, codes, strict=True)]))
    _same(agreement, share, "agreement")
    _same(kappa, cohens_kappa(predicted, codes), "kappa")


#: The partner columns a re-coding of assignment 3 fills, one per partner.
PARTNER_CODE_COLUMNS = CODE_COLUMNS[1:]


def recoded_form(my_codes, ids) -> None:
    """``my_codes`` codes exactly the events ``ids``, once each, with every partner column
    holding only 1, -1 or an empty cell."""
    assert isinstance(my_codes, pd.DataFrame), "my_codes is not a table"
    missing = [c for c in ("id", *PARTNER_CODE_COLUMNS) if c not in my_codes.columns]
    assert not missing, f"my_codes lacks the columns {missing}"
    assert my_codes["id"].is_unique, "an event is coded twice in my_codes"
    assert sorted(my_codes["id"]) == sorted(ids), "my_codes does not code exactly the ten events"
    cells = my_codes[list(PARTNER_CODE_COLUMNS)]
    valid = cells.isna() | cells.isin([1, -1])
    assert valid.to_numpy().all(), "my_codes holds values other than 1, -1 and empty"


def _cells(table: pd.DataFrame, ids) -> list:
    """The partner cells of ``ids``, row by row, an empty cell as 0 (the category "no bearing")."""
    rows = table.set_index("id").loc[list(ids), list(PARTNER_CODE_COLUMNS)]
    return [0 if pd.isna(v) else int(v) for v in rows.to_numpy().ravel()]


def recoded_agreement(my_codes, agreement, kappa) -> None:
    """``agreement`` and ``kappa`` are the share of partner cells on which ``my_codes`` agrees
    with the course's coding and Cohen's kappa over those cells, recomputed here."""
    ids = sorted(my_codes["id"])
    mine, course = _cells(my_codes, ids), _cells(load_events(), ids)
    share = float(np.mean([a == b for a, b in zip(mine, course, strict=True)]))
    _same(agreement, share, "agreement")
    _same(kappa, cohens_kappa(mine, course), "kappa")

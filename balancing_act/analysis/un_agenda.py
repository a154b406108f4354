"""UN vote agreement split by the agenda: Voeten's issue codes.

Two states' agreement (:func:`~balancing_act.analysis.unvotes.vote_agreement`) depends on what
the Assembly votes on as much as on either state. The roll calls carry Voeten's issue codes
(``un_roll_calls.issue``, every year of the table, 1992-2019; a roll call may have several, and
about a quarter have none): here agreement is split by issue, and given over all roll calls and
over all of them less the Palestinian-conflict ones, window by window. Pandas only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..course.errors import EmptySelection
from ..course.vocabulary import UN_ISSUES, country_name

#: The issue whose roll calls :data:`WITHOUT_PALESTINE` leaves out.
PALESTINE = "palestinian_conflict"
#: The two rows beside the issues: every roll call, and every one not coded Palestinian conflict.
ALL_VOTES, WITHOUT_PALESTINE = "all", "all but palestinian_conflict"
#: The rows of :func:`issue_agreement`, in order, and their words.
ROWS = {**UN_ISSUES, ALL_VOTES: "All roll calls", WITHOUT_PALESTINE: "All but Palestine"}


def _windows(windows) -> dict[str, tuple[int, int]]:
    """Label -> (first, last): the course's periods with roll calls when ``windows`` is None."""
    if windows is None:
        from .measures import period_years

        spans = period_years()
        spans = spans[spans["first_year"] <= 2019]
        return {
            r.period: (int(r.first_year), min(int(r.last_year), 2019)) for r in spans.itertuples()
        }
    if isinstance(windows, Mapping):
        return {str(k): (int(a), int(b)) for k, (a, b) in windows.items()}
    return {f"{int(a)}-{int(b)}": (int(a), int(b)) for a, b in windows}


def issue_agreement(
    country: str,
    reference: str,
    windows: Mapping[str, tuple[int, int]] | Iterable[tuple[int, int]] | None = None,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How often ``country`` voted as ``reference`` did, issue by issue, window by window.

    ``windows`` maps a label to ``(first, last)`` years (or is a list of such pairs, labelled
    ``"first-last"``); by default the course's periods up to 2019. One row per window and
    :data:`ROWS` key: ``window``, ``issue``, ``agreement`` (0 to 1, empty where the two shared
    no roll call on it), ``n_votes`` (roll calls in which both voted) and ``share_of_votes``
    (that count over the window's roll calls in which both voted). A roll call with several
    codes counts under each.

    >>> table = issue_agreement("AZE", "USA", {"2014-2019": (2014, 2019)}).set_index("issue")
    >>> round(float(table.loc["all", "agreement"]), 2)
    0.22
    """
    from .unvotes import _paired_votes

    parts = []
    for label, years in _windows(windows).items():
        both = _paired_votes(country, reference, votes, roll_calls, years)
        calls = (roll_calls if roll_calls is not None else _roll_calls())[["rcid", "issue"]]
        both = both.merge(calls, on="rcid", how="left")
        codes = both["issue"].fillna("").astype(str).str.split(";")
        rows = []
        for key in ROWS:
            if key == ALL_VOTES:
                chosen = both["same"]
            elif key == WITHOUT_PALESTINE:
                chosen = both.loc[~codes.map(lambda c: PALESTINE in c), "same"]
            else:
                chosen = both.loc[codes.map(lambda c, k=key: k in c), "same"]
            rows.append(
                {
                    "window": label,
                    "issue": key,
                    "agreement": float(chosen.mean()) if len(chosen) else float("nan"),
                    "n_votes": int(len(chosen)),
                    "share_of_votes": len(chosen) / len(both),
                }
            )
        parts.append(pd.DataFrame(rows))
    return pd.concat(parts, ignore_index=True)


def _roll_calls() -> pd.DataFrame:
    from ..tables.load import load_un_roll_calls

    return load_un_roll_calls()


def issue_agreement_table(
    countries: Iterable[str] = ("AZE", "TUR"),
    references: Iterable[str] = ("USA", "RUS"),
    windows: Mapping[str, tuple[int, int]] | Iterable[tuple[int, int]] | None = None,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`issue_agreement` for each country and reference, as a table to read: one row per
    issue (in words), one column per window and pair (``"Azerbaijan with United States"``), the
    agreement in per cent, rounded; and a last row, the Palestine roll calls' share of the
    votes (per cent).

    >>> table = issue_agreement_table(["AZE", "TUR"], ["USA"], {"2014-2019": (2014, 2019)})
    >>> table.columns.tolist()
    [('2014-2019', 'Azerbaijan with United States'), ('2014-2019', 'Turkey with United States')]
    """
    columns = {}
    for code in countries:
        for reference in references:
            split = issue_agreement(code, reference, windows, votes=votes, roll_calls=roll_calls)
            pair = f"{country_name(code)} with {country_name(reference)}"
            for label, one in split.groupby("window", sort=False):
                one = one.set_index("issue")
                values = (100 * one["agreement"]).rename(index=ROWS)
                share = 100 * float(one.loc[PALESTINE, "share_of_votes"])
                values["Palestine votes, % of all"] = share
                columns[(label, pair)] = values
    if not columns:
        raise EmptySelection("Pick at least one country and one reference.")
    table = pd.DataFrame(columns).round(0)
    order = list(dict.fromkeys(label for label, _ in columns))
    return table[[c for label in order for c in table.columns if c[0] == label]]

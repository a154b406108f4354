"""The cases of a6-measuring-the-balance: a post-Soviet state set beside Russia, and an arms supplier.

Tasks 1-3 read the UN measures for one country set beside Russia (``COUNTRY``, its ISO code, and
``COUNTRY_NAME``): Azerbaijan first (the course's own case), then neighbours that chose
differently (Armenia, Georgia, Kazakhstan, Belarus, Ukraine). Task 2 judges the moves of that
country and of Russia between two years (``MOVE_YEARS``). Task 4 reads SIPRI's deliveries to one
recipient (``RECIPIENT``: Azerbaijan, Armenia or Georgia, the recipients the course ships) from
one supplier (``SUPPLIER``, as SIPRI writes it). Tasks 5-7 rest on the course's coding of
Azerbaijan's events and are the same in every case.

A case is kept only if the data answer every task: both countries have an ideal point in both
years of the move, the country and Russia (and the United States) cast votes in each period
with roll calls, the recipient received deliveries in every window of the assignment, and the
supplier delivered something in at least one of them.

>>> [case.key for case in cases()]
['azerbaijan', 'armenia', 'georgia', 'kazakhstan', 'belarus', 'ukraine']
>>> cases()[0]["COUNTRY"], cases()[0]["MOVE_YEARS"], cases()[0]["SUPPLIER"]
('AZE', (2019, 2024), 'Russia')
"""

from __future__ import annotations

import functools

from ...course.errors import EmptySelection
from . import Case

ASSIGNMENT = "a6-measuring-the-balance"

#: The windows of SIPRI delivery years Task 4 loops over (the notebook's ``WINDOWS``).
WINDOWS = ((2005, 2009), (2010, 2014), (2015, 2019), (2020, 2023))
#: The periods with roll calls (Task 3), by their first and last years in the course's table.
VOTE_PERIODS = ("balancing", "shift", "pacification")

#: key, ISO code, name, years of the move (Task 2), SIPRI recipient and supplier (Task 4).
_CANDIDATES = (
    ("azerbaijan", "AZE", "Azerbaijan", (2019, 2024), "Azerbaijan", "Russia"),
    ("armenia", "ARM", "Armenia", (2019, 2024), "Armenia", "Russia"),
    ("georgia", "GEO", "Georgia", (2013, 2024), "Georgia", "United States"),
    ("kazakhstan", "KAZ", "Kazakhstan", (2007, 2019), "Azerbaijan", "Israel"),
    ("belarus", "BLR", "Belarus", (2019, 2024), "Azerbaijan", "Belarus"),
    ("ukraine", "UKR", "Ukraine", (2013, 2024), "Azerbaijan", "Ukraine"),
)


def _solvable(code: str, years: tuple[int, int], recipient: str, supplier: str) -> bool:
    from ...tables.load import load_un_ideal_points
    from ..arms import arms_supplier_shares
    from ..measures import period_years
    from ..un_agenda import WITHOUT_PALESTINE, issue_agreement
    from ..unvotes import ideal_point_distance

    points = load_un_ideal_points()
    have = set(zip(points["country"], points["year"], strict=True))
    if not all((c, y) in have for c in (code, "RUS") for y in years) or years[0] >= years[1]:
        return False
    if len(ideal_point_distance(code, "RUS")) <= 30:
        return False
    spans = period_years().set_index("period")
    windows = {
        p: (int(spans.loc[p, "first_year"]), int(spans.loc[p, "last_year"])) for p in VOTE_PERIODS
    }
    for reference in ("RUS", "USA"):
        split = issue_agreement(code, reference, windows)
        kept = split[split["issue"].isin(["all", WITHOUT_PALESTINE])]
        if (
            len(kept) != 2 * len(windows)
            or kept["agreement"].isna().any()
            or (kept["n_votes"] == 0).any()
        ):
            return False
    try:
        shares = [arms_supplier_shares(recipient, window) for window in WINDOWS]
    except EmptySelection:
        return False
    return max(float(s.loc[s["supplier"] == supplier, "share"].sum()) for s in shares) > 1


@functools.cache
def cases() -> tuple[Case, ...]:
    """The assignment's cases, Azerbaijan first: those the course's tables can answer."""
    kept = []
    for key, code, name, years, recipient, supplier in _CANDIDATES:
        if not _solvable(code, years, recipient, supplier):
            continue
        the = "the " if supplier == "United States" else ""
        words = (
            f"{name} beside Russia, its move {years[0]}–{years[1]}; "
            f"arms from {the}{supplier} to {recipient}"
        )
        names = {
            "COUNTRY": code,
            "COUNTRY_NAME": name,
            "MOVE_YEARS": years,
            "RECIPIENT": recipient,
            "SUPPLIER": supplier,
        }
        kept.append(Case(ASSIGNMENT, key, words, names))
    return tuple(kept)

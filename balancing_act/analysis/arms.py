"""Who armed Azerbaijan, Armenia and Georgia: suppliers' shares of SIPRI's arms deliveries.

**The rule.** SIPRI's trade register gives each order's trend-indicator value (TIV) delivered in
total, with the years in which deliveries were made, not how much came in each year. So an
order's ``tiv_delivered`` is spread **evenly over its listed delivery years** (an order delivered
in 2015 and 2016 counts half in each). A window of years, both ends included, adds up the yearly
slices inside it, and a supplier's share is its part of the window's total, in per cent. Orders
with nothing delivered add nothing.

SIPRI's own fact sheets use its year-by-year delivery figures, so their shares differ from these
by a few points (for Azerbaijan in 2016-2020, Israel: 66.6 % here, 69 % in SIPRI's fact sheet).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..course.errors import EmptySelection
from ..course.vocabulary import ARMS_RECIPIENTS, check_country

#: Five-year windows ending in 2024, as SIPRI's fact sheet of March 2025 compares 2020-2024 with
#: 2015-2019; the first runs from independence and has three years only.
DEFAULT_WINDOWS = (
    (1992, 1994),
    (1995, 1999),
    (2000, 2004),
    (2005, 2009),
    (2010, 2014),
    (2015, 2019),
    (2020, 2024),
)


def _recipient(recipient: str, transfers: pd.DataFrame) -> str:
    name = ARMS_RECIPIENTS.get(recipient, recipient)
    return check_country(name, transfers["recipient"].unique(), what="recipient")


def _window(window: tuple[int, int]) -> tuple[int, int]:
    first, last = (int(y) for y in window)
    if first > last:
        raise ValueError(f"A window of years runs from the earlier year: ({last}, {first}).")
    return first, last


def deliveries_by_year(
    recipient: str | None = None, *, transfers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per order and delivery year, with the order's TIV spread evenly over its years.

    Columns: ``recipient``, ``supplier``, ``weapon``, ``order_year``, ``year`` and ``tiv`` (the
    year's slice, millions). ``recipient`` (a name or ``AZE``/``ARM``/``GEO``) keeps one.

    >>> harop = deliveries_by_year("Azerbaijan").query("weapon == 'Harop'")
    >>> harop["year"].tolist(), harop["tiv"].tolist()
    ([2015, 2016, 2017, 2018], [15.0, 15.0, 15.0, 15.0])
    """
    from ..tables.load import load_arms_transfers

    transfers = load_arms_transfers() if transfers is None else transfers
    if recipient is not None:
        transfers = transfers[transfers["recipient"] == _recipient(recipient, transfers)]
    delivered = transfers[transfers["tiv_delivered"].fillna(0).gt(0)]
    delivered = delivered[delivered["delivery_years"].fillna("") != ""]
    years = delivered["delivery_years"].str.split(";")
    spread = delivered.assign(year=years, n_years=years.str.len()).explode("year")
    spread["year"] = spread["year"].astype(int)
    spread["tiv"] = spread["tiv_delivered"] / spread["n_years"]
    columns = ["recipient", "supplier", "weapon", "order_year", "year", "tiv"]
    return spread[columns].reset_index(drop=True)


def arms_supplier_shares(
    recipient: str,
    window: tuple[int, int],
    *,
    transfers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each supplier's share (per cent) of the TIV delivered to ``recipient`` inside ``window``.

    ``window`` is ``(first, last)``, both years included; deliveries are spread over their years
    as the module's rule says. Columns ``supplier``, ``tiv`` (millions) and ``share`` (per cent,
    adding up to 100), largest first.

    >>> shares = arms_supplier_shares("Azerbaijan", (2016, 2020))
    >>> shares.head(2).round(1).values.tolist()
    [['Israel', 668.0, 66.6], ['Russia', 171.9, 17.1]]
    """
    from ..tables.load import load_arms_transfers

    transfers = load_arms_transfers() if transfers is None else transfers
    name = _recipient(recipient, transfers)
    return _shares(name, deliveries_by_year(name, transfers=transfers), _window(window))


def _shares(name: str, yearly: pd.DataFrame, window: tuple[int, int]) -> pd.DataFrame:
    """:func:`arms_supplier_shares` of ``name``'s deliveries by year (spread once for all
    windows: spreading them again for each was most of the comparison widget's redraw)."""
    first, last = window
    inside = yearly[yearly["year"].between(first, last)]
    if inside.empty or inside["tiv"].sum() == 0:
        raise EmptySelection(f"SIPRI records no deliveries to {name} between {first} and {last}.")
    by_supplier = inside.groupby("supplier")["tiv"].sum()
    shares = pd.DataFrame(
        {"supplier": by_supplier.index, "tiv": by_supplier.values, "share": 0.0}
    ).sort_values(["tiv", "supplier"], ascending=[False, True], ignore_index=True)
    shares["share"] = 100 * shares["tiv"] / shares["tiv"].sum()
    return shares


def supplier_shares_by_window(
    recipient: str,
    windows: Iterable[tuple[int, int]] = DEFAULT_WINDOWS,
    *,
    transfers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`arms_supplier_shares` for several windows, stacked, with a ``window`` label.

    Windows with no deliveries are left out; if every window is empty, :class:`EmptySelection`.

    >>> table = supplier_shares_by_window("AZE", [(2012, 2016), (2017, 2021)])
    >>> table.groupby("window")["supplier"].first().to_dict()
    {'2012-2016': 'Russia', '2017-2021': 'Israel'}
    """
    from ..tables.load import load_arms_transfers

    transfers = load_arms_transfers() if transfers is None else transfers
    name = _recipient(recipient, transfers)
    yearly = deliveries_by_year(name, transfers=transfers)
    parts = []
    for window in windows:
        first, last = _window(window)
        try:
            shares = _shares(name, yearly, (first, last))
        except EmptySelection:
            continue
        parts.append(shares.assign(window=f"{first}-{last}", first_year=first, last_year=last))
    if not parts:
        raise EmptySelection(f"SIPRI records no deliveries to {name} in the windows chosen.")
    return pd.concat(parts, ignore_index=True)

"""Who armed Azerbaijan, Armenia and Georgia: suppliers' shares of SIPRI's arms deliveries, with
their volumes.

**The rule.** SIPRI gives the trend-indicator value (TIV, millions) delivered in each year of
each order (``arms_deliveries.csv``, the register by delivery year). A window of years, both
ends included, adds up the deliveries of its years; a supplier's ``share`` is its part of the
window's total, in per cent, and its ``tiv`` is the volume behind that share. A share is never
read without its volume: 58 % of a window that received 100 TIV is less than 5 % of one that
received 2,000.

The per-year values cover **2000-2023** (SIPRI's data as released in March 2024); a window
reaching outside them is refused rather than filled in. The older export the course also keeps
(``arms_transfers.csv``, one row per order, March 2025) has no per-year split: the course once
spread each order's total evenly over its delivery years, and :func:`evenly_spread_shares` keeps
that approximation only to show how far it lands from SIPRI's own values (a named mistake of
lesson 4's self-check).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..course.errors import EmptySelection
from ..course.vocabulary import ARMS_RECIPIENTS, check_country

#: The years SIPRI's per-year delivery values cover (both included).
DELIVERY_YEARS = (2000, 2023)

#: Five-year windows as SIPRI's fact sheets compare them; the last has the four years the
#: per-year values reach (2020-2023).
DEFAULT_WINDOWS = (
    (2000, 2004),
    (2005, 2009),
    (2010, 2014),
    (2015, 2019),
    (2020, 2023),
)


class OutsideDeliveryYears(EmptySelection):
    """A window reaching outside the years SIPRI's per-year delivery values cover."""


def _recipient(recipient: str, deliveries: pd.DataFrame) -> str:
    name = ARMS_RECIPIENTS.get(recipient, recipient)
    return check_country(name, deliveries["recipient"].unique(), what="recipient")


def _window(window: tuple[int, int]) -> tuple[int, int]:
    first, last = (int(y) for y in window)
    if first > last:
        raise ValueError(f"A window of years runs from the earlier year: ({last}, {first}).")
    low, high = DELIVERY_YEARS
    if first < low or last > high:
        raise OutsideDeliveryYears(
            f"SIPRI's per-year delivery values cover {low}-{high}; the window {first}-{last} "
            f"reaches outside them. Choose years from {low} to {high}."
        )
    return first, last


def deliveries_by_year(
    recipient: str | None = None, *, deliveries: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per order and delivery year, with SIPRI's own TIV for that year.

    Columns: ``recipient``, ``supplier``, ``weapon``, ``order_year``, ``year`` and ``tiv``
    (millions). ``recipient`` (a name or ``AZE``/``ARM``/``GEO``) keeps one.

    >>> harop = deliveries_by_year("Azerbaijan").query("weapon == 'Harop'")
    >>> harop["year"].tolist(), harop["tiv"].tolist()
    ([2015, 2016, 2017, 2018], [15.0, 15.0, 15.0, 15.0])
    """
    from ..tables.load import load_arms_deliveries

    deliveries = load_arms_deliveries() if deliveries is None else deliveries
    if recipient is not None:
        deliveries = deliveries[deliveries["recipient"] == _recipient(recipient, deliveries)]
    columns = ["recipient", "supplier", "weapon", "order_year", "year", "tiv"]
    return deliveries[columns].reset_index(drop=True)


def arms_supplier_shares(
    recipient: str,
    window: tuple[int, int],
    *,
    deliveries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each supplier's volume and share of the TIV delivered to ``recipient`` inside ``window``.

    ``window`` is ``(first, last)``, both years included, within :data:`DELIVERY_YEARS`.
    Columns ``supplier``, ``tiv`` (millions delivered by that supplier), ``share`` (per cent,
    adding up to 100) and ``total_tiv`` (the window's total, the same on every row), largest
    first.

    >>> shares = arms_supplier_shares("Azerbaijan", (2010, 2014))
    >>> shares.head(2).round(1).values.tolist()
    [['Russia', 1714.4, 80.1, 2139.3], ['Belarus', 194.5, 9.1, 2139.3]]
    """
    from ..tables.load import load_arms_deliveries

    deliveries = load_arms_deliveries() if deliveries is None else deliveries
    name = _recipient(recipient, deliveries)
    return _shares(name, deliveries_by_year(name, deliveries=deliveries), _window(window))


def _shares(name: str, yearly: pd.DataFrame, window: tuple[int, int]) -> pd.DataFrame:
    """:func:`arms_supplier_shares` of ``name``'s deliveries by year (selected once for all
    windows: selecting them again for each was most of the comparison widget's redraw)."""
    first, last = window
    inside = yearly[yearly["year"].between(first, last)]
    if inside.empty or inside["tiv"].sum() == 0:
        raise EmptySelection(f"SIPRI records no deliveries to {name} between {first} and {last}.")
    by_supplier = inside.groupby("supplier")["tiv"].sum()
    shares = pd.DataFrame(
        {"supplier": by_supplier.index, "tiv": by_supplier.values, "share": 0.0}
    ).sort_values(["tiv", "supplier"], ascending=[False, True], ignore_index=True)
    total = float(shares["tiv"].sum())
    shares["share"] = 100 * shares["tiv"] / total
    shares["total_tiv"] = total
    return shares


def supplier_shares_by_window(
    recipient: str,
    windows: Iterable[tuple[int, int]] = DEFAULT_WINDOWS,
    *,
    deliveries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`arms_supplier_shares` for several windows, stacked, with a ``window`` label.

    Windows with no deliveries are left out; if every window is empty, :class:`EmptySelection`.
    A window outside :data:`DELIVERY_YEARS` is refused (:class:`OutsideDeliveryYears`).

    >>> table = supplier_shares_by_window("AZE", [(2012, 2016), (2017, 2021)])
    >>> table.groupby("window")["supplier"].first().to_dict()
    {'2012-2016': 'Russia', '2017-2021': 'Israel'}
    """
    from ..tables.load import load_arms_deliveries

    deliveries = load_arms_deliveries() if deliveries is None else deliveries
    name = _recipient(recipient, deliveries)
    yearly = deliveries_by_year(name, deliveries=deliveries)
    parts = []
    for window in [_window(w) for w in windows]:
        try:
            shares = _shares(name, yearly, window)
        except EmptySelection:
            continue
        first, last = window
        parts.append(shares.assign(window=f"{first}-{last}", first_year=first, last_year=last))
    if not parts:
        raise EmptySelection(f"SIPRI records no deliveries to {name} in the windows chosen.")
    return pd.concat(parts, ignore_index=True)


def evenly_spread_shares(
    recipient: str,
    window: tuple[int, int],
    *,
    transfers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The **even-spread approximation**: shares from the order register (``arms_transfers.csv``)
    with each order's total TIV spread evenly over its listed delivery years.

    Not the course's measure (that is :func:`arms_supplier_shares`, on SIPRI's per-year values);
    kept to show what the approximation gives, for instance as a plausible wrong answer. Same
    columns as :func:`arms_supplier_shares`.

    >>> evenly_spread_shares("Azerbaijan", (2010, 2014)).head(1).round(1).values.tolist()
    [['Russia', 1623.3, 76.1, 2133.0]]
    """
    from ..tables.load import load_arms_transfers

    transfers = load_arms_transfers() if transfers is None else transfers
    first, last = (int(y) for y in window)
    if first > last:
        raise ValueError(f"A window of years runs from the earlier year: ({last}, {first}).")
    name = _recipient(recipient, transfers)
    orders = transfers[transfers["recipient"] == name]
    orders = orders[orders["tiv_delivered"].fillna(0).gt(0)]
    orders = orders[orders["delivery_years"].fillna("") != ""]
    years = orders["delivery_years"].str.split(";")
    spread = orders.assign(year=years, n_years=years.str.len()).explode("year")
    spread["year"] = spread["year"].astype(int)
    spread["tiv"] = spread["tiv_delivered"] / spread["n_years"]
    return _shares(name, spread[["supplier", "year", "tiv"]], (first, last))

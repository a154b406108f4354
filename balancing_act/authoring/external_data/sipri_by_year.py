"""SIPRI's deliveries by year for Azerbaijan, Armenia and Georgia -> ``arms_deliveries.csv``.

SIPRI's newer trade-register export gives one record per order **and delivery year**, with the
TIV delivered in that year (``TIV delivery values``); the older one (``sipri``) gives only each
order's total. The extract is SIPRI's CSV cut to the three recipients' records, byte for byte
(its preamble included), read as text and checked cell by cell.
"""

from __future__ import annotations

from pathlib import Path

from .cells import csv_text, number, whole
from .course_links import Problem
from .sipri import ARMS_RECIPIENTS, read_register

SIPRI_BY_YEAR_FILE = "sipri-deliveries-by-year/trade-register-by-year-south-caucasus.csv"
SIPRI_BY_YEAR_SOURCE = "sipri-2024-deliveries-by-year"
SIPRI_BY_YEAR_ENCODING = "utf-8"
#: The delivery years the export covers: it was made for deals with deliveries or orders from
#: 2000 on, on the data SIPRI released in March 2024 (deliveries up to 2023).
SIPRI_BY_YEAR_YEARS = (2000, 2023)
SIPRI_BY_YEAR_HEADER = (
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
)


def _delivery_problems(cell: dict[str, str]) -> list[tuple[str, str]]:
    """(column, what is wrong) for each bad cell of one order's delivery in one year."""
    bad = []
    if whole(cell["SIPRI AT Database ID"]) is None:
        bad.append(("SIPRI AT Database ID", f'"{cell["SIPRI AT Database ID"]}" is not a number'))
    if not cell["Supplier"]:
        bad.append(("Supplier", "is empty"))
    if cell["Recipient"] not in ARMS_RECIPIENTS:
        bad.append(("Recipient", f'"{cell["Recipient"]}" is not one of {ARMS_RECIPIENTS}'))
    if not cell["Designation"]:
        bad.append(("Designation", "is empty"))
    order_year = whole(cell["Order date"])
    if order_year is None or not 1950 <= order_year <= SIPRI_BY_YEAR_YEARS[1]:
        bad.append(("Order date", f'"{cell["Order date"]}" is not a year'))
    year = whole(cell["Delivery year"])
    first, last = SIPRI_BY_YEAR_YEARS
    if year is None or not first <= year <= last:
        bad.append(
            ("Delivery year", f'"{cell["Delivery year"]}" is not a year from {first} to {last}')
        )
    tiv = number(cell["TIV delivery values"])
    if tiv is None or tiv < 0:
        bad.append(
            ("TIV delivery values", f'"{cell["TIV delivery values"]}" is not a TIV (a number)')
        )
    return bad


def read_sipri_by_year(raw: Path) -> tuple[list[list[str]], list[Problem]]:
    return read_register(
        raw,
        SIPRI_BY_YEAR_FILE,
        SIPRI_BY_YEAR_ENCODING,
        SIPRI_BY_YEAR_HEADER,
        _delivery_problems,
        "SIPRI's register by year's",
    )


def deliveries_table(rows: list[list[str]]) -> str:
    """One row per order and delivery year, SIPRI's own TIV for that year."""
    out = []
    for fields in rows:
        cell = dict(zip(SIPRI_BY_YEAR_HEADER, fields, strict=True))
        out.append(
            [
                cell["Recipient"],
                cell["Supplier"],
                whole(cell["SIPRI AT Database ID"]),
                cell["Designation"],
                cell["Description"],
                whole(cell["Order date"]),
                whole(cell["Delivery year"]),
                cell["TIV delivery values"],
                SIPRI_BY_YEAR_SOURCE,
            ]
        )
    out.sort(key=lambda r: (r[0], r[6], r[1], r[2], r[3]))
    header = [
        "recipient",
        "supplier",
        "sipri_id",
        "weapon",
        "description",
        "order_year",
        "year",
        "tiv",
        "source",
    ]
    return csv_text(header, out)

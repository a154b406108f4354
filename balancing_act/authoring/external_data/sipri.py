"""SIPRI's trade register for Azerbaijan, Armenia and Georgia -> ``arms_transfers.csv``.

The extract is SIPRI's own CSV export cut to three recipients' rows, byte for byte (its preamble
included), so it is read as text in SIPRI's encoding and every order is checked cell by cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cells import csv_text, number, raw_label, records, whole
from .course_links import Problem

#: The three recipients whose SIPRI rows are kept, as SIPRI spells them.
ARMS_RECIPIENTS = ("Azerbaijan", "Armenia", "Georgia")

SIPRI_FILE = "sipri-arms-transfers/trade-register-south-caucasus.csv"
SIPRI_SOURCE = "sipri-2025-trade-register"
SIPRI_ENCODING = "latin-1"  # SIPRI's export is ISO-8859-1
SIPRI_HEADER = (
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
DELIVERY_YEARS = re.compile(r"^\d{4}(; \d{4})*$")


def _order_problems(cell: dict[str, str]) -> list[tuple[str, str]]:
    """(column, what is wrong) for each bad cell of one order."""
    bad = []
    if cell["Recipient"] not in ARMS_RECIPIENTS:
        bad.append(("Recipient", f'"{cell["Recipient"]}" is not one of {ARMS_RECIPIENTS}'))
    if not cell["Supplier"]:
        bad.append(("Supplier", "is empty"))
    order_year = whole(cell["Year of order"])
    if order_year is None or not 1950 <= order_year <= 2025:
        bad.append(("Year of order", f'"{cell["Year of order"]}" is not a year'))
    if cell["Number ordered"] and whole(cell["Number ordered"]) is None:
        bad.append(("Number ordered", f'"{cell["Number ordered"]}" is not a whole number'))
    years = cell["Year(s) of delivery"]
    if years and not DELIVERY_YEARS.match(years):
        bad.append(("Year(s) of delivery", f'"{years}" is not years separated by "; "'))
    tiv = cell["SIPRI TIV of delivered weapons"]
    if tiv and (number(tiv) is None or number(tiv) < 0):
        bad.append(("SIPRI TIV of delivered weapons", f'"{tiv}" is not a TIV (a number)'))
    elif tiv and number(tiv) > 0 and not years:
        bad.append(("Year(s) of delivery", "is empty, but weapons worth a TIV were delivered"))
    if not cell["Weapon designation"]:
        bad.append(("Weapon designation", "is empty"))
    return bad


def read_register(
    raw: Path, file: str, encoding: str, header: tuple[str, ...], row_problems, name: str
) -> tuple[list[list[str]], list[Problem]]:
    """The records of a SIPRI register export in ``raw/file``, after SIPRI's lines of notes and
    its header row (which must be ``header``; ``name`` says whose in a problem), with every bad
    cell that ``row_problems(cells)`` finds reported by line and column and its record left out.
    Both of the course's SIPRI extracts (orders, and orders by delivery year) are read by it."""
    label = raw_label(file)
    path = raw / file
    if not path.is_file():
        return [], [Problem(label, None, None, "missing")]
    text = path.read_bytes().decode(encoding)
    problems, rows, header_seen = [], [], False
    for line, fields, _ in records(text):
        if not header_seen:
            if fields and fields[0] == header[0]:
                header_seen = True
                if tuple(fields) != header:
                    problems.append(Problem(label, line, None, f"the header is not {name}"))
                    return [], problems
            continue
        if not any(fields):
            continue
        if len(fields) != len(header):
            problems.append(Problem(label, line, None, f"{len(fields)} fields, not {len(header)}"))
            continue
        bad = row_problems(dict(zip(header, fields, strict=True)))
        problems += [Problem(label, line, column, what) for column, what in bad]
        if not bad:
            rows.append(fields)
    if not header_seen:
        problems.append(Problem(label, None, None, f"has no header row starting '{header[0]}'"))
    return rows, problems


def read_sipri(raw: Path) -> tuple[list[list[str]], list[Problem]]:
    return read_register(
        raw,
        SIPRI_FILE,
        SIPRI_ENCODING,
        SIPRI_HEADER,
        _order_problems,
        "SIPRI's trade register's",
    )


def arms_table(rows: list[list[str]]) -> str:
    out = []
    for fields in rows:
        cell = dict(zip(SIPRI_HEADER, fields, strict=True))
        out.append(
            [
                cell["Recipient"],
                cell["Supplier"],
                whole(cell["Year of order"]),
                cell["Year(s) of delivery"].replace("; ", ";"),
                cell["Weapon designation"],
                cell["Weapon description"],
                cell["Number ordered"],
                cell["SIPRI TIV of delivered weapons"],
                SIPRI_SOURCE,
            ]
        )
    out.sort(key=lambda r: (r[0], r[2], r[1], r[4], r[3]))
    header = [
        "recipient",
        "supplier",
        "order_year",
        "delivery_years",
        "weapon",
        "description",
        "number",
        "tiv_delivered",
        "source",
    ]
    return csv_text(header, out)

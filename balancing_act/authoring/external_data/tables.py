"""The whole derivation: every raw file checked, then the tables written or compared.

Every reader runs even when an earlier one found problems, so one build names every fault at
once; no table is derived from raw files that failed a check. ``differences`` is what
``--check`` and the tests use to prove the committed tables are exactly what data/raw derives.
"""

from __future__ import annotations

import json
from pathlib import Path

from .checksums import checksum_problems
from .course_links import DataValidationError, data_dir
from .ideal_points import ideal_points_table, read_ideal_points
from .routes import read_routes, routes_table
from .sipri import arms_table, read_sipri
from .sipri_by_year import deliveries_table, read_sipri_by_year
from .unvotes import read_unvotes, unvotes_tables
from .wdi import WDI_INDICATORS, indicators_table, read_wdi

TOPO = "south-caucasus.topo.json"


def derive(raw: Path) -> dict[str, str]:
    """The tables' text, by name (a path under data/ without ``.csv``), from the files in
    ``raw``; or raise naming every problem. The route lines are checked against the map's
    country shapes: data/geo/south-caucasus.topo.json beside ``raw``, or the course's own when
    ``raw`` is a copy on its own."""
    raw = Path(raw)
    problems = checksum_problems(raw)
    ideal_rows, found = read_ideal_points(raw)
    problems += found
    frames, found = read_unvotes(raw)
    problems += found
    arms_rows, found = read_sipri(raw)
    problems += found
    delivery_rows, found = read_sipri_by_year(raw)
    problems += found
    wdi_parts = []
    for spec in WDI_INDICATORS:
        values, vintage, found = read_wdi(raw, spec)
        problems += found
        wdi_parts.append((spec, values, vintage))
    shapes = raw.parent / "geo" / TOPO
    if not shapes.is_file():
        shapes = data_dir() / "geo" / TOPO
    topo = json.loads(shapes.read_text(encoding="utf-8"))
    route_lines, found = read_routes(raw, topo)
    problems += found
    if problems:
        raise DataValidationError(problems)
    calls, votes = unvotes_tables(frames)
    return {
        "un_ideal_points": ideal_points_table(ideal_rows),
        "un_roll_calls": calls,
        "un_votes": votes,
        "arms_transfers": arms_table(arms_rows),
        "arms_deliveries": deliveries_table(delivery_rows),
        "indicators": indicators_table(wdi_parts),
        "geo/routes": routes_table(route_lines),
    }


def write(tables: dict[str, str], folder: Path) -> None:
    for name, text in tables.items():
        path = folder / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def differences(tables: dict[str, str], folder: Path) -> list[str]:
    """Which committed tables differ from ``tables`` (empty when all are as derived)."""
    found = []
    for name, text in tables.items():
        path = folder / f"{name}.csv"
        if not path.is_file():
            found.append(f"data/{name}.csv is missing")
        elif path.read_text(encoding="utf-8") != text:
            committed = path.read_text(encoding="utf-8").splitlines()
            derived = text.splitlines()
            line = next(
                (i + 1 for i, (a, b) in enumerate(zip(committed, derived, strict=False)) if a != b),
                min(len(committed), len(derived)) + 1,
            )
            found.append(f"data/{name}.csv differs from its derivation from line {line} on")
    return found

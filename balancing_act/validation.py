"""Checks that the course's tables say what the codebook says they say.

Column types, codes, required cells, unique ids and the series' link to ``sources.csv`` are
declared once, in ``data/datapackage.json``, and checked by Frictionless. What a table schema
cannot say (a cell holding several ``;``-separated ids that must each exist in another table)
is checked here. Either way a problem is reported with its file, row and column, so the person
who broke a row can find it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import cache

# Frictionless takes longer to import than the check it caches: it is loaded only on a miss.
FRICTIONLESS_VERSION = version("frictionless")

#: Actor codes allowed in ``events.actors`` (the codebook explains each).
ACTOR_CODES = frozenset(
    "AZ RU US EU AM TR GE UA IR NATO OSCE FR UK CN KZ IL UN CoE CIS CSTO EAEU".split()
)

#: Cells that hold ``;``-separated ids, and the table whose ``id`` each id must match.
ID_LIST_REFERENCES = {
    ("events", "claims"): "claims",
    ("events", "sources"): "sources",
    ("memberships", "sources"): "sources",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or one header) of one table."""

    file: str
    row: int | None  # as a spreadsheet counts: the header is row 1
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """The course's tables break the codebook; ``problems`` lists every break found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:25])
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the course data:\n{shown}{more}")


def _split_ids(cell: str) -> list[str]:
    return [part for part in (cell or "").split(";") if part]


def _schema_problems(package_path: Path) -> list[Problem]:
    from frictionless import Package

    report = Package(str(package_path)).validate()
    problems = []
    for task in report.tasks:
        file = f"data/{task.place}"
        for error in task.errors:
            column = getattr(error, "field_name", None)
            if column is None and getattr(error, "field_names", None):
                column = ", ".join(error.field_names)
            if column is None and getattr(error, "label", None):
                column = error.label
            problems.append(
                Problem(file, getattr(error, "row_number", None), column, _plain(error))
            )
    return problems


def _plain(error) -> str:
    """Frictionless's message, less the positions we already report, with the bad value."""
    text = error.note or error.message
    cell = getattr(error, "cell", None)
    if cell is not None:
        text = f'the value "{cell}" breaks the rule: {text}'
    return f"{error.title.lower()}: {text}"


def _read_rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _reference_problems(folder: Path) -> list[Problem]:
    tables = {
        name: _read_rows(folder, name) for name in ("events", "memberships", "sources", "claims")
    }
    known_ids = {name: {row.get("id") for row in tables[name]} for name in ("sources", "claims")}
    problems = []
    for (table, column), target in ID_LIST_REFERENCES.items():
        for row_number, row in enumerate(tables[table], start=2):
            for ref in _split_ids(row.get(column, "")):
                if ref not in known_ids[target]:
                    problems.append(
                        Problem(
                            f"data/{table}.csv",
                            row_number,
                            column,
                            f"'{ref}' is not an id in data/{target}.csv",
                        )
                    )
    for row_number, row in enumerate(tables["events"], start=2):
        for code in _split_ids(row.get("actors", "")):
            if code not in ACTOR_CODES:
                problems.append(
                    Problem(
                        "data/events.csv",
                        row_number,
                        "actors",
                        f"'{code}' is not an actor code ({', '.join(sorted(ACTOR_CODES))})",
                    )
                )
    return problems


def problems_in(folder: Path) -> list[Problem]:
    """Every problem in the tables of ``folder`` (empty when they are sound)."""
    folder = Path(folder)
    return _schema_problems(folder / "datapackage.json") + _reference_problems(folder)


def validate(folder: Path) -> None:
    """Raise :class:`DataValidationError` naming every problem in ``folder``'s tables.

    A folder whose exact contents (and this validator) passed before is not checked again.
    """
    folder = Path(folder)
    key = cache.content_key(
        Path(__file__).read_bytes(), FRICTIONLESS_VERSION, *cache.folder_fingerprint(folder)
    )
    if cache.read("validated", key) is not None:
        return
    problems = problems_in(folder)
    if problems:
        raise DataValidationError(problems)
    cache.write("validated", key, b"ok")


# Internal: nothing of this module is part of the package's top-level names.
__all__ = []

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
from urllib.parse import urlsplit

from ..course import cache
from ..course.vocabulary import ACTOR_CODES
from . import bibliography, coding, coverage, titles
from .codebook import split_ids

# Frictionless takes longer to import than the check it caches: it is loaded only on a miss.
FRICTIONLESS_VERSION = version("frictionless")

#: What a source is (``sources.standing``), in the codebook's order.
STANDINGS = (
    "official",
    "independent",
    "research",
    "state_media",
    "encyclopedia",
    "mirror",
    "repost",
    "blog",
    "advocacy",
)

#: Standings that can carry a fact alone: the official record of the act, independent news,
#: research or reference. Every event and every membership row needs at least one of them.
STRONG_STANDINGS = frozenset({"official", "independent", "research"})

#: Standings that no event or membership may cite at all (cite the original or a better page),
#: and that no series value may rest on.
BARRED_STANDINGS = {
    "events": frozenset({"mirror", "blog"}),
    "memberships": frozenset({"mirror", "blog"}),
    "series": frozenset({"mirror"}),
}

#: Sites whose standing is fixed by what they are, so a row cannot be relabelled to pass.
STANDING_BY_HOST = {
    "wikipedia.org": "encyclopedia",
    "wikimili.com": "mirror",
    "cryer.org.uk": "mirror",
    "piglix.com": "mirror",
    "liquisearch.com": "mirror",
    "thefullwiki.org": "mirror",
    "kiwix.org": "mirror",
    "iiab.me": "mirror",
    "armeniandiaspora.com": "repost",
    "armenianclub.com": "repost",
    "pixelation.org": "blog",
    "tass.com": "state_media",
    "tass.ru": "state_media",
    "ria.ru": "state_media",
    "rt.com": "state_media",
    "azertag.az": "state_media",
    "trend.az": "state_media",
    "apa.az": "state_media",
    "report.az": "state_media",
}

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
            for ref in split_ids(row.get(column, "")):
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
        for code in split_ids(row.get("actors", "")):
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


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return next(
        (known for known in STANDING_BY_HOST if host == known or host.endswith("." + known)),
        "",
    )


def _cited(tables: dict[str, list[dict[str, str]]]):
    """(table, row number, column, [source ids]) for every row that cites sources."""
    for table, column in (("events", "sources"), ("memberships", "sources"), ("series", "source")):
        for row_number, row in enumerate(tables[table], start=2):
            yield table, row_number, column, split_ids(row.get(column, ""))


def _standing_problems(folder: Path) -> list[Problem]:
    """The source rule: see "Source standing" in the codebook."""
    tables = {
        name: _read_rows(folder, name) for name in ("events", "memberships", "series", "sources")
    }
    standing = {row.get("id"): row.get("standing", "") for row in tables["sources"]}
    problems = []
    for row_number, row in enumerate(tables["sources"], start=2):
        expected = STANDING_BY_HOST.get(_host(row.get("url", "")))
        if expected and row.get("standing") != expected:
            problems.append(
                Problem(
                    "data/sources.csv",
                    row_number,
                    "standing",
                    f"'{row.get('id')}' is on {_host(row['url'])}, which is {expected}, "
                    f"not {row.get('standing') or 'blank'}",
                )
            )
    for table, row_number, column, ids in _cited(tables):
        known = [i for i in ids if i in standing]  # unknown ids are reported elsewhere
        for source_id in known:
            if standing[source_id] in BARRED_STANDINGS[table]:
                problems.append(
                    Problem(
                        f"data/{table}.csv",
                        row_number,
                        column,
                        f"'{source_id}' is a {standing[source_id]}: cite the original "
                        "or a better page instead",
                    )
                )
        if table != "series" and known and not any(standing[i] in STRONG_STANDINGS for i in known):
            cited = ", ".join(f"'{i}' ({standing[i] or 'blank'})" for i in known)
            problems.append(
                Problem(
                    f"data/{table}.csv",
                    row_number,
                    column,
                    "no source is the official record of the act, independent news or "
                    f"research: {cited}",
                )
            )
    return problems


def source_mix_table(folder: Path) -> str:
    """The codebook's source-mix table (Markdown), counted from the tables in ``folder``."""
    folder = Path(folder)
    tables = {
        name: _read_rows(folder, name) for name in ("events", "memberships", "series", "sources")
    }
    standing = {row["id"]: row.get("standing", "") for row in tables["sources"]}
    rows_with = {name: {code: 0 for code in STANDINGS} for name in ("events", "memberships")}
    distinct = {name: set() for name in ("events", "memberships", "series")}
    series_values = {code: 0 for code in STANDINGS}
    for table, _row_number, _column, ids in _cited(tables):
        known = [i for i in ids if i in standing]
        distinct[table].update(known)
        if table == "series":
            for i in known:
                series_values[standing[i]] = series_values.get(standing[i], 0) + 1
        else:
            for code in {standing[i] for i in known}:
                rows_with[table][code] = rows_with[table].get(code, 0) + 1
    listed = {code: 0 for code in STANDINGS}
    for row in tables["sources"]:
        listed[row.get("standing", "")] = listed.get(row.get("standing", ""), 0) + 1
    total = len(tables["sources"])
    lines = [
        "| standing | sources | share | cited by events | events citing one "
        "| membership rows citing one | series values resting on one |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for code in STANDINGS:
        cited = sum(1 for i in distinct["events"] if standing[i] == code)
        share = f"{100 * listed[code] / total:.0f} %" if total else "-"
        lines.append(
            f"| `{code}` | {listed[code]} | {share} | {cited} | {rows_with['events'][code]} "
            f"| {rows_with['memberships'][code]} | {series_values[code]} |"
        )
    lines.append(
        f"| all | {total} | 100 % | {len(distinct['events'])} | {len(tables['events'])} "
        f"| {len(tables['memberships'])} | {len(tables['series'])} |"
    )
    return "\n".join(lines) + "\n"


def problems_in(folder: Path) -> list[Problem]:
    """Every problem in the tables of ``folder`` (empty when they are sound)."""
    folder = Path(folder)
    return (
        _schema_problems(folder / "datapackage.json")
        + _reference_problems(folder)
        + _standing_problems(folder)
        + [Problem(b.file, b.row, b.column, b.message) for b in coding.coding_breaks(folder)]
        + [
            Problem(b.file, b.row, b.column, b.message)
            for b in bibliography.bibliography_breaks(_read_rows(folder, "sources"))
        ]
        + [
            Problem(b.file, b.row, b.column, b.message)
            for b in titles.title_breaks(_read_rows(folder, "sources"))
        ]
        + [
            Problem(b.file, b.row, b.column, b.message)
            for b in coverage.coverage_breaks(_read_rows(folder, "series"))
        ]
    )


def validate(folder: Path) -> None:
    """Raise :class:`DataValidationError` naming every problem in ``folder``'s tables.

    A folder whose exact contents (and this validator) passed before is not checked again.
    """
    folder = Path(folder)
    key = cache.content_key(
        Path(__file__).read_bytes(),
        Path(coding.__file__).read_bytes(),
        Path(bibliography.__file__).read_bytes(),
        Path(titles.__file__).read_bytes(),
        Path(coverage.__file__).read_bytes(),
        FRICTIONLESS_VERSION,
        *cache.folder_fingerprint(folder),
    )
    if cache.read("validated", key) is not None:
        return
    problems = problems_in(folder)
    if problems:
        raise DataValidationError(problems)
    cache.write("validated", key, b"ok")

"""The partner coding's own rules, which a table schema cannot say (see the codebook's *Partners*
and *Reliability* sections).

``datapackage.json`` already holds each cell to its codes (a direction ``1``, ``-1`` or empty, a
weight ``1`` to ``3``, an episode never empty). Here: an episode is the row's own id or a
``YYYY-MM-short-words`` slug shared by at least two rows lying at most 21 days apart; each of the
two codings covers every event exactly once; every cell where they differ (for an episode: where
they group the row with different rows) has exactly one resolution with a reason; each
resolution's final value is the one ``events.csv`` holds; and every cell they agree on is what
``events.csv`` holds.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..course.vocabulary import EPISODE_MAX_DAYS, PARTNER_COLUMNS

#: The columns both coders code, in the files' order.
CODED_COLUMNS = (*PARTNER_COLUMNS.values(), "weight", "episode")
#: The two independent codings and the table of their resolved differences, under ``data/``.
CODINGS = ("coding/coder_a", "coding/coder_b")
RESOLUTIONS = "coding/resolutions"
#: An episode shared by several rows: ``YYYY-MM-short-words``.
EPISODE_SLUG = re.compile(r"\d{4}-(0[1-9]|1[0-2])-[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Break:
    """One break of a coding rule: the same fields as ``validation.Problem``, which wraps it."""

    file: str
    row: int | None
    column: str | None
    message: str


def read_rows(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of ``folder/name.csv`` as dicts of strings; no rows if the file is missing."""
    path = Path(folder) / f"{name}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None  # a bad date is the schema's to report


def episode_breaks(events: list[dict[str, str]]) -> list[Break]:
    """Every episode that is malformed, stands alone under a shared name, or spans too long."""
    file = "data/events.csv"
    members = defaultdict(list)
    for row_number, row in enumerate(events, start=2):
        if row.get("episode"):
            members[row["episode"]].append((row_number, row))
    breaks = []
    for row_number, row in enumerate(events, start=2):
        episode = row.get("episode", "")
        if not episode or episode == row.get("id"):
            continue
        if not EPISODE_SLUG.fullmatch(episode):
            breaks.append(
                Break(
                    file,
                    row_number,
                    "episode",
                    f"'{episode}' is neither the row's own id nor an episode slug "
                    "YYYY-MM-short-words",
                )
            )
        elif len(members[episode]) < 2:
            breaks.append(
                Break(
                    file,
                    row_number,
                    "episode",
                    f"'{episode}' is neither the row's own id nor shared by another row: "
                    "a row that stands alone has its own id as its episode",
                )
            )
    for episode, rows in members.items():
        days = [(_day(row.get("date", "")), number) for number, row in rows]
        days = sorted((day, number) for day, number in days if day is not None)
        if len(days) > 1 and (days[-1][0] - days[0][0]).days > EPISODE_MAX_DAYS:
            (first, first_row), (last, last_row) = days[0], days[-1]
            breaks.append(
                Break(
                    file,
                    last_row,
                    "episode",
                    f"episode '{episode}' spans {(last - first).days} days (row {first_row} is "
                    f"dated {first}, this row {last}): rows of one episode lie at most "
                    f"{EPISODE_MAX_DAYS} days apart",
                )
            )
    return breaks


def coverage_breaks(events: list[dict[str, str]], name: str, rows: list[dict]) -> list[Break]:
    """Each event id not in the coding ``name``, or in it more than once."""
    file = f"data/{name}.csv"
    counts = Counter(row.get("id") for row in rows)
    breaks = [
        Break(file, None, "id", f"event '{event['id']}' is not coded: every event is coded once")
        for event in events
        if event.get("id") not in counts
    ]
    seen = set()
    for row_number, row in enumerate(rows, start=2):
        if counts[row.get("id")] > 1 and row.get("id") in seen:
            breaks.append(
                Break(file, row_number, "id", f"event '{row['id']}' is coded more than once")
            )
        seen.add(row.get("id"))
    return breaks


def resolution_breaks(
    events: list[dict[str, str]],
    first: list[dict[str, str]],
    second: list[dict[str, str]],
    resolutions: list[dict[str, str]],
) -> list[Break]:
    """Every differing cell without exactly one reasoned resolution, and every resolution whose
    values are not the codings' or whose final value is not the one in ``events.csv``."""
    a_file, b_file = (f"data/{name}.csv" for name in CODINGS)
    r_file = f"data/{RESOLUTIONS}.csv"
    a_rows = {row.get("id"): row for row in first}
    b_rows = {row.get("id"): (number, row) for number, row in enumerate(second, start=2)}
    final = {row.get("id"): row for row in events}
    resolved = defaultdict(list)
    for row_number, row in enumerate(resolutions, start=2):
        resolved[(row.get("id"), row.get("column"))].append((row_number, row))
    breaks = []
    differing = set()
    a_companions, b_companions = episode_companions(first), episode_companions(second)
    for event_id, (b_number, b_row) in b_rows.items():
        a_row = a_rows.get(event_id)
        if a_row is None:
            continue  # reported as a coverage break
        for column in CODED_COLUMNS:
            a_value, b_value = a_row.get(column, ""), b_row.get(column, "")
            if column == "episode":
                # Two coders agree on an episode when they group the row with the same rows,
                # whatever slug each wrote for the group.
                agree = a_companions.get(event_id) == b_companions.get(event_id)
            else:
                agree = a_value == b_value
            if agree:
                if column != "episode" and event_id in final:
                    breaks.extend(_agreed_cell(event_id, column, a_value, final))
                continue
            differing.add((event_id, column))
            found = resolved.get((event_id, column), [])
            if not found:
                breaks.append(
                    Break(
                        b_file,
                        b_number,
                        column,
                        f"'{b_value}' here and '{a_value}' in {a_file} for '{event_id}', but "
                        f"{r_file} has no row resolving ({event_id}, {column})",
                    )
                )
            for extra_number, _row in found[1:]:
                breaks.append(
                    Break(
                        r_file,
                        extra_number,
                        "column",
                        f"({event_id}, {column}) is resolved more than once",
                    )
                )
    for (event_id, column), found in resolved.items():
        for row_number, row in found[:1]:
            breaks.extend(
                _one_resolution(r_file, row_number, row, event_id, column, differing, final)
            )
            if event_id in a_rows and event_id in b_rows:
                for side, values in (
                    ("coder_a", a_rows[event_id]),
                    ("coder_b", b_rows[event_id][1]),
                ):
                    if column in CODED_COLUMNS and row.get(side, "") != values.get(column, ""):
                        breaks.append(
                            Break(
                                r_file,
                                row_number,
                                side,
                                f"'{row.get(side, '')}' is not what {side}.csv holds for "
                                f"({event_id}, {column}): '{values.get(column, '')}'",
                            )
                        )
    return breaks


def episode_companions(rows: list[dict[str, str]]) -> dict[str, frozenset[str]]:
    """Each row's id mapped to the ids of every row in its episode, itself included."""
    members = defaultdict(set)
    for row in rows:
        members[row.get("episode", "")].add(row.get("id"))
    return {row.get("id"): frozenset(members[row.get("episode", "")]) for row in rows}


def _agreed_cell(event_id, column, value, final) -> list[Break]:
    """A cell both coders coded alike must be what ``events.csv`` holds: the final coding may
    change only what a resolution names, with its reason."""
    held = final[event_id].get(column, "")
    if held == value:
        return []
    row_number = list(final).index(event_id) + 2
    return [
        Break(
            "data/events.csv",
            row_number,
            column,
            f"'{held}' here, but both codings give '{value}' for ({event_id}, {column}): "
            "the final coding changes only cells the codings disagree on",
        )
    ]


def _one_resolution(file, row_number, row, event_id, column, differing, final) -> list[Break]:
    breaks = []
    if not row.get("reason", "").strip():
        breaks.append(Break(file, row_number, "reason", "a resolution needs a one-line reason"))
    if (event_id, column) not in differing and column in CODED_COLUMNS and event_id in final:
        breaks.append(
            Break(
                file,
                row_number,
                "column",
                f"the two codings agree on ({event_id}, {column}): there is nothing to resolve",
            )
        )
    if event_id in final and column in CODED_COLUMNS:
        held = final[event_id].get(column, "")
        if row.get("final", "") != held:
            breaks.append(
                Break(
                    file,
                    row_number,
                    "final",
                    f"'{row.get('final', '')}' is not the value data/events.csv holds for "
                    f"({event_id}, {column}): '{held}'",
                )
            )
    return breaks


def coding_breaks(folder: Path) -> list[Break]:
    """Every break of the partner coding's rules in the tables of ``folder``."""
    events = read_rows(folder, "events")
    first, second = (read_rows(folder, name) for name in CODINGS)
    breaks = episode_breaks(events)
    for name, rows in zip(CODINGS, (first, second), strict=True):
        breaks += coverage_breaks(events, name, rows)
    return breaks + resolution_breaks(events, first, second, read_rows(folder, RESOLUTIONS))

"""The R package unvotes' roll calls and votes -> ``un_roll_calls.csv`` and ``un_votes.csv``.

The .rda files are kept whole (compressed, they are small) and read with pyreadr, which only the
course's test extra installs: notebooks never read R data, so it is imported when a build runs,
not when this module is. Problems name the row of the R data frame.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from .cells import csv_text, raw_label
from .course_links import Problem

#: The countries of ``ideal_points.COW_TO_ISO3`` by ISO 3166 alpha-2, as unvotes codes them.
ISO2_TO_ISO3 = {
    "US": "USA",
    "GB": "GBR",
    "FR": "FRA",
    "DE": "DEU",
    "RU": "RUS",
    "UA": "UKR",
    "BY": "BLR",
    "AM": "ARM",
    "GE": "GEO",
    "AZ": "AZE",
    "IR": "IRN",
    "TR": "TUR",
    "IL": "ISR",
    "KZ": "KAZ",
    "CN": "CHN",
}

ROLL_CALL_YEARS = (1992, 2019)

UNVOTES_FILES = {
    "un_votes": "unvotes/un_votes.rda",
    "un_roll_calls": "unvotes/un_roll_calls.rda",
    "un_roll_call_issues": "unvotes/un_roll_call_issues.rda",
}
UNVOTES_COLUMNS = {
    "un_votes": ("rcid", "country", "country_code", "vote"),
    "un_roll_calls": ("rcid session importantvote date unres amend para short descr".split()),
    "un_roll_call_issues": ("rcid", "short_name", "issue"),
}
VOTES = ("yes", "no", "abstain")
#: unvotes' six issue labels and the course's codes for them.
ISSUE_CODES = {
    "Palestinian conflict": "palestinian_conflict",
    "Arms control and disarmament": "arms_control",
    "Human rights": "human_rights",
    "Colonialism": "colonialism",
    "Nuclear weapons and nuclear material": "nuclear_weapons",
    "Economic development": "economic_development",
}
#: The library catalogue's tail on many roll-call descriptions; it says nothing.
CATALOGUE_TAIL = re.compile(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\.?\s*$")
RESOLUTION = re.compile(r"^(?:R|A/RES)/((?:ES-)?\d+)/(\d+[A-Z]*(?:/[IVXL]+)?)$")


def _read_frames(raw: Path) -> tuple[dict, list[Problem]]:
    """The three data frames by name, each present with its columns, or why not."""
    import pyreadr

    frames, problems = {}, []
    for name, relative in UNVOTES_FILES.items():
        label = raw_label(relative)
        path = raw / relative
        if not path.is_file():
            problems.append(Problem(label, None, None, "missing"))
            continue
        try:
            result = pyreadr.read_r(str(path))
        except Exception as error:  # pyreadr raises its own LibrdataError and others
            problems.append(Problem(label, None, None, f"cannot be read as R data ({error})"))
            continue
        if name not in result:
            problems.append(Problem(label, None, None, f"holds no object called {name!r}"))
            continue
        frame = result[name]
        missing = [c for c in UNVOTES_COLUMNS[name] if c not in frame.columns]
        if missing:
            problems.append(Problem(label, None, ", ".join(missing), "column(s) missing"))
            continue
        frames[name] = frame
    return frames, problems


def read_unvotes(raw: Path):
    """The three unvotes data frames, or problems naming file, data-frame row and column."""
    frames, problems = _read_frames(raw)
    if problems:
        return None, problems

    def cell_problems(name, mask, column, what):
        label = raw_label(UNVOTES_FILES[name])
        frame = frames[name]
        for index in frame.index[mask][:20]:
            problems.append(
                Problem(
                    label,
                    int(index) + 1,
                    column,
                    f'the value "{frame.at[index, column]}" {what} (row of the R data frame)',
                )
            )

    calls, votes, issues = (
        frames["un_roll_calls"],
        frames["un_votes"],
        frames["un_roll_call_issues"],
    )
    cell_problems(
        "un_roll_calls",
        pd.to_numeric(calls["rcid"], errors="coerce").isna(),
        "rcid",
        "is not a roll-call id",
    )
    cell_problems(
        "un_roll_calls", calls["rcid"].duplicated(), "rcid", "is a second roll call with this id"
    )
    dates = pd.to_datetime(calls["date"], errors="coerce")
    cell_problems("un_roll_calls", dates.isna(), "date", "is not a date")
    cell_problems(
        "un_roll_calls",
        pd.to_numeric(calls["session"], errors="coerce").isna(),
        "session",
        "is not a session number",
    )
    cell_problems(
        "un_votes",
        ~votes["vote"].astype(str).isin(VOTES),
        "vote",
        f"is not one of {', '.join(VOTES)}",
    )
    cell_problems(
        "un_votes",
        ~votes["rcid"].isin(calls["rcid"]),
        "rcid",
        "is not a roll call in un_roll_calls.rda",
    )
    cell_problems(
        "un_roll_call_issues",
        ~issues["issue"].astype(str).isin(ISSUE_CODES),
        "issue",
        f"is not one of unvotes' issues ({'; '.join(ISSUE_CODES)})",
    )
    return (None if problems else frames), problems


def resolution_symbol(unres) -> str:
    """``R/62/243`` -> ``A/RES/62/243``; empty when the roll call has no resolution symbol."""
    text = "" if unres is None or (isinstance(unres, float) and math.isnan(unres)) else str(unres)
    match = RESOLUTION.match(text.strip())
    return f"A/RES/{match.group(1)}/{match.group(2)}" if match else ""


def roll_call_title(short, descr) -> str:
    """The first of unvotes' short title and description not written in capitals only."""
    texts = [
        CATALOGUE_TAIL.sub("", str(t)).strip()
        for t in (short, descr)
        if t is not None and not (isinstance(t, float) and math.isnan(t)) and str(t).strip()
    ]
    for text in texts:
        if text != text.upper():
            return text
    return texts[0] if texts else ""


def unvotes_tables(frames) -> tuple[str, str]:
    calls = frames["un_roll_calls"].copy()
    calls["rcid"] = calls["rcid"].astype(int)
    calls["date"] = pd.to_datetime(calls["date"])
    calls = calls[calls["date"].dt.year.between(*ROLL_CALL_YEARS)].sort_values("rcid")
    issues = frames["un_roll_call_issues"].copy()
    issues["rcid"] = issues["rcid"].astype(int)
    issues["code"] = issues["issue"].astype(str).map(ISSUE_CODES)
    issue_cells = issues.groupby("rcid")["code"].apply(lambda c: ";".join(sorted(set(c))))
    call_rows = [
        [
            int(r.rcid),
            r.date.strftime("%Y-%m-%d"),
            int(r.session),
            resolution_symbol(r.unres),
            roll_call_title(r.short, r.descr),
            issue_cells.get(int(r.rcid), ""),
        ]
        for r in calls.itertuples()
    ]
    votes = frames["un_votes"].copy()
    votes = votes[votes["country_code"].isin(ISO2_TO_ISO3)]
    votes = votes.assign(
        rcid=votes["rcid"].astype(int),
        country=votes["country_code"].map(ISO2_TO_ISO3),
        vote=votes["vote"].astype(str),
    )
    votes = votes[votes["rcid"].isin(calls["rcid"])].sort_values(["rcid", "country"])
    vote_rows = votes[["rcid", "country", "vote"]].values.tolist()
    return (
        csv_text(["rcid", "date", "session", "resolution", "title", "issue"], call_rows),
        csv_text(["rcid", "country", "vote"], vote_rows),
    )

"""data/raw/SHA256SUMS: every raw file's sha256, as its PROVENANCE.md states it.

A raw file that changed since it was fetched or cut would silently change the course's
evidence; the build checks every file against this list before reading a cell, and ``sums``
rewrites it after a deliberate change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .cells import raw_label
from .course_links import Problem

SUMS = "SHA256SUMS"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_files(raw: Path) -> list[str]:
    """Every data file under ``raw`` (PROVENANCE.md and SHA256SUMS are not data)."""
    return sorted(
        str(p.relative_to(raw))
        for p in raw.rglob("*")
        if p.is_file() and p.name not in {SUMS, "PROVENANCE.md", "README.md"}
    )


def write_sums(raw: Path) -> None:
    lines = [f"{sha256(raw / name)}  {name}\n" for name in raw_files(raw)]
    (raw / SUMS).write_text("".join(lines), encoding="utf-8")


def checksum_problems(raw: Path) -> list[Problem]:
    listed = {}
    sums = raw / SUMS
    if not sums.is_file():
        return [
            Problem(raw_label(SUMS), None, None, "missing: every raw file's sha256 is kept there")
        ]
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    problems = []
    for name in raw_files(raw):
        if name not in listed:
            problems.append(Problem(raw_label(name), None, None, f"not listed in data/raw/{SUMS}"))
        elif sha256(raw / name) != listed[name]:
            problems.append(
                Problem(
                    raw_label(name),
                    None,
                    None,
                    f"its sha256 is not the one in data/raw/{SUMS} and its PROVENANCE.md: the "
                    "file changed since it was fetched or cut",
                )
            )
    for name in sorted(set(listed) - set(raw_files(raw))):
        problems.append(
            Problem(raw_label(name), None, None, f"listed in data/raw/{SUMS} but missing")
        )
    return problems

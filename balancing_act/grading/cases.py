"""Which student has which case: drawn from the student's id and the teacher's secret, or given
by hand, and written out for the teacher.

A student's case is ``HMAC-SHA256(secret, assignment, student id)`` taken modulo the number of
cases (:func:`drawn`): the same student always gets the same case, the grader needs no record
to find it, and without the secret nobody can work out a classmate's case from their id, so
nobody can tell who shares theirs. The secret is ``instructor/case-secret``, made by the first
``make release`` (random, readable by its owner only, never committed).

The teacher overrides a draw in ``instructor/cases-by-hand.csv`` (columns ``assignment``,
``student``, ``case``, ``reason``): a student who changed accounts keeps the case of the old
one, an accommodation gets the case it needs. A row naming an assignment or a case that does
not exist stops release and grading with its file, row and column.

``make release`` writes the manifest ``reports/<assignment>-cases.csv`` for the class it knows
(the gradebook's students, ``instructor/lms-ids.csv`` and ``submitted/``): each student's
case, in words, and whether it was drawn or given by hand, with the line to send the student.
Grading writes each graded student's case in the grading report.

    python -m balancing_act.grading.cases [--course .]     # what make release runs
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import hmac
import os
import secrets
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from ..analysis.cases import SPACES, Case, cases_of

SECRET_FILE = Path("instructor") / "case-secret"
BY_HAND_FILE = Path("instructor") / "cases-by-hand.csv"
BY_HAND_COLUMNS = ("assignment", "student", "case", "reason")


class CaseRecordError(ValueError):
    """The teacher's case records are unreadable or name what does not exist."""


@dataclass(frozen=True)
class StudentCase:
    student: str
    case: Case
    by_hand: str | None = None  # the reason, for a case given by hand

    @property
    def how(self) -> str:
        return "by hand" if self.by_hand is not None else "drawn"


def read_secret(course: Path, create: bool = False) -> bytes:
    """The teacher's secret; with ``create``, made first if there is none (owner-only file)."""
    path = course / SECRET_FILE
    if not path.exists():
        if not create:
            raise CaseRecordError(
                f"{path} is missing: run `make release` first, which makes it (it decides "
                "every student's case, so keep it, and keep it private)"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    secret = path.read_text(encoding="ascii", errors="replace").strip()
    if len(secret) < 32:
        raise CaseRecordError(f"{path} holds no usable secret (fewer than 32 characters)")
    return secret.encode()


def drawn(secret: bytes, assignment: str, student: str, cases: tuple[Case, ...]) -> Case:
    """The case ``student`` draws in ``assignment``: fixed by the secret, unguessable without it."""
    message = f"{assignment}\0{student}".encode()
    number = int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:8], "big")
    return cases[number % len(cases)]


def read_by_hand(course: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """``(assignment, student)`` to ``(case key, reason)`` from the teacher's file, checked."""
    path = course / BY_HAND_FILE
    if not path.exists():
        return {}
    given = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in BY_HAND_COLUMNS[:3] if c not in (reader.fieldnames or [])]
        if missing:
            raise CaseRecordError(f"{path}: the header lacks the column(s) {', '.join(missing)}")
        for row_number, row in enumerate(reader, start=2):
            assignment, student, key = (str(row.get(c) or "").strip() for c in BY_HAND_COLUMNS[:3])
            if assignment not in SPACES:
                raise CaseRecordError(
                    f"{path}, row {row_number}, column 'assignment': {assignment!r} has no cases "
                    f"(those with cases: {', '.join(SPACES)})"
                )
            keys = [case.key for case in cases_of(assignment)]
            if key not in keys:
                raise CaseRecordError(
                    f"{path}, row {row_number}, column 'case': {key!r} is not a case of "
                    f"{assignment} (its cases: {', '.join(keys)})"
                )
            if not student:
                raise CaseRecordError(f"{path}, row {row_number}, column 'student': empty")
            if (assignment, student) in given:
                raise CaseRecordError(
                    f"{path}, row {row_number}: {student} already has a case for {assignment} "
                    "in an earlier row"
                )
            given[assignment, student] = (key, str(row.get("reason") or "").strip())
    return given


class ClassCases:
    """Each student's case in one assignment, for release and grading."""

    def __init__(self, course: Path, assignment: str, create_secret: bool = False):
        self.assignment = assignment
        self.cases = cases_of(assignment)
        self.secret = read_secret(course, create_secret) if self.cases else b""
        self.by_hand = read_by_hand(course)

    def __bool__(self) -> bool:
        return bool(self.cases)

    def of(self, student: str) -> StudentCase | None:
        """``student``'s case (None in an assignment without cases)."""
        if not self.cases:
            return None
        given = self.by_hand.get((self.assignment, student))
        if given is not None:
            key, reason = given
            case = next(c for c in self.cases if c.key == key)
            return StudentCase(student, case, reason or "given by hand")
        return StudentCase(student, drawn(self.secret, self.assignment, student, self.cases))


def known_students(course: Path) -> list[str]:
    """The class as the course folder knows it: the gradebook, the platform ids, submissions."""
    students = set()
    gradebook = course / "gradebook.db"
    if gradebook.exists():
        with sqlite3.connect(f"file:{gradebook}?mode=ro", uri=True) as connection:
            try:
                students.update(row[0] for row in connection.execute("select id from student"))
            except sqlite3.Error:
                pass
    ids = course / "instructor" / "lms-ids.csv"
    if ids.exists():
        with ids.open(encoding="utf-8", newline="") as handle:
            students.update(
                row["student"].strip() for row in csv.DictReader(handle) if row.get("student")
            )
    submitted = course / "submitted"
    if submitted.is_dir():
        students.update(
            p.name for p in submitted.iterdir() if p.is_dir() and not p.name.startswith(".")
        )
    return sorted(students)


def manifest_rows(class_cases: ClassCases, students: list[str]) -> list[dict[str, str]]:
    rows = []
    for student in students:
        found = class_cases.of(student)
        rows.append(
            {
                "student": student,
                "case": found.case.key,
                "in_words": found.case.words,
                "how": found.how,
                "reason": found.by_hand or "",
                "tell_the_student": (
                    f"Your case for {class_cases.assignment}: {found.case.words}. Write "
                    f'MY_CASE = "{found.case.key}" in the first cell of the notebook.'
                ),
            }
        )
    return rows


def write_manifest(course: Path, assignment: str, rows: list[dict[str, str]]) -> Path:
    """``reports/<assignment>-cases.csv`` (student data: ``reports/`` is never committed)."""
    path = course / "reports" / f"{assignment}-cases.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = ["student", "case", "in_words", "how", "reason", "tell_the_student"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for row in rows:
            # A student id is the teacher's data; keep a spreadsheet from reading it as a formula.
            writer.writerow({k: ("'" + v if v[:1] in "=+-@\t\r" else v) for k, v in row.items()})
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write who has which case (make release).")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    args = parser.parse_args(argv)
    course = Path(args.course).resolve()
    try:
        students = known_students(course)
        for assignment in SPACES:
            class_cases = ClassCases(course, assignment, create_secret=True)
            path = write_manifest(course, assignment, manifest_rows(class_cases, students))
            counts = {}
            for row in manifest_rows(class_cases, students):
                counts[row["case"]] = counts.get(row["case"], 0) + 1
            spread = ", ".join(
                f"{key} {counts.get(key, 0)}" for key in (c.key for c in class_cases.cases)
            )
            print(
                f"{path.relative_to(course)}: {len(students)} student(s) "
                f"({spread or 'no students known yet'})"
            )
    except CaseRecordError as error:
        print(f"cases: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which student has which case (balancing_act.grading.cases): drawn from the teacher's secret,
stable, spread over the cases, overridden by hand, and every bad record named with its place."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
from collections import Counter

import pytest

from balancing_act.analysis.cases import SPACES, cases_of
from balancing_act.grading import cases as class_cases

from .grading_tools import course_copy

A = sorted(SPACES)[0]
SECRET = "5" * 64


def _course(tmp_path, secret: str | None = SECRET, by_hand: list[list[str]] | None = None):
    (tmp_path / "instructor").mkdir(exist_ok=True)
    if secret is not None:
        (tmp_path / class_cases.SECRET_FILE).write_text(secret + "\n")
    if by_hand is not None:
        with (tmp_path / class_cases.BY_HAND_FILE).open("w", newline="") as handle:
            csv.writer(handle).writerows(by_hand)
    return tmp_path


def test_a_students_case_is_fixed_by_the_secret_and_spread_over_the_cases(tmp_path):
    cases = cases_of(A)
    students = [f"student-{n}" for n in range(400)]
    drawn = [class_cases.drawn(SECRET.encode(), A, s, cases).key for s in students]
    assert drawn == [class_cases.drawn(SECRET.encode(), A, s, cases).key for s in students]
    counts = Counter(drawn)
    assert set(counts) == {c.key for c in cases}
    assert min(counts.values()) > 400 / len(cases) / 2  # no case is left nearly empty
    # Another secret deals other cases: without it, nobody can work out a classmate's case.
    other = [class_cases.drawn(b"6" * 64, A, s, cases).key for s in students]
    assert sum(a != b for a, b in zip(drawn, other, strict=True)) > len(students) / 2


def test_a_case_given_by_hand_overrides_the_draw(tmp_path):
    cases = cases_of(A)
    drawn = class_cases.drawn(SECRET.encode(), A, "leyla", cases)
    given = next(c for c in cases if c != drawn)
    course = _course(
        tmp_path,
        by_hand=[
            ["assignment", "student", "case", "reason"],
            [A, "leyla", given.key, "new account"],
        ],
    )
    found = class_cases.ClassCases(course, A)
    assert (found.of("leyla").case, found.of("leyla").how) == (given, "by hand")
    assert found.of("leyla").by_hand == "new account"
    assert found.of("tural").how == "drawn"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["assignment", "student"]], "lacks the column(s) case"),
        (
            [["assignment", "student", "case"], ["a9-nothing", "leyla", "x"]],
            "row 2, column 'assignment': 'a9-nothing' has no cases",
        ),
        ([["assignment", "student", "case"], [A, "leyla", "nowhere"]], "row 2, column 'case'"),
        ([["assignment", "student", "case"], [A, "", cases_of(A)[0].key]], "column 'student'"),
        (
            [
                ["assignment", "student", "case"],
                [A, "x", cases_of(A)[0].key],
                [A, "x", cases_of(A)[1].key],
            ],
            "row 3: x already has a case",
        ),
    ],
)
def test_a_bad_row_given_by_hand_names_its_file_row_and_column(tmp_path, rows, message):
    course = _course(tmp_path, by_hand=rows)
    with pytest.raises(class_cases.CaseRecordError, match="cases-by-hand.csv") as caught:
        class_cases.ClassCases(course, A)
    assert message in str(caught.value)


def test_without_a_secret_grading_refuses_and_release_makes_one_private(tmp_path):
    course = _course(tmp_path, secret=None)
    with pytest.raises(class_cases.CaseRecordError, match="run `make release` first"):
        class_cases.ClassCases(course, A)
    (course / class_cases.SECRET_FILE).write_text("short\n")
    with pytest.raises(class_cases.CaseRecordError, match="no usable secret"):
        class_cases.ClassCases(course, A)
    (course / class_cases.SECRET_FILE).unlink()
    made = class_cases.ClassCases(course, A, create_secret=True)
    mode = stat.S_IMODE(os.stat(course / class_cases.SECRET_FILE).st_mode)
    assert mode == 0o600 and len(made.secret) == 64


@pytest.mark.nbgrader
def test_make_release_writes_who_has_which_case(tmp_path):
    course = course_copy(tmp_path / "course")
    (course / "instructor" / "lms-ids.csv").write_text(
        "student,name\nleyla-a,Leyla\ntural-m,Tural\n=cmd,Formula\n", encoding="utf-8"
    )
    run = subprocess.run(
        ["make", "--no-print-directory", "release"], cwd=course, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (course / class_cases.SECRET_FILE).exists()
    first = {}
    for assignment in SPACES:
        assert f"reports/{assignment}-cases.csv: 3 student(s)" in run.stdout
        rows = _manifest(course, assignment)
        assert set(rows) == {"leyla-a", "tural-m", "'=cmd"}  # a formula is written as text
        expected = class_cases.ClassCases(course, assignment).of("leyla-a").case
        assert rows["leyla-a"]["case"] == expected.key
        assert f'MY_CASE = "{expected.key}"' in rows["leyla-a"]["tell_the_student"]
        first[assignment] = {student: row["case"] for student, row in rows.items()}
    again = subprocess.run(
        ["make", "--no-print-directory", "release"], cwd=course, capture_output=True, text=True
    )
    assert again.returncode == 0
    for assignment in SPACES:  # released again, nobody's case moves
        rows = _manifest(course, assignment)
        assert {student: row["case"] for student, row in rows.items()} == first[assignment]


def _manifest(course, assignment: str) -> dict[str, dict]:
    with (course / "reports" / f"{assignment}-cases.csv").open(newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}

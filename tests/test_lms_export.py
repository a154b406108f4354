"""Grades to Canvas and Moodle: the CSVs read as each platform's importer reads them.

A small gradebook, written through nbgrader's own API, holds a class with every case a teacher
meets: a student fully marked, one whose written answer is still to mark, one in the gradebook
with no submission, and one only the mapping file knows. The checks below restate what each
platform's importer requires (see the sources in balancing_act/grading/lms.py) and are applied
to the files the export writes, through the teacher's command, `make export-canvas` and `make
export-moodle`.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from balancing_act.grading import lms

from .notebook_tools import ROOT

A = "a1-periods-timeline"
MAX = 15.0  # 10 autograded + 5 by hand

MAPPING = """student,name,section,canvas_id,sis_user_id,sis_login_id,moodle_id_number
amina,"Aliyeva, Amina",Section 1,101,S-1,amina@school.example,M-1
bob,"Babayev, Bob",Section 1,102,S-2,bob@school.example,M-2
chen,"Chen, Li",Section 2,,S-3,chen@school.example,M-3
dilara,"Demir, Dilara",Section 2,104,,dilara@school.example,M-4
erin,"Evans, Erin",Section 2,105,S-5,,M-5
"""


def _gradebook(course: Path) -> None:
    """amina marked (8 + 4), bob's written answer pending, chen without a submission, dilara
    marked (2.5 + 1). erin is only in the mapping file."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    shutil.copy(ROOT / "nbgrader_config.py", course)
    with (
        Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook,
        warnings.catch_warnings(),
    ):
        # nbgrader's own add_submission makes SQLAlchemy warn about its session; harmless.
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_assignment(A)
        gradebook.update_or_create_notebook(A, A)
        gradebook.update_or_create_grade_cell("tests", A, A, max_score=10.0, cell_type="code")
        gradebook.update_or_create_grade_cell("essay", A, A, max_score=5.0, cell_type="markdown")
        scores = {"amina": (8.0, 4.0), "bob": (10.0, None), "dilara": (2.5, 1.0)}
        for student in ("amina", "bob", "chen", "dilara"):
            gradebook.update_or_create_student(student)
        for student, (auto, manual) in scores.items():
            gradebook.add_submission(A, student)
            notebook = gradebook.find_submission_notebook(A, A, student)
            for grade in notebook.grades:
                if grade.name == "tests":
                    grade.auto_score, grade.needs_manual_grade = auto, False
                else:
                    grade.manual_score, grade.needs_manual_grade = manual, manual is None
        gradebook.db.commit()


@pytest.fixture(scope="module")
def class_gradebook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gradebook")
    _gradebook(folder)
    return folder


@pytest.fixture
def course(tmp_path, class_gradebook):
    """A course folder of its own for each test, with a copy of the class's gradebook."""
    for name in ("nbgrader_config.py", "gradebook.db"):
        shutil.copy(class_gradebook / name, tmp_path / name)
    return tmp_path


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# --- what each platform's importer requires -------------------------------------------------


def canvas_problems(rows: list[list[str]]) -> list[str]:
    """Canvas's GradebookImporter: the header's student columns (Student, ID, SIS User ID, SIS
    Login ID, Section), the optional Points Possible row, a student found by one of its ids,
    and a score that is a number or blank / '-' (no score)."""
    header, problems = rows[0], []
    if not (len(header) > 3 and "Student" in header[0] and "ID" in header[1]):
        problems.append(f"header does not start Student, ID: {header}")
    if header[2:5] != ["SIS User ID", "SIS Login ID", "Section"]:
        problems.append(f"student columns are {header[:5]}")
    assignments = header[5:]
    if len(assignments) != 1:
        problems.append(f"expected one assignment column, got {assignments}")
    body, first = rows[1:], 2
    if body and "Points Possible" in body[0][0]:
        if not re.fullmatch(r"\d+(\.\d+)?", body[0][5]):
            problems.append(f"points possible {body[0][5]!r} is not a number")
        body, first = body[1:], 3
    for number, row in enumerate(body, start=first):
        if len(row) != len(header):
            problems.append(f"row {number} has {len(row)} cells for {len(header)} columns")
        elif not any(row[1:4]):
            problems.append(f"row {number}: no ID, SIS User ID or SIS Login ID")
        elif row[5] not in ("", "-") and not re.fullmatch(r"\d+(\.\d+)?", row[5]):
            problems.append(f"row {number}: score {row[5]!r}")
    return problems


def moodle_problems(rows: list[list[str]]) -> list[str]:
    """Moodle's CSV grade import mapped from 'ID number' to useridnumber: every row needs an
    ID number (a row without a known user stops the whole import), a grade is a number or
    '-' (no grade)."""
    header, problems = rows[0], []
    if "ID number" not in header:
        return [f"no 'ID number' column in {header}"]
    id_column = header.index("ID number")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(f"row {number} has {len(row)} cells for {len(header)} columns")
        elif not row[id_column]:
            problems.append(f"row {number}: empty ID number")
        elif row[-1] != "-" and not re.fullmatch(r"\d+(\.\d+)?", row[-1]):
            problems.append(f"row {number}: grade {row[-1]!r}")
    return problems


def test_the_checks_catch_what_each_importer_refuses():
    canvas = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A]]
    assert canvas_problems([*canvas, ["x", "", "", "", "S", "3"]]) == [
        "row 2: no ID, SIS User ID or SIS Login ID"
    ]
    assert canvas_problems([*canvas, ["x", "1", "", "", "S", "zero"]]) == ["row 2: score 'zero'"]
    assert canvas_problems([["Name", *canvas[0][1:]]]) != []
    moodle = [["ID number", "Full name", A]]
    assert moodle_problems([*moodle, ["", "x", "3"]]) == ["row 2: empty ID number"]
    assert moodle_problems([*moodle, ["M-1", "x", "0,5"]]) == ["row 2: grade '0,5'"]


# --- the export, without a mapping file: user names are the ids -----------------------------


def test_canvas_export_without_a_mapping_file(course):
    path, notes = lms.export(course, "canvas", A)
    rows = _rows(path)
    assert path == course / "reports" / f"{A}-canvas.csv"
    assert canvas_problems(rows) == []
    assert rows == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A],
        ["Points Possible", "", "", "", "", "15"],
        ["amina", "", "", "amina", "", "12"],
        ["bob", "", "", "bob", "", ""],  # written answer pending: no score, not 0
        ["chen", "", "", "chen", "", "0"],  # no submission
        ["dilara", "", "", "dilara", "", "3.5"],
    ]
    assert "no score yet (written answers to mark in the Formgrader): bob" in notes
    assert "no submission, scored 0: chen" in notes


def test_moodle_export_without_a_mapping_file(course):
    path, _ = lms.export(course, "moodle", A)
    rows = _rows(path)
    assert moodle_problems(rows) == []
    assert rows == [
        ["ID number", "Full name", A],
        ["amina", "amina", "12"],
        ["bob", "bob", "-"],  # pending: Moodle's "no grade"
        ["chen", "chen", "0"],
        ["dilara", "dilara", "3.5"],
    ]


# --- with a mapping file ---------------------------------------------------------------------


def test_canvas_export_with_a_mapping_file_and_a_canvas_column_title(course):
    (course / "instructor").mkdir()
    (course / "instructor" / "lms-ids.csv").write_text(MAPPING, encoding="utf-8")
    path, notes = lms.export(course, "canvas", A, column="A1 Periods (777)")
    rows = _rows(path)
    assert canvas_problems(rows) == []
    assert rows[0][-1] == "A1 Periods (777)"
    assert rows[2:] == [
        ["Aliyeva, Amina", "101", "S-1", "amina@school.example", "Section 1", "12"],
        ["Babayev, Bob", "102", "S-2", "bob@school.example", "Section 1", ""],
        ["Chen, Li", "", "S-3", "chen@school.example", "Section 2", "0"],
        ["Demir, Dilara", "104", "", "dilara@school.example", "Section 2", "3.5"],
        ["Evans, Erin", "105", "S-5", "", "Section 2", "0"],  # only in the mapping file
    ]
    assert "no submission, scored 0: chen, erin" in notes


def test_moodle_export_with_a_mapping_file(course, tmp_path):
    ids = tmp_path / "ids.csv"
    ids.write_text(MAPPING, encoding="utf-8")
    path, _ = lms.export(course, "moodle", A, ids_file=ids)
    rows = _rows(path)
    assert moodle_problems(rows) == []
    assert [row[0] for row in rows[1:]] == ["M-1", "M-2", "M-3", "M-4", "M-5"]
    assert [row[2] for row in rows[1:]] == ["12", "-", "0", "3.5", "0"]


def test_an_unmapped_student_stops_the_export_naming_them(course, tmp_path):
    ids = tmp_path / "ids.csv"
    ids.write_text("\n".join(MAPPING.splitlines()[:2]) + "\n", encoding="utf-8")  # amina only
    with pytest.raises(lms.ExportError, match=r"3 student\(s\) .*: bob, chen, dilara"):
        lms.export(course, "canvas", A, ids_file=ids)
    assert not (course / "reports" / f"{A}-canvas.csv").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("student,email\n", r"ids.csv, row 1: unknown column 'email'"),
        ("name,section\n", r"ids.csv, row 1: no column 'student'"),
        (
            "student,name\namina,A\namina,B\n",
            r"row 3, column 'student': 'amina' is already on row 2",
        ),
        ("student,canvas_id\namina,abc\n", r"row 2, column 'canvas_id': 'abc' is not a number"),
        (
            "student,moodle_id_number\namina,M-1\nbob,M-1\n",
            r"row 3, column 'moodle_id_number': 'M-1' is already given to another student on row 2",
        ),
        ("student,name\namina,Aliyeva, Amina\n", r"row 2: 3 cells for 2 columns"),
        (",name\n,nobody\n", r"row 1: unknown column ''"),
    ],
)
def test_a_bad_mapping_file_is_refused_with_file_row_and_column(course, tmp_path, text, message):
    ids = tmp_path / "ids.csv"
    ids.write_text(text, encoding="utf-8")
    with pytest.raises(lms.ExportError, match=message):
        lms.export(course, "canvas", A, ids_file=ids)


def test_a_row_the_platform_cannot_match_is_refused(course, tmp_path):
    ids = tmp_path / "ids.csv"
    ids.write_text(
        "student,name,canvas_id,moodle_id_number\namina,A,,M-1\nbob,B,2,\nchen,C,3,M-3\n"
        "dilara,D,4,M-4\n",
        encoding="utf-8",
    )
    with pytest.raises(lms.ExportError, match="'amina' none of canvas_id, sis_user_id"):
        lms.export(course, "canvas", A, ids_file=ids)
    with pytest.raises(lms.ExportError, match="'bob' no moodle_id_number"):
        lms.export(course, "moodle", A, ids_file=ids)


def test_no_gradebook_or_an_ungraded_assignment_is_said_plainly(tmp_path, course):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", empty)
    with pytest.raises(lms.ExportError, match="no gradebook at .*make grade A="):
        lms.export(empty, "canvas", A)
    with pytest.raises(lms.ExportError, match=r"a9-unknown is not in the gradebook \(it has: a1-"):
        lms.export(course, "moodle", "a9-unknown")


def test_the_example_mapping_file_reads():
    ids = lms.read_ids(ROOT / "instructor" / "lms-ids.example.csv")
    assert set(ids) and all(
        i.moodle_id_number and (i.canvas_id or i.sis_user_id) for i in ids.values()
    )


# --- the teacher's commands -------------------------------------------------------------------


def _make_course(course: Path) -> None:
    """Enough of the course for `make`: its Makefile and pins, sharing this checkout's .venv."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, course / name)
    (course / ".venv").symlink_to(ROOT / ".venv")
    stamp = (ROOT / ".venv" / ".installed").stat().st_mtime
    os.utime(course / "pyproject.toml", (stamp - 1, stamp - 1))


@pytest.mark.nbgrader
@pytest.mark.parametrize("platform", ["canvas", "moodle"])
def test_make_export_writes_the_import_file(course, platform):
    _make_course(course)
    run = subprocess.run(
        ["make", "--no-print-directory", f"export-{platform}", f"A={A}"],
        cwd=course,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"reports/{A}-{platform}.csv" in run.stdout
    rows = _rows(course / "reports" / f"{A}-{platform}.csv")
    assert (canvas_problems if platform == "canvas" else moodle_problems)(rows) == []


@pytest.mark.nbgrader
def test_make_export_without_an_assignment_prints_its_usage(course):
    _make_course(course)
    run = subprocess.run(
        ["make", "--no-print-directory", "export-canvas"],
        cwd=course,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "usage: make export-canvas A=<assignment>" in run.stdout

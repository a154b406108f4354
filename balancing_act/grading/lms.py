"""Grades to the school's learning platform: the CSV that Canvas or Moodle imports.

``make export-canvas A=<assignment>`` and ``make export-moodle A=<assignment>`` (this module's
command line) read nbgrader's gradebook, where the autograder's scores and the teacher's marks
for written answers sit side by side, and write one row per student of the class:

- the **score** is nbgrader's total for the assignment, autograded and manual points together;
- a student with **no submission** scores 0, as in nbgrader's own export;
- a student whose written answers are **not yet marked** gets no score at all (a blank cell
  for Canvas, ``-`` for Moodle: each platform's own way of writing "no grade"), never 0 and
  never the autograded part alone, so that importing early cannot publish a wrong grade. The
  command lists these students; export again when they are marked.

Both files are written by :mod:`.spreadsheets`: every field quoted, and no cell a spreadsheet
would compute (a user name starting with ``=`` gets a ``'`` in front).

Students are known to the gradebook by their JupyterHub user names. Where the platform knows
them by other ids, ``instructor/lms-ids.csv`` (copied from ``instructor/lms-ids.example.csv``)
maps each user name to them; a student with grades but no row there stops the export with a
message naming them, since both platforms refuse or misplace a row they cannot match.

The two formats, as each platform documents and implements its import:

- **Canvas** (Gradebook > Import). The header row starts ``Student, ID, SIS User ID, SIS Login
  ID, Section``, then one column per assignment; an optional second row starting ``Points
  Possible`` gives each assignment's maximum. Canvas finds the student by ``ID`` (its own user
  id), then ``SIS User ID``, then ``SIS Login ID``, then by name; it finds the assignment by the
  ``Title (id)`` its own export writes, else by title, and otherwise creates a new assignment.
  An empty cell or ``-`` is "no score". Sources: the importer itself,
  https://github.com/instructure/canvas-lms/blob/master/app/models/gradebook_importer.rb
  (``row_has_student_headers?``, ``update_column_count``, ``process_student``,
  ``parse_assignments``, ``no_score?``), and Ohio State's guide to importing a CSV into Canvas
  grades, https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
- **Moodle** (Grades > Import > CSV file). Any columns; on the import page the teacher maps the
  column ``ID number`` to the user field "ID number" (``useridnumber``) and the grade column to a
  grade item (or a new one). A grade of ``-`` or an empty cell is "no grade"; a row whose
  student is not found stops the whole import. Sources: MoodleDocs, Grade import,
  https://docs.moodle.org/311/en/Grade_import, and the importer,
  https://github.com/moodle/moodle/blob/master/grade/import/csv/classes/load_data.php
  (``map_user_data_with_value``, ``update_grade_item``, ``import_new_grade_item``).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from . import spreadsheets
from .escaping import visible
from .gradebook import db_url

IDS_FILE = Path("instructor") / "lms-ids.csv"
IDS_COLUMNS = (
    "student",  # the JupyterHub user name, as in submitted/<student>/ and the gradebook
    "name",  # the name the platform shows, e.g. "Aliyeva, Leyla" (optional)
    "section",  # Canvas's section (optional)
    "canvas_id",  # Canvas's own numeric user id, the "ID" column of its export (optional)
    "sis_user_id",  # Canvas's "SIS User ID" (optional)
    "sis_login_id",  # Canvas's "SIS Login ID" (optional)
    "moodle_id_number",  # Moodle's "ID number" of the user (needed for a Moodle export)
)
CANVAS_IDS = ("canvas_id", "sis_user_id", "sis_login_id")
CANVAS_HEADER = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "Points Possible"
MOODLE_HEADER = ("ID number", "Full name")
CANVAS_NO_SCORE = ""  # Canvas: blank is "no score"; its own export leaves ungraded cells blank
MOODLE_NO_GRADE = "-"  # Moodle: "-" is "no grade", for an existing grade item and a new one


class ExportError(ValueError):
    """The export cannot be written as asked (the message says why and what to do)."""


@dataclass(frozen=True)
class LmsIds:
    """One student's names on the platform, from the mapping file (or the user name alone)."""

    student: str
    name: str = ""
    section: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    moodle_id_number: str = ""


@dataclass(frozen=True)
class StudentGrade:
    student: str
    name: str  # "Last, First" from the gradebook, or "" when it has none
    score: float | None  # None: written answers still to mark
    submitted: bool

    @property
    def pending(self) -> bool:
        return self.submitted and self.score is None


@dataclass(frozen=True)
class ClassGrades:
    assignment: str
    max_score: float
    students: list[StudentGrade]


def read_ids(path: Path) -> dict[str, LmsIds]:
    """The mapping file, checked: every problem names the file, the row and the column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: not UTF-8 text ({error}); save it as CSV UTF-8") from error
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise ExportError(
            f"{path}: the file is empty; it needs the header row {','.join(IDS_COLUMNS)}"
        )
    header = [cell.strip() for cell in rows[0]]
    unknown = [name for name in header if name not in IDS_COLUMNS]
    if unknown:
        raise ExportError(
            f"{path}, row 1: unknown column {unknown[0]!r}; the columns are {', '.join(IDS_COLUMNS)}"
        )
    if "student" not in header:
        raise ExportError(f"{path}, row 1: no column 'student' (the JupyterHub user name)")
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise ExportError(f"{path}, row 1: column {duplicated[0]!r} appears twice")
    found: dict[str, LmsIds] = {}
    first_row_of: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ExportError(
                f"{path}, row {number}: {len(row)} cells for {len(header)} columns "
                "(a comma inside a name needs the name in double quotes)"
            )
        values = {name: cell.strip() for name, cell in zip(header, row, strict=False)}
        student = values.get("student", "")
        if not student:
            raise ExportError(f"{path}, row {number}, column 'student': empty")
        if student in found:
            raise ExportError(
                f"{path}, row {number}, column 'student': {student!r} is already on row "
                f"{first_row_of[('student', student)]}"
            )
        if values.get("canvas_id") and not values["canvas_id"].isdigit():
            raise ExportError(
                f"{path}, row {number}, column 'canvas_id': {values['canvas_id']!r} is not a "
                "number (Canvas's user id is the number in the ID column of its grade export)"
            )
        for column in ("student", *CANVAS_IDS, "moodle_id_number"):
            value = values.get(column, "")
            if not value:
                continue
            if (column, value) in first_row_of:
                raise ExportError(
                    f"{path}, row {number}, column {column!r}: {value!r} is already given to "
                    f"another student on row {first_row_of[(column, value)]}"
                )
            first_row_of[(column, value)] = number
        found[student] = LmsIds(**{k: v for k, v in values.items() if k in IDS_COLUMNS})
    return found


def read_grades(course: Path, assignment: str) -> ClassGrades:
    """Every student the gradebook knows, with their total score for ``assignment``."""
    from nbgrader.api import Gradebook, MissingEntry

    url = db_url(course)
    prefix = "sqlite:///"
    if url.startswith(prefix) and not Path(url[len(prefix) :]).is_file():
        raise ExportError(
            f"no gradebook at {url[len(prefix) :]}: grade the class first (make grade A={assignment})"
        )
    with Gradebook(url) as gradebook:
        try:
            maximum = gradebook.find_assignment(assignment).max_score
        except MissingEntry as error:
            known = ", ".join(a.name for a in gradebook.assignments) or "none"
            raise ExportError(
                f"{assignment} is not in the gradebook (it has: {known}); grade it first "
                f"(make grade A={assignment})"
            ) from error
        students = []
        for student in gradebook.students:
            name = ", ".join(p for p in (student.last_name, student.first_name) if p)
            try:
                submission = gradebook.find_submission(assignment, student.id)
            except MissingEntry:
                students.append(StudentGrade(student.id, name, 0.0, submitted=False))
                continue
            score = None if submission.needs_manual_grade else float(submission.score)
            students.append(StudentGrade(student.id, name, score, submitted=True))
    return ClassGrades(assignment, float(maximum), sorted(students, key=lambda s: s.student))


def class_list(
    grades: ClassGrades, ids: dict[str, LmsIds] | None
) -> list[tuple[StudentGrade, LmsIds]]:
    """Each student with their platform ids: the gradebook's students and the mapping file's.

    A student in the mapping file whom the gradebook never saw has no submission (0). With a
    mapping file, a student in the gradebook without a row there is an error: their grade would
    be lost or land on someone else.
    """
    if ids is None:  # the platform knows students by their JupyterHub user names
        return [
            (
                grade,
                LmsIds(grade.student, sis_login_id=grade.student, moodle_id_number=grade.student),
            )
            for grade in grades.students
        ]
    known = {grade.student: grade for grade in grades.students}
    unmapped = sorted(set(known) - set(ids))
    if unmapped:
        raise ExportError(
            f"{len(unmapped)} student(s) in the gradebook have no row in the mapping file: "
            f"{', '.join(map(visible, unmapped))}. Add a row for each (column 'student' is the JupyterHub "
            "user name), or remove the file to use the user names as the platform's ids."
        )
    rows = []
    for student in sorted(set(known) | set(ids)):
        grade = known.get(student) or StudentGrade(student, "", 0.0, submitted=False)
        rows.append((grade, ids[student]))
    return rows


def _points(value: float) -> str:
    """A score as both platforms read it: a dot for decimals, at most two places."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def canvas_rows(grades: ClassGrades, people, column: str) -> list[list[str]]:
    rows = [
        [*CANVAS_HEADER, column],
        [CANVAS_POINTS_ROW, "", "", "", "", _points(grades.max_score)],
    ]
    for grade, ids in people:
        if not any(getattr(ids, name) for name in CANVAS_IDS):
            raise ExportError(
                f"the mapping file gives {grade.student!r} none of canvas_id, sis_user_id or "
                "sis_login_id: Canvas could only match the row by name"
            )
        score = CANVAS_NO_SCORE if grade.score is None else _points(grade.score)
        name = ids.name or grade.name or grade.student
        rows.append([name, ids.canvas_id, ids.sis_user_id, ids.sis_login_id, ids.section, score])
    return rows


def moodle_rows(grades: ClassGrades, people, column: str) -> list[list[str]]:
    rows = [[*MOODLE_HEADER, column]]
    for grade, ids in people:
        if not ids.moodle_id_number:
            raise ExportError(
                f"the mapping file gives {grade.student!r} no moodle_id_number: Moodle would stop "
                "the whole import at this row"
            )
        score = MOODLE_NO_GRADE if grade.score is None else _points(grade.score)
        rows.append([ids.moodle_id_number, ids.name or grade.name or grade.student, score])
    return rows


PLATFORMS = {"canvas": canvas_rows, "moodle": moodle_rows}


def export(
    course: Path,
    platform: str,
    assignment: str,
    ids_file: Path | None = None,
    column: str | None = None,
    out: Path | None = None,
) -> tuple[Path, list[str]]:
    """Write ``reports/<assignment>-<platform>.csv``; return it and what the teacher should know."""
    course = Path(course)
    ids_path = ids_file if ids_file is not None else course / IDS_FILE
    if ids_file is not None and not ids_path.is_file():
        raise ExportError(f"no mapping file at {ids_path}")
    ids = read_ids(ids_path) if ids_path.is_file() else None
    grades = read_grades(course, assignment)
    people = class_list(grades, ids)
    rows = PLATFORMS[platform](grades, people, column or assignment)
    # Every field quoted, and no cell a spreadsheet would compute (see .spreadsheets).
    path = spreadsheets.write(out or course / "reports" / f"{assignment}-{platform}.csv", rows)
    notes = [
        f"{len(people)} students, scores out of {_points(grades.max_score)}"
        + (f", ids from {ids_path}" if ids is not None else ", JupyterHub user names as ids")
    ]
    pending = [visible(grade.student) for grade, _ in people if grade.pending]
    missing = [visible(grade.student) for grade, _ in people if not grade.submitted]
    if pending:
        notes.append(
            f"no score yet (written answers to mark in the Formgrader): {', '.join(pending)}"
        )
    if missing:
        notes.append(f"no submission, scored 0: {', '.join(missing)}")
    return path, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.grading.lms",
        description="Write the CSV that Canvas or Moodle imports, from nbgrader's gradebook.",
    )
    parser.add_argument("platform", choices=sorted(PLATFORMS))
    parser.add_argument("assignment", help="for example a1-periods-timeline")
    parser.add_argument("--course", type=Path, default=Path("."), help="the course folder")
    parser.add_argument(
        "--ids", type=Path, help=f"the mapping file (default: {IDS_FILE}, if it exists)"
    )
    parser.add_argument(
        "--column",
        help="the grade column's title (default: the assignment's name). For an assignment "
        "Canvas already has, use the title its own export gives it, e.g. 'A1 Periods (12345)'",
    )
    parser.add_argument(
        "--out", type=Path, help="where to write (default: reports/<a>-<platform>.csv)"
    )
    args = parser.parse_args(argv)
    try:
        path, notes = export(
            args.course, args.platform, args.assignment, args.ids, args.column, args.out
        )
    except ExportError as error:
        print(f"Not exported: {error}", file=sys.stderr)
        return 2
    print(f"{args.platform} import file: {path}")
    for note in notes:
        print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

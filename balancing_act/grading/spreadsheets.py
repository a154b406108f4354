"""Every CSV the course writes: the grading report's, ``grades.csv`` and the Canvas and Moodle files.

A CSV is opened in a spreadsheet, and a spreadsheet computes a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and, in some, a tab or a carriage return before one): a student id such as
``=HYPERLINK("http://...","click")`` would be a live formula on the teacher's screen. Each file
is therefore written as OWASP's guidance on CSV injection recommends
(https://owasp.org/www-community/attacks/CSV_Injection):

- every field is quoted, and a double quote inside one is doubled (RFC 4180), so a comma, a
  quote or a line break in an id stays inside its cell and no column shifts;
- a text cell that starts with a formula character (:data:`FORMULA_STARTS`) gets a single quote
  in front, which spreadsheets read as "this is text" and do not show.

What is left alone, on purpose: a lone ``-`` (Moodle's own way of writing "no grade", which no
spreadsheet computes) and numbers. The course writes scores and maxima, never below 0 (nbgrader
keeps a score at 0 or more), so a number never starts with ``-``; should a negative one ever
reach a file, it is quoted like text and shows as ``'-1``, visibly odd rather than silently
computed. The single quote is a change to the text: a program reading the file back gets
``'=1+1`` where the student id was ``=1+1`` (:func:`original` undoes it).

:class:`GradesCsvExport` replaces nbgrader's own ``grades.csv`` writer for ``make export``
(``c.ExportApp.plugin_class`` in ``nbgrader_config.py``): the same columns, written here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import ExportPlugin

# OWASP's list (= + - @ tab CR), with LF and NUL, and the full-width forms some spreadsheets
# read as the ASCII ones.
FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\0",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)
TEXT_MARK = "'"
NOT_A_FORMULA = {"-"}


def neutralise(value: object) -> str:
    """A cell's text, with a single quote in front if a spreadsheet would compute it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and text not in NOT_A_FORMULA:
        return TEXT_MARK + text
    return text


def original(cell: str) -> str:
    """The text :func:`neutralise` was given, for a program that reads a file back."""
    if cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def write(path: Path, rows: Iterable[Iterable[object]], signed_numbers: bool = False) -> Path:
    """Write ``rows`` to ``path`` as UTF-8 CSV, every field quoted and neutralised.

    With ``signed_numbers``, a cell that is a Python number (never text) is written as it is,
    minus sign included: for the course's own statistics, such as a negative correlation
    (:mod:`.item_report`), which no student's text can become."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        for row in rows:
            writer.writerow(
                [
                    str(cell) if signed_numbers and _number(cell) else neutralise(cell)
                    for cell in row
                ]
            )
    return path


def _number(cell: object) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


GRADES_COLUMNS = (
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
)


class GradesCsvExport(ExportPlugin):
    """``nbgrader export`` (``make export``): nbgrader's columns and scores, written safely.

    nbgrader's own CSV plugin joins the fields with commas and quotes nothing, so an id holding
    a comma shifted every column after it (a blank notebook then read as full marks), and an id
    starting with ``=`` was a formula. The rows here are the same as nbgrader's: one per
    assignment and student, 0 for no submission, the late penalty taken off.
    """

    def export(self, gradebook: Gradebook) -> None:
        destination = Path(self.to or "grades.csv")
        students = {str(s) for s in self.student}
        assignments = {str(a) for a in self.assignment}
        self.log.info("Exporting grades to %s", destination)
        rows: list[list[object]] = [list(GRADES_COLUMNS)]
        for assignment in gradebook.assignments:
            if assignments and assignment.name not in assignments:
                continue
            for student in gradebook.students:
                if students and student.id not in students:
                    continue
                rows.append(_grades_row(gradebook, assignment, student))
        write(destination, rows)


def _grades_row(gradebook: Gradebook, assignment, student) -> list[object]:
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        timestamp, raw, penalty, score = "", 0.0, 0.0, 0.0
    else:
        timestamp, raw = submission.timestamp, submission.score
        penalty = submission.late_submission_penalty
        score = max(0.0, raw - penalty)
    return [
        assignment.name,
        assignment.duedate,
        timestamp,
        student.id,
        student.last_name,
        student.first_name,
        student.email,
        raw,
        penalty,
        score,
        assignment.max_score,
    ]

"""Graded for the student who submitted: `make grade` on a class where half copy a classmate
with another case.

Honest students hand in the solution run on their own case; copiers hand in a classmate's
notebook whole (it computes the classmate's case); a student who typed another case's key by
mistake is the honest wrong answer the copiers are measured against; a student given a case by
hand is graded on it, and the same notebook from a student without that row is not. Then
`make feedback` shows each student the case they were graded on. The report's item statistics
(issue 27) are checked against the gradebook, read here by plain SQL.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import cases as class_cases
from balancing_act.grading.assignment import load

from .grading_tools import (
    TEST_SECRET,
    course_copy,
    fill,
    make_grade,
    read_report,
    release,
    solution_answers,
    submit,
    with_case,
)
from .test_grading_teacher_side import make

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

A = "a6-measuring-the-balance"
OPTIONS = ("--cell-timeout", "60", "--student-timeout", "300")


def _students_by_case(count: int = 300) -> dict[str, list[str]]:
    """Candidate ids grouped by the case the test secret draws for them."""
    cases = cases_of(A)
    grouped: dict[str, list[str]] = {case.key: [] for case in cases}
    for number in range(count):
        student = f"s{number:03d}"
        grouped[class_cases.drawn(TEST_SECRET.encode(), A, student, cases).key].append(student)
    return grouped


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("cases"))
    keys = [case.key for case in cases_of(A)]
    grouped = _students_by_case()
    x, y, z = keys[1], keys[2], keys[3]
    people = {
        "honest-x": grouped[x][0],
        "honest-y": grouped[y][0],
        "honest-x2": grouped[x][1],
        "copier-x": grouped[x][2],  # copies honest-y's notebook
        "copier-y": grouped[y][1],  # copies honest-x's notebook
        "copier-y2": grouped[y][2],  # copies honest-x's notebook
        "slip-x": grouped[x][3],  # honest, but typed y's key: the honest wrong answer
        "by-hand": grouped[x][4],  # given z by hand, hands in z
        "no-hand": grouped[x][5],  # hands in z too, without the row: graded on x
    }
    with (course / class_cases.BY_HAND_FILE).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["assignment", "student", "case", "reason"], [A, people["by-hand"], z, "new account"]]
        )
    solved = fill(release(course, A), solution_answers(A))
    on = {key: with_case(solved, key) for key in (x, y, z)}
    hand_in = {
        "honest-x": on[x],
        "honest-y": on[y],
        "honest-x2": on[x],
        "copier-x": on[y],
        "copier-y": on[x],
        "copier-y2": on[x],
        "slip-x": on[y],
        "by-hand": on[z],
        "no-hand": on[z],
    }
    for role, notebook in hand_in.items():
        submit(course, people[role], A, notebook, own_case=False)
    run = make_grade(course, A, *OPTIONS)
    feedback = make(course, "feedback", f"A={A}")
    report = read_report(course, A)
    return {
        "course": course,
        "run": run,
        "feedback": feedback,
        "scores": {role: report[student]["score"] for role, student in people.items()},
        "people": people,
        "cases": (x, y, z),
        "text": (course / "reports" / f"{A}-grading.md").read_text(encoding="utf-8"),
    }


def test_grading_ran_and_honest_students_get_full_marks_on_their_own_case(graded):
    assert graded["run"].returncode == 0, (
        graded["run"].stdout[-3000:] + graded["run"].stderr[-3000:]
    )
    scores = graded["scores"]
    full = scores["honest-x"]
    assert full and scores["honest-y"] == scores["honest-x2"] == full


def test_each_copier_scores_no_more_than_an_honest_wrong_answer(graded):
    scores = graded["scores"]
    for copier in ("copier-x", "copier-y", "copier-y2"):
        assert scores[copier] <= scores["slip-x"] < scores["honest-x"], scores


def test_the_report_lists_each_copier_and_no_honest_student(graded):
    text, people = graded["text"], graded["people"]
    evidence = text.split("### Answers that fit another case better", 1)[1]
    x, y, _ = graded["cases"]
    for role, fits in (("copier-x", y), ("copier-y", x), ("copier-y2", x), ("slip-x", y)):
        line = next(line for line in evidence.splitlines() if line.startswith(f"| {people[role]} "))
        assert f"| {fits}: " in line or f"; {fits}: " in line, line
    for role in ("honest-x", "honest-y", "honest-x2", "by-hand"):
        assert f"| {people[role]} " not in evidence
    assert "not a verdict" in evidence


def test_a_case_given_by_hand_is_graded_and_reported_as_such(graded):
    scores, people, text = graded["scores"], graded["people"], graded["text"]
    _, _, z = graded["cases"]
    assert scores["by-hand"] == scores["honest-x"]
    assert scores["no-hand"] < scores["honest-x"]
    assert f"| {people['by-hand']} | {z} | by hand: new account | {z} |" in text
    assert f"| {people['no-hand']} |" in text.split("### Answers that fit another case", 1)[1]


def test_the_class_picture_shows_scores_by_case(graded):
    text = graded["text"]
    assert "### Autograded scores by case" in text
    table = text.split("### Autograded scores by case", 1)[1]
    x, y, z = graded["cases"]
    for key in (x, y, z):
        assert f"| {key} | " in table
    assert (graded["course"] / "reports" / f"{A}-grading" / "cases.svg").exists()


def test_feedback_shows_each_student_the_case_they_were_graded_on(graded):
    assert graded["feedback"].returncode == 0, graded["feedback"].stderr[-2000:]
    course, people = graded["course"], graded["people"]
    x, y, z = graded["cases"]
    words = {case.key: case.words for case in cases_of(A)}

    def page(role: str) -> str:
        (html,) = Path(course / "feedback" / people[role] / A).glob("*.html")
        return html.read_text(encoding="utf-8")

    assert f"Graded on your case: {words[x]}" in page("honest-x")
    assert f"Graded on your case: {words[z]}" in page("by-hand")
    slip = page("slip-x")
    assert f"Graded on your case: {words[x]}" in slip and f"Your notebook named {y}" in slip


# --- item statistics (issue 27) ------------------------------------------------------------


def _points_from_the_gradebook(course: Path) -> dict[str, dict[str, float]]:
    """Each graded student's autograded points on each test cell, by plain SQL."""
    query = """
        select submitted_assignment.student_id, base_cell.name, grade.auto_score
        from grade
        join base_cell on base_cell.id = grade.cell_id
        join submitted_notebook on submitted_notebook.id = grade.notebook_id
        join submitted_assignment on submitted_assignment.id = submitted_notebook.assignment_id
        join assignment on assignment.id = submitted_assignment.assignment_id
        where assignment.name = ?
    """
    points: dict[str, dict[str, float]] = {}
    with sqlite3.connect(course / "gradebook.db") as db:
        for student, test, score in db.execute(query, (A,)):
            points.setdefault(student, {})[test] = float(score or 0.0)
    return points


def test_the_item_statistics_match_the_gradebook_with_a_row_per_item(graded):
    course, people = graded["course"], graded["people"]
    tests = [(t.grade_id, t.points) for nb in load(course, A).notebooks for t in nb.tests]
    worth = [(grade_id, points) for grade_id, points in tests if points > 0]
    with (course / "reports" / f"{A}-items.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = [case.key for case in cases_of(A)]
    assert list(rows[0]) == [
        "grade_id",
        "notebook",
        "points",
        "students",
        "facility",
        "discrimination",
        "flags",
    ] + [f"facility_{key}" for key in keys]
    assert [row["grade_id"] for row in rows] == [grade_id for grade_id, _ in worth]
    assert all(row["students"] == str(len(people)) for row in rows)
    # Computed again here from the gradebook: facility, item-rest r, and by case.
    points = _points_from_the_gradebook(course)
    assert sorted(points) == sorted(people.values())
    students = sorted(points)
    table = np.array([[points[s].get(g, 0.0) for g, _ in worth] for s in students])
    totals = table.sum(axis=1)
    class_of = class_cases.ClassCases(course, A)
    case_of = {s: class_of.of(s).case.key for s in students}
    for column, ((grade_id, maximum), row) in enumerate(zip(worth, rows, strict=True)):
        item = table[:, column]
        assert float(row["facility"]) == pytest.approx(item.mean() / maximum, abs=1e-3)
        rest = totals - item
        if item.std() == 0 or rest.std() == 0:
            assert row["discrimination"] == ""
            assert "does not discriminate (everyone the same" in row["flags"]
        else:
            r = np.corrcoef(item, rest)[0, 1]
            assert float(row["discrimination"]) == pytest.approx(r, abs=1e-3), grade_id
        for key in keys:
            mine = [i for i, s in enumerate(students) if case_of[s] == key]
            cell = row[f"facility_{key}"]
            if mine:
                assert float(cell) == pytest.approx(item[mine].mean() / maximum, abs=1e-3)
            else:
                assert cell == ""  # a case nobody has


def test_flagged_items_appear_in_the_report_with_their_flags(graded):
    course, text = graded["course"], graded["text"]
    with (course / "reports" / f"{A}-items.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    flagged = [row for row in rows if row["flags"]]
    # Every student passes the visible tests (the copiers' notebooks run): too easy, and
    # undefined discrimination. The copiers lose hidden points: those tests are not too easy.
    assert any("too easy" in row["flags"] for row in flagged), rows
    section = text.split("### Items: facility, discrimination and flags", 1)[1]
    assert f"{len(flagged)} of {len(rows)} tests flagged, listed first." in section
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    for row in flagged:
        line = next(line for line in lines if line.startswith(f"| {row['grade_id']} |"))
        for flag in row["flags"].split("; "):
            assert f"**{flag.split(' (')[0]}**" in line, (flag, line)
    # Flagged first (lines[0] is the table's header).
    order = [line.split(" | ")[0][2:] for line in lines[1 : 1 + len(rows)]]
    assert order[: len(flagged)] == [row["grade_id"] for row in flagged]
    # By case: a column per case, with the number of its graded students.
    x, y, z = graded["cases"]
    by_case = section.split("#### Facility of each test by case", 1)[1]
    assert f"| {x} (" in by_case and f"| {z} (1) |" in by_case
    html = (course / "reports" / f"{A}-grading.html").read_text(encoding="utf-8")
    assert "Items: facility, discrimination and flags" in html and "nan" not in section.lower()

"""Through nbgrader's real commands: release, autograde, report and feedback, per assignment."""

from __future__ import annotations

import csv
import json

import nbformat
import pytest

from balancing_act import grading

from .grading_tools import (
    ASSIGNMENTS,
    fill,
    make_course,
    nbgrader,
    notebook_name,
    partial_answers,
    release,
    solution_answers,
    submit,
)
from .notebook_tools import ROOT

pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("course"), ASSIGNMENTS)


def _cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in notebook.cells]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_regenerating_the_release_reproduces_exercises(course, assignment):
    name = notebook_name(assignment)
    assert _cells(course / "exercises" / assignment / name) == _cells(
        ROOT / "exercises" / assignment / name
    )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_and_no_hidden_test_reaches_students(assignment):
    path = ROOT / "exercises" / assignment / notebook_name(assignment)
    assert "BEGIN SOLUTION" not in path.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in path.read_text(encoding="utf-8")
    student_text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    for answer in solution_answers(assignment).values():
        for line in (line.strip() for line in answer.splitlines()):
            if len(line) > 25:
                assert line not in student_text, f"solution line leaked into the release: {line}"


@pytest.fixture(scope="module")
def graded(course):
    """Every assignment graded for a right, a blank and a partly right student."""
    results = {}
    for assignment in ASSIGNMENTS:
        released = release(course, assignment)
        submit(course, "solution", assignment, fill(released, solution_answers(assignment)))
        submit(course, "blank", assignment, released)
        submit(course, "partial", assignment, fill(released, partial_answers(assignment)))
        graded_now = grading.grade_class(
            course, assignment, ["solution", "blank", "partial"], workers=2
        )
        results[assignment] = {r.student: r for r in graded_now}
    return results


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_full_marks_blank_zero_partial_between(graded, assignment):
    result = graded[assignment]
    maximum = result["solution"].max_score
    assert maximum and result["solution"].score == maximum
    assert result["blank"].score == 0
    assert 0 < result["partial"].score < maximum
    assert all(not r.findings for r in result.values()), [r.findings for r in result.values()]


HOSTILE_ASSIGNMENT = "a1-periods-timeline"
HOSTILE_STUDENTS = [
    "good",
    "edits-test",
    "deletes-test",
    "duplicates-cell",
    "loops-top",
    "loops-in-function",
    "kills-kernel",
    "malformed",
    "missing",
    "renamed",
    "floods-output",
]


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


@pytest.fixture(scope="module")
def hostile_class(course, graded):
    """One class with a good student and every kind of hostile submission, graded together."""
    assignment = HOSTILE_ASSIGNMENT
    released = release(course, assignment)
    answers = solution_answers(assignment)
    right = fill(released, answers)
    answer_id = next(
        _grade_id(c) for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")
    )
    first_test = next(
        c
        for c in released.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    )
    test_id = _grade_id(first_test)

    submit(course, "good", assignment, right)
    submit(course, "edits-test", assignment, fill(right, {test_id: "pass"}))
    deleted = fill(released, {})
    deleted.cells = [c for c in deleted.cells if _grade_id(c) != test_id]
    submit(course, "deletes-test", assignment, deleted)
    duplicated = fill(right, {})
    extra = nbformat.from_dict(json.loads(json.dumps(first_test)))
    extra["id"] = "student-copy"
    extra.source = "pass"
    duplicated.cells.append(extra)
    submit(course, "duplicates-cell", assignment, duplicated)
    submit(course, "loops-top", assignment, fill(right, {answer_id: "while True:\n    pass"}))
    stuck = "def stuck():\n    while True:\n        pass\n\nwith_russia = stuck()"
    submit(course, "loops-in-function", assignment, fill(right, {answer_id: stuck}))
    submit(course, "kills-kernel", assignment, fill(right, {answer_id: "import os\nos._exit(1)"}))
    submit(course, "malformed", assignment, raw='{"cells": [ {"cell_type": ')
    folder = submit(course, "missing", assignment)
    (folder / "my answers.txt").write_text("I forgot to upload the notebook")
    submit(course, "renamed", assignment, right, name=f"{assignment} (1).ipynb")
    flood = "for _ in range(50_000):\n    print('x' * 80)\n" + answers[answer_id]
    submit(course, "floods-output", assignment, fill(right, {answer_id: flood}))

    results = grading.grade_class(course, assignment, HOSTILE_STUDENTS, cell_timeout=10, workers=2)
    return {r.student: r for r in results}


def _kinds(result):
    return {f.kind for f in result.findings}


def test_the_good_student_is_graded_in_full_despite_the_rest(hostile_class):
    good = hostile_class["good"]
    assert good.score == good.max_score and not good.findings


@pytest.mark.parametrize(
    ("student", "kind"),
    [
        ("edits-test", "test cell edited"),
        ("deletes-test", "test cell deleted"),
        ("duplicates-cell", "graded cell duplicated"),
        ("loops-top", "timeout"),
        ("loops-in-function", "timeout"),
        ("kills-kernel", "kernel died"),
        ("malformed", "notebook unreadable"),
        ("missing", "notebook missing"),
        ("renamed", "notebook renamed"),
        ("floods-output", "enormous output"),
    ],
)
def test_each_hostile_submission_gets_a_report_line_and_a_defined_score(
    hostile_class, student, kind
):
    result = hostile_class[student]
    assert kind in _kinds(result), result.findings
    assert result.score is not None and 0 <= result.score <= (result.max_score or 0)


def test_restored_tests_still_grade_the_students_work(hostile_class):
    assert hostile_class["edits-test"].score == hostile_class["edits-test"].max_score
    assert hostile_class["renamed"].score == hostile_class["renamed"].max_score
    assert hostile_class["deletes-test"].score == 0  # blank work, and the put-back test fails it
    assert hostile_class["loops-top"].score < hostile_class["loops-top"].max_score


def test_the_report_names_every_student_and_the_gradebook_stays_whole(course, hostile_class):
    report = course / grading.REPORTS / f"{HOSTILE_ASSIGNMENT}-grading.csv"
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert {r["student"] for r in rows} == set(hostile_class)
    export = course / "grades.csv"
    nbgrader(course, "export", "--to", str(export))
    exported = {
        r["student_id"]
        for r in csv.DictReader(export.open())
        if r["assignment"] == HOSTILE_ASSIGNMENT
    }
    assert set(hostile_class) - {"malformed", "missing"} <= exported


def _hidden_asserts(assignment):
    source = json.loads((ROOT / "solutions" / assignment / notebook_name(assignment)).read_text())
    return [
        line.strip()
        for cell in source["cells"]
        if "BEGIN HIDDEN TESTS" in "".join(cell["source"])
        for line in "".join(cell["source"]).splitlines()
        if line.strip().startswith("assert")
    ]


def _feedback(course, assignment, *extra):
    nbgrader(course, "generate_feedback", assignment, "--student", "partial", "--force", *extra)
    path = course / "feedback" / "partial" / assignment / f"{assignment}.html"
    return path.read_text(encoding="utf-8")


def test_feedback_hides_hidden_tests_and_their_tracebacks(course, graded):
    assignment = ASSIGNMENTS[0]
    html = _feedback(course, assignment)
    hidden = _hidden_asserts(assignment)
    assert hidden, "the assignment should have hidden tests"
    assert "BEGIN HIDDEN TESTS" not in html
    for line in hidden:
        assert line not in html
    assert "did not pass" in html


def test_nbgraders_default_feedback_would_show_them(course, graded):
    """The guard above matters: without the course's preprocessor the hidden tests leak."""
    assignment = ASSIGNMENTS[0]
    html = _feedback(
        course, assignment, "--GenerateFeedback.preprocessors=['nbgrader.preprocessors.GetGrades']"
    )
    assert "BEGIN HIDDEN TESTS" in html


def test_a_resumed_run_grades_only_who_is_left_and_keeps_earlier_scores(course, graded):
    assignment = ASSIGNMENTS[1]
    done = course / "autograded" / "solution" / assignment / notebook_name(assignment)
    stamp = done.stat().st_mtime_ns
    submit(
        course, "late", assignment, fill(release(course, assignment), solution_answers(assignment))
    )
    results = {r.student: r for r in grading.grade_class(course, assignment, regrade=False)}
    assert done.stat().st_mtime_ns == stamp  # not graded twice
    assert results["solution"].score == graded[assignment]["solution"].score  # nothing lost
    assert results["late"].score == results["late"].max_score  # the one left was graded
    assert grading.already_graded(course, assignment, "late")

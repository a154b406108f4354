"""The teacher's commands on a copy of the course: release, grade, feedback, export, resume.

Every step runs the command the instructor guide gives (`make release`, `make grade`,
`make feedback`, `make export`), in a copy of the course with this checkout's environment.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess

import nbformat
import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import gradebook
from balancing_act.grading.cases import BY_HAND_FILE

from .grading_tools import (
    ASSIGNMENTS,
    course_copy,
    fill,
    make_grade,
    nbgrader,
    nbgrader_command,
    nbgrader_env,
    notebook_name,
    partial_answers,
    read_report,
    release,
    solution_answers,
    submit,
)
from .notebook_tools import ROOT

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]


def make(course, *args, env=None):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return course_copy(tmp_path_factory.mktemp("course"))


def _cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in notebook.cells]


def test_make_release_reproduces_the_committed_exercises(course):
    run = make(course, "release")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    for assignment in ASSIGNMENTS:
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
    """Every assignment graded with `make grade` for a right, a blank and a partly right student."""
    results = {}
    # The partly right answers are written for each assignment's first case (the course's own):
    # the teacher gives it to that student by hand, and the notebook names it.
    by_hand = [["assignment", "student", "case", "reason"]] + [
        [assignment, "partial", cases_of(assignment)[0].key, "the fixture's case"]
        for assignment in ASSIGNMENTS
        if cases_of(assignment)
    ]
    with (course / BY_HAND_FILE).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(by_hand)
    for assignment in ASSIGNMENTS:
        released = release(course, assignment)
        submit(course, "solution", assignment, fill(released, solution_answers(assignment)))
        submit(course, "blank", assignment, released)
        submit(course, "partial", assignment, fill(released, partial_answers(assignment)))
        run = make_grade(course, assignment)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        results[assignment] = read_report(course, assignment)
    return results


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_full_marks_blank_zero_partial_between(course, graded, assignment):
    report = graded[assignment]
    maximum = gradebook.scores(gradebook.db_url(course), assignment)["solution"][1]
    assert maximum and report["solution"]["score"] == maximum
    assert report["blank"]["score"] == 0
    assert 0 < report["partial"]["score"] < maximum
    assert all(not r["kinds"] for r in report.values()), report
    # The teacher reads what each handed in: never "ok" for the release handed back unchanged.
    assert report["blank"]["notes"] == {"nothing answered"}, report
    assert report["partial"]["notes"] <= {"answer missing"}, report
    assert report["solution"]["notes"] == set(), report


def _hidden_asserts(assignment):
    source = json.loads((ROOT / "solutions" / assignment / notebook_name(assignment)).read_text())
    return [
        line.strip()
        for cell in source["cells"]
        if "BEGIN HIDDEN TESTS" in "".join(cell["source"])
        for line in "".join(cell["source"]).splitlines()
        if line.strip().startswith("assert")
    ]


def external_resources(html: str) -> list[str]:
    """What a page fetches from the network when opened: scripts, styles, images, frames."""
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, flags=re.I)
    return [
        url
        for tag in tags
        for url in re.findall(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""", tag, re.I)
    ]


def test_make_feedback_shows_verdicts_but_no_hidden_test(course, graded):
    assignment = ASSIGNMENTS[0]
    run = make(course, "feedback", f"A={assignment}")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    html = (course / "feedback" / "partial" / assignment / f"{assignment}.html").read_text()
    hidden = _hidden_asserts(assignment)
    assert hidden, "the assignment should have hidden tests"
    assert "BEGIN HIDDEN TESTS" not in html and "hidden:" not in html
    for line in hidden:
        assert line not in html
    assert "did not pass" in html and "Hidden tests passed" in html
    assert external_resources(html) == [], "a feedback page must open offline"
    said = run.stdout + run.stderr
    assert not re.search(r"warn|not recognized", said, flags=re.I), said[-2000:]


def _partial_feedback(course, option: str) -> str:
    """The partly right student's feedback page for the first assignment, made by nbgrader
    itself with one setting changed (not through `make feedback`)."""
    assignment = ASSIGNMENTS[0]
    nbgrader(course, "generate_feedback", assignment, "--student", "partial", "--force", option)
    return (course / "feedback" / "partial" / assignment / f"{assignment}.html").read_text()


def test_the_offline_check_catches_nbgraders_own_feedback_page(course, graded):
    html = _partial_feedback(course, "--GenerateFeedback.exporter_class=nbconvert.HTMLExporter")
    assert any("mathjax" in url for url in external_resources(html))


def test_even_nbgraders_default_feedback_has_no_hidden_test_to_show(course, graded):
    """Hidden tests never enter the graded notebooks, so no preprocessor has to remove them."""
    html = _partial_feedback(
        course, "--GenerateFeedback.preprocessors=['nbgrader.preprocessors.GetGrades']"
    )
    for line in _hidden_asserts(ASSIGNMENTS[0]):
        assert line not in html


def test_make_export_writes_the_grades_the_report_gave(course, graded):
    run = make(course, "export")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    rows = list(csv.DictReader((course / "reports" / "grades.csv").open()))
    for assignment in ASSIGNMENTS:
        exported = {
            r["student_id"]: float(r["raw_score"]) for r in rows if r["assignment"] == assignment
        }
        for student in ("solution", "blank", "partial"):
            manual = 0.0  # the written answers are not marked yet
            assert exported[student] == graded[assignment][student]["score"] + manual


def test_a_resumed_run_grades_only_who_is_left_and_what_changed(course, graded):
    assignment = ASSIGNMENTS[1]
    marker = course / "autograded" / "solution" / assignment / gradebook.MARKER
    stamp = marker.stat().st_mtime_ns
    released = release(course, assignment)
    submit(course, "late", assignment, fill(released, solution_answers(assignment)))
    submit(course, "blank", assignment, fill(released, solution_answers(assignment)))  # resubmitted
    run = make_grade(course, assignment, "--resume")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = read_report(course, assignment)
    assert marker.stat().st_mtime_ns == stamp  # not graded twice
    assert (
        report["late"]["score"]
        == report["blank"]["score"]
        == graded[assignment]["solution"]["score"]
    )
    scores = gradebook.scores(gradebook.db_url(course), assignment)
    assert scores["solution"][0] == graded[assignment]["solution"]["score"]  # nothing lost
    assert "already graded" in (course / "reports" / f"{assignment}-grading.md").read_text()


def test_grading_one_student_leaves_the_others_alone(course, graded):
    assignment = ASSIGNMENTS[2]
    before = gradebook.scores(gradebook.db_url(course), assignment)
    run = make_grade(course, assignment, "--student", "partial")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert set(read_report(course, assignment)) == {"partial"}
    assert gradebook.scores(gradebook.db_url(course), assignment) == before


def test_without_bubblewrap_grading_runs_and_the_report_says_so_first(course, graded):
    assignment = ASSIGNMENTS[0]
    run = make(
        course,
        "grade",
        f"A={assignment}",
        "GRADE_ARGS=--student solution",
        env={"BALANCING_ACT_BWRAP": "/nonexistent/bwrap"},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = (course / "reports" / f"{assignment}-grading.md").read_text()
    assert report.splitlines()[0].startswith("**NOT ISOLATED")
    assert (
        read_report(course, assignment)["solution"]["score"]
        == graded[assignment]["solution"]["score"]
    )


def test_require_sandbox_refuses_to_grade_without_bubblewrap(course, graded):
    assignment = ASSIGNMENTS[0]
    report = course / "reports" / f"{assignment}-grading.md"
    before = report.read_text()
    run = make(
        course,
        "grade",
        f"A={assignment}",
        "GRADE_ARGS=--require-sandbox",
        env={"BALANCING_ACT_BWRAP": "/nonexistent/bwrap"},
    )
    assert run.returncode != 0
    assert "--require-sandbox" in run.stderr and "nothing was graded" in run.stderr
    assert report.read_text() == before


def test_a_stale_release_stops_grading_before_anyone_runs(tmp_path_factory):
    stale = course_copy(tmp_path_factory.mktemp("stale"))
    assignment = ASSIGNMENTS[0]
    path = stale / "exercises" / assignment / notebook_name(assignment)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source += "\nAn old sentence."
    nbformat.write(notebook, path)
    submit(stale, "someone", assignment, notebook)
    run = make_grade(stale, assignment)
    assert run.returncode != 0 and "make release" in run.stderr
    assert not (stale / "autograded").exists()


def test_nbgraders_own_autograder_refuses_and_points_to_make_grade(course, graded):
    """It would run the tests in the student's kernel (nbgrader's FAQ: not safe)."""
    assignment = ASSIGNMENTS[0]
    before = gradebook.scores(gradebook.db_url(course), assignment)
    run = subprocess.run(
        nbgrader_command("autograde", assignment, "--force"),
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
    )
    assert "make grade" in run.stdout + run.stderr
    assert gradebook.scores(gradebook.db_url(course), assignment) == before


def test_a_course_file_changed_during_grading_stops_with_an_alert(tmp_path_factory):
    """Without the sandbox a notebook can reach the course's files: the fingerprint catches it."""
    exposed = course_copy(tmp_path_factory.mktemp("alert-course"))
    assignment = ASSIGNMENTS[0]
    vandal = (
        "import os\n"
        "for root, dirs, files in os.walk('/tmp'):\n"
        "    if root.endswith('/data') and 'alert-course' in root and 'events.csv' in files:\n"
        "        open(os.path.join(root, 'events.csv'), 'a').write('\\n')\n"
    )
    released = release(exposed, assignment)
    submit(exposed, "vandal", assignment, fill(released, {"a1-russia": vandal}))
    run = make(
        exposed, "grade", f"A={assignment}", env={"BALANCING_ACT_BWRAP": "/nonexistent/bwrap"}
    )
    assert run.returncode != 0 and "ALERT: course files changed" in run.stderr
    report = (exposed / "reports" / f"{assignment}-grading.md").read_text()
    assert "ALERT" in report and "events.csv changed" in report

"""The verdict process's own budget and a workflow that holds, through the teacher's commands.

A course copy whose A3 has a hidden test that expands an answer (a range of years is welcome
there, and listed), released with `make release`; a class with honest students at both ends of
the alphabet, one whose answer of three numbers that test expands past the verdict's memory,
and one whose 60,000 event ids all hash alike (every test that makes a set of them would take
about 20 s of CPU). Both are scored for themselves alone, with their report lines, and the
honest students score full marks as in a clean run.

Then `--resume` (issue 20, item 8): a resubmission that changes only `timestamp.txt` is graded
again with its new time; after the teacher fixes a test's points (2 -> 1) and releases again,
every student is graded again against the new maximum, and no score exceeds it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from balancing_act.grading import gradebook, inspect
from balancing_act.grading.assignment import load

from .grading_tools import (
    course_copy,
    fill,
    make_grade,
    read_report,
    release,
    solution_answers,
    submit,
)

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

A1 = "a1-periods-timeline"
A3 = "a3-balance-index"
# Short limits: 10 s of CPU per test and a 256 MiB verdict keep the run quick and safe.
OPTIONS = ("--cell-timeout", "10", "--student-timeout", "45", "--verdict-memory-mib", "256")
SUBMITTED = "2026-12-01 10:00:00.000000 UTC"
RESUBMITTED = "2026-12-02 09:30:00.000000 UTC"

HIDDEN_LINE = (
    'assert [int(y) for y in yearly.index] == _expected["year"].tolist(), '
    '"hidden: yearly covers the wrong years"'
)
EXPANDING_LINE = (
    "_years = [int(y) for y in (yearly.index if isinstance(yearly, pd.Series) else yearly)]\n"
    'assert _years == _expected["year"].tolist(), "hidden: yearly covers the wrong years"'
)
# The answer of three numbers: the hidden test above lists it (40 million ints, over 1 GB).
EXPANDING_ANSWER = "\nyearly = range(1990, 1990 + 40_000_000)"
# Ids that all hash alike in CPython: multiples of 2**61 - 1, the modulus of int hashing. A
# set of 60,000 takes about 20 s of CPU. Given in the last answer cell: the answers leave the
# sandbox after every cell, and a table this size sent many times would hit the output limit.
COLLIDING_ANSWER = """
with_russia = pd.DataFrame({column: [0] * 60_000 for column in events.columns})
with_russia["id"] = [(2**61 - 1) * k for k in range(1, 60_001)]
"""


def _edit_solution_cell(course: Path, assignment: str, grade_id: str, edit) -> None:
    path = course / "solutions" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )
    edit(cell)
    nbformat.write(notebook, path)


def _make(course: Path, *args: str) -> None:
    run = subprocess.run(
        ["make", "--no-print-directory", *args], cwd=course, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def _hand_in(course: Path, student: str, assignment: str, changes: dict[str, str]) -> None:
    answers = solution_answers(assignment)
    for grade_id, extra in changes.items():
        answers[grade_id] += extra
    folder = submit(course, student, assignment, fill(release(course, assignment), answers))
    (folder / "timestamp.txt").write_text(SUBMITTED)


def _lines(course: Path, assignment: str, student: str) -> list[str]:
    markdown = (course / "reports" / f"{assignment}-grading.md").read_text(encoding="utf-8")
    return [line for line in markdown.splitlines() if line.startswith(f"| {student} |")]


def _gradebook(course: Path, assignment: str) -> dict[str, tuple[float, float]]:
    return gradebook.scores(gradebook.db_url(course), assignment)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("verdict-budget"))

    def expand(cell):
        assert HIDDEN_LINE in cell.source
        cell.source = cell.source.replace(HIDDEN_LINE, EXPANDING_LINE)

    _edit_solution_cell(course, A3, "a3-yearly-hidden-net", expand)
    _make(course, "release")
    for assignment in (A1, A3):
        for student in ("aaa-honest", "zzz-honest"):
            _hand_in(course, student, assignment, {})
    _hand_in(course, "colliding-ids", A1, {"a1-classify": COLLIDING_ANSWER})
    _hand_in(course, "expanding-answer", A3, {"a3-yearly": EXPANDING_ANSWER})
    return course


@pytest.fixture(scope="module")
def graded(course):
    runs = {assignment: make_grade(course, assignment, *OPTIONS) for assignment in (A1, A3)}
    for assignment, run in runs.items():
        assert run.returncode == 0, f"{assignment}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return {assignment: read_report(course, assignment) for assignment in (A1, A3)}


def test_the_crafted_hidden_test_expands_an_answer_and_the_solution_still_passes(course, graded):
    spec = load(course, A3).notebooks[0]
    test = next(t for t in spec.tests if t.grade_id == "a3-yearly-hidden-net")
    assert test.hidden and "else yearly)]" in test.source
    assert graded[A3]["aaa-honest"]["score"] == _gradebook(course, A3)["aaa-honest"][1]


def test_honest_students_score_full_marks_beside_the_hostile_ones(course, graded):
    for assignment in (A1, A3):
        maximum = _gradebook(course, assignment)["aaa-honest"][1]
        for student in ("aaa-honest", "zzz-honest"):
            assert graded[assignment][student] == {
                "score": maximum,
                "kinds": set(),
                "notes": set(),
            }, student
    assert graded[A1]["aaa-honest"]["score"] == 15


def test_an_answer_expanded_past_the_verdicts_memory_costs_that_test_alone(course, graded):
    got = graded[A3]["expanding-answer"]
    maximum = _gradebook(course, A3)["expanding-answer"][1]
    # yearly is not a Series (the visible check, worth 0 in a3) and the expansion ran out (1 point).
    assert got == {"score": maximum - 1, "kinds": {"verdict memory limit"}, "notes": set()}
    (line,) = [line for line in _lines(course, A3, "expanding-answer") if "verdict" in line]
    assert "a3-yearly-hidden-net" in line and "more memory than the 256 MiB" in line


def test_hash_colliding_ids_cost_the_tests_that_hash_them_alone(course, graded):
    got = graded[A1]["colliding-ids"]
    # The visible check (1 point) and the hidden test (2) make sets of the ids: each is stopped
    # by SIGXCPU at 10 s of CPU; every other test is judged and kept.
    assert got == {"score": 12, "kinds": {"verdict time limit"}, "notes": set()}
    lines = [line for line in _lines(course, A1, "colliding-ids") if "verdict time limit" in line]
    assert len(lines) == 2
    assert "a1-russia-check computed over 10 s of CPU time" in lines[0]
    assert "a1-russia-hidden computed over 10 s of CPU time" in lines[1]


def test_no_score_is_ever_stored_above_a_cells_maximum(course, graded):
    """The defensive cap where scores are written: a verdict worth 5 on a 1-point cell."""
    spec = load(course, A1)
    prepared = inspect.prepare(course, A1, "aaa-honest", spec.notebooks)
    notebook = spec.notebooks[0]
    outcome = gradebook.NotebookOutcome(
        prepared.notebooks[notebook.name],
        verdicts=[{"grade_id": t.grade_id, "points": 5.0} for t in notebook.tests],
    )
    url = gradebook.db_url(course)
    before = gradebook.scores(url, A1)["aaa-honest"]
    gradebook.record(url, spec, "aaa-honest", {notebook.name: outcome}, prepared.timestamp)
    after = gradebook.scores(url, A1)["aaa-honest"]
    assert before == after == (15.0, 15.0)


def _submission_time(course: Path, assignment: str, student: str) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(gradebook.db_url(course)) as book:
        return book.find_submission(assignment, student).timestamp.strftime("%Y-%m-%d %H:%M")


def test_resume_grades_again_a_resubmission_that_changed_only_its_time(course, graded):
    assert _submission_time(course, A1, "zzz-honest") == "2026-12-01 10:00"
    markers = {
        s: course / "autograded" / s / A1 / gradebook.MARKER for s in ("aaa-honest", "zzz-honest")
    }
    stamps = {s: m.stat().st_mtime_ns for s, m in markers.items()}
    (course / "submitted" / "zzz-honest" / A1 / "timestamp.txt").write_text(RESUBMITTED)
    run = make_grade(course, A1, *OPTIONS, "--resume")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert _submission_time(course, A1, "zzz-honest") == "2026-12-02 09:30"
    assert markers["zzz-honest"].stat().st_mtime_ns != stamps["zzz-honest"]
    # The control: an unchanged submission is not graded again.
    assert markers["aaa-honest"].stat().st_mtime_ns == stamps["aaa-honest"]
    assert "already graded" in _lines(course, A1, "aaa-honest")[0]
    assert "already graded" not in _lines(course, A1, "zzz-honest")[0]
    assert read_report(course, A1)["zzz-honest"]["score"] == 15


def test_resume_after_a_test_is_fixed_grades_everyone_against_the_new_maximum(course, graded):
    def fewer_points(cell):
        assert cell.metadata.nbgrader["points"] == 2
        cell.metadata.nbgrader["points"] = 1

    _edit_solution_cell(course, A1, "a1-russia-hidden", fewer_points)
    _make(course, "release")
    run = make_grade(course, A1, *OPTIONS, "--resume")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    markdown = (course / "reports" / f"{A1}-grading.md").read_text(encoding="utf-8")
    assert "The assignment's tests changed since the last run: 3 students" in markdown
    assert "already graded" not in markdown
    scores = _gradebook(course, A1)
    assert scores["aaa-honest"] == scores["zzz-honest"] == (14.0, 14.0)
    assert scores["colliding-ids"] == (12.0, 14.0)  # 14 less the two tests stopped
    assert all(score <= maximum for score, maximum in scores.values())
    report = read_report(course, A1)
    assert {s: report[s]["score"] for s in scores} == {s: v[0] for s, v in scores.items()}
    graded_marker = course / "autograded" / "aaa-honest" / A1 / gradebook.MARKER
    assert json.loads(graded_marker.read_text())["tests"] == gradebook.tests_digest(
        load(course, A1)
    )

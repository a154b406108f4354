"""Graded for the student who submitted: `make grade` on a class where half copy a classmate
with another case.

Honest students hand in the solution run on their own case; copiers hand in a classmate's
notebook whole (it computes the classmate's case); a student who typed another case's key by
mistake is the honest wrong answer the copiers are measured against; a student given a case by
hand is graded on it, and the same notebook from a student without that row is not. Then
`make feedback` shows each student the case they were graded on.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import cases as class_cases

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

"""The grading report's picture of the class, on a small class written through nbgrader's API.

Each student's verdicts are set out in ``CLASS`` below; the expected pass rates and message
counts are computed here from that table, independently of :mod:`balancing_act.grading.picture`,
which reads them back from the gradebook and the graded notebooks' verdicts. (The hostile class
in test_grading_hostile_class.py checks the same on a real `make grade` run.)
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from collections import Counter
from pathlib import Path

import pytest

from balancing_act.grading import picture, report
from balancing_act.grading.assignment import AssignmentSpec, GradedTest, NotebookSpec
from balancing_act.grading.gradebook import MARKER
from balancing_act.grading.grader import ClassResult, StudentResult

from .notebook_tools import ROOT

A = "a1-periods-timeline"
TESTS = [  # grade id, points, hidden
    ("t1-check", 1.0, False),
    ("t1-hidden", 2.0, True),
    ("t2-check", 1.0, False),
]
SHOUT = "<script>alert('x')</script>"
# student -> {test: message, or None when it passed}
CLASS = {
    "amina": {"t1-check": None, "t1-hidden": None, "t2-check": None},
    "bob": {
        "t1-check": "AssertionError: keep every column",
        "t1-hidden": "hidden: secret",
        "t2-check": None,
    },
    "chen": {
        "t1-check": "AssertionError: keep every column",
        "t1-hidden": None,
        "t2-check": "NameError: x",
    },
    SHOUT: {
        "t1-check": "AssertionError: keep every column",
        "t1-hidden": "hidden: secret",
        "t2-check": None,
    },
}
NOT_SUBMITTED = "dilara"


def _spec() -> AssignmentSpec:
    tests = [GradedTest(g, p, "", hidden, ()) for g, p, hidden in TESTS]
    return AssignmentSpec(A, [NotebookSpec(f"{A}.ipynb", None, None, tests=tests)])


def _class(course: Path) -> str:
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    shutil.copy(ROOT / "nbgrader_config.py", course)
    url = f"sqlite:///{course / 'gradebook.db'}"
    points = {g: p for g, p, _ in TESTS}
    with Gradebook(url) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_assignment(A)
        gradebook.update_or_create_notebook(A, A)
        for grade_id, maximum, _ in TESTS:
            gradebook.update_or_create_grade_cell(
                grade_id, A, A, max_score=maximum, cell_type="code"
            )
        gradebook.update_or_create_student(NOT_SUBMITTED)
        for student, verdicts in CLASS.items():
            gradebook.update_or_create_student(student)
            gradebook.add_submission(A, student)
            for grade in gradebook.find_submission_notebook(A, A, student).grades:
                grade.auto_score = points[grade.name] if verdicts[grade.name] is None else 0.0
                grade.needs_manual_grade = False
            folder = course / "autograded" / student / A
            folder.mkdir(parents=True)
            marker = {
                "digest": "x",
                "verdicts": {
                    f"{A}.ipynb": [
                        {
                            "grade_id": g,
                            "hidden": h,
                            "passed": verdicts[g] is None,
                            "message": verdicts[g] or "",
                        }
                        for g, _, h in TESTS
                    ]
                },
            }
            (folder / MARKER).write_text(json.dumps(marker), encoding="utf-8")
        gradebook.db.commit()
    return url


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("class")
    url = _class(course)
    drawn = picture.read(course, _spec(), url)
    outcome = ClassResult(
        assignment=A,
        sandbox_summary="Isolated: each submission ran in bubblewrap (test)",
        isolated=True,
        students=[StudentResult(s, score=0.0, max_score=4.0) for s in CLASS],
        refused=[],
        report_path=report.markdown_path(course, A),
        picture=drawn,
    )
    report.write(course, outcome)
    return {
        "course": course,
        "picture": drawn,
        "markdown": report.markdown_path(course, A).read_text(encoding="utf-8"),
        "html": report.html_path(course, A).read_text(encoding="utf-8"),
    }


def test_pass_rates_match_the_class_table(graded):
    expected = {
        grade_id: sum(verdicts[grade_id] is None for verdicts in CLASS.values()) / len(CLASS)
        for grade_id, _, _ in TESTS
    }
    got = {item.grade_id: item.rate for item in graded["picture"].items}
    assert got == expected
    assert [item.grade_id for item in graded["picture"].items] == [g for g, _, _ in TESTS]
    assert all(item.students == len(CLASS) for item in graded["picture"].items)  # dilara not


def test_scores_are_the_autograded_points_of_the_submitted_students(graded):
    points = {g: p for g, p, _ in TESTS}
    expected = {s: sum(points[g] for g, m in v.items() if m is None) for s, v in CLASS.items()}
    assert graded["picture"].scores == expected


def test_messages_are_the_visible_tests_counted_by_student_and_hidden_ones_never(graded):
    expected = Counter(
        (g, m)
        for v in CLASS.values()
        for g, m in v.items()
        if m and not dict((t, h) for t, _, h in TESTS)[g]
    )
    # In the teacher's words (balancing_act/grading/phrasing.py), not the student's advice.
    teacher = {
        "AssertionError: keep every column": 'wrong answer; the student was told "keep every column"',
        "NameError: x": "answer missing: x",  # a verdict kept before "missing" was recorded
    }
    got = {(m.grade_id, m.message): m.students for m in graded["picture"].messages}
    assert got == {(g, teacher[m]): n for (g, m), n in expected.items()}
    assert graded["picture"].messages[0].message == teacher["AssertionError: keep every column"]
    for text in (graded["markdown"], graded["html"]):
        assert "secret" not in text


def test_the_report_has_three_charts_with_descriptions_as_files_and_inline(graded):
    course, markdown, html = graded["course"], graded["markdown"], graded["html"]
    assert "## The class at a glance" in markdown
    links = re.findall(r"!\[[^\]]+\]\(([^)]+\.svg)\)", markdown)
    assert links == [f"{A}-grading/{name}.svg" for name in ("scores", "tests", "messages")]
    for link in links:
        svg = (course / "reports" / link).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "<path" in svg
    assert html.count("<figure") == 3 and html.count("<svg") == 3
    for description in re.findall(r"<figcaption>(.*?)</figcaption>", html):
        assert description.startswith("Bar chart of")
    assert "t1-check (25%)" in markdown  # the least passed test is named in the description
    assert "| t1-check | a1-periods-timeline | visible test | 1 | 1 / 4 | 25% |" in markdown


def test_the_charts_are_in_the_course_theme(graded):
    svg = (graded["course"] / "reports" / f"{A}-grading" / "tests.svg").read_text()
    assert "#56B4E9" in svg.upper() or "#56b4e9" in svg  # Okabe & Ito's sky blue: visible tests
    assert "Share of the class passing each test" in svg


def test_the_html_twin_runs_and_loads_nothing_and_escapes_student_names(graded):
    html = graded["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "default-src 'none'" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", html)
    assert "<script>" not in graded["markdown"]


def test_a_chart_without_a_description_is_refused():
    import altair as alt

    with pytest.raises(ValueError, match="description"):
        picture._svg("empty", alt.Chart().mark_bar(), "A title", " ")


def test_an_empty_class_gets_sentences_not_charts():
    empty = picture.ClassPicture(A, 4.0)
    assert picture.charts(empty) == []
    assert picture.describe_scores(empty) == "No student has been graded yet."
    assert picture.describe_messages(empty) == "No visible test failed for any student."

"""The grading report speaks to the teacher: "nothing answered", "answer missing", never "ok" for
a blank notebook, and never the student's advice ("run the cells above") as a reason.

The fast layer: the release and the verdict process's own `run_tests` on assignment a1, and the
report written from grading results and kept verdicts (no sandbox, no nbgrader command). The
sandboxed round trip (test_nbgrader_roundtrip.py) checks the same on a real `make grade`.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import warnings

import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import inspect, phrasing, picture, report, verdicts
from balancing_act.grading.assignment import load
from balancing_act.grading.findings import Finding, Kind
from balancing_act.grading.gradebook import MARKER
from balancing_act.grading.grader import ClassResult, StudentResult

from .grading_tools import ASSIGNMENTS, fill, release, solution_answers, submit, with_case
from .notebook_tools import ROOT

A1 = "a1-periods-timeline"
NB = f"{A1}.ipynb"
ADVICE = "not defined yet: run the cells above"


@pytest.fixture(scope="module")
def spec():
    return load(ROOT, A1).notebooks[0]


# --- what the submission answered, read before anything runs --------------------------------


def _answered(tmp_path, student, notebook, spec) -> bool:
    submit(tmp_path, student, A1, notebook)
    prepared = inspect.prepare(tmp_path, A1, student, [spec])
    return prepared.notebooks[NB].answered


def test_the_release_handed_in_unchanged_answered_nothing(tmp_path, spec):
    released = release(ROOT, A1)
    assert _answered(tmp_path, "blank", released, spec) is False
    # Blank lines and trailing spaces added to an answer cell are not an answer either.
    spaced = fill(released, {"a1-russia": released.cells[_index(released, "a1-russia")].source})
    spaced.cells[_index(spaced, "a1-russia")].source += "\n\n   "
    assert _answered(tmp_path, "spaces", spaced, spec) is False


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignments_release_handed_in_unchanged_answered_nothing(tmp_path, assignment):
    """A release's own ungraded code cells (examples to run) are not the student's answers."""
    notebook_spec = load(ROOT, assignment).notebooks[0]
    submit(tmp_path, "blank", assignment, release(ROOT, assignment))
    prepared = inspect.prepare(tmp_path, assignment, "blank", [notebook_spec])
    assert prepared.notebooks[notebook_spec.name].answered is False
    for key in [case.key for case in cases_of(assignment)][:1]:  # naming one's case is no answer
        submit(tmp_path, "case-only", assignment, with_case(release(ROOT, assignment), key))
        prepared = inspect.prepare(tmp_path, assignment, "case-only", [notebook_spec])
        assert prepared.notebooks[notebook_spec.name].answered is False
        more = with_case(release(ROOT, assignment), key)
        for cell in more.cells:
            if cell.source.startswith("MY_CASE"):
                cell.source += "\nanswer = 1"
        submit(tmp_path, "case-and-code", assignment, more)
        prepared = inspect.prepare(tmp_path, assignment, "case-and-code", [notebook_spec])
        assert prepared.notebooks[notebook_spec.name].answered is True
    answers = solution_answers(assignment)
    submit(tmp_path, "right", assignment, fill(release(ROOT, assignment), answers))
    prepared = inspect.prepare(tmp_path, assignment, "right", [notebook_spec])
    assert prepared.notebooks[notebook_spec.name].answered is True


def test_one_answer_or_a_code_cell_of_ones_own_is_an_answer(tmp_path, spec):
    released = release(ROOT, A1)
    one = fill(released, {"a1-russia": solution_answers(A1)["a1-russia"]})
    assert _answered(tmp_path, "one", one, spec) is True
    import nbformat

    own = release(ROOT, A1)
    own.cells.insert(3, nbformat.v4.new_code_cell("with_russia = events.head(0)"))
    assert _answered(tmp_path, "own-cell", own, spec) is True


def _index(notebook, grade_id):
    return next(
        i
        for i, c in enumerate(notebook.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


# --- the verdicts name the answers never defined ----------------------------------------------


def test_each_failed_verdict_lists_the_answers_it_needed_and_never_got(spec):
    import balancing_act as ba

    base = verdicts.setup_namespace(spec)
    results = verdicts.run_tests(spec, dict(base))
    needs = {test.grade_id: list(test.answers) for test in spec.tests}
    assert results and all(not r["passed"] for r in results)
    assert all(r["missing"] == needs[r["grade_id"]] for r in results)
    # With one answer given (wrong), its tests fail without naming it missing.
    namespace = dict(base, with_russia=ba.load_events().head(0))
    given = {r["grade_id"]: r for r in verdicts.run_tests(spec, namespace)}
    for test in spec.tests:
        if "with_russia" in test.answers and not given[test.grade_id]["passed"]:
            assert "with_russia" not in given[test.grade_id]["missing"]


# --- the teacher's words for one verdict ------------------------------------------------------


@pytest.mark.parametrize(
    "verdict, answered, expected",
    [
        ({"message": f"AssertionError: x is {ADVICE}"}, False, "nothing answered: "),
        (
            {"message": f"AssertionError: x is {ADVICE}", "missing": ["x"]},
            True,
            "answer missing: x was never defined",
        ),
        (
            {"message": "NameError: x is not defined. Did...", "missing": ["x", "y"]},
            True,
            "answer missing: x, y were never defined",
        ),
        ({"message": "the test ran over 180 s", "budget": "time"}, True, "judging stopped: "),
        ({"message": "AnswerRaised: f raised ValueError: no"}, True, "function failed: f raised"),
        (
            {"message": "AssertionError: you measured from 2015"},
            True,
            'wrong answer; the student was told "you measured from 2015"',
        ),
        ({"message": "TypeError: unsupported operand"}, True, "answer unusable: TypeError"),
    ],
)
def test_a_failed_test_is_named_by_what_happened_to_the_answer(verdict, answered, expected):
    said = phrasing.teacher_message(verdict, answered)
    assert said.startswith(expected), said
    assert ADVICE not in said


# --- the report's lines -----------------------------------------------------------------------


def _outcome(course, students, picture_=None) -> ClassResult:
    return ClassResult(
        assignment=A1,
        sandbox_summary="Isolated: each submission ran in bubblewrap (test)",
        isolated=True,
        students=students,
        refused=[],
        report_path=report.markdown_path(course, A1),
        picture=picture_,
    )


def _class_results() -> list[StudentResult]:
    return [
        StudentResult("full", score=15.0, max_score=15.0, answered={NB: True}),
        StudentResult(
            "blank",
            score=0.0,
            max_score=15.0,
            answered={NB: False},
            missing={NB: ["by_period", "with_russia"]},
        ),
        StudentResult(
            "partial", score=6.0, max_score=15.0, answered={NB: True}, missing={NB: ["by_period"]}
        ),
        # A stopped run already says why its answers are absent: no note repeats it.
        StudentResult(
            "stopped",
            findings=[Finding("stopped", NB, Kind.TIME_LIMIT, "over 60 s")],
            score=0.0,
            max_score=15.0,
            answered={NB: True},
            missing={NB: ["with_russia"]},
        ),
    ]


def _lines(markdown: str) -> dict[str, list[str]]:
    """The student table's lines, by student: each line's finding column."""
    lines: dict[str, list[str]] = {}
    for row in re.findall(r"^\|.*\|$", markdown, flags=re.M):
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("student", "---"):
            lines.setdefault(cells[0], []).append(cells[3])
    return lines


def check_blank_and_missing_reported(markdown: str) -> None:
    """The guard: a blank notebook reads "nothing answered", never "ok"; a partial one names
    its missing answers; the student's advice is nowhere in the report."""
    lines = _lines(markdown)
    assert lines["blank"] == ["nothing answered"], lines
    assert lines["partial"] == ["answer missing"], lines
    assert lines["full"] == ["ok"], lines
    assert lines["stopped"] == ["time limit"], lines
    assert "by\\_period was never defined" in markdown  # escaped: never Markdown emphasis
    assert "1 handed in nothing answered" in markdown
    assert ADVICE not in markdown


def test_a_blank_notebook_is_nothing_answered_and_a_partial_one_names_what_is_missing(tmp_path):
    report.write(tmp_path, _outcome(tmp_path, _class_results()))
    check_blank_and_missing_reported(report.markdown_path(tmp_path, A1).read_text())
    with (tmp_path / "reports" / f"{A1}-grading.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["blank"]["finding"] == "nothing answered"
    assert rows["partial"]["finding"] == "answer missing"
    assert rows["partial"]["detail"].startswith("by_period was never defined")
    assert rows["full"]["finding"] == ""


def test_the_check_catches_a_report_that_calls_a_blank_notebook_ok(tmp_path, monkeypatch):
    monkeypatch.setattr(phrasing, "answer_notes", lambda *args: [])
    report.write(tmp_path, _outcome(tmp_path, _class_results()))
    markdown = report.markdown_path(tmp_path, A1).read_text()
    assert "| blank | 0 / 15 | | ok | |" in markdown
    with pytest.raises(AssertionError):
        check_blank_and_missing_reported(markdown)


# --- the class picture's reasons, from the verdicts kept beside the graded notebooks -----------

# student -> (answered, {test: (message the student read, missing names)}); None: passed
KEPT = {
    "blank": (
        False,
        {
            "t1-check": (f"AssertionError: with_russia is {ADVICE} first", ["with_russia"]),
            "t2-check": (f"AssertionError: by_period is {ADVICE} first", ["by_period"]),
        },
    ),
    "partial": (
        True,
        {
            "t1-check": None,
            "t2-check": (f"AssertionError: by_period is {ADVICE} first", ["by_period"]),
        },
    ),
    "wrong": (
        True,
        {"t1-check": ("AssertionError: keep every column", []), "t2-check": None},
    ),
}


def _kept_class(course) -> str:
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    shutil.copy(ROOT / "nbgrader_config.py", course)
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_assignment(A1)
        gradebook.update_or_create_notebook(A1, A1)
        for grade_id in ("t1-check", "t2-check"):
            gradebook.update_or_create_grade_cell(grade_id, A1, A1, max_score=1.0, cell_type="code")
        for student, (answered, tests) in KEPT.items():
            gradebook.update_or_create_student(student)
            gradebook.add_submission(A1, student)
            for grade in gradebook.find_submission_notebook(A1, A1, student).grades:
                grade.auto_score = 1.0 if tests[grade.name] is None else 0.0
                grade.needs_manual_grade = False
            folder = course / "autograded" / student / A1
            folder.mkdir(parents=True)
            kept = [
                {
                    "grade_id": g,
                    "hidden": False,
                    "passed": t is None,
                    "message": t[0] if t else "",
                    "missing": t[1] if t else [],
                }
                for g, t in tests.items()
            ]
            marker = {"digest": "x", "verdicts": {NB: kept}, "answered": {NB: answered}}
            (folder / MARKER).write_text(json.dumps(marker), encoding="utf-8")
        gradebook.db.commit()
    return url


def _read_picture(course):
    from balancing_act.grading.assignment import AssignmentSpec, GradedTest, NotebookSpec

    tests = [GradedTest(g, 1.0, "", False, ()) for g in ("t1-check", "t2-check")]
    spec_ = AssignmentSpec(A1, [NotebookSpec(NB, None, None, tests=tests)])
    return picture.read(course, spec_, _kept_class(course))


def check_reasons_in_teacher_words(drawn, markdown: str) -> None:
    got = {(m.grade_id, m.message): m.students for m in drawn.messages}
    assert got == {
        ("t1-check", "nothing answered: the notebook is the release, unchanged"): 1,
        ("t2-check", "nothing answered: the notebook is the release, unchanged"): 1,
        ("t2-check", "answer missing: by_period was never defined"): 1,
        ("t1-check", 'wrong answer; the student was told "keep every column"'): 1,
    }, got
    section = markdown.split("### Why visible tests failed")[1]
    assert "| t2-check | answer missing: by\\_period was never defined | 1 |" in section
    assert ADVICE not in section


def test_the_class_picture_gives_each_failure_in_the_teachers_words(tmp_path):
    drawn = _read_picture(tmp_path)
    report.write(tmp_path, _outcome(tmp_path, _class_results(), drawn))
    check_reasons_in_teacher_words(drawn, report.markdown_path(tmp_path, A1).read_text())


def test_the_check_catches_the_students_advice_as_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(picture, "teacher_message", lambda verdict, answered: verdict["message"])
    drawn = _read_picture(tmp_path)
    report.write(tmp_path, _outcome(tmp_path, _class_results(), drawn))
    with pytest.raises(AssertionError):
        check_reasons_in_teacher_words(drawn, report.markdown_path(tmp_path, A1).read_text())

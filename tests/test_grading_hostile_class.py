"""A hostile class graded with the teacher's own command, `make grade`, beside a clean run.

Every cheat in ``hostile_class`` is graded in one class with honest students at both ends of
the alphabet. The honest students and the cheats' controls are also graded alone, in a clean
course. Then: honest scores equal the clean run; each cheat scores no more than its control
(exactly its expected score where one is known) with its report lines; refused folders are
refused clearly; no course file changes; no process a student started outlives grading; the
gradebook holds what the report says; the report's picture of the class shows the pass rates
that the students' own results add up to.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path

import nbformat
import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import escaping, gradebook
from balancing_act.grading.sandbox import detect

from .grading_tools import course_copy, make_grade, read_report, release, submit
from .hostile_class import A1, A3, DAEMON_MARK, Case, a1_cases, a3_cases, odd_honest_cases

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

# Short limits keep the class quick (an honest notebook runs in about two seconds), with room
# for a loaded machine: a cheat cut short by a timeout would test nothing.
OPTIONS = ("--cell-timeout", "10", "--student-timeout", "45")


def _place(course: Path, case: Case) -> None:
    student_dir = course / "submitted" / case.student
    if case.link_to:
        student_dir.parent.mkdir(parents=True, exist_ok=True)
        student_dir.symlink_to(case.link_to)
        return
    folder = student_dir / case.assignment
    folder.mkdir(parents=True, exist_ok=True)
    name = case.notebook_name or f"{case.assignment}.ipynb"
    if isinstance(case.notebook, str):
        submit(course, case.student, case.assignment, raw=case.notebook, name=name)
    elif case.notebook is not None:
        submit(course, case.student, case.assignment, case.notebook, name=name)
    for relative, text in case.extra_files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if case.setup is not None:
        case.setup(folder)


def _fingerprint(course: Path) -> dict[str, str]:
    watched = [
        course / "data",
        course / "solutions",
        course / "exercises",
        course / "balancing_act",
    ]
    watched.append(Path(gradebook.__file__).resolve().parent.parent)  # the package graded with
    hashes = {}
    for root in watched:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    hashes["nbgrader_config.py"] = hashlib.sha256(
        (course / "nbgrader_config.py").read_bytes()
    ).hexdigest()
    return hashes


def _survivors() -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if DAEMON_MARK in command and "pytest" not in command:
                found.append(f"{pid}: {command[:120]}")
    return found


def _cases(course: Path) -> list[Case]:
    released = release(course, A1)
    return a1_cases(released) + odd_honest_cases(released) + a3_cases(release(course, A3))


def _drop_large_submissions(course: Path) -> None:
    """The class's generated 200 MB notebook is not kept in pytest's temporary folders."""
    for path in (course / "submitted").rglob("*.ipynb"):
        if path.is_file() and path.stat().st_size > 32 * 2**20:
            path.unlink()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    hostile = course_copy(tmp_path_factory.mktemp("hostile"))
    clean = course_copy(tmp_path_factory.mktemp("clean"))
    cases = _cases(hostile)
    for case in cases:
        _place(hostile, case)
        if case.honest:
            _place(clean, case)
    before = _fingerprint(hostile)
    runs = {}
    for assignment in (A1, A3):
        runs[assignment] = make_grade(hostile, assignment, *OPTIONS)
        runs[f"clean {assignment}"] = make_grade(clean, assignment, *OPTIONS)
    after = _fingerprint(hostile)
    _drop_large_submissions(hostile)
    return {
        "cases": cases,
        "runs": runs,
        "hostile": {a: read_report(hostile, a) for a in (A1, A3)},
        "clean": {a: read_report(clean, a) for a in (A1, A3)},
        "markdown": {a: (hostile / "reports" / f"{a}-grading.md").read_text() for a in (A1, A3)},
        "changed": sorted(k for k in before if before[k] != after.get(k)),
        "survivors": _survivors(),
        "course": hostile,
    }


def test_the_class_is_large_and_varied(graded):
    cheats = [c for c in graded["cases"] if c.control or c.refused]
    assert len(cheats) >= 30, len(cheats)


def test_make_grade_succeeds_and_says_the_class_was_isolated(graded):
    for name, run in graded["runs"].items():
        assert run.returncode == 0, f"{name}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    for markdown in graded["markdown"].values():
        assert markdown.splitlines()[0].startswith("# Grading report")
        assert "Isolated: each submission ran in bubblewrap" in markdown


def test_honest_students_score_as_in_a_clean_run(graded):
    for case in graded["cases"]:
        if not case.honest:
            continue
        hostile = graded["hostile"][case.assignment][case.student]
        clean = graded["clean"][case.assignment][case.student]
        assert hostile["score"] == clean["score"], case.student
        assert not hostile["kinds"], (case.student, hostile["kinds"])
        if case.score is not None:
            assert hostile["score"] == case.score, case.student
    assert graded["hostile"][A1]["aaa-honest"]["score"] == 15
    assert graded["hostile"][A1]["zzz-honest"]["score"] == 15


def _cheats(graded):
    return [c for c in graded["cases"] if c.control]


def test_every_cheat_scores_no_more_than_its_control_with_its_report_lines(graded):
    memory_is_caged = detect().cgroups is not None
    problems = []
    for case in _cheats(graded):
        got = graded["hostile"][case.assignment].get(case.student)
        control = graded["clean"][case.assignment][case.control]
        if got is None:
            problems.append(f"{case.student}: not in the report")
            continue
        expected = set(case.kinds)
        if case.student == "memory-hog" and not memory_is_caged:
            expected.discard("memory limit")  # per-process limits: a MemoryError, no finding
        if got["score"] is None or got["score"] > control["score"]:
            problems.append(f"{case.student}: {got['score']} > control {control['score']}")
        if case.score is not None and got["score"] != case.score:
            problems.append(f"{case.student}: scored {got['score']}, expected {case.score}")
        if got["kinds"] != expected:
            problems.append(
                f"{case.student}: report says {sorted(got['kinds'])}, expected {sorted(expected)}"
            )
    assert not problems, "\n".join(problems)


def test_refused_folders_are_named_with_the_reason_and_get_no_grade(graded):
    course = graded["course"]
    markdown = graded["markdown"][A1]
    url = gradebook.db_url(course)
    graded_ids = set(gradebook.scores(url, A1))
    for case in graded["cases"]:
        if case.refused:
            assert f"submitted/{escaping.markdown(case.student)}: " in markdown, case.student
            assert case.student not in graded_ids


def test_every_accepted_student_has_a_gradebook_entry_matching_the_report(graded):
    course = graded["course"]
    for assignment in (A1, A3):
        table = gradebook.scores(gradebook.db_url(course), assignment)
        for case in graded["cases"]:
            if case.assignment != assignment or case.refused:
                continue
            assert case.student in table, case.student
            assert table[case.student][0] == graded["hostile"][assignment][case.student]["score"]


def test_no_course_file_changed(graded):
    assert graded["changed"] == []
    for markdown in graded["markdown"].values():
        assert "ALERT" not in markdown


def test_no_process_a_student_started_outlives_grading(graded):
    assert graded["survivors"] == []


def test_hidden_tests_never_reach_a_graded_notebook(graded):
    course = graded["course"]
    for path in (course / "autograded").rglob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in text and "hidden:" not in text, path
        nbformat.validate(nbformat.reads(text, as_version=4))


def _full_marks_from_the_gradebook(course: Path, assignment: str) -> dict[str, tuple[int, int]]:
    """Per test cell: (students with its full points, students graded), by plain SQL."""
    query = """
        select base_cell.name, grade.auto_score, grade_cells.max_score
        from grade
        join base_cell on base_cell.id = grade.cell_id
        join grade_cells on grade_cells.id = grade.cell_id
        join submitted_notebook on submitted_notebook.id = grade.notebook_id
        join submitted_assignment on submitted_assignment.id = submitted_notebook.assignment_id
        join assignment on assignment.id = submitted_assignment.assignment_id
        where assignment.name = ? and grade_cells.cell_type = 'code'
    """
    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute(query, (assignment,)).fetchall()
        graded = db.execute(
            "select count(*) from submitted_assignment join assignment on "
            "assignment.id = submitted_assignment.assignment_id where assignment.name = ?",
            (assignment,),
        ).fetchone()[0]
    passed: dict[str, int] = {}
    for name, score, maximum in rows:
        if not maximum:
            continue  # a test worth 0 scores 0 whether it passed or not: the gradebook cannot tell
        passed[name] = passed.get(name, 0) + int(score is not None and score >= maximum)
    return {name: (n, graded) for name, n in passed.items()}


def _passed_in_the_graded_notebooks(course: Path, assignment: str, students) -> dict[str, int]:
    """Per test cell: students whose graded notebook shows it passed (no error, no "did not
    pass"); a student without a graded notebook passed nothing."""
    passed: dict[str, int] = {}
    for student in students:
        path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
        if not path.exists():
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not meta.get("grade") or cell["cell_type"] != "code":
                continue
            failed = any(
                o["output_type"] == "error" or "did not pass" in "".join(o.get("text", ""))
                for o in cell["outputs"]
            )
            passed[meta["grade_id"]] = passed.get(meta["grade_id"], 0) + (not failed)
    return passed


PASS_RATE_ROW = re.compile(
    r"^\| (\S+) \| [^|]+ \| (?:visible|hidden) test \| [^|]+ \| (\d+) / (\d+) \| (\d+)% \|$",
    re.MULTILINE,
)


def test_the_report_pictures_the_class_with_the_pass_rates_its_results_add_up_to(graded):
    course = graded["course"]
    for assignment in (A1, A3):
        markdown = graded["markdown"][assignment]
        reported = {
            test: (int(passed), int(students), int(percent))
            for test, passed, students, percent in PASS_RATE_ROW.findall(markdown)
        }
        from_gradebook = _full_marks_from_the_gradebook(course, assignment)
        marked = {t: r[:2] for t, r in reported.items() if t in from_gradebook}
        assert marked == from_gradebook, assignment  # tests worth 0: from the notebooks below
        students = [
            c.student for c in graded["cases"] if c.assignment == assignment and not c.refused
        ]
        assert all(r[1] == len(students) for r in reported.values()), assignment
        from_notebooks = _passed_in_the_graded_notebooks(course, assignment, students)
        assert {t: r[0] for t, r in reported.items()} == {
            t: from_notebooks.get(t, 0) for t in reported
        }, assignment
        for passed, total, percent in reported.values():
            assert percent == round(100 * passed / total)
        # The charts: SVG files beside the report and drawn into its HTML twin, described.
        # An assignment with cases adds the scores by case.
        links = re.findall(r"!\[[^\]]+\]\(([^)]+\.svg)\)", markdown)
        charts = 4 if cases_of(assignment) else 3
        assert len(links) == charts, links
        for link in links:
            assert (course / "reports" / link).read_text(encoding="utf-8").startswith("<svg")
        html = (course / "reports" / f"{assignment}-grading.html").read_text(encoding="utf-8")
        assert html.count("<svg") == charts and html.count("<figcaption>") == charts
        assert "<script" not in html


# --- Odd but honest notebooks: the old behaviour planted ----------------------------------------

# The call as it was, on one line, in place of the current one.
OLD_EXPORT_CALL = (
    "\"__import__('balancing_act.grading.answers', fromlist=['publish'])\" "
    'f".publish(globals(), {names!r}, {calls_path!r}, fresh={fresh!r})"'
)


def test_with_the_old_export_call_planted_the_import_tracer_scores_0_and_is_reported(
    tmp_path_factory,
):
    """The grader used to take the answers with a keyword call to the notebook's own
    ``__import__``: planted back in a copy of the course, the honest student who traces imports
    scores 0 (as the reviewer found), and the report says why instead of "ok"."""
    course = course_copy(tmp_path_factory.mktemp("planted-old-export"))
    run_py = course / "balancing_act" / "grading" / "run.py"
    current = 'f"{answer_data.KERNEL_NAME}(globals(), {names!r}, {calls_path!r}, fresh={fresh!r})"'
    text = run_py.read_text(encoding="utf-8")
    assert current in text
    run_py.write_text(text.replace(current, OLD_EXPORT_CALL), encoding="utf-8")
    released = release(course, A1)
    tracer = next(c for c in odd_honest_cases(released) if c.student == "hooks-import")
    _place(course, tracer)
    run = make_grade(course, A1, *OPTIONS)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    got = read_report(course, A1)["hooks-import"]
    assert got["score"] == 0
    assert got["kinds"] == {"answers not taken"}

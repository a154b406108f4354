"""Grading a class with nbgrader so that nothing odd passes unnoticed and nothing is lost.

nbgrader's ``autograde`` does the scoring. Around it this module:

- looks at each submission first and reports, per student and notebook, what nbgrader would
  pass over in silence: a missing or renamed notebook, one that is not valid JSON, a test or
  read-only cell edited (nbgrader restores it) or deleted (nbgrader then quietly leaves that
  cell for manual grading), a graded cell duplicated (nbgrader then stops grading the class);
- repairs what can be repaired so every submission gets a defined score: a deleted test cell
  is put back from the release, duplicate copies of a graded cell lose their grading metadata,
  a lone renamed notebook is graded under its expected name. The student's original file is
  kept under ``grading-originals/`` first;
- runs ``nbgrader autograde`` once per student, so a submission that crashes nbgrader (a killed
  kernel, say) cannot stop the rest of the class, and reads timeouts, dead kernels and
  truncated output from nbgrader's log and the graded notebooks;
- writes a grading report (Markdown and CSV) beside the scores.

``HideHiddenTests`` is the feedback preprocessor that keeps hidden tests, and what they print
when they fail, out of the feedback students receive.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import queue as queue_module
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearHiddenTests

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
TRUNCATION_MARK = "... Output truncated ..."
ORIGINALS = "grading-originals"
REPORTS = "reports"


@dataclass(frozen=True)
class Finding:
    """One abnormal thing about one student's notebook, and what grading did about it."""

    student: str
    notebook: str
    kind: str
    detail: str


@dataclass
class StudentResult:
    student: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None


# --- looking at a submission ----------------------------------------------------------------


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.get("cell_type") == "code"


def _is_locked(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("locked")) and not meta.get("grade")


def _norm(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def check_notebook(student: str, name: str, release, submitted) -> tuple[list[Finding], bool]:
    """Compare a submitted notebook with the released one; repair ``submitted`` in place.

    Returns the findings and whether anything was changed.
    """
    findings: list[Finding] = []
    changed = False
    release_cells = {_grade_id(c): c for c in release.cells if _grade_id(c)}

    seen: dict[str, int] = {}
    for cell in submitted.cells:
        gid = _grade_id(cell)
        if gid is None:
            continue
        seen[gid] = seen.get(gid, 0) + 1
        if seen[gid] > 1:
            # nbgrader refuses the whole class when a grade id repeats; the first copy counts.
            del cell["metadata"]["nbgrader"]
            changed = True
            findings.append(
                Finding(
                    student,
                    name,
                    "graded cell duplicated",
                    f"{gid}: extra copy ignored, first copy graded",
                )
            )
            continue
        original = release_cells.get(gid)
        if original is None:
            continue
        if _is_test(original) and _norm(cell.source) != _norm(original.source):
            findings.append(
                Finding(
                    student, name, "test cell edited", f"{gid}: nbgrader restores the released test"
                )
            )
        elif _is_locked(original) and _norm(cell.source) != _norm(original.source):
            findings.append(
                Finding(
                    student,
                    name,
                    "read-only cell edited",
                    f"{gid}: nbgrader restores the released cell",
                )
            )

    for index, original in enumerate(release.cells):
        gid = _grade_id(original)
        if gid is None or gid in seen:
            continue
        if _is_test(original):
            _insert_after_neighbour(submitted, release, index, original)
            changed = True
            findings.append(
                Finding(
                    student, name, "test cell deleted", f"{gid}: put back from the release and run"
                )
            )
        else:
            findings.append(
                Finding(
                    student, name, "graded cell deleted", f"{gid}: no answer to grade, scored 0"
                )
            )
            _insert_after_neighbour(submitted, release, index, original)
            changed = True
    return findings, changed


def _insert_after_neighbour(submitted, release, index: int, cell) -> None:
    """Put ``cell`` back after the nearest earlier released cell that the submission still has."""
    present = {c.get("id"): i for i, c in enumerate(submitted.cells)}
    position = 0
    for earlier in reversed(release.cells[:index]):
        if earlier.get("id") in present:
            position = present[earlier.get("id")] + 1
            break
    submitted.cells.insert(position, nbformat.from_dict(json.loads(json.dumps(cell))))


def prepare_submission(course: Path, assignment: str, student: str) -> list[Finding]:
    """Check and repair one student's submission before nbgrader sees it."""
    folder = course / "submitted" / student / assignment
    release_folder = course / "exercises" / assignment
    expected = sorted(p.name for p in release_folder.glob("*.ipynb"))
    present = sorted(p.name for p in folder.glob("*.ipynb"))
    findings: list[Finding] = []

    missing = [name for name in expected if name not in present]
    strays = [name for name in present if name not in expected]
    if len(missing) == 1 and len(strays) == 1:
        _keep_original(course, assignment, student, folder / strays[0])
        (folder / strays[0]).rename(folder / missing[0])
        findings.append(
            Finding(
                student,
                missing[0],
                "notebook renamed",
                f"found {strays[0]!r}; graded as {missing[0]!r}",
            )
        )
        missing, strays = [], []
    for name in missing:
        findings.append(Finding(student, name, "notebook missing", "not submitted; scored 0"))
    for name in strays:
        findings.append(
            Finding(student, name, "unexpected notebook", "not part of the assignment; not graded")
        )

    for name in expected:
        path = folder / name
        if not path.exists():
            continue
        try:
            submitted = nbformat.read(path, as_version=4)
        except Exception as error:  # any unreadable file is reported, whatever the reason
            _set_aside(course, assignment, student, path)
            findings.append(
                Finding(
                    student, name, "notebook unreadable", f"{type(error).__name__}: {error}"[:300]
                )
            )
            continue
        release = nbformat.read(release_folder / name, as_version=4)
        notebook_findings, changed = check_notebook(student, name, release, submitted)
        findings += notebook_findings
        if changed:
            _keep_original(course, assignment, student, path)
            nbformat.write(submitted, path)
    return findings


def _keep_original(course: Path, assignment: str, student: str, path: Path) -> None:
    """Copy the student's file aside once, before any repair; a re-run never overwrites it."""
    kept = course / ORIGINALS / student / assignment / path.name
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, kept)


def _set_aside(course: Path, assignment: str, student: str, path: Path) -> None:
    """Move an unreadable file out of nbgrader's way (it would abort that student's grading)."""
    _keep_original(course, assignment, student, path)
    path.unlink()


# --- running nbgrader ---------------------------------------------------------------------------


def nbgrader_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "nbgrader"), *args]


def nbgrader_env() -> dict[str, str]:
    """nbgrader starts alembic from PATH to create the gradebook: put this environment first."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


STUDENT_START = re.compile(r"Creating/updating student with ID '([^']+)'")
STUDENT_FAILED = re.compile(
    r"There was an error processing assignment '[^']*' for student '([^']+)'"
)


def autograde_batch(
    course: Path,
    assignment: str,
    students: list[str],
    cell_timeout: int | None = None,
    timeout: float = 3600,
    on_student=None,
) -> dict[str, list[Finding]]:
    """Run one ``nbgrader autograde`` over ``students`` and sort what its log says by student.

    One process per batch, not per student: nbgrader takes seconds to start, which would cost
    more than it saves. Students outside the batch are excluded by name.
    """
    others = sorted(
        p.parent.name
        for p in (course / "submitted").glob(f"*/{assignment}")
        if p.parent.name not in students
    )
    extra = [f"--ExecutePreprocessor.timeout={cell_timeout}"] if cell_timeout else []
    if others:
        extra.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
    findings: dict[str, list[Finding]] = {student: [] for student in students}
    process = subprocess.Popen(
        nbgrader_command("autograde", assignment, "--create", "--force", *extra),
        cwd=course,
        env=nbgrader_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            started = STUDENT_START.search(line)
            if started and on_student is not None:
                on_student(started.group(1))
        process.wait()
    finally:
        watchdog.cancel()
    if process.returncode < 0:  # killed by the watchdog
        for student in students:
            findings[student].append(
                Finding(student, "*", "grading stopped", f"nbgrader took over {timeout:.0f} s")
            )
        return findings
    current = None
    for line in lines:
        started = STUDENT_START.search(line)
        if started:
            current = started.group(1)
        failed = STUDENT_FAILED.search(line)
        if failed and failed.group(1) in findings:
            student = failed.group(1)
            if not any(f.kind == "kernel died" for f in findings[student]):
                findings[student].append(
                    Finding(student, "*", "grading failed", "nbgrader could not grade it; scored 0")
                )
        elif "Kernel died" in line and current in findings:
            if not any(f.kind == "kernel died" for f in findings[current]):
                findings[current].append(
                    Finding(current, "*", "kernel died", "the notebook stopped Python; scored 0")
                )
    return findings


def _grading_worker(course: str, assignment: str, cell_timeout, todo, done) -> None:
    """One worker process: load nbgrader once, then grade students from ``todo`` until it is empty.

    Pulling from a shared queue keeps both workers busy to the end even when one student's
    endless loop holds a worker for the whole time limit.
    """
    import queue

    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    os.chdir(course)
    os.environ["PATH"] = nbgrader_env()["PATH"]
    # What matters is in each result's captured log; kernels' chatter would only flood the terminal.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    if cell_timeout:
        config.ExecutePreprocessor.timeout = cell_timeout
        config.Execute.timeout = cell_timeout
    api = NbGraderAPI(config=config)
    while True:
        try:
            student = todo.get_nowait()
        except queue.Empty:
            return
        outcome = api.autograde(assignment, student, force=True, create=True)
        done.put(
            (
                student,
                bool(outcome.get("success")),
                outcome.get("log", "") + outcome.get("error", ""),
            )
        )


def _findings_from_log(student: str, success: bool, log: str) -> list[Finding]:
    if "Kernel died" in log:
        return [Finding(student, "*", "kernel died", "the notebook stopped Python; scored 0")]
    if not success:
        return [Finding(student, "*", "grading failed", "nbgrader could not grade it; scored 0")]
    return []


def autograde_parallel(
    course: Path, assignment: str, students: list[str], workers: int, cell_timeout, advance
) -> dict[str, list[Finding]]:
    """Grade ``students`` with ``workers`` processes sharing one queue; returns their findings.

    A student whose worker died before reporting is missing from the result.
    """
    context = multiprocessing.get_context("spawn")
    todo, done = context.Queue(), context.Queue()
    for student in students:
        todo.put(student)
    processes = [
        context.Process(
            target=_grading_worker, args=(str(course), assignment, cell_timeout, todo, done)
        )
        for _ in range(min(workers, len(students)))
    ]
    for process in processes:
        process.start()
    findings: dict[str, list[Finding]] = {}
    while len(findings) < len(students) and (
        any(p.is_alive() for p in processes) or not done.empty()
    ):
        try:
            student, success, log = done.get(timeout=1)
        except queue_module.Empty:
            continue
        findings[student] = _findings_from_log(student, success, log)
        advance(student)
    for process in processes:
        process.join(timeout=30)
    return findings


def inspect_autograded(course: Path, assignment: str, student: str) -> list[Finding]:
    """Timeouts and truncated output, read from the graded notebooks."""
    findings = []
    for path in sorted((course / "autograded" / student / assignment).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                if output.get("ename") == "CellTimeoutError":
                    where = _grade_id(cell) or cell.get("id", "?")
                    findings.append(
                        Finding(
                            student,
                            path.name,
                            "timeout",
                            f"cell {where} ran too long and was stopped",
                        )
                    )
                if TRUNCATION_MARK in str(output.get("text", "")):
                    where = _grade_id(cell) or cell.get("id", "?")
                    findings.append(
                        Finding(
                            student,
                            path.name,
                            "enormous output",
                            f"cell {where}: output cut by the grader",
                        )
                    )
    return findings


def scores(course: Path, assignment: str) -> dict[str, tuple[float, float]]:
    """Each student's autograded score and the maximum, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    result = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        maximum = gradebook.find_assignment(assignment).max_code_score
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment, student.id)
                result[student.id] = (submission.code_score or 0.0, maximum)
            except MissingEntry:
                result[student.id] = (0.0, maximum)
    return result


def already_graded(course: Path, assignment: str, student: str) -> bool:
    """True when an earlier run finished this student: nbgrader writes the graded notebooks
    only after their scores are in the gradebook, so their presence means nothing is missing."""
    expected = sorted(p.name for p in (course / "exercises" / assignment).glob("*.ipynb"))
    done = course / "autograded" / student / assignment
    return bool(expected) and all((done / name).exists() for name in expected)


def grade_class(
    course: Path,
    assignment: str,
    students: list[str] | None = None,
    cell_timeout: int | None = None,
    workers: int = 1,
    regrade: bool = True,
    progress: bool = False,
) -> list[StudentResult]:
    """Check, repair and autograde every submitted student, then write the report.

    ``workers`` processes grade at the same time, each loading nbgrader once and taking the
    next student from a shared queue (nbgrader grades one student at a time; its SQLite
    gradebook takes the processes' short writes in turn). A student whose worker stopped
    before reporting is graded again on their own. With ``regrade=False`` students an earlier,
    interrupted run finished are skipped, so a re-run neither loses nor repeats work.
    """
    course = Path(course).resolve()
    if students is None:
        students = sorted(
            p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir()
        )
    results = {student: StudentResult(student) for student in students}
    todo = [s for s in students if regrade or not already_graded(course, assignment, s)]
    for student in todo:
        results[student].findings += prepare_submission(course, assignment, student)
    gradable = [s for s in todo if any((course / "submitted" / s / assignment).glob("*.ipynb"))]
    with _progress_bar(len(gradable), assignment, progress) as advance:
        if workers > 1 and len(gradable) > 1:
            graded = autograde_parallel(
                course, assignment, gradable, workers, cell_timeout, advance
            )
        else:
            graded = autograde_batch(course, assignment, gradable, cell_timeout, on_student=advance)
    for student in gradable:
        if student in graded:
            results[student].findings += graded[student]
        elif not already_graded(course, assignment, student):
            # Its worker stopped before reporting: grade this student alone.
            results[student].findings += autograde_batch(
                course, assignment, [student], cell_timeout
            )[student]
    for student in todo:
        results[student].findings += inspect_autograded(course, assignment, student)
    ordered = [results[s] for s in students]
    attach_scores(course, assignment, ordered)
    write_report(course, assignment, ordered)
    return ordered


@contextmanager
def _progress_bar(total: int, assignment: str, shown: bool):
    if not shown:
        yield lambda _student=None: None
        return
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task(f"grading {assignment}", total=total)
        yield lambda _student=None: bar.advance(task)


def attach_scores(course: Path, assignment: str, results: list[StudentResult]) -> None:
    table = scores(course, assignment)
    for result in results:
        result.score, result.max_score = table.get(result.student, (0.0, None))


def write_report(course: Path, assignment: str, results: list[StudentResult]) -> Path:
    """``reports/<assignment>-grading.md`` and ``.csv``: scores and every finding."""
    folder = course / REPORTS
    folder.mkdir(exist_ok=True)
    with (folder / f"{assignment}-grading.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "score", "max_score", "notebook", "finding", "detail"])
        for result in results:
            rows = result.findings or [Finding(result.student, "", "", "")]
            for finding in rows:
                writer.writerow(
                    [
                        result.student,
                        result.score,
                        result.max_score,
                        finding.notebook,
                        finding.kind,
                        finding.detail,
                    ]
                )
    lines = [
        f"# Grading report: {assignment}",
        "",
        f"{len(results)} students graded; {sum(bool(r.findings) for r in results)} with something to look at.",
        "",
        "| student | autograded score | notebook | finding | what grading did |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        score = (
            f"{result.score:g} / {result.max_score:g}" if result.max_score else f"{result.score}"
        )
        if not result.findings:
            lines.append(f"| {result.student} | {score} | | ok | |")
        for finding in result.findings:
            lines.append(
                f"| {result.student} | {score} | {finding.notebook} | {finding.kind} | {finding.detail} |"
            )
    path = folder / f"{assignment}-grading.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- feedback -------------------------------------------------------------------------------------


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden tests from feedback, and replace what a failing hidden test printed.

    nbgrader's own feedback shows hidden test code and its tracebacks (which quote that code).
    Cells holding hidden tests keep their score but lose their source and error details.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        had_hidden = HIDDEN_BEGIN in cell.get("source", "")
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if had_hidden and cell.cell_type == "code":
            failed = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            message = (
                "A hidden test in this cell did not pass." if failed else "Hidden tests passed."
            )
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=message + "\n")]
            cell.source = "# Hidden tests (not shown)"
        return cell, resources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Grade a class with nbgrader and report anything abnormal."
    )
    parser.add_argument("assignment")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    parser.add_argument("--student", action="append", help="grade only these students")
    parser.add_argument(
        "--cell-timeout", type=int, help="seconds a cell may run (default: the course's)"
    )
    args = parser.parse_args(argv)
    results = grade_class(Path(args.course), args.assignment, args.student, args.cell_timeout)
    print(
        (Path(args.course) / REPORTS / f"{args.assignment}-grading.md").read_text(encoding="utf-8")
    )
    return 0 if results is not None else 1


if __name__ == "__main__":
    sys.exit(main())

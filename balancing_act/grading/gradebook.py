"""nbgrader's gradebook and graded notebooks, written by the grader alone, from the verdicts.

nbgrader stays what teachers know: the gradebook (``gradebook.db``), the formgrader for written
answers, feedback and export all read what this module writes, through nbgrader's own API. No
student code runs while it writes, and the sandbox never sees the gradebook.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat

from .assignment import AssignmentError, AssignmentSpec, grade_id, is_test
from .inspect import PreparedNotebook
from .markup import inert_markdown, inert_outputs
from .run import ExecutedCell

MARKER = ".balancing-act-graded.json"
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


@dataclass
class NotebookOutcome:
    """What one notebook earned: points per graded test cell, or nothing if not submitted."""

    prepared: PreparedNotebook
    verdicts: list[dict] = field(default_factory=list)
    executed: dict[int, ExecutedCell] = field(default_factory=dict)


def course_config(course: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def db_url(course: Path) -> str:
    """The gradebook's address, with a relative SQLite path taken from the course folder."""
    url = str(course_config(course).CourseDirectory.get("db_url", "sqlite:///gradebook.db"))
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
        return prefix + str(course / url[len(prefix) :])
    return url


async def sync_assignment(course: Path, assignment: str, work: Path) -> None:
    """Record the assignment's cells in the gradebook (nbgrader's generate_assignment, into a
    scratch folder) and check that ``exercises/`` is what nbgrader generates from ``solutions/``.

    nbgrader runs as its own command: in the grader's process it would share the event loop's
    children with the sandboxes, and its start-up overlaps theirs this way. It is skipped when
    the same solutions, release and settings were synced before and the gradebook has them.
    The scratch release goes in ``work``, a folder of the run's private workspace.
    """
    digest = _assignment_digest(course, assignment)
    if _synced(course, assignment) == digest and _in_gradebook(course, assignment):
        return
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "nbgrader"),
            "generate_assignment",
            assignment,
            "--force",
            f"--CourseDirectory.root={course}",
            f"--CourseDirectory.release_directory={scratch}",
            f"--CourseDirectory.db_url={db_url(course)}",
            cwd=course,
            env={
                **os.environ,
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            },
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise AssignmentError(
                f"nbgrader could not read solutions/{assignment}:\n"
                f"{output.decode(errors='replace')[-2000:]}"
            )
        for generated in sorted((Path(scratch) / assignment).glob("*.ipynb")):
            committed = course / "exercises" / assignment / generated.name
            if not committed.exists() or _cells(generated) != _cells(committed):
                raise AssignmentError(
                    f"exercises/{assignment}/{generated.name} is not what solutions/{assignment} "
                    "generates: students may hold another version. Run `make release` (and hand "
                    "out the new version) before grading."
                )
    _record_sync(course, assignment, digest)


SYNCED = ".balancing-act-synced.json"


def _assignment_digest(course: Path, assignment: str) -> str:
    digest = hashlib.sha256()
    files = [course / "nbgrader_config.py"]
    for part in ("solutions", "exercises"):
        files += sorted(p for p in (course / part / assignment).rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(course)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _synced(course: Path, assignment: str) -> str | None:
    try:
        return json.loads((course / "autograded" / SYNCED).read_text()).get(assignment)
    except (OSError, ValueError, AttributeError):
        return None


def _record_sync(course: Path, assignment: str, digest: str) -> None:
    path = course / "autograded" / SYNCED
    path.parent.mkdir(exist_ok=True)
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    path.write_text(json.dumps({**known, assignment: digest}))


def _in_gradebook(course: Path, assignment: str) -> bool:
    url = db_url(course)
    if not url.startswith("sqlite:///"):
        return False
    try:
        with sqlite3.connect(f"file:{url[len('sqlite:///') :]}?mode=ro", uri=True) as db:
            return (
                db.execute("select 1 from assignment where name = ?", (assignment,)).fetchone()
                is not None
            )
    except sqlite3.Error:
        return False


def _cells(path: Path):
    notebook = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in notebook.cells]


def record(
    url: str,
    spec: AssignmentSpec,
    student: str,
    outcomes: dict[str, NotebookOutcome],
    timestamp: datetime | None,
) -> None:
    """Scores for every graded cell of ``student``'s submission, as nbgrader's autograder would
    store them: auto scores for tests, written answers left for the formgrader."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    with Gradebook(url) as gradebook, warnings.catch_warnings():
        # nbgrader's own submission code makes SQLAlchemy warn about its session; harmless.
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(student)
        if timestamp is not None:
            gradebook.update_or_create_submission(spec.name, student, timestamp=timestamp)
        else:
            gradebook.update_or_create_submission(spec.name, student)
        for notebook in spec.notebooks:
            outcome = outcomes[notebook.name]
            submitted = gradebook.find_submission_notebook(notebook.stem, spec.name, student)
            points = {v["grade_id"]: v["points"] for v in outcome.verdicts}
            manual = set(notebook.manual_ids)
            for grade in submitted.grades:
                if not outcome.prepared.present:
                    grade.auto_score, grade.needs_manual_grade = 0.0, False
                elif grade.name in manual:
                    grade.auto_score, grade.needs_manual_grade = None, True
                else:
                    # Never more than the cell is worth in the gradebook, whatever the verdict.
                    earned = float(points.get(grade.name, 0.0))
                    grade.auto_score = max(0.0, min(earned, float(grade.max_score or 0.0)))
                    grade.needs_manual_grade = grade.manual_score is not None
            answers = _answer_sources(outcome.prepared)
            released = {grade_id(c): c.source for c in notebook.release.cells if grade_id(c)}
            for comment in submitted.comments:
                unchanged = answers.get(comment.name) == released.get(comment.name)
                comment.auto_comment = "No response." if unchanged else None
        gradebook.db.commit()


def _answer_sources(prepared: PreparedNotebook) -> dict[str, str]:
    return {grade_id(c): c["source"] for c in prepared.cells if grade_id(c)}


def scores(url: str, assignment: str) -> dict[str, tuple[float, float]]:
    """Each student's autograded score and the maximum, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    result = {}
    with Gradebook(url) as gradebook:
        maximum = gradebook.find_assignment(assignment).max_code_score
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment, student.id)
                result[student.id] = (submission.code_score or 0.0, maximum)
            except MissingEntry:
                continue
    return result


def _verdict_outputs(verdict: dict) -> list[dict]:
    outputs = []
    if verdict["hidden"]:
        message = (
            "Hidden tests passed."
            if verdict["passed"]
            else "A hidden test in this cell did not pass."
        )
        return [{"output_type": "stream", "name": "stdout", "text": message + "\n"}]
    if verdict.get("printed"):
        outputs.append({"output_type": "stream", "name": "stdout", "text": verdict["printed"]})
    if not verdict["passed"]:
        name, _, value = verdict["message"].partition(": ")
        outputs.append(
            {
                "output_type": "error",
                "ename": name or "Error",
                "evalue": value,
                "traceback": [verdict["message"]],
            }
        )
    return outputs


def write_graded(
    course: Path,
    assignment: str,
    student: str,
    outcomes: dict[str, NotebookOutcome],
    digest: str,
    tests: str,
    case_note: str | None = None,
) -> None:
    """``autograded/<student>/<assignment>/``: each notebook with its outputs and verdicts (no
    hidden test anywhere in it, no student markup active in it), then a marker that lets ``--resume`` skip this student and
    keeps the verdicts for the class picture (:mod:`.picture`). ``case_note``, in an assignment
    with cases, opens each notebook: the case it was graded on, which feedback then shows."""
    folder = course / "autograded" / student / assignment
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, outcome in outcomes.items():
        if not outcome.prepared.present:
            continue
        verdicts = {v["grade_id"]: v for v in outcome.verdicts}
        cells = []
        for index, raw in enumerate(outcome.prepared.cells):
            cell = json.loads(json.dumps(raw))
            # Student markup is made inert here, in the one notebook the Formgrader, feedback
            # and Lab all read, not in each page's template (see .markup for why).
            if cell["cell_type"] == "markdown":
                cell["source"] = inert_markdown(cell["source"])
            if cell["cell_type"] == "code":
                executed = outcome.executed.get(index)
                cell["outputs"] = inert_outputs(executed.outputs) if executed else []
                cell["execution_count"] = executed.execution_count if executed else None
                if is_test(cell) and grade_id(cell) in verdicts:
                    cell["outputs"] = _verdict_outputs(verdicts[grade_id(cell)])
            cells.append(nbformat.from_dict(cell))
        if case_note:
            cells.insert(0, nbformat.v4.new_markdown_cell(inert_markdown(case_note)))
        notebook = nbformat.v4.new_notebook(cells=cells, metadata=NOTEBOOK_METADATA)
        nbformat.write(notebook, folder / name)
    # nbgrader's feedback needs these two small files of the submission; nothing else is kept.
    for name in ("timestamp.txt", "submission_secret.txt"):
        source = course / "submitted" / student / assignment / name
        if source.is_file() and not source.is_symlink() and source.stat().st_size < 4096:
            shutil.copyfile(source, folder / name)
    # The verdicts stay beside the graded notebooks for the report's picture of the class;
    # a hidden test's message stays in the grader, like its code.
    verdicts = {
        name: [
            {
                "grade_id": v["grade_id"],
                "hidden": v["hidden"],
                "passed": v["passed"],
                "message": "" if v["hidden"] else v["message"],
                "missing": list(v.get("missing") or ()),
                "stopped": bool(v.get("budget") or v.get("stopped")),
            }
            for v in outcome.verdicts
        ]
        for name, outcome in outcomes.items()
    }
    # Whether each submitted notebook answered anything: the report's "nothing answered".
    answered = {
        name: outcome.prepared.answered
        for name, outcome in outcomes.items()
        if outcome.prepared.present
    }
    (folder / MARKER).write_text(
        json.dumps({"digest": digest, "tests": tests, "verdicts": verdicts, "answered": answered}),
        encoding="utf-8",
    )


TESTS_CHANGED = "the assignment's tests changed"


def tests_digest(spec: AssignmentSpec) -> str:
    """What a grade depends on besides the submission: the set-up, every test with its points,
    every graded cell's points and the solution. A fixed test (2 points -> 1) changes it."""
    parts = []
    for notebook in spec.notebooks:
        graded_cells = [
            (grade_id(c), c.metadata.get("nbgrader", {}).get("points"))
            for c in notebook.release.cells
            if grade_id(c)
        ]
        tests = [(t.grade_id, t.points, t.hidden, t.source) for t in notebook.tests]
        parts.append([notebook.name, notebook.setup, tests, graded_cells, notebook.solution_code])
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def why_grade_again(
    course: Path, assignment: str, student: str, digest: str, tests: str
) -> str | None:
    """Why ``student`` must be graded again, or None when an earlier run graded exactly this
    submission (same notebooks byte for byte, same time) against the same tests."""
    marker = course / "autograded" / student / assignment / MARKER
    try:
        graded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not graded yet"
    if not isinstance(graded, dict) or graded.get("digest") != digest:
        before = str(graded.get("digest")) if isinstance(graded, dict) else ""
        if before.split(":case=")[0] == digest.split(":case=")[0]:  # see Runner.grade_one
            return "the student's case changed"
        return "the submission changed"
    if graded.get("tests") != tests:
        return TESTS_CHANGED
    return None

"""Building courses and submissions for the grading tests, from the committed assignments."""

from __future__ import annotations

import copy
import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from balancing_act.grading import cases as class_cases
from balancing_act.grading import spreadsheets

from .notebook_tools import ROOT

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
#: The case secret of every test course: each student's case is known in advance
#: (balancing_act.grading.cases.drawn), as a teacher's is after `make release`.
TEST_SECRET = "7e57" * 16


def _write_secret(course: Path) -> None:
    path = course / class_cases.SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEST_SECRET + "\n", encoding="ascii")
    path.chmod(0o600)


def student_case(course: Path, student: str, assignment: str) -> str | None:
    """The key of ``student``'s case in ``assignment`` (None without cases), as grading finds it."""
    found = class_cases.ClassCases(course, assignment).of(student)
    return found.case.key if found else None


def with_case(notebook, key: str | None):
    """``notebook`` with ``MY_CASE = "<key>"`` written in its case cell (if it has one)."""
    written = copy.deepcopy(notebook)
    for cell in written.cells:
        if cell.cell_type == "code" and "nbgrader" not in cell.metadata:
            if cell.source.lstrip().startswith("MY_CASE"):
                cell.source = f"MY_CASE = {key!r}" if key is not None else "MY_CASE = None"
    return written


def make_course(folder: Path, assignments: list[str]) -> Path:
    """A throwaway course: the real config and sources, released with nbgrader's own command."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    for assignment in assignments:
        shutil.copytree(ROOT / "solutions" / assignment, folder / "solutions" / assignment)
        nbgrader(folder, "generate_assignment", assignment, "--force")
    _write_secret(folder)
    return folder


def nbgrader_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "nbgrader"), *args]


def nbgrader_env() -> dict[str, str]:
    """nbgrader starts alembic from PATH to create the gradebook: put this environment first."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def course_copy(folder: Path) -> Path:
    """A copy of the whole course as a teacher has it (every tracked file, with its times, so
    `make` sees its environment as up to date), sharing this checkout's .venv."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        source, target = ROOT / name, folder / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    _write_secret(folder)
    # The environment is this checkout's, already installed: `make` must not reinstall it.
    stamp = (ROOT / ".venv" / ".installed").stat().st_mtime
    for recipe in ("pyproject.toml", "Makefile"):
        os.utime(folder / recipe, (stamp - 1, stamp - 1))
    return folder


def make_grade(course: Path, assignment: str, *options: str) -> subprocess.CompletedProcess:
    """The teacher's command, exactly: `make grade A=<assignment> GRADE_ARGS="..."`."""
    command = ["make", "--no-print-directory", "grade", f"A={assignment}"]
    if options:
        command.append(f"GRADE_ARGS={' '.join(options)}")
    return subprocess.run(command, cwd=course, capture_output=True, text=True)


# The teacher's notes on the answers (balancing_act/grading/phrasing.py), kept apart from the
# findings: a note says what the student answered, a finding what grading found and did.
ANSWER_NOTES = {"nothing answered", "answer missing"}


def read_report(course: Path, assignment: str) -> dict[str, dict]:
    """Per student in the grading report's CSV: score, maximum, the finding labels ("kinds")
    and the teacher's notes on the answers ("notes": nothing answered, answer missing)."""
    rows = {}
    path = course / "reports" / f"{assignment}-grading.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            student = spreadsheets.original(row["student"])  # "'=x" was written for "=x"
            entry = rows.setdefault(
                student, {"score": row["score"], "kinds": set(), "notes": set()}
            )
            if row["finding"] in ANSWER_NOTES:
                entry["notes"].add(row["finding"])
            elif row["finding"]:
                entry["kinds"].add(row["finding"])
    for entry in rows.values():
        entry["score"] = float(entry["score"]) if entry["score"] not in ("", "None") else None
    return rows


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    run = subprocess.run(
        nbgrader_command(*args),
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run


def notebook_name(assignment: str) -> str:
    return f"{assignment}.ipynb"


def release(course: Path, assignment: str):
    return nbformat.read(
        course / "exercises" / assignment / notebook_name(assignment), as_version=4
    )


def solution_answers(assignment: str) -> dict[str, str]:
    """The instructor's solution for every solution cell, markers removed."""
    source = nbformat.read(
        ROOT / "solutions" / assignment / notebook_name(assignment), as_version=4
    )
    answers = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            lines = [
                line for line in cell.source.splitlines() if line.strip() not in SOLUTION_MARKERS
            ]
            answers[meta["grade_id"]] = "\n".join(lines)
        elif meta.get("solution"):
            answers[meta["grade_id"]] = "A written answer."
    return answers


def partial_answers(assignment: str) -> dict[str, str]:
    path = Path(__file__).parent / "fixtures" / "partial" / f"{assignment.replace('-', '_')}.py"
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PARTIAL


def fill(notebook, answers: dict[str, str]):
    filled = copy.deepcopy(notebook)
    for cell in filled.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return filled


def submit(
    course: Path,
    student: str,
    assignment: str,
    notebook=None,
    raw: str | None = None,
    name=None,
    own_case: bool = True,
):
    """Hand in ``notebook`` (or ``raw`` text) for ``student``. In an assignment with cases, a
    notebook whose case cell was left as released (``MY_CASE = None``) gets the student's own
    case written in, as an honest student does; ``own_case=False`` hands it in as it is."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or notebook_name(assignment))
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    elif notebook is not None:
        if (
            own_case
            and (course / class_cases.SECRET_FILE).exists()
            and _case_left_unwritten(notebook)
        ):
            notebook = with_case(notebook, student_case(course, student, assignment))
        nbformat.write(notebook, path)
    return folder


def _case_left_unwritten(notebook) -> bool:
    return any(
        cell.cell_type == "code"
        and "nbgrader" not in cell.metadata
        and cell.source.strip().startswith("MY_CASE = None")
        for cell in notebook.cells
    )

"""An assignment as the grader reads it: from the trusted solutions and the released notebooks.

Authors keep writing assignments as nbgrader source notebooks in ``solutions/``: locked set-up
cells, answer cells, and test cells holding visible asserts and hidden ones between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``. The grader reads each test cell as a
declaration of what it checks: the names it uses that neither the set-up cells nor the test
itself define are the student's answers it needs (found from the code, see
:func:`answer_names`), and the asserts are run by the grader outside the student's kernel, on
those answers exported as data, with ``events``, ``ba`` and the other set-up names taken from
the trusted course. The hidden part never leaves the grader: it is not in ``exercises/``, not
in the notebook graded for the student, and not in anything the sandbox can read.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"


class AssignmentError(ValueError):
    """The assignment itself is broken (not a submission): grading stops before anyone runs."""


@dataclass(frozen=True)
class GradedTest:
    grade_id: str
    points: float
    source: str  # the instructor's full test, hidden part included
    hidden: bool
    answers: tuple[str, ...]


@dataclass
class NotebookSpec:
    name: str  # file name, e.g. "a1-periods-timeline.ipynb"
    release: nbformat.NotebookNode
    solution: nbformat.NotebookNode
    setup: list[str] = field(default_factory=list)  # locked set-up cells' code, in order
    tests: list[GradedTest] = field(default_factory=list)
    answer_ids: list[str] = field(default_factory=list)  # cells the student writes in
    manual_ids: list[str] = field(default_factory=list)  # answers a teacher marks by hand
    solution_code: list[str] = field(default_factory=list)  # the instructor's answers, in order

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    @property
    def answer_names(self) -> list[str]:
        return sorted({name for test in self.tests for name in test.answers})

    @property
    def release_cells(self) -> dict[str, nbformat.NotebookNode]:
        return {grade_id(c): c for c in self.release.cells if grade_id(c)}

    @property
    def max_points(self) -> float:
        return sum(t.points for t in self.tests)


@dataclass
class AssignmentSpec:
    name: str
    notebooks: list[NotebookSpec]


def nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def grade_id(cell) -> str | None:
    value = nbgrader_meta(cell).get("grade_id")
    return value if isinstance(value, str) and value else None


def is_test(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.get("cell_type") == "code"


def is_answer(cell) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def is_locked(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("locked")) and not meta.get("solution") and not meta.get("grade")


def is_manual(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution")) or bool(meta.get("task"))


def _bound_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _loaded_names(tree: ast.AST) -> set[str]:
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def answer_names(test_source: str, setup_names: set[str], test_bound: set[str]) -> tuple[str, ...]:
    """The student's names a test uses: not builtins, not set-up names, not the tests' own."""
    loaded = _loaded_names(_parse(test_source, "a test cell"))
    return tuple(sorted(loaded - set(dir(builtins)) - setup_names - test_bound))


def _parse(source: str, what: str) -> ast.AST:
    try:
        return ast.parse(source)
    except SyntaxError as error:
        raise AssignmentError(f"{what} is not valid Python: {error}") from None


def load(course: Path, assignment: str) -> AssignmentSpec:
    """Read ``solutions/<assignment>`` and ``exercises/<assignment>`` under ``course``."""
    source_folder = course / "solutions" / assignment
    release_folder = course / "exercises" / assignment
    if not source_folder.is_dir():
        raise AssignmentError(f"no assignment called {assignment!r} in {course / 'solutions'}")
    notebooks = []
    for path in sorted(source_folder.glob("*.ipynb")):
        released = release_folder / path.name
        if not released.is_file():
            raise AssignmentError(
                f"{released} is missing: run `make release` to generate the student versions"
            )
        notebooks.append(
            _notebook(path.name, nbformat.read(released, as_version=4), nbformat.read(path, 4))
        )
    if not notebooks:
        raise AssignmentError(f"{source_folder} holds no notebook")
    return AssignmentSpec(assignment, notebooks)


def _notebook(name: str, release, solution) -> NotebookSpec:
    spec = NotebookSpec(name, release, solution)
    release_ids = {grade_id(c) for c in release.cells if grade_id(c)}
    for cell in solution.cells:
        gid = grade_id(cell)
        if gid is None or gid not in release_ids:
            continue
        if is_locked(cell) and cell.cell_type == "code":
            spec.setup.append(cell.source)
        elif is_answer(cell):
            spec.answer_ids.append(gid)
            if cell.cell_type == "code":
                spec.solution_code.append(cell.source)
            if is_manual(cell):
                spec.manual_ids.append(gid)
        elif is_manual(cell):
            spec.manual_ids.append(gid)
    setup_names = set().union(*(_bound_names(_parse(s, "a set-up cell")) for s in spec.setup))
    tests = [c for c in solution.cells if is_test(c) and grade_id(c) in release_ids]
    test_bound = set().union(*(_bound_names(_parse(c.source, "a test cell")) for c in tests))
    for cell in tests:
        spec.tests.append(
            GradedTest(
                grade_id=grade_id(cell),
                points=float(nbgrader_meta(cell).get("points") or 0),
                source=cell.source,
                hidden=HIDDEN_BEGIN in cell.source,
                answers=answer_names(cell.source, setup_names, test_bound),
            )
        )
    for cell in spec.setup:
        used = _loaded_names(_parse(cell, "a set-up cell")) & set(spec.answer_names)
        if used:
            raise AssignmentError(
                f"{name}: a locked set-up cell uses the student's answers {sorted(used)}; "
                "the grader runs set-up cells on the trusted course only"
            )
    return spec

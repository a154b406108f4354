"""Reading a class's submissions as hostile input, before any of it runs.

Nothing a student submits is trusted: a folder may be a symbolic link to someone else's, a
"notebook" may be a folder, a link to the solutions, broken JSON or a cell whose nbgrader
metadata is a string. Each is reported and scored, never allowed to stop the class. What runs
is rebuilt from the release: test and read-only cells come from ``exercises/``, whatever the
student made of them; an answer cell keeps the student's code; cells the student added run as
they are, but never count as graded cells. Only the expected notebook is read; every other
file in the folder is listed in the report and never reaches the sandbox.

Honest notebooks can be odd too, and are graded: one saved by an old Jupyter (nbformat 3) is
upgraded by nbformat itself; one made large by the outputs saved in it is read up to a larger
bound, its outputs set aside (grading runs the notebook afresh, so they were never used), and
the size limit applies to what is left.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import stat
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .assignment import NotebookSpec, grade_id, is_answer, is_test, nbgrader_meta
from .findings import Finding, Kind
from .run import CellToRun

MAX_FILE_BYTES = 256 * 2**20  # a notebook file, saved outputs included
MAX_NOTEBOOK_BYTES = 32 * 2**20  # the notebook without its saved outputs
MAX_CELLS = 2000
MAX_LISTED = 20
# Folders and files Jupyter and nbgrader leave in a submission; not worth a report line.
ROUTINE = {".ipynb_checkpoints", "timestamp.txt", "submission_secret.txt", ".DS_Store"}
GLOB_CHARACTERS = set("*?[]")
MARKUP_CHARACTERS = set('<>&"`\\')


@dataclass
class PreparedNotebook:
    name: str
    present: bool = False
    cells: list[dict] = field(default_factory=list)  # the notebook written for the student
    to_run: list[CellToRun] = field(default_factory=list)
    digest: str = ""
    answered: bool = False  # some answer cell differs from the release (see :func:`answered`)


@dataclass
class PreparedSubmission:
    student: str
    notebooks: dict[str, PreparedNotebook] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    timestamp: datetime | None = None

    @property
    def digest(self) -> str:
        """What was submitted: every notebook, byte for byte, and the submission time."""
        notebooks = "".join(nb.digest for nb in self.notebooks.values())
        return hashlib.sha256(f"{notebooks}\0{self.timestamp}".encode()).hexdigest()


def refusal(student: str) -> str | None:
    """Why nbgrader's own commands could not handle this student id, or None if they can."""
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in student):  # bytes kept by surrogateescape
        return "its name is not UTF-8 text, which nbgrader's gradebook cannot store"
    if student.startswith("."):
        return "it starts with a dot, and nbgrader skips such folders"
    if GLOB_CHARACTERS & set(student):
        return "it holds * ? [ or ], which nbgrader reads as a file pattern"
    if student != student.strip():
        return "it starts or ends with a space, which nbgrader strips"
    # C0, DEL and C1 controls: a terminal reads some as the start of an escape sequence.
    if any(unicodedata.category(ch) == "Cc" for ch in student):
        return "it holds a control character"
    if MARKUP_CHARACTERS & set(student):
        # The Formgrader writes a student id into its pages and scripts as it is.
        return (
            "it holds an angle bracket, ampersand, double quote, backquote or backslash, "
            "which the Formgrader's pages would read as markup"
        )
    return None


def list_students(course: Path, assignment: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Students with a folder for ``assignment`` in ``submitted/``: those graded, those refused."""
    root = course / "submitted"
    accepted, refused = [], []
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return [], []
    for name in names:
        student_folder = root / name
        if not _is_real_folder(student_folder):
            if student_folder.is_symlink():
                refused.append((name, "its folder is a symbolic link, which is not followed"))
            continue
        folder = student_folder / assignment
        if not os.path.lexists(folder):
            continue
        reason = refusal(name)
        if reason is None and not _is_real_folder(folder):
            reason = f"submitted/{name}/{assignment} is not a folder (or is a link)"
        if reason:
            refused.append((name, reason))
        else:
            accepted.append(name)
    return accepted, refused


def _is_real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_regular(path: Path, limit: int, what: str = "") -> bytes:
    """The bytes of a regular file, refusing links, folders, devices and oversized files."""
    too_large = f"larger than {limit // 2**20} MiB" + (f", {what}" if what else "")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        if info.st_size > limit:
            raise OSError(too_large)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise OSError(too_large)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def prepare(
    course: Path, assignment: str, student: str, specs: list[NotebookSpec]
) -> PreparedSubmission:
    """Check one student's folder against the release and rebuild what will run."""
    folder = course / "submitted" / student / assignment
    result = PreparedSubmission(student)

    def report(notebook: str, kind: Kind, detail: str = "") -> None:
        result.findings.append(Finding(student, notebook, kind, detail))

    expected = [spec.name for spec in specs]
    entries = {}
    with os.scandir(folder) as listing:
        for entry in listing:
            entries[entry.name] = entry
    notebooks = {
        n for n, e in entries.items() if n.endswith(".ipynb") and e.is_file(follow_symlinks=False)
    }
    missing = [n for n in expected if n not in notebooks]
    strays = sorted(notebooks - set(expected))
    chosen = {n: n for n in expected if n in notebooks}
    if len(missing) == 1 and len(strays) == 1:
        chosen[missing[0]] = strays[0]
        report(missing[0], Kind.NOTEBOOK_RENAMED, f"found {strays[0]!r}")
        strays = []
    for name in strays:
        report(name, Kind.UNEXPECTED_NOTEBOOK)
    # An expected name that is not a regular file is reported below, as not a notebook.
    others = sorted(set(entries) - set(chosen.values()) - set(strays) - ROUTINE - set(expected))
    for name in others[:MAX_LISTED]:
        entry = entries[name]
        what = (
            "a symbolic link, not followed"
            if entry.is_symlink()
            else "a folder"
            if entry.is_dir(follow_symlinks=False)
            else "a file"
        )
        report("*", Kind.UNEXPECTED_FILE, f"{name} ({what})")
    if len(others) > MAX_LISTED:
        report("*", Kind.UNEXPECTED_FILE, f"and {len(others) - MAX_LISTED} more")

    for spec in specs:
        prepared = PreparedNotebook(spec.name)
        result.notebooks[spec.name] = prepared
        source = chosen.get(spec.name)
        if source is None:
            entry = entries.get(spec.name)
            if entry is not None:
                what = "a symbolic link" if entry.is_symlink() else "a folder or special file"
                report(spec.name, Kind.NOT_A_NOTEBOOK, f"{spec.name} is {what}")
            else:
                report(spec.name, Kind.NOTEBOOK_MISSING)
            continue
        try:
            read = _read_notebook(folder / source)
            prepared.digest = read.digest
            notebook, old_version = _as_version_4(read.notebook)
            cells = _student_cells(notebook)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
            report(spec.name, Kind.NOTEBOOK_UNREADABLE, str(error)[:200] or type(error).__name__)
            continue
        if read.file_bytes > MAX_NOTEBOOK_BYTES:
            report(spec.name, Kind.LARGE_NOTEBOOK, f"{read.file_bytes / 2**20:.0f} MiB")
        if old_version is not None:
            report(spec.name, Kind.OLD_NOTEBOOK_FORMAT, f"nbformat {old_version}")
        rebuilt, findings = rebuild(spec, cells)
        prepared.present = True
        prepared.cells = rebuilt
        prepared.to_run = cells_to_run(rebuilt)
        prepared.answered = answered(spec, rebuilt)
        for kind, detail in findings:
            report(spec.name, kind, detail)

    result.timestamp = _timestamp(
        folder, lambda detail: report("*", Kind.TIMESTAMP_UNREADABLE, detail)
    )
    return result


@dataclass
class NotebookFile:
    notebook: object  # parsed JSON without its cells' outputs, not yet checked
    digest: str  # of the file's bytes
    file_bytes: int


# What a cell may carry that grading never reads (it runs the notebook afresh), and what
# stands in for it once set aside.
SET_ASIDE = {"outputs": list, "attachments": dict}


def _read_notebook(path: Path) -> NotebookFile:
    """A submitted notebook's JSON with its cells' saved outputs and attachments set aside, and
    the size limit applied to what is left. The file itself is read up to a larger bound:
    saved outputs can make an honest notebook hundreds of megabytes."""
    raw = _read_regular(path, MAX_FILE_BYTES, "outputs included")
    digest = hashlib.sha256(raw).hexdigest()
    size = len(raw)
    text = raw.decode("utf-8")
    del raw  # freed before parsing: no more than two copies of the notebook are held at once
    notebook = json.loads(text)
    del text
    for cells in _cell_lists(notebook):
        for cell in cells:
            for key, empty in SET_ASIDE.items():
                if isinstance(cell, dict) and key in cell:
                    cell[key] = empty()
    if size > MAX_NOTEBOOK_BYTES and len(json.dumps(notebook)) > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB without its outputs")
    return NotebookFile(notebook, digest, size)


def _cell_lists(notebook) -> list[list]:
    """The lists of cells: ``cells`` in nbformat 4, ``worksheets[i].cells`` in nbformat 3."""
    if not isinstance(notebook, dict):
        return []
    sheets = notebook.get("worksheets")
    holders = [notebook] + (sheets if isinstance(sheets, list) else [])
    return [h["cells"] for h in holders if isinstance(h, dict) and isinstance(h.get("cells"), list)]


def _as_version_4(notebook) -> tuple[object, int | None]:
    """The notebook in nbformat 4 (upgraded by nbformat itself from 1, 2 or 3), and the version
    it was upgraded from, if any."""
    version = notebook.get("nbformat") if isinstance(notebook, dict) else None
    if version not in (1, 2, 3) or isinstance(version, bool):
        return notebook, None
    import nbformat
    import nbformat.reader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            old = nbformat.reader.reads(json.dumps(notebook))
            upgraded = json.loads(json.dumps(nbformat.convert(old, 4)))
    except Exception as error:  # nbformat's converters raise many kinds on malformed input
        raise ValueError(
            f"an nbformat {version} notebook that cannot be upgraded ({type(error).__name__})"
        ) from None
    return upgraded, version


def _timestamp(folder: Path, problem) -> datetime | None:
    path = folder / "timestamp.txt"
    if not os.path.lexists(path):
        return None
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(_read_regular(path, 1024).decode("utf-8").strip())
    except (OSError, UnicodeDecodeError, ValueError, OverflowError, TypeError) as error:
        problem(str(error)[:120] or "not a date")
        return None


@dataclass
class StudentCell:
    cell_type: str
    source: str
    meta: dict | None  # nbgrader metadata when it is a dict
    tampered: bool  # nbgrader metadata present but not a dict


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    raise ValueError("a cell's source is neither text nor a list of lines")


def _student_cells(notebook) -> list[StudentCell]:
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("not a Jupyter notebook (no list of cells)")
    if notebook.get("nbformat") != 4:
        raise ValueError(f"nbformat {notebook.get('nbformat')!r}, not 4")
    if len(notebook["cells"]) > MAX_CELLS:
        raise ValueError(f"more than {MAX_CELLS} cells")
    cells = []
    for raw in notebook["cells"]:
        if not isinstance(raw, dict):
            raise ValueError("a cell is not an object")
        cell_type = raw.get("cell_type")
        if cell_type not in ("code", "markdown", "raw"):
            raise ValueError(f"a cell of unknown type {str(cell_type)[:20]!r}")
        metadata = raw.get("metadata", {})
        meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
        tampered = not isinstance(metadata, dict) or (
            meta is not None and not isinstance(meta, dict)
        )
        cells.append(
            StudentCell(
                cell_type,
                _text(raw.get("source", "")),
                meta if isinstance(meta, dict) else None,
                tampered,
            )
        )
    return cells


def _norm(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _release_copy(cell) -> dict:
    return json.loads(json.dumps(cell))


def rebuild(
    spec: NotebookSpec, cells: list[StudentCell]
) -> tuple[list[dict], list[tuple[Kind, str]]]:
    """The notebook that runs and is returned, and what was found on the way."""
    release = spec.release.cells
    by_id = {grade_id(c): i for i, c in enumerate(release) if grade_id(c)}
    findings: list[tuple[Kind, str]] = []
    out: list[dict] = []
    placed: dict[int, int] = {}  # release index -> position in out
    extra = 0
    for cell in cells:
        gid = cell.meta.get("grade_id") if cell.meta else None
        index = by_id.get(gid) if isinstance(gid, str) else None
        if cell.tampered or (cell.meta is not None and index is None and gid is not None):
            findings.append(
                (
                    Kind.METADATA_TAMPERED,
                    f"a cell's nbgrader metadata ({str(gid)[:40] if gid else 'not a dict'})",
                )
            )
        if index is not None and index in placed:
            if is_answer(release[index]) or is_test(release[index]):
                findings.append(
                    (Kind.GRADED_CELL_DUPLICATED, f"{gid}: extra copy run as an ordinary cell")
                )
            index = None
        if index is None:
            extra += 1
            out.append(_plain_cell(cell, f"student-cell-{extra}"))
            continue
        original = release[index]
        rebuilt = _release_copy(original)
        if is_answer(original):
            rebuilt["source"] = cell.source
            if cell.cell_type != original["cell_type"]:
                findings.append((Kind.CELL_TYPE_CHANGED, f"{gid} was turned into {cell.cell_type}"))
        elif _norm(cell.source) != _norm(original["source"]):
            kind = Kind.TEST_CELL_EDITED if is_test(original) else Kind.READONLY_CELL_EDITED
            findings.append((kind, gid))
        if cell.meta != nbgrader_meta(original) and not cell.tampered:
            findings.append((Kind.METADATA_TAMPERED, f"{gid}"))
        placed[index] = len(out)
        out.append(rebuilt)
    for index, original in enumerate(release):
        if index in placed or grade_id(original) is None:
            continue
        gid = grade_id(original)
        if is_test(original):
            findings.append((Kind.TEST_CELL_DELETED, gid))
        elif is_answer(original):
            findings.append((Kind.ANSWER_CELL_DELETED, gid))
        else:
            findings.append((Kind.READONLY_CELL_EDITED, f"{gid} (deleted)"))
        position = _position_after_neighbour(placed, index)
        out.insert(position, _release_copy(original))
        placed = {i: (p + 1 if p >= position else p) for i, p in placed.items()}
        placed[index] = position
    return out, _unique(findings)


def answered(spec: NotebookSpec, cells: list[dict]) -> bool:
    """Whether the student answered anything: an answer cell that differs from the release
    (blank lines and trailing spaces aside), or a code cell of their own with code the
    release's ungraded cells do not hold (a release's plain cells come back as the student's).
    A notebook handed in as released is "nothing answered" in the report, never "ok"."""
    released = {grade_id(c): c for c in spec.release.cells if grade_id(c)}
    plain = {
        _norm(_text(c.get("source", "")))
        for c in spec.release.cells
        if grade_id(c) is None and c.get("cell_type") == "code"
    }
    for cell in cells:
        gid = grade_id(cell)
        if gid in released and is_answer(released[gid]):
            if _norm(_text(cell.get("source", ""))) != _norm(_text(released[gid]["source"])):
                return True
        elif gid is None and cell["cell_type"] == "code":
            code = _norm(cell["source"])
            if code and code not in plain and not _names_the_case(code):
                return True
    return False


def _names_the_case(code: str) -> bool:
    """Whether ``code`` only writes the student's case (``MY_CASE = "georgia"``): naming one's
    case is not answering (:mod:`balancing_act.analysis.cases`)."""
    try:
        body = ast.parse(code).body
    except (SyntaxError, ValueError):
        return False
    return (
        len(body) == 1
        and isinstance(body[0], ast.Assign)
        and [getattr(t, "id", None) for t in body[0].targets] == ["MY_CASE"]
        and isinstance(body[0].value, ast.Constant)
    )


def _plain_cell(cell: StudentCell, cell_id: str) -> dict:
    plain = {"cell_type": cell.cell_type, "id": cell_id, "metadata": {}, "source": cell.source}
    if cell.cell_type == "code":
        plain.update(outputs=[], execution_count=None)
    return plain


def _position_after_neighbour(placed: dict[int, int], index: int) -> int:
    earlier = [placed[i] for i in placed if i < index]
    return max(earlier) + 1 if earlier else 0


def _unique(findings):
    seen, kept = set(), []
    for item in findings:
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return kept


def cells_to_run(cells: list[dict]) -> list[CellToRun]:
    """Every code cell but the tests, in order: tests are judged outside the kernel."""
    runs = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code" or is_test(cell):
            continue
        label = grade_id(cell) or f"at position {index + 1}"
        runs.append(CellToRun(index, cell["source"], label))
    return runs

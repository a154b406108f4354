"""The teacher's side of grading with a hostile class: every page and file the course writes is
opened as the teacher would open it, and nothing a student chose is active in it.

A class of honest students and hostile ones (ids and file names holding HTML, Markdown links,
``javascript:``, carriage returns, terminal escape sequences, spreadsheet formulas, commas,
bytes that are not UTF-8, look-alike letters; outputs and a written answer holding scripts) is
graded with the teacher's commands: ``make grade``, ``make feedback``, ``make export``,
``make export-canvas`` and ``make export-moodle``. Then each CSV is parsed with Python's csv
module (no cell a spreadsheet computes, every row the header's width, the blank notebook at 0),
each page is loaded in Chromium, where a planted script would set a marker or open a dialog,
and the terminal output of ``make grade`` is read for control characters.

Each check is also run on a file made without the course's defences (nbgrader's own feedback
page and CSV writer, the report's Markdown rendered unescaped) and must catch it there.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import nbformat
import pytest

from balancing_act.grading import escaping, spreadsheets

from .browser.lab import launched_chromium
from .grading_tools import (
    course_copy,
    fill,
    make_grade,
    nbgrader,
    release,
    solution_answers,
    submit,
)

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

A1 = "a1-periods-timeline"
OPTIONS = ("--cell-timeout", "20", "--student-timeout", "90")
SCREENSHOTS = Path(os.environ.get("TEACHER_SIDE_SCREENSHOTS", "/tmp"))

# What a planted script does when it runs: the marker the page checks, and a dialog.
RUN = "window.__pwned = 1; document.title = 'PWNED'; alert('pwned')"
SCRIPT = f"<script>{RUN}</script>"
IMG = f'<img src="x" onerror="{RUN}">'
JS_LINK = f"[click me](javascript:{RUN})"

# --- the class -----------------------------------------------------------------------------
HONEST = ("aaa-honest", "zzz-honest")
FORMULA_IDS = (
    "=cmd|' -C calc'!A0",  # after OWASP's; a formula with double quotes is refused (below)
    "@SUM(1+1)",
    "+cmd",
    "-2+3",
)
COMMA_ID = "comma,x,y,z,15.0,0.0,15.0,15.0"  # nbgrader's CSV read it as a blank notebook at 15
MARKUP_ID = '<img src=x onerror="window.__pwned=1">'  # refused: the Formgrader writes ids raw
LINK_ID = "[click](javascript:alert(1))"  # holds [ ]: refused, and named in the report
FILES_STUDENT = "hostile-file-names"
HOSTILE_FILES = (
    "[click](javascript:alert(1)).txt",
    '<img src=x onerror="window.__pwned=1">.txt',
    "cr\rpushes | zzz-honest | 0 | | ok |.txt",
    "esc\x1b[2J\x1b]0;pwned\x07.txt",
    '=HYPERLINK("evil.example","click").txt',
    "\u202etxt.exe",
)
NOT_UTF8_FILE = b"bad\xff\xfe.txt"
NOT_UTF8_FOLDER = b"folder\xff"
NOT_UTF8_STUDENT = b"st\xffudent"
OUTPUTS_STUDENT = "scripts-in-outputs"
LOOKALIKES = ("alice", "\u0430lice")  # the second starts with a Cyrillic а
NFC, NFD = unicodedata.normalize("NFC", "jos\u00e9"), unicodedata.normalize("NFD", "jos\u00e9")

_HTML = f"<b>bold</b> {SCRIPT} {IMG}"
_MARKDOWN = f'{JS_LINK} <svg onload="{RUN}"></svg>'
_FRAME = f'<iframe src="javascript:{RUN}"></iframe>'
SHOW_EVERYTHING = "\n".join(
    [
        "from IPython.display import HTML, Javascript, Markdown, display",
        f"display(HTML({_HTML!r}))",
        f"display(Javascript({RUN!r}))",
        f"display(Markdown({_MARKDOWN!r}))",
        f"display({{'text/html': {_FRAME!r}, 'text/plain': 'frame'}}, raw=True)",
        f"print({SCRIPT!r})",
    ]
)
WRITTEN_ANSWER = f"""My answer, with **markup**.

{SCRIPT}

{IMG}

{JS_LINK} and <a href="javascript:{RUN}">a raw link</a>.
"""


def _right(released):
    return fill(released, solution_answers(A1))


def _place_class(course: Path) -> None:
    released = release(course, A1)
    right, blank = _right(released), released
    for student in (*HONEST, *LOOKALIKES, NFC, NFD, FILES_STUDENT):
        submit(course, student, A1, right)
    for student in (*FORMULA_IDS, COMMA_ID, MARKUP_ID, LINK_ID):
        submit(course, student, A1, blank)
    folder = course / "submitted" / FILES_STUDENT / A1
    for name in HOSTILE_FILES:
        (folder / name).write_text("an extra file", encoding="utf-8")
    root = os.fsencode(folder)
    Path(os.fsdecode(root + b"/" + NOT_UTF8_FILE)).write_text("x", encoding="utf-8")
    os.mkdir(root + b"/" + NOT_UTF8_FOLDER)
    stranger = os.fsencode(course / "submitted") + b"/" + NOT_UTF8_STUDENT + b"/" + A1.encode()
    os.makedirs(stranger)
    nbformat.write(right, os.fsdecode(stranger + b"/" + f"{A1}.ipynb".encode()))
    shows = fill(released, {**solution_answers(A1), "a1-resist": WRITTEN_ANSWER})
    cell = nbformat.v4.new_code_cell(SHOW_EVERYTHING)
    cell["id"] = "shows-everything"
    shows.cells.append(cell)
    submit(course, OUTPUTS_STUDENT, A1, shows)


def make(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=course, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("teacher-side"))
    _place_class(course)
    runs = {"grade": make_grade(course, A1, *OPTIONS)}
    for target in ("feedback", "export", "export-canvas", "export-moodle"):
        runs[target] = make(course, target, f"A={A1}")
    return {"course": course, "runs": runs}


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _report_rows(course: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    with (course / "reports" / f"{A1}-grading.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(spreadsheets.original(row["student"]), []).append(row)
    return rows


# --- the checks, each also run on a file made without the defences ----------------------------


def formula_problems(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would compute, and rows not as wide as the header."""
    problems = []
    for number, row in enumerate(rows, start=1):
        if len(row) != len(rows[0]):
            problems.append(f"row {number}: {len(row)} cells for {len(rows[0])} columns")
        for cell in row:
            if cell.startswith(spreadsheets.FORMULA_STARTS) and cell != "-":
                problems.append(f"row {number}: formula {cell[:40]!r}")
    return problems


def page_problems(browser, path: Path, screenshot: Path | None = None) -> list[str]:
    """What a planted script managed in the page: a marker, a dialog, a live link or handler."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        page.goto(path.as_uri())
        page.wait_for_timeout(500)
        problems = [f"dialog opened: {message!r}" for message in dialogs]
        if page.evaluate("window.__pwned") is not None or page.title() == "PWNED":
            problems.append("a planted script ran")
        live = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => a.name.startsWith('on') ||
                             /^\\s*javascript:/i.test(a.value) && /href|src|action/.test(a.name))
                .map(a => e.tagName + ' ' + a.name))"""
        )
        problems += [f"live attribute: {item}" for item in live]
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=False)
        return problems
    finally:
        context.close()


def control_characters(text: str) -> list[str]:
    return sorted(
        {repr(ch) for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n"}
    )


@pytest.fixture(scope="module")
def chromium():
    with launched_chromium() as browser:
        yield browser


# --- grading itself --------------------------------------------------------------------------


def test_every_command_succeeds(graded):
    for name, run in graded["runs"].items():
        assert run.returncode == 0, f"{name}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


def test_honest_students_at_both_ends_score_as_in_a_clean_run(graded):
    rows = _report_rows(graded["course"])
    for student in HONEST:
        assert [(r["score"], r["finding"]) for r in rows[student]] == [("15.0", "")], student


def test_make_grade_prints_no_control_character(graded):
    run = graded["runs"]["grade"]
    assert control_characters(run.stdout + run.stderr) == []
    assert escaping.markdown("esc\x1b[2J\x1b]0;pwned\x07.txt") in run.stdout  # shown, escaped


def test_the_terminal_check_catches_a_raw_escape_sequence():
    found = control_characters("".join(HOSTILE_FILES))
    assert sorted(found) == sorted(["'\\x07'", "'\\r'", "'\\x1b'"])


def test_names_that_are_not_utf8_are_reported_not_a_crash(graded):
    course = graded["course"]
    markdown = (course / "reports" / f"{A1}-grading.md").read_text(encoding="utf-8")
    assert "st\\\\xffudent" in markdown and "not UTF\\-8" not in markdown
    assert "its name is not UTF-8 text" in markdown
    details = " ".join(r["detail"] for r in _report_rows(course)[FILES_STUDENT])
    assert "bad\\xff\\xfe.txt (a file)" in details and "folder\\xff (a folder)" in details


def test_ids_with_markup_are_refused_and_named_as_text(graded):
    course = graded["course"]
    markdown = (course / "reports" / f"{A1}-grading.md").read_text(encoding="utf-8")
    assert escaping.markdown(MARKUP_ID) in markdown and MARKUP_ID not in markdown
    assert escaping.markdown(LINK_ID) in markdown and LINK_ID not in markdown
    assert "which the Formgrader's pages would read as markup" in markdown
    rows = _report_rows(course)
    for student in (MARKUP_ID, LINK_ID):
        assert [r["score"] for r in rows[student]] == [""], rows[student]
    assert not (course / "autograded" / MARKUP_ID).exists()


def test_look_alike_ids_are_flagged_on_both_students(graded):
    rows = _report_rows(graded["course"])
    for group in (LOOKALIKES, (NFC, NFD)):
        for student in group:
            kinds = {r["finding"] for r in rows[student]}
            assert kinds == {"look-alike student id"}, (student, kinds)
            assert rows[student][0]["score"] == "15.0"
    cyrillic = " ".join(r["detail"] for r in rows[LOOKALIKES[1]])
    assert "looks like 'alice'" in cyrillic and "U+0430 CYRILLIC SMALL LETTER A" in cyrillic
    assert "look-alike student id" not in {r["finding"] for r in rows["aaa-honest"]}


# --- the grading report ----------------------------------------------------------------------


def test_the_report_table_keeps_every_student_on_one_line(graded):
    markdown = (graded["course"] / "reports" / f"{A1}-grading.md").read_text(encoding="utf-8")
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    table = table[: next(i for i, line in enumerate(table) if line.startswith("| test "))]
    for line in table:
        cells = line.replace("\\|", "").count("|")
        assert cells == 6, line
    assert "| zzz-honest | 15 / 15 | | ok | |" in table
    assert "\r" not in markdown and "\x1b" not in markdown


@pytest.mark.browser
def test_the_report_page_is_inert(graded, chromium):
    page = graded["course"] / "reports" / f"{A1}-grading.html"
    shot = SCREENSHOTS / "teacher-side-report.png"
    assert page_problems(chromium, page, shot) == []
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    assert not re.search(r"<a [^>]*href=\"(?!#)", html), "a link that leaves the page"


@pytest.mark.browser
def test_the_page_check_catches_an_unescaped_report(graded, chromium, tmp_path):
    from nbconvert.filters import markdown2html

    planted = tmp_path / "planted-report.html"
    rows = "\n".join(f"| {name} | 0 |" for name in (MARKUP_ID, JS_LINK, "ok"))
    planted.write_text(markdown2html(f"| student | score |\n|---|---|\n{rows}\n"))
    problems = page_problems(chromium, planted)
    assert "a planted script ran" in problems
    assert any("javascript" in p or "href" in p or "onerror" in p for p in problems), problems


# --- the CSVs --------------------------------------------------------------------------------


def _csvs(course: Path) -> dict[str, Path]:
    reports = course / "reports"
    return {
        "grading": reports / f"{A1}-grading.csv",
        "grades": reports / "grades.csv",
        "canvas": reports / f"{A1}-canvas.csv",
        "moodle": reports / f"{A1}-moodle.csv",
    }


def test_no_csv_holds_a_formula_or_a_shifted_column(graded):
    for name, path in _csvs(graded["course"]).items():
        rows = _csv_rows(path)
        assert formula_problems(rows) == [], name
        text = path.read_text(encoding="utf-8")
        assert all(line.startswith('"') for line in text.splitlines() if line), name


def test_every_hostile_id_is_in_every_csv_as_text(graded):
    course = graded["course"]
    grades = {spreadsheets.original(r[3]): r for r in _csv_rows(_csvs(course)["grades"])[1:]}
    for student in (*FORMULA_IDS, COMMA_ID):
        row = grades[student]
        assert row[3] == spreadsheets.neutralise(student)
        assert (row[7], row[9]) == ("0.0", "0.0"), (student, row)
    for platform, column in (("canvas", 3), ("moodle", 0)):
        ids = {spreadsheets.original(r[column]) for r in _csv_rows(_csvs(course)[platform])}
        assert set(FORMULA_IDS) | {COMMA_ID, *HONEST} <= ids, platform


def test_the_csv_check_catches_nbgraders_own_export(graded, tmp_path):
    planted = tmp_path / "nbgraders-grades.csv"
    nbgrader(
        graded["course"],
        "export",
        "--to",
        str(planted),
        "--ExportApp.plugin_class=nbgrader.plugins.export.CsvExportPlugin",
    )
    rows = _csv_rows(planted)
    problems = formula_problems(rows)
    assert any("formula" in p and "=cmd|" in p for p in problems), problems
    assert any("cells for 11 columns" in p for p in problems), problems
    shifted = next(r for r in rows if r[3] == "comma")
    assert shifted[9] == "15.0"  # the blank notebook read as full marks


# --- the feedback pages ----------------------------------------------------------------------


def _feedback(course: Path, student: str) -> Path:
    return course / "feedback" / student / A1 / f"{A1}.html"


@contextlib.contextmanager
def _first_lock_removed(course: Path):
    """The graded notebook as it would be had the grader not made it inert (``markup.py``): the
    student's hostile outputs and written answer put back, to test the feedback page's own
    defences (the second lock) on them. Restored afterwards, with the course's own feedback."""
    graded_notebook = course / "autograded" / OUTPUTS_STUDENT / A1 / f"{A1}.ipynb"
    kept = graded_notebook.read_bytes()
    notebook = nbformat.read(graded_notebook, as_version=4)
    raw = {"text/html": _HTML, "text/markdown": _MARKDOWN, "text/plain": "hostile"}
    notebook.cells[-1].outputs = [nbformat.v4.new_output("display_data", data=raw)]
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "a1-resist":
            cell.source = WRITTEN_ANSWER
    nbformat.write(notebook, graded_notebook)
    try:
        yield
    finally:
        graded_notebook.write_bytes(kept)
        make(course, "feedback", f"A={A1}")


@pytest.mark.browser
def test_student_work_reaches_the_feedback_page_inert(graded, chromium):
    course = graded["course"]
    page = _feedback(course, OUTPUTS_STUDENT)
    shot = SCREENSHOTS / "teacher-side-feedback.png"
    assert page_problems(chromium, page, shot) == []
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    # Shown as text, not lost: the student's markup is there for the teacher to see.
    assert "&lt;script&gt;" in html and "markup" in html


@pytest.mark.browser
def test_the_feedback_page_is_inert_even_from_a_hostile_graded_notebook(graded, chromium):
    course = graded["course"]
    with _first_lock_removed(course):
        assert make(course, "feedback", f"A={A1}").returncode == 0
        page = _feedback(course, OUTPUTS_STUDENT)
        assert page_problems(chromium, page) == []
        html = page.read_text(encoding="utf-8")
    # Sanitised, not flattened: harmless formatting stays, the rest is shown as text.
    assert "<b>bold</b>" in html and "<strong>markup</strong>" in html
    assert "&lt;script&gt;" in html


@pytest.mark.browser
def test_every_feedback_page_is_inert(graded, chromium):
    pages = sorted((graded["course"] / "feedback").rglob("*.html"))
    assert len(pages) >= len(HONEST) + len(FORMULA_IDS) + 3
    for page in pages:
        assert page_problems(chromium, page) == [], page


@pytest.mark.browser
def test_the_page_check_catches_nbgraders_own_feedback(graded, chromium):
    course = graded["course"]
    with _first_lock_removed(course):
        nbgrader(
            course,
            "generate_feedback",
            A1,
            "--student",
            OUTPUTS_STUDENT,
            "--force",
            "--OfflineFeedbackExporter.template_name=feedback",
            "--GenerateFeedback.preprocessors=['nbgrader.preprocessors.GetGrades']",
        )
        problems = page_problems(chromium, _feedback(course, OUTPUTS_STUDENT))
    assert "a planted script ran" in problems and any("dialog" in p for p in problems), problems

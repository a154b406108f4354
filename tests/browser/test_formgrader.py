"""The Formgrader, as the course configures it, on `make lab`: a teacher opens a graded class's
submissions, marks the written answer through the page, and `make export-canvas` carries it.

The class is graded with the teacher's command, `make grade`, in a copy of the course: an
honest student, one whose written answer and outputs hold HTML and JavaScript, and one whose id
is HTML (refused before it reaches the gradebook). Each submission page is checked the same
way (:func:`submission_problems`): it opens (HTTP 200) with its score inputs, and nothing a
student wrote runs in it (no ``window.__pwned``, no dialog) or takes the id of a score box.
The check is shown to catch each failure: the old server-wide template setting planted in the
course's config (the page is an HTTP 500, TemplateNotFound), a graded notebook written without
the grader's inert step, and headings given ids again (the course's setting turned off).
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from ..grading_tools import (
    course_copy,
    fill,
    make_grade,
    read_report,
    release,
    solution_answers,
    submit,
)
from .formgrader import mark, submission_problems
from .lab import ARTIFACTS, browser_tab, free_port

pytestmark = [pytest.mark.lab, pytest.mark.nbgrader, pytest.mark.sandbox]

A = "a1-periods-timeline"
WRITTEN = "a1-resist"  # the written answer the hostile markup goes in, 5 points, marked by hand
# The assignment's other written answers: a score is exported only once all are marked.
OTHER_WRITTEN = {"a1-classify-reflect": 2.0, "a1-story": 6.0}
AUTOGRADED_MAX = 15.0
MARKED_ID = "<img src=x onerror=window.__pwned=1>"
# The old lines of nbgrader_config.py: the feedback template set for the whole Jupyter server.
SERVER_WIDE_TEMPLATE = """
c.HTMLExporter.template_name = "offline-feedback"
c.HTMLExporter.extra_template_basedirs = c.OfflineFeedbackExporter.extra_template_basedirs
"""

HOSTILE_ANSWER = """The Karabakh war of 2020 <img src=x onerror="window.__pwned = 'answer-img'">
<script>window.__pwned = 'answer-script'</script>
<a href="javascript:window.__pwned = 'link'">the source</a>"""
HOSTILE_OUTPUTS = """from IPython.display import HTML, Markdown, SVG, display
display(HTML('<img src=x onerror="window.__pwned = \\'output-img\\'">'))
display(HTML("<script>window.__pwned = 'output-script'</script>"))
display(Markdown('<img src=x onerror="window.__pwned = \\'output-md\\'">'))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned = 1"/>'))
print("<b>printed markup</b>")
"""


def _submission(course: Path, written: str, extra_code: str | None = None):
    answers = {**solution_answers(A), WRITTEN: written}
    notebook = fill(release(course, A), answers)
    if extra_code is not None:
        notebook.cells.append(nbformat.v4.new_code_cell(extra_code))
        # Headings named like the written answer's score and comment boxes, before them.
        headings = f"# {WRITTEN}\n\n# {WRITTEN}-comment"
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(headings))
    return notebook


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("formgrader"))
    submit(course, "amina", A, _submission(course, "The 2020 war: Baku went to Ankara."))
    submit(course, "mallory", A, _submission(course, HOSTILE_ANSWER, HOSTILE_OUTPUTS))
    submit(course, "planted", A, _submission(course, "Graded, then overwritten below."))
    submit(course, MARKED_ID, A, _submission(course, "A written answer."))
    run = make_grade(course, A)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return course


def _make_lab(course: Path, log: Path):
    """`make lab` in the course, as the README says, on a free loopback port."""
    port, token = free_port(), "formgrader-test-token"
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
    args += f"--IdentityProvider.token={token}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
            cwd=course,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so the whole make -> jupyter tree can be stopped
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return server, base, token
        except OSError:
            assert server.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def lab(graded_course):
    server, base, token = _make_lab(graded_course, ARTIFACTS / "formgrader-lab.log")
    yield base, token
    _stop(server)


def open_formgrader(page, base: str, token: str) -> str:
    """Sign in as a teacher comes to it (Nbgrader > Formgrader, the token in its address); the
    submission pages' own calls to the Formgrader's API then carry the sign-in."""
    page.goto(f"{base}/formgrader?token={token}")
    return f"{base}/formgrader"


@pytest.fixture
def tab(chromium, request):
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as page:
        yield page


def submission_ids(course: Path) -> dict[str, str]:
    """Each graded student's submission of the notebook, as the Formgrader addresses it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s.student.id: s.id for s in gradebook.notebook_submissions(A, A)}


def test_a_student_id_that_is_html_is_refused_and_never_reaches_the_gradebook(graded_course):
    report = read_report(graded_course, A)
    assert report[MARKED_ID]["kinds"] == {"student id refused"}
    assert MARKED_ID not in submission_ids(graded_course)
    assert set(submission_ids(graded_course)) == {"amina", "mallory", "planted"}


def test_the_teacher_marks_written_answers_and_the_export_carries_them(graded_course, lab, tab):
    base, token = lab
    ids = submission_ids(graded_course)
    formgrader = open_formgrader(tab, base, token)
    for student, score in (("amina", 4.0), ("mallory", 2.5)):
        assert submission_problems(tab, formgrader, ids[student], WRITTEN) == [], student
        for other, other_score in OTHER_WRITTEN.items():
            mark(tab, other, other_score)
        mark(tab, WRITTEN, score)
    text = tab.inner_text("#notebook")
    assert "<script>window.__pwned = 'answer-script'</script>" in text, "shown as text"
    assert "<b>printed markup</b>" in text
    # The screenshot kept after the test shows the hostile answer and outputs, as text.
    tab.locator(f"input.score#{WRITTEN}").scroll_into_view_if_needed()
    tab.wait_for_timeout(1000)  # the Formgrader scrolls to the last input with an animation
    run = subprocess.run(
        ["make", "--no-print-directory", "export-canvas", f"A={A}"],
        cwd=graded_course,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with (graded_course / "reports" / f"{A}-canvas.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    column = len(rows[0]) - 1
    scores = {row[3]: row[column] for row in rows[2:]}  # SIS Login ID: the user name
    others = sum(OTHER_WRITTEN.values())
    assert float(scores["amina"]) == AUTOGRADED_MAX + others + 4.0
    assert float(scores["mallory"]) == AUTOGRADED_MAX + others + 2.5
    assert scores["planted"] == "", "not marked yet: no score, never the autograded part"


def test_the_check_sees_student_markup_run_in_a_notebook_graded_without_the_inert_step(
    graded_course, lab, tab
):
    """The same check, on a graded notebook holding the student's markup as submitted."""
    graded = graded_course / "autograded" / "planted" / A / f"{A}.ipynb"
    notebook = nbformat.read(graded, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == WRITTEN:
            cell.source = HOSTILE_ANSWER
    nbformat.write(notebook, graded)
    base, token = lab
    formgrader = open_formgrader(tab, base, token)
    planted = submission_ids(graded_course)["planted"]
    problems = submission_problems(tab, formgrader, planted, WRITTEN)
    assert any("window.__pwned = 'answer-" in problem for problem in problems), problems


def test_the_check_sees_a_students_heading_take_a_score_box_without_the_courses_setting(
    graded_course, tmp_path, chromium
):
    course = tmp_path / "course"
    shutil.copytree(graded_course, course, symlinks=True)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write("\nc.HTMLExporter.exclude_anchor_links = False\n")
    server, base, token = _make_lab(course, ARTIFACTS / "formgrader-anchors-lab.log")
    try:
        shot = ARTIFACTS / "formgrader-planted-anchors.png"
        with browser_tab(chromium, shot, {"width": 1280, "height": 800}) as page:
            formgrader = open_formgrader(page, base, token)
            mallory = submission_ids(course)["mallory"]
            problems = submission_problems(page, formgrader, mallory, WRITTEN)
    finally:
        _stop(server)
    assert f"the id of a score or comment box is taken: {WRITTEN}" in problems, problems


def test_the_check_sees_the_formgrader_broken_by_a_server_wide_template(
    graded_course, tmp_path, chromium
):
    course = tmp_path / "course"
    shutil.copytree(graded_course, course, symlinks=True)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(SERVER_WIDE_TEMPLATE)
    log = ARTIFACTS / "formgrader-planted-lab.log"
    server, base, token = _make_lab(course, log)
    try:
        shot = ARTIFACTS / "formgrader-planted-template.png"
        with browser_tab(chromium, shot, {"width": 1280, "height": 800}) as page:
            formgrader = open_formgrader(page, base, token)
            amina = submission_ids(course)["amina"]
            problems = submission_problems(page, formgrader, amina, WRITTEN)
    finally:
        _stop(server)
    assert problems and problems[0].startswith("HTTP 500"), problems
    assert "TemplateNotFound: bootstrap.min.css" in log.read_text(), "the reviewer's failure"

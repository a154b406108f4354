"""Printed copies, through the teacher's commands: `make handouts` and `make answer-key`.

Two lessons and one answer key are printed in a copy of the course (the full set takes a few
minutes; `make handouts` with no arguments prints all). Each PDF is opened with pypdf and read
as a person would check it: the title, every section starting a page, charts drawn as vector
graphics with their text, the links' addresses printed, and the teacher's warning on every page
of the key.
"""

from __future__ import annotations

import subprocess

import nbformat
import pytest
from pypdf import PdfReader

from balancing_act.authoring.printing import documents, pdf

from .grading_tools import course_copy
from .notebook_tools import ROOT

pytestmark = pytest.mark.notebooks

LESSONS = ["00-start-here", "03-oil-pipelines-leverage"]
ASSIGNMENT = "a1-periods-timeline"


def _make(course, target, names):
    return subprocess.run(
        ["make", "--no-print-directory", target, f"PRINT_ARGS={' '.join(names)}"],
        cwd=course,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("course"))
    runs = {
        "handouts": _make(course, "handouts", LESSONS),
        "answer-key": _make(course, "answer-key", [ASSIGNMENT]),
    }
    return course, runs


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_commands_succeed_and_say_where_the_pdfs_are(printed):
    course, runs = printed
    for name, run in runs.items():
        assert run.returncode == 0, f"{name}:\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    for lesson in LESSONS:
        assert f"build/handouts/{lesson}.pdf" in runs["handouts"].stdout
    assert f"build/answer-key/{ASSIGNMENT}.pdf" in runs["answer-key"].stdout
    # Only what the teacher needs: a line per PDF and where they all are; no tool's notes.
    for name, run, count in (
        ("handouts", runs["handouts"], len(LESSONS)),
        ("answer-key", runs["answer-key"], 1),
    ):
        lines = run.stdout.splitlines()
        assert len(lines) == count + 1, f"{name}:\n{run.stdout}"
        assert all(".pdf: " in line for line in lines[:-1]), lines
        assert lines[-1].startswith(f"{count} PDFs in "), lines
        assert run.stderr == "", f"{name}:\n{run.stderr[-2000:]}"


def test_a_handout_labels_each_code_cells_result(printed):
    course, _ = printed
    text = "\n".join(_pages(course / "build" / "handouts" / "03-oil-pipelines-leverage.pdf"))
    assert "RESULT" in text  # print.css's label above what a cell printed


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_handout_has_its_title_and_a_page_for_every_section(printed, lesson):
    course, _ = printed
    notebook = nbformat.read(ROOT / "lessons" / f"{lesson}.ipynb", as_version=4)
    title = documents.title_of(notebook, ROOT / "lessons" / f"{lesson}.ipynb")
    sections = documents.sections_of(notebook)
    reader = PdfReader(course / "build" / "handouts" / f"{lesson}.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert reader.metadata.title == title
    assert " ".join(title.split()) in " ".join(pages[0].split())
    assert len(pages) >= len(sections) + 1, (len(pages), len(sections))
    starts = [" ".join(text.split())[:200] for text in pages]
    for section in sections:
        heading = " ".join(section.replace("`", "").split())
        assert any(start.startswith(heading) for start in starts), f"{section!r} starts no page"
    assert "Sources for this lesson" in sections


def test_charts_are_vector_graphics_with_their_text_and_no_pictures(printed):
    course, _ = printed
    reader = PdfReader(course / "build" / "handouts" / "03-oil-pipelines-leverage.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "US$ per barrel" in text  # an axis title, as text
    assert "Line chart, one panel per series" in text  # the chart's description
    for page in reader.pages:
        objects = (page.get("/Resources") or {}).get("/XObject") or {}
        for name in objects:
            assert objects[name].get_object().get("/Subtype") != "/Image", name


def test_links_are_printed_as_footnotes_and_the_sources_in_full(printed):
    course, _ = printed
    pages = _pages(course / "build" / "handouts" / "03-oil-pipelines-leverage.pdf")
    text = "\n".join(pages)
    assert "1. https://lib.aliyev-heritage.org/en/917277.html" in text  # the first footnote
    sources = next(p for p in pages if p.lstrip().startswith("Sources for this lesson"))
    assert "https://" in sources


def test_the_answer_key_is_marked_for_teachers_on_every_page(printed):
    course, _ = printed
    reader = PdfReader(course / "build" / "answer-key" / f"{ASSIGNMENT}.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert "For teachers only" in reader.metadata.title
    assert all("FOR TEACHERS ONLY" in text for text in pages)
    text = "\n".join(pages)
    assert "Answer key: Assignment 1: Periods and the timeline" in text
    assert "Model answer (about 230 words)" in text  # the rubric's model answer
    assert "### BEGIN HIDDEN TESTS" in text and "hidden test (never shown to students)" in text
    assert "Task 6: an event that resists the periods" in text


def test_links_become_footnotes_except_in_the_list_of_sources():
    html = (
        '<p><a href="https://a.example/x">A report</a> and <a href="https://b.example">'
        'https://b.example</a></p><h2 id="Sources-for-this-lesson">Sources</h2>'
        '<li><a href="https://c.example/y">C</a></li>'
    )
    printed = pdf.print_links(html, listed_from="Sources-for-this-lesson")
    assert '<span class="footnote">https://a.example/x</span>' in printed
    assert printed.count('class="footnote"') == 1  # a link showing its address needs none
    assert (
        '<a href="https://c.example/y">C</a> <span class="address">https://c.example/y</span>'
        in printed
    )


def test_a_page_that_would_load_something_is_not_printed(tmp_path):
    html = '<html><body><p>x</p><img src="https://example.org/tracker.png"></body></html>'
    with pytest.raises(pdf.PrintError, match="would load https://example.org/tracker.png"):
        pdf.write_pdf(html, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_a_notebook_that_fails_to_run_is_not_printed_and_its_cell_is_named(tmp_path):
    path = tmp_path / "broken.ipynb"
    cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    with pytest.raises(pdf.PrintError, match=r"not printed, because broken.ipynb failed at cell 1"):
        pdf.execute(path)


def test_a_notebook_without_a_title_is_refused(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("No title here")])
    with pytest.raises(pdf.PrintError, match="must start with a '# ' title"):
        documents.title_of(notebook, tmp_path / "x.ipynb")


def test_an_unknown_lesson_is_named():
    from balancing_act.authoring.printing.__main__ import main

    assert main(["handouts", "99-no-such-lesson", "--course", str(ROOT)]) == 2

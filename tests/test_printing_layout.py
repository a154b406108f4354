"""A handout's code and its result read as two boxes, apart from the next cell's code.

Measured in the laid-out page (WeasyPrint's own boxes), on a notebook with outputs written in
(no kernel): each cell's result sits in its own box, white with a rule at its left and labelled
"Result", under the grey code box, and the next cell's code starts a clear gap below it. With
the print style sheet of before (planted in a copy), results ran straight into the next code:
the same measures fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring.printing import pdf

from .notebook_tools import ROOT

MM = 96 / 25.4  # CSS pixels in a millimetre
GAP_MM = 3.0  # the least white space between a result and the next cell's code


def _notebook() -> nbformat.NotebookNode:
    def code(source, *outputs):
        cell = nbformat.v4.new_code_cell(source)
        cell.outputs = list(outputs)
        return cell

    def stream(text, name="stdout"):
        return nbformat.v4.new_output("stream", name=name, text=text)

    def result(text):
        return nbformat.v4.new_output(
            "execute_result", data={"text/plain": text}, execution_count=1
        )

    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Lesson X — a test"),
            code("events = ba.load_events()", stream("Loaded 212 events\n")),
            code("len(events)", result("212")),
            code("by_year.tail(3)", result("year\n2022    14\n2023    11\n2024     9")),
            code("import warnings", stream("DeprecationWarning: noise\n", name="stderr")),
            code("x = 1"),
        ]
    )


def _boxes(course: Path):
    """In document order: ("code", box) for each code box, ("result", box) for each result."""
    import weasyprint

    html = pdf.page(course, "t", pdf.body(_notebook()), ["print.css"], classes="handout")
    document = weasyprint.HTML(string=html).render()
    found = []
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            # One box per element: not its "::before" label, which names the same element.
            if element is None or type(box).__name__ != "BlockBox" or "::" in box.element_tag:
                continue
            classes = (element.get("class") or "").split()
            if "highlight" in classes:
                found.append(("code", box))
            elif "output_wrapper" in classes:
                found.append(("result", box))
    return found, html


def _colour(box) -> tuple:
    colour = box.style["background_color"]
    return tuple(round(c, 3) for c in colour)


def check_code_and_results_apart(course: Path) -> None:
    boxes, html = _boxes(course)
    kinds = [kind for kind, _ in boxes]
    # Five code cells; three results (a cell that printed only warnings shows none).
    assert kinds.count("code") == 5 and kinds.count("result") == 3, kinds
    assert "DeprecationWarning" not in html
    for (kind, box), (next_kind, following) in zip(boxes, boxes[1:], strict=False):
        if kind == "result" and next_kind == "code":
            bottom = box.border_box_y() + box.border_height()
            gap = (following.border_box_y() - bottom) / MM
            assert gap >= GAP_MM, f"a result runs into the next code: {gap:.1f} mm apart"
        if kind == "code" and next_kind == "result":
            assert _colour(box) != _colour(following), "code and result on the same background"
            assert following.style["border_left_width"] > 0, "no rule marks the result"
            assert following.style["background_color"][3] == 1, "the result box has no background"
    assert 'content: "Result"' in html


def test_each_result_is_its_own_box_apart_from_the_next_cells_code():
    check_code_and_results_apart(ROOT)


def test_the_check_catches_the_old_style_sheet_where_results_ran_into_code(tmp_path):
    sheet = (ROOT / pdf.STYLES / "print.css").read_text(encoding="utf-8")
    start = sheet.index("/* A code cell reads as two boxes")
    end = sheet.index(".jp-Cell { break-inside: auto; }")
    old = """.jp-CodeCell .jp-InputArea .highlight {
  background: #f4f4f4; border-left: 2pt solid #c8c8c8; padding: 1.5mm 2.5mm; margin: 2mm 0 1mm;
}
.jp-OutputArea { margin: 0 0 3mm; }
.jp-OutputArea-output pre { color: #222222; margin: 1mm 0 0 2.5mm; }
"""
    planted = tmp_path / pdf.STYLES
    planted.mkdir(parents=True)
    (planted / "print.css").write_text(sheet[:start] + old + sheet[end:], encoding="utf-8")
    with pytest.raises(AssertionError):
        check_code_and_results_apart(tmp_path)


def test_the_handout_of_a_notebook_keeps_the_callers_outputs():
    notebook = _notebook()
    pdf.body(notebook)
    assert notebook.cells[4].outputs[0]["name"] == "stderr"  # dropped from the copy only


def test_a_screenshot_of_the_page_can_be_made(tmp_path):
    """The picture a reviewer looks at: test-artifacts/handout-code-and-results.png."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    import subprocess

    html = pdf.page(ROOT, "t", pdf.body(_notebook()), ["print.css"], classes="handout")
    out = tmp_path / "handout.pdf"
    assert pdf.write_pdf(html, out) == 1
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "90",
            "-png",
            "-singlefile",
            str(out),
            str(artifacts / "handout-code-and-results"),
        ],
        check=True,
    )
    assert (artifacts / "handout-code-and-results.png").stat().st_size > 1000

"""A feedback page wraps a long message at the page's edge instead of cutting it there.

The page is made by the course's feedback exporter with the course's nbgrader configuration
(the same template `make feedback` uses), from a graded cell whose test failed with a long
message, one with a word too long for any line, and a long printed output. In Chromium at
1280 x 800, no output is wider than its box. With the template's styles taken out (planted in a
copy of the templates), the same page cuts the message: the check catches it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from balancing_act.grading import gradebook

from ..notebook_tools import ROOT
from .lab import ARTIFACTS, browser_tab

TEMPLATES = ROOT / "balancing_act" / "grading" / "templates"
LONG = (
    "AssertionError: with_russia should hold every event whose actors include RU; "
    "it holds 12 rows where the table has 58, so check the filter you used. "
    + "a_very_long_name_with_no_space_to_break_at_"
    * 6
)


def _notebook() -> nbformat.NotebookNode:
    test = nbformat.v4.new_code_cell("ba.assertions.defined('with_russia')")
    name, _, value = LONG.partition(": ")
    test.outputs = [nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[LONG])]
    test.metadata["nbgrader"] = {
        "grade": True,
        "grade_id": "t1",
        "points": 1,
        "solution": False,
        "locked": True,
        "schema_version": 3,
        "score": 0,
    }
    printed = nbformat.v4.new_code_cell("print(report)")
    text = "a printed line that goes on " * 14 + "\n" + "unbroken" * 30 + "\n"
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Feedback"), test, printed]
    )
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def feedback_page(templates: Path = TEMPLATES) -> str:
    """The feedback page of :func:`_notebook`, as `make feedback` makes it (nbgrader's own
    command adds Bootstrap's folder to the template paths, as here)."""
    import nbgrader
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from traitlets.config import Config

    from balancing_act.grading.feedback import OfflineFeedbackExporter

    config = gradebook.course_config(ROOT)
    extra = Config()
    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    extra.HTMLExporter.extra_template_paths = [
        str(formgrader / "static" / "node_modules" / "bootstrap" / "dist" / "css")
    ]
    extra.OfflineFeedbackExporter.extra_template_basedirs = [
        str(formgrader / "templates"),
        str(templates),
    ]
    config.merge(extra)
    exporter = OfflineFeedbackExporter(config=config)
    exporter.register_preprocessor(CSSHTMLHeaderPreprocessor(config=config), enabled=True)
    resources = {"nbgrader": {"notebook": "a1", "score": 0, "max_score": 1, "late_penalty": 0}}
    html, _ = exporter.from_notebook_node(_notebook(), resources=resources)
    return html


OVERFLOW = """() => [...document.querySelectorAll('div.output_subarea pre')].map(pre => ({
    text: pre.textContent.slice(0, 40),
    wider: pre.scrollWidth - pre.clientWidth,
    right: pre.getBoundingClientRect().right,
    lines: Math.round(pre.getBoundingClientRect().height
        / parseFloat(getComputedStyle(pre).lineHeight)),
}))"""


def check_wrapped(chromium, html: str, folder: Path, shot: Path) -> None:
    page_file = folder / "feedback.html"
    page_file.write_text(html, encoding="utf-8")
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as tab:
        tab.goto(page_file.as_uri())
        outputs = tab.evaluate(OVERFLOW)
        assert len(outputs) == 2, outputs
        for output in outputs:
            assert output["wider"] <= 1, f"cut at the right edge: {output}"
            assert output["right"] <= 1280, output
            assert output["lines"] >= 3, f"not wrapped: {output}"


def test_a_long_message_in_the_feedback_page_wraps(chromium, tmp_path):
    html = feedback_page()
    assert "overflow-wrap: anywhere" in html
    check_wrapped(chromium, html, tmp_path, ARTIFACTS / "feedback-long-message-1280.png")


def test_the_check_catches_a_page_that_cuts_long_messages(chromium, tmp_path):
    planted = tmp_path / "templates"
    shutil.copytree(TEMPLATES, planted)
    macro = planted / "offline-feedback" / "mathjax.html.j2"
    text = macro.read_text(encoding="utf-8")
    macro.write_text(re.sub(r"<style>.*?</style>", "", text, flags=re.S), encoding="utf-8")
    html = feedback_page(planted)
    assert "overflow-wrap: anywhere" not in html
    with pytest.raises(AssertionError, match="cut at the right edge|not wrapped"):
        check_wrapped(chromium, html, tmp_path, tmp_path / "planted.png")
    assert os.path.exists(tmp_path / "planted.png")

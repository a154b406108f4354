"""No lesson's prose is typeset as math in JupyterLab.

JupyterLab typesets text between two ``$`` as LaTeX: "about $99 a barrel in 2014 to about $52"
became "about *99abarrelin2014toabout*52" in lesson 05, and lesson 04 showed a MathJax error box.
The course writes no math, so any typeset math in a lesson's rendered Markdown is a defect.
"""

from __future__ import annotations

import json

import pytest

from ..notebook_tools import lesson_notebooks
from .student import open_notebook

LESSONS = [f"lessons/{path.name}" for path in lesson_notebooks()]

#: What JupyterLab's MathJax 3 leaves in rendered Markdown and HTML outputs: typeset math and its
#: error boxes.
_MATH_JS = """() => [...document.querySelectorAll('.jp-RenderedHTMLCommon')]
    .flatMap(cell => [...cell.querySelectorAll('mjx-container')]
        .map(math => (math.querySelector('mjx-merror')
            ? 'a MathJax error: ' : 'typeset as math: ')
            + (math.getAttribute('aria-label') || math.textContent || '').slice(0, 80)))"""


def typeset_math(page) -> list[str]:
    """Each piece of a notebook's Markdown or HTML output that JupyterLab typeset as math."""
    page.wait_for_selector(".jp-MarkdownCell .jp-RenderedMarkdown", timeout=30_000)
    page.wait_for_timeout(1500)  # typesetting runs after the cells render
    return page.evaluate(_MATH_JS)


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_lesson_text_is_typeset_as_math(lab, page, lesson):
    base, token = lab
    open_notebook(page, base, token, lesson)
    assert typeset_math(page) == []


def test_the_math_check_sees_dollar_amounts_typeset(lab, page, course):
    probe = course / "lessons" / "zz-math-probe.ipynb"
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "Oil fell from $99 in 2014 to $52."},
        {"cell_type": "markdown", "metadata": {}, "source": "A broken one: $x^$ here."},
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    probe.write_text(json.dumps(notebook), encoding="utf-8")
    base, token = lab
    try:
        open_notebook(page, base, token, f"lessons/{probe.name}")
        found = typeset_math(page)
    finally:
        probe.unlink()
    assert any(line.startswith("typeset as math") for line in found), found
    assert any(line.startswith("a MathJax error") for line in found), found

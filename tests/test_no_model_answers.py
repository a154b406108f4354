"""No teacher's reading or model answer in what students open: lessons and exercises.

Model answers and teachers' readings live under ``instructor/`` (issue 23 moved lesson 8's
"one possible reading per claim" to ``instructor/readings/``)."""

from __future__ import annotations

import json
import re

import pytest

from .notebook_tools import ROOT

# The headings and phrases a teacher's reading or a rubric's answer is written under.
MARKERS = re.compile(
    r"possible reading|teacher'?s note|teacher’s note|model answer|one reading per claim",
    flags=re.IGNORECASE,
)


def _student_texts():
    for path in sorted((ROOT / "lessons").glob("*.md")):
        yield path, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "exercises").rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path, "\n".join("".join(cell["source"]) for cell in cells)


def model_answer_lines(text: str) -> list[str]:
    """The lines of ``text`` that read like a teacher's reading or a model answer."""
    return [line.strip() for line in text.splitlines() if MARKERS.search(line)]


@pytest.mark.parametrize("path,text", list(_student_texts()), ids=lambda v: getattr(v, "name", ""))
def test_no_model_answer_reaches_a_student(path, text):
    found = model_answer_lines(text)
    assert not found, (
        f"{path.relative_to(ROOT)} holds what reads like a teacher's reading or model answer; "
        f"move it under instructor/: {found[:3]}"
    )


def test_the_check_finds_a_reading_left_in_a_lesson():
    text = "## Your verdicts\n\n### Teacher's note: one possible reading per claim\n- C1 ..."
    assert model_answer_lines(text) == ["### Teacher's note: one possible reading per claim"]

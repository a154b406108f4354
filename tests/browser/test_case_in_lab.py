"""A student alone picks a case in JupyterLab: they write it in the notebook's case cell, run
everything, and the notebook shows their case in words, with every visible test passing. A case
typed wrong is answered at the set-up with the cases to choose from."""

from __future__ import annotations

import re

import nbformat
from playwright.sync_api import expect

from balancing_act.analysis.cases import cases_of

from ..grading_tools import fill, solution_answers
from ..notebook_tools import ROOT
from .lab import ARTIFACTS, browser_tab
from .student import error_outputs, open_notebook
from .walk import run_until_idle

A = "a6-measuring-the-balance"


def _answered_copy(course, name: str) -> str:
    """The released exercise with every task answered and its case cell left as released."""
    released = nbformat.read(ROOT / "exercises" / A / f"{A}.ipynb", as_version=4)
    path = f"exercises/{A}/{name}.ipynb"
    nbformat.write(fill(released, solution_answers(A)), course / path)
    return path


def _write_case(page, text: str) -> None:
    """Click into the case cell, as a student does, and replace its line with ``text``."""
    cell = page.locator(".jp-CodeCell", has_text="MY_CASE = None").first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Escape")


def test_a_student_picks_a_case_and_the_notebook_works_on_it(lab, course, chromium):
    base, token = lab
    case = cases_of(A)[-1]
    path = _answered_copy(course, "picked-case")
    shot = ARTIFACTS / "case-picked-in-lab.png"
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as page:
        open_notebook(page, base, token, path)
        _write_case(page, f'MY_CASE = "{case.key}"')
        # The released hidden-test cells are empty and never get a number: run until idle, then
        # see that the last cell ran and nothing raised.
        run_until_idle(page, timeout_ms=300_000)
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        assert re.fullmatch(r"\[\d+\]:", prompts[-1].strip()), prompts
        raised = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        )
        assert raised.count() == 0 and error_outputs(page) == []
        shown = page.locator(".jp-RenderedMarkdown", has_text=f"Your case: {case.words}")
        expect(shown).to_have_count(1, timeout=30_000)
        shown.scroll_into_view_if_needed()


def test_a_case_typed_wrong_is_answered_with_the_cases_to_choose_from(lab, course, chromium):
    base, token = lab
    first = cases_of(A)[0]
    path = _answered_copy(course, "mistyped-case")
    shot = ARTIFACTS / "case-mistyped-in-lab.png"
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as page:
        open_notebook(page, base, token, path)
        _write_case(page, 'MY_CASE = "somewhere else"')
        run_until_idle(page, timeout_ms=120_000)
        error = page.locator(".jp-OutputArea-output", has_text="is not a case of")
        expect(error).to_have_count(1, timeout=120_000)
        assert f"'{first.key}'" in error.inner_text()
        error.scroll_into_view_if_needed()

"""A student opens an assignment, presses nbgrader's Validate, answers a task and validates again."""

from __future__ import annotations

from .student import open_notebook

EXERCISE = "exercises/a1-periods-timeline/a1-periods-timeline.ipynb"
# Task 1 of a1: the events with Russia among their actors (a student's answer, typed into the cell).
ANSWER = 'with_russia = events[events["actors"].map(lambda cell: "RU" in ba.split_ids(cell))]'


def validate(page) -> str:
    """Press Validate in the notebook's toolbar; return the text of nbgrader's result dialog."""
    page.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.locator("#validation-message").wait_for(timeout=120_000)
    text = dialog.inner_text()
    dialog.get_by_role("button").last.click()  # close it, as a student would
    dialog.wait_for(state="detached")
    return text


def test_validate_reports_unanswered_tasks_then_accepts_an_answer(lab, page):
    base, token = lab
    open_notebook(page, base, token, EXERCISE)
    assert page.locator(".jp-NotebookPanel-toolbar .validate-button").is_visible()

    first = validate(page)
    assert "The following cell failed" in first
    # A blank notebook's visible test says what to do, not which name Python could not find.
    assert "with_russia is not defined yet: run the cells above" in first
    assert "NameError" not in first

    # Answer task 1 in its solution cell (the one still holding nbgrader's stub).
    cell = page.locator(".jp-CodeCell", has_text="raise NotImplementedError()").first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(ANSWER)
    page.keyboard.press("Escape")

    second = validate(page)  # Validate saves the notebook first, then runs it
    assert "with_russia" not in second, "task 1 is answered, so its checks should pass now"
    assert "The following cell failed" in second, "the other tasks are still open"

    assert page.watch.outside_requests == []
    assert page.watch.page_errors == []
    assert page.watch.console_errors == []

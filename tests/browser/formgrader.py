"""The Formgrader's submission page in Chromium: the check every Formgrader test applies, and
marking a written answer through the page as a teacher does."""

from __future__ import annotations

# nbgrader's submission page loads MathJax from a CDN, which the test's browser blocks, as it
# is for a teacher offline: the page then raises this, and marks still save (the test shows it).
MATHJAX_OFFLINE = "MathJax is not defined"


def submission_problems(page, formgrader: str, submission: str, written: str) -> list[str]:
    """What is wrong with a submission's page in the Formgrader at ``formgrader`` (its URL, the
    browser signed in): an error instead of the page, no score input for the ``written``
    answer, a score or comment box whose id a student's heading took, or anything a student
    wrote running in it."""
    if not hasattr(page, "dialogs"):
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(f"{formgrader}/submissions/{submission}/")
    problems = []
    if response.status != 200:
        problems.append(f"HTTP {response.status}: {' '.join(page.inner_text('body').split())}")
    elif not page.locator(f"input.score#{written}").count():
        problems.append(f"no score input for {written}")
    # The page finds each score and comment box by its id: a student's heading must not take one.
    taken = page.evaluate(
        """() => [...document.querySelectorAll('input.score, textarea.comment')]
            .map(box => box.id)
            .filter(id => document.querySelectorAll(`[id="${id}"]`).length > 1)"""
    )
    problems += [f"the id of a score or comment box is taken: {box}" for box in taken]
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # an <img onerror> fires after the page has loaded
    pwned = page.evaluate("() => window.__pwned")
    if pwned is not None:
        problems.append(f"student markup ran: window.__pwned = {pwned!r}")
    problems += [f"a dialog opened: {message}" for message in page.dialogs]
    problems += [
        f"page error: {error}" for error in page.watch.page_errors if error != MATHJAX_OFFLINE
    ]
    return problems


def mark(page, written: str, score: float) -> None:
    """Type a written answer's score as a teacher does, and wait until the page saved it."""
    field = page.locator(f"input.score#{written}")
    with page.expect_response(
        lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"
    ) as saved:
        field.fill(str(score))
        field.blur()  # the Formgrader saves a score when its input loses focus
    assert saved.value.status == 200, saved.value.text()

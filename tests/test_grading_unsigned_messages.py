"""A message on the kernel's channels that its key did not sign is dropped, not a grader error.

Student code can write to its kernel's output socket directly, and forked copies of a kernel (a
fork bomb) garble messages: either way the grader reads a message whose signature does not
match. It is the student's doing, so it is dropped like any other noise and the run goes on;
read as it used to be, it stopped the grader on that student ("grader error").
"""

from __future__ import annotations

import nbformat
import pytest

from balancing_act.grading import grader, run
from balancing_act.grading.findings import Kind
from balancing_act.grading.sandbox import Limits, detect

from .grading_tools import course_copy, fill, release, solution_answers, submit

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

A1 = "a1-periods-timeline"
LIMITS = Limits(cell_seconds=20, student_seconds=60)
UNSIGNED = """
socket = get_ipython().kernel.iopub_socket
socket.send_multipart([b"<IDS|MSG>", b"0" * 64, b"{}", b"{}", b"{}", b"{}"])
import time
time.sleep(1)
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if not detect().isolated:
        pytest.skip("needs bubblewrap")
    course = course_copy(tmp_path_factory.mktemp("unsigned"))
    right = fill(release(course, A1), solution_answers(A1))
    forger = fill(right, {})  # a copy
    forger.cells.insert(0, nbformat.v4.new_code_cell(UNSIGNED))
    submit(course, "forger", A1, forger)
    return course


def test_an_unsigned_message_is_dropped_and_the_answers_still_count(course):
    outcome = grader.grade_class(course, A1, limits=LIMITS, workers=1)
    (forger,) = outcome.students
    assert [f.kind for f in forger.findings] == []
    assert forger.score == 15


def test_read_as_before_it_was_a_grader_error(course, monkeypatch):
    async def unguarded(get, timeout):
        return await get(timeout=timeout)

    monkeypatch.setattr(run.Kernel, "_receive", staticmethod(unguarded))
    outcome = grader.grade_class(course, A1, limits=LIMITS, workers=1)
    (forger,) = outcome.students
    assert [f.kind for f in forger.findings] == [Kind.GRADER_ERROR]

"""The file limit: a notebook that fills its sandbox's in-memory folders with empty files.

Empty files take no room, so the folders' size limits never see them, but each is kernel memory
(an inode and a dentry) that only a cgroup would cap. The grader counts them and stops the run;
with the count planted off, the same notebook reads "ok" — the failure the guard is for.
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
LIMITS = Limits(files=2_000, cell_seconds=20, student_seconds=60)
# Files in three of its folders, a bounded number so that the unguarded run ends too.
FILES = """
import os
for folder in ("/tmp", os.path.expanduser("~"), "/dev/shm"):
    for n in range(2_000):
        # Not "f{n}": a checkout at /tmp/f26 is bound into the sandbox as a folder of that name.
        open(os.path.join(folder, f"file-bomb-{n}"), "w").close()
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if not detect().isolated:
        pytest.skip("needs bubblewrap: the files are counted in the sandbox's own folders")
    course = course_copy(tmp_path_factory.mktemp("files"))
    right = fill(release(course, A1), solution_answers(A1))
    bomb = fill(right, {})  # a copy
    bomb.cells.insert(0, nbformat.v4.new_code_cell(FILES))
    submit(course, "files-bomb", A1, bomb)
    submit(course, "honest", A1, right)
    return course


def _kinds(outcome, student):
    return [f.kind for r in outcome.students if r.student == student for f in r.findings]


def test_a_run_past_the_file_limit_is_stopped_and_reported(course):
    outcome = grader.grade_class(course, A1, limits=LIMITS, workers=2)
    assert _kinds(outcome, "files-bomb") == [Kind.FILE_LIMIT]
    assert _kinds(outcome, "honest") == []
    scores = {r.student: r.score for r in outcome.students}
    assert scores["honest"] == 15 and scores["files-bomb"] == 0


def test_with_the_count_planted_off_the_same_run_reads_ok(course, monkeypatch):
    monkeypatch.setattr(run.Kernel, "check_files", lambda self: None)
    outcome = grader.grade_class(course, A1, limits=LIMITS, workers=2)
    assert _kinds(outcome, "files-bomb") == []

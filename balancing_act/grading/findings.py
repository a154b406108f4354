"""What grading can find about a submission, as a closed list of kinds.

Every finding but one comes from a place student code cannot write: the grader's own reading of the
submitted files (before anything runs), its clock and the sandbox's exit status and cgroup
(while the notebook runs), and its own checks of the answers that came out. Nothing is parsed
from text the student's kernel printed. The one exception, a note that the notebook replaced
Python's builtins, comes from the grader's own helper in the student's kernel: it is about that
student alone, and forging it or hiding it changes no score.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """A kind of finding: its label in the report and what grading did about it."""

    # About a student's folder
    ID_REFUSED = ("student id refused", "not graded: nbgrader cannot handle this folder name")
    ID_LOOKALIKE = (
        "look-alike student id",
        "graded as a separate student: check whether these are one person",
    )
    # About the submitted files (read before anything runs)
    NOTEBOOK_MISSING = ("notebook missing", "not submitted; scored 0")
    NOTEBOOK_RENAMED = ("notebook renamed", "graded under its expected name")
    NOTEBOOK_UNREADABLE = ("notebook unreadable", "scored 0")
    OLD_NOTEBOOK_FORMAT = ("old notebook format", "upgraded to nbformat 4 and graded")
    LARGE_NOTEBOOK = (
        "large notebook",
        "its saved outputs were set aside (grading runs it afresh); graded",
    )
    NOT_A_NOTEBOOK = ("not a notebook", "scored 0")
    UNEXPECTED_NOTEBOOK = ("unexpected notebook", "not part of the assignment; not graded")
    UNEXPECTED_FILE = ("unexpected file", "not copied into the sandbox, never importable")
    TIMESTAMP_UNREADABLE = ("timestamp unreadable", "graded without a submission time")
    TEST_CELL_EDITED = ("test cell edited", "the released test was used")
    READONLY_CELL_EDITED = ("read-only cell edited", "the released cell was run instead")
    TEST_CELL_DELETED = ("test cell deleted", "put back from the release")
    ANSWER_CELL_DELETED = ("answer cell deleted", "no answer to grade; the released stub was run")
    GRADED_CELL_DUPLICATED = ("graded cell duplicated", "the first copy was graded")
    METADATA_TAMPERED = ("nbgrader metadata tampered", "restored from the release")
    CELL_TYPE_CHANGED = ("cell type changed", "restored from the release")
    # About the run (the grader's clock, the sandbox's exit and cgroup)
    KERNEL_DID_NOT_START = ("kernel did not start", "nothing ran; scored 0")
    CELL_TIMEOUT = ("timeout", "the cell was stopped; later cells still ran")
    KERNEL_DIED = ("kernel died", "later cells did not run; answers from before still count")
    KERNEL_STOPPED = (
        "kernel stopped",
        "it ignored the interrupt and was stopped; answers from before still count",
    )
    TIME_LIMIT = ("time limit", "the run was stopped; answers from before still count")
    MEMORY_LIMIT = ("memory limit", "the run was stopped; answers from before still count")
    FILE_LIMIT = ("file limit", "the run was stopped; answers from before still count")
    OUTPUT_CUT = ("output cut", "output beyond the limit is not kept")
    OUTPUT_TRUNCATED = (
        "output truncated",
        "output past the limit was dropped; the run went on",
    )
    OUTPUT_LIMIT = ("output limit", "the run was stopped; answers from before still count")
    EXECUTION_COUNT_IGNORED = (
        "execution count ignored",
        "the grader numbered the cells itself",
    )
    # About the answers that came out (checked by the grader, outside the sandbox)
    ANSWER_UNREADABLE = ("answer unreadable", "that answer scored 0; the others were graded")
    ANSWERS_NOT_TAKEN = (
        "answers not taken",
        "the grader could not take the answers out; those taken before still count",
    )
    # What the grader's helper saw in the kernel: a note on the student's own notebook only
    BUILTINS_REPLACED = (
        "builtins replaced",
        "the grader's helper kept the originals; the answers were taken as they are",
    )
    # About judging the answers: the verdict process's own budget (kept by the kernel)
    VERDICT_TIME = ("verdict time limit", "that test scored 0; the others were judged")
    VERDICT_MEMORY = ("verdict memory limit", "that test scored 0; the others were judged")
    # The grader's own failure on one student (a bug to report): scored 0, grade again
    GRADER_ERROR = ("grader error", "scored 0 for now: grade this student again")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def action(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class Finding:
    """One thing about one student's notebook, and what grading did about it."""

    student: str
    notebook: str
    kind: Kind
    detail: str = ""

    def describe(self) -> str:
        return f"{self.detail}: {self.kind.action}" if self.detail else self.kind.action

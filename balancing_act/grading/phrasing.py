"""The teacher's words for what the tests found, keyed from the verdicts, never from their text.

A visible test speaks to the student ("with_russia is not defined yet: run the cells above
first..."): that advice stays in the graded notebook and the student's feedback. The grading
report speaks to the teacher, so each failed test is named by what happened to the answer:

- **nothing answered**: the submitted notebook is the release, no answer cell changed
  (:attr:`.inspect.PreparedNotebook.answered`, read before anything ran);
- **answer missing**: a name the test needs was never defined when the notebook ran (the verdict
  process lists the test's answer names absent from the student's answers, ``missing``);
- **judging stopped**: the test ran out of its time or memory on this answer (``budget``);
- **function failed**: the student's function raised when the sandbox called it;
- **wrong answer**: the test's own assertion failed; its message, the student's advice, is
  quoted as what the student was told;
- **answer unusable**: anything else the test raised on the answer (a text for a number, say).

Each student's line of the report gets the same keys (:func:`answer_notes`): "nothing answered"
for a blank notebook, "answer missing" with the names never defined. A run that was stopped or
whose answers were not taken says so in its own finding, which already explains the missing
answers, so those add no note.
"""

from __future__ import annotations

from .findings import Kind

NOTHING_ANSWERED = "nothing answered"
ANSWER_MISSING = "answer missing"
JUDGING_STOPPED = "judging stopped"
FUNCTION_FAILED = "function failed"
WRONG_ANSWER = "wrong answer"
ANSWER_UNUSABLE = "answer unusable"

# Findings that already say why a notebook's answers are absent: the run never started, was
# stopped, or its answers could not be taken out. A note "answer missing" would repeat them.
EXPLAINED = {
    Kind.NOTEBOOK_MISSING,
    Kind.NOTEBOOK_UNREADABLE,
    Kind.NOT_A_NOTEBOOK,
    Kind.KERNEL_DID_NOT_START,
    Kind.KERNEL_DIED,
    Kind.KERNEL_STOPPED,
    Kind.TIME_LIMIT,
    Kind.MEMORY_LIMIT,
    Kind.FILE_LIMIT,
    Kind.OUTPUT_LIMIT,
    Kind.ANSWERS_NOT_TAKEN,
    Kind.GRADER_ERROR,
}


def _names(names) -> str:
    names = [str(n) for n in names]
    verb = "was" if len(names) == 1 else "were"
    return f"{', '.join(names)} {verb} never defined"


def teacher_message(verdict: dict, answered: bool = True) -> str:
    """One failed test, in the teacher's words (see the module's list)."""
    if not answered:
        return f"{NOTHING_ANSWERED}: the notebook is the release, unchanged"
    missing = verdict.get("missing")
    if isinstance(missing, list) and missing:
        return f"{ANSWER_MISSING}: {_names(missing)}"
    message = str(verdict.get("message") or "")
    if verdict.get("budget") or verdict.get("stopped"):
        return f"{JUDGING_STOPPED}: {message}"
    kind, _, rest = message.partition(": ")
    if kind == "AnswerRaised":
        return f"{FUNCTION_FAILED}: {rest}"
    if kind == "NameError":  # a verdict kept before ``missing`` was recorded
        return f"{ANSWER_MISSING}: {rest.split('.')[0]}"
    if kind == "AssertionError":
        return f'{WRONG_ANSWER}; the student was told "{rest}"' if rest else WRONG_ANSWER
    return f"{ANSWER_UNUSABLE}: {message}" if message else ANSWER_UNUSABLE


def answer_notes(
    answered: dict[str, bool], missing: dict[str, list[str]], findings: list
) -> list[tuple[str, str, str]]:
    """A student's notes beside the findings, as (notebook, label, detail): a blank notebook is
    "nothing answered", one with names never defined "answer missing"."""
    explained = {f.notebook for f in findings if f.kind in EXPLAINED}
    notes = []
    for notebook, was_answered in answered.items():
        if notebook in explained or "*" in explained:
            continue
        if not was_answered:
            notes.append(
                (
                    notebook,
                    NOTHING_ANSWERED,
                    "no answer cell differs from the release: every test that needs an answer "
                    "failed",
                )
            )
        elif missing.get(notebook):
            notes.append(
                (
                    notebook,
                    ANSWER_MISSING,
                    f"{_names(missing[notebook])}: the tests that need "
                    f"{'it' if len(missing[notebook]) == 1 else 'them'} failed",
                )
            )
    return notes

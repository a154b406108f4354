"""Self-checks: a student's answer judged at once, with a hint when it is not yet right.

:func:`judge` is the pure part (tested); :func:`check` shows its verdict in the notebook and
:func:`choice` wraps a multiple-choice question in a small widget. A self-check never raises
on a wrong answer: the point is a hint, not a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from IPython.display import HTML, display

from .charts import static_mode


@dataclass(frozen=True)
class Verdict:
    correct: bool
    message: str

    def _repr_html_(self) -> str:
        mark, colour = ("✔ Right", "#007a4d") if self.correct else ("✘ Not yet", "#a34400")
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">'
            f"<strong>{mark}.</strong> {escape(self.message)}</div>"
        )

    def __str__(self) -> str:
        return f"{'Right' if self.correct else 'Not yet'}: {self.message}"


def _as_number(value):
    """``value`` as a float when it is a number or a string of one (a year read from a CSV)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _same(answer, expected, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(answer, bool):
        return answer is expected
    number_answer, number_expected = _as_number(answer), _as_number(expected)
    if number_answer is not None and number_expected is not None:
        return math.isclose(number_answer, number_expected, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(expected, str) and isinstance(answer, str):
        return answer.strip().casefold() == expected.strip().casefold()
    if isinstance(expected, set | frozenset):
        return (
            isinstance(answer, Iterable)
            and not isinstance(answer, str)
            and ({_fold(a) for a in answer} == {_fold(e) for e in expected})
        )
    return answer == expected


def _fold(value):
    return value.strip().casefold() if isinstance(value, str) else value


def judge(answer, expected, hint: str, explanation: str = "", tolerance: float = 1e-6) -> Verdict:
    """Compare ``answer`` with ``expected``.

    Strings compare without case or surrounding spaces, numbers within ``tolerance``, and a set
    as ``expected`` accepts the same items in any order. ``...`` (the placeholder a student has
    not yet replaced) is reported as unanswered rather than wrong.
    """
    if answer is Ellipsis or answer is None:
        return Verdict(False, "No answer yet: replace the ... with your answer and run the cell.")
    if _same(answer, expected, tolerance):
        return Verdict(True, explanation or "That matches.")
    return Verdict(False, f"Hint: {hint}")


def check(answer, expected, hint: str, explanation: str = "", tolerance: float = 1e-6) -> None:
    """Judge ``answer`` and show the verdict under the cell."""
    display(HTML(judge(answer, expected, hint, explanation, tolerance)._repr_html_()))


def choice(question: str, options: list[str], answer: str, hint: str, explanation: str):
    """A multiple-choice question with a Check button that shows a verdict beneath it."""
    if answer not in options:
        raise ValueError(f"The right answer {answer!r} is not among the options {options}")
    if static_mode():
        # The reader's site has no kernel: show the question, not a button that cannot answer.
        items = "".join(f"<li>{escape(option)}</li>" for option in options)
        return HTML(
            f"<p><strong>{escape(question)}</strong></p><ul>{items}</ul>"
            "<p><em>Run this notebook to check your answer.</em></p>"
        )
    picker = widgets.RadioButtons(options=options, value=None, layout={"width": "auto"})
    button = widgets.Button(description="Check", button_style="primary", icon="check")
    verdict_area = widgets.HTML()

    def on_click(_):
        picked = picker.value
        verdict = judge(picked, answer, hint, explanation)
        if picked is None:
            verdict = Verdict(False, "Pick one of the options first.")
        verdict_area.value = verdict._repr_html_()

    button.on_click(on_click)
    box = widgets.VBox(
        [widgets.HTML(f"<strong>{escape(question)}</strong>"), picker, button, verdict_area]
    )
    box.picker, box.button, box.verdict_area = picker, button, verdict_area
    return box

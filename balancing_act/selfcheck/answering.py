"""Self-checks in a lesson: ``ba.check(key, answer)`` and ``ba.choice(key)``.

The key names a question defined in :mod:`balancing_act.checks`; nothing about the answer is in
the cell a student edits. The verdict appears at once under the cell. Hints climb with each
different wrong answer: the first hint, then the second, then a worked step. The explanation
comes when the answer is right. The answer itself only when asked for, with the *Show the
answer* button, and the check remembers it was shown (see :mod:`balancing_act.learner`).

On the reader's site, where no kernel runs, a check says how to try it instead.

>>> verdict, text = evaluate("l05-manat-rise", ...)
>>> verdict.state
'unanswered'
"""

from __future__ import annotations

from html import escape

from ..charts.offline import static_mode
from ..course.vocabulary import QUIET_TEXT, RIGHT_TEXT, WRONG_TEXT
from . import records
from . import sending as _sending  # private: ``selfcheck.<name>`` answers this module's names
from .checks import Check, get
from .judging import Pick, Verdict, judge

STYLE = {
    "right": ("✔ Right.", RIGHT_TEXT),
    "wrong": ("✘ Not yet.", WRONG_TEXT),
    "wrong kind": ("✘ Not that kind of answer.", WRONG_TEXT),
    "unanswered": ("…", QUIET_TEXT),
}


def hint_for(check: Check, tries: int) -> str:
    """The hint for the ``tries``-th different wrong answer: hint 1, hint 2, then the worked step."""
    if tries <= len(check.hints):
        return f"Hint {max(tries, 1)}: {check.hints[max(tries, 1) - 1]}"
    return f"A worked step: {check.worked_step()}"


def respond(check: Check, verdict: Verdict, entry: dict, option: str | None = None) -> str:
    """What the check says, in words, for this verdict and this learner's record."""
    if verdict.state == "right":
        seen = (
            " (You had asked to see the answer: try the next one on your own.)"
            if entry.get("shown")
            else ""
        )
        return f"{check.explanation}{seen}"
    if verdict.state != "wrong":
        return verdict.message
    parts = []
    if option is not None and option in check.option_feedback:
        parts.append(check.option_feedback[option])
    if verdict.message:
        parts.append(verdict.message)
    parts.append(hint_for(check, int(entry.get("tries", 1))))
    return " ".join(parts)


def evaluate(key: str, answer) -> tuple[Verdict, str]:
    """Judge ``answer`` to check ``key``, note it in the learner's progress, and say why."""
    check = get(key)
    verdict = judge(check.kind, answer, check.expected_value(), check.mistakes)
    entry = {}
    option = answer if isinstance(check.kind, Pick) and isinstance(answer, str) else None
    if verdict.state in ("right", "wrong"):
        before = records.load().get(check.key, {}) if _sending.enabled() else {}
        entry = records.record_try(check.key, check.lesson, verdict.correct, _summary(answer))
        _sending.send(
            _sending.attempt(
                check.key,
                check.lesson,
                right=verdict.correct,
                mistake=verdict.mistake,
                option=option,
                hints_seen=int(before.get("tries", 0)),
                shown=bool(before.get("shown")),
            )
        )
    return verdict, respond(check, verdict, entry, option)


def _summary(answer) -> str:
    text = repr(answer)
    return text if len(text) <= 200 else text[:200] + "…"


def as_sentence(text: str) -> str:
    """``text`` ending in one full stop: a question or a sentence keeps its own mark (a
    prompt that ends "?" must not become "?.")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":", "…")) else f"{text}."


def static_check_html(check: Check) -> str:
    """What a self-check shows on the reader's site, where no kernel runs: its prompt."""
    return (
        f"<p><em>Self-check: {escape(as_sentence(check.prompt))} "
        "Run this lesson to check your answer.</em></p>"
    )


def _verdict_html(verdict: Verdict, text: str) -> str:
    mark, colour = STYLE[verdict.state]
    return (
        f'<div role="status" class="tex2jax_ignore" style="border-left:4px solid {colour};padding:4px 10px">'
        f"<strong>{mark}</strong> {escape(text)}</div>"
    )


def _answer_button(check: Check, area):
    import ipywidgets as widgets

    button = widgets.Button(
        description="Show the answer", icon="eye", layout={"width": "max-content"}
    )

    def on_click(_):
        records.record_shown(check.key, check.lesson)
        _sending.send({**_sending.attempt(check.key, check.lesson, right=False), "kind": "shown"})
        area.value = (
            f"<p><strong>The answer:</strong> {escape(check.shown_answer())}. "
            f"{escape(check.explanation)}</p>"
        )

    button.on_click(on_click)
    return button


def check(key: str, answer=...) -> None:
    """Judge your answer to the self-check ``key`` and show the verdict under the cell.

    ``answer`` is the variable you filled in; ``...`` (not yet replaced) is "no answer yet".
    """
    from IPython.display import HTML, display

    checked = get(key)
    if static_mode():
        display(HTML(static_check_html(checked)))
        return
    verdict, text = evaluate(key, answer)
    if verdict.correct or verdict.state == "unanswered":
        display(HTML(_verdict_html(verdict, text)))
        return
    import ipywidgets as widgets

    revealed = widgets.HTML()
    row = widgets.HBox([_answer_button(checked, revealed)])  # a button as wide as its words
    box = widgets.VBox([widgets.HTML(_verdict_html(verdict, text)), row, revealed])
    display(box)


def choice(key: str):
    """The multiple-choice question ``key``, with a Check button that answers beneath it."""
    import ipywidgets as widgets
    from IPython.display import HTML

    question = get(key)
    if static_mode():
        # The reader's site has no kernel: the question and options, never the answer.
        items = "".join(f"<li>{escape(option)}</li>" for option in question.options)
        return HTML(
            f"<p><strong>{escape(question.prompt)}</strong></p><ul>{items}</ul>"
            "<p><em>Run this lesson to check your answer.</em></p>"
        )
    picker = widgets.RadioButtons(
        options=list(question.options), value=None, layout={"width": "auto"}
    )
    button = widgets.Button(description="Check", button_style="primary", icon="check")
    verdict_area = widgets.HTML()
    revealed = widgets.HTML()

    def on_click(_):
        if picker.value is None:
            verdict_area.value = _verdict_html(
                Verdict("unanswered"), "Pick one of the options first."
            )
            return
        verdict, text = evaluate(key, picker.value)
        verdict_area.value = _verdict_html(verdict, text)

    button.on_click(on_click)
    box = widgets.VBox(
        [
            widgets.HTML(f"<strong>{escape(question.prompt)}</strong>"),
            picker,
            widgets.HBox([button, _answer_button(question, revealed)]),
            verdict_area,
            revealed,
        ]
    )
    box.picker, box.button, box.verdict_area = picker, button, verdict_area
    return box

"""Written answers for a student alone: ``ba.reflect(key)``.

The student writes an answer in their own words; only then (at least the prompt's ``min_words``
words) does the course show a model answer and the criteria a teacher would use, and ask the
student to rate their answer against each criterion: met, partly or not yet. *Record my
assessment* keeps the ratings in the learner's progress file (the word count and the ratings,
never the text, which stays in the notebook's box). The prompts live with the lesson's checks
(a lesson module's ``WRITTEN``). On the reader's site, the prompt only.

>>> enough_words("Baku balanced because", 30)
False
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from ..charts.offline import static_mode
from .checks import WrittenPrompt, all_written
from .records import record_written

#: How a student rates their answer against one criterion.
RATINGS = ("met", "partly", "not yet")


def get_written(key: str) -> WrittenPrompt:
    prompts = all_written()
    if key not in prompts:
        raise KeyError(f"There is no written prompt called {key!r}.")
    return prompts[key]


def word_count(text: str) -> int:
    return len((text or "").split())


def enough_words(text: str, minimum: int) -> bool:
    """Whether ``text`` is an answer worth comparing with the model (``minimum`` words at least)."""
    return word_count(text) >= minimum


def gate(prompt: WrittenPrompt, text: str) -> str | None:
    """What stops the comparison (a sentence), or None once the answer is long enough."""
    if enough_words(text, prompt.min_words):
        return None
    return (
        f"Write at least {prompt.min_words} words first (you have {word_count(text)}); "
        "then compare. The model answer shows only after yours."
    )


def criteria_html(prompt: WrittenPrompt) -> str:
    items = "".join(f"<li>{escape(c)}</li>" for c in prompt.criteria)
    return f"<p><strong>What a teacher looks for:</strong></p><ol>{items}</ol>"


def model_html(prompt: WrittenPrompt) -> str:
    return f"<p><strong>One model answer:</strong> {escape(prompt.model_answer)}</p>"


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).isoformat(timespec="seconds")


def answered(prompt: WrittenPrompt, text: str, now: datetime | None = None) -> dict:
    """The record of an answer compared with the model (its length, never its text)."""
    return {"lesson": prompt.lesson, "words": word_count(text), "answered_at": _stamp(now)}


def assessment(
    prompt: WrittenPrompt,
    text: str,
    ratings: Sequence[str | None],
    now: datetime | None = None,
) -> tuple[dict | None, str]:
    """The record of a self-assessment and what to tell the student; no record (None) until
    the answer is long enough and every criterion has one of :data:`RATINGS`."""
    closed = gate(prompt, text)
    if closed:
        return None, closed
    missing = [
        str(number) for number, rating in enumerate(ratings, start=1) if rating not in RATINGS
    ] + [str(n) for n in range(len(ratings) + 1, len(prompt.criteria) + 1)]
    if missing:
        return None, (
            f"Rate your answer against every point first: point {', '.join(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no rating yet."
        )
    chosen = list(ratings)[: len(prompt.criteria)]
    entry = {
        **answered(prompt, text, now),
        "assessed_at": _stamp(now),
        "ratings": [
            {"criterion": c, "rating": r} for c, r in zip(prompt.criteria, chosen, strict=True)
        ],
    }
    met = chosen.count("met")
    return entry, (
        f"Recorded: {met} of {len(chosen)} points met, {chosen.count('partly')} partly. "
        "Your progress keeps these ratings and your answer's length, not its text: the box is "
        "not saved with the notebook, so copy your answer into a Markdown cell to keep it."
    )


def reflect(key: str):
    """A box for your own answer to the written prompt ``key``; once you have written it, a
    model answer and the criteria to rate your answer against, and a button that records it."""
    import ipywidgets as widgets
    from IPython.display import HTML

    prompt = get_written(key)
    if static_mode():
        # The reader's site has no kernel: the question only, never the criteria or the model.
        return HTML(
            f"<p><strong>{escape(prompt.prompt)}</strong></p>"
            "<p><em>Run this lesson to write your answer and compare it with a model answer.</em></p>"
        )
    answer = widgets.Textarea(
        placeholder="Write your answer here, in your own words.",
        layout={"width": "100%", "height": "8em"},
    )
    button = widgets.Button(
        description="Compare my answer", button_style="primary", layout={"width": "max-content"}
    )
    feedback = widgets.HTML()
    raters = [
        widgets.ToggleButtons(options=RATINGS, value=None, style={"button_width": "6em"})
        for _ in prompt.criteria
    ]
    record = widgets.Button(
        description="Record my assessment",
        icon="save",
        layout={"width": "max-content", "margin": "12px 2px 2px 2px"},
    )
    status = widgets.HTML()
    # Filled only once the answer is long enough, so the page holds no model answer before.
    assess = widgets.VBox(layout={"display": "none"})

    def on_compare(_):
        closed = gate(prompt, answer.value)
        if closed:
            feedback.value = f"<p>{escape(closed)}</p>"
            return
        feedback.value = ""
        if not assess.children:
            rows = []
            for number, (criterion, rater) in enumerate(
                zip(prompt.criteria, raters, strict=True), start=1
            ):
                rows += [widgets.HTML(f"<p>{number}. {escape(criterion)}</p>"), rater]
            heading = (
                "<p><strong>What a teacher looks for:</strong> rate your own answer against "
                "each point (met, partly, not yet), then record it.</p>"
            )
            assess.children = [widgets.HTML(model_html(prompt) + heading), *rows, record, status]
        assess.layout.display = None
        record_written(key, answered(prompt, answer.value))

    def on_record(_):
        entry, message = assessment(prompt, answer.value, [r.value for r in raters])
        if entry is not None and not record_written(key, entry):
            message = "Your progress file cannot be written here: the ratings were not kept."
        status.value = f'<p role="status">{escape(message)}</p>'

    button.on_click(on_compare)
    record.on_click(on_record)
    box = widgets.VBox(
        [
            widgets.HTML(f"<strong>{escape(prompt.prompt)}</strong>"),
            answer,
            button,
            feedback,
            assess,
        ]
    )
    box.answer, box.button, box.feedback, box.assess = answer, button, feedback, assess
    box.raters, box.record, box.status = raters, record, status
    return box

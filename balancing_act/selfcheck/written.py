"""Written answers for a student alone: ``ba.reflect(key)``.

The student writes an answer in their own words; only then does the course show the criteria a
teacher would use and a model answer, and ask the student to rate their answer against each
criterion. The prompts live with the lesson's checks (a lesson module's ``WRITTEN``).

>>> enough_words("Baku balanced because", 30)
False
"""

from __future__ import annotations

from html import escape

from ..charts.offline import static_mode
from .checks import WrittenPrompt, all_written


def get_written(key: str) -> WrittenPrompt:
    prompts = all_written()
    if key not in prompts:
        raise KeyError(f"There is no written prompt called {key!r}.")
    return prompts[key]


def word_count(text: str) -> int:
    return len(text.split())


def enough_words(text: str, minimum: int) -> bool:
    """Whether ``text`` is an answer worth comparing with the model (``minimum`` words at least)."""
    return word_count(text or "") >= minimum


def criteria_html(prompt: WrittenPrompt) -> str:
    items = "".join(f"<li>{escape(c)}</li>" for c in prompt.criteria)
    return f"<p><strong>What a teacher looks for:</strong></p><ol>{items}</ol>"


def model_html(prompt: WrittenPrompt) -> str:
    return f"<p><strong>One model answer:</strong> {escape(prompt.model_answer)}</p>"


def reflect(key: str):
    """A box for your own answer to the written prompt ``key``; once you have written it, the
    criteria and a model answer to compare it with."""
    import ipywidgets as widgets
    from IPython.display import HTML

    prompt = get_written(key)
    if static_mode():
        # The reader's site has no kernel: the question only, never the model answer.
        return HTML(
            f"<p><strong>{escape(prompt.prompt)}</strong></p>"
            "<p><em>Run this lesson to write your answer and compare it with a model answer.</em></p>"
        )
    answer = widgets.Textarea(
        placeholder="Write your answer here, in your own words.",
        layout={"width": "100%", "height": "8em"},
    )
    button = widgets.Button(description="Compare my answer", button_style="primary")
    feedback = widgets.HTML()

    def on_click(_):
        if not enough_words(answer.value, prompt.min_words):
            feedback.value = (
                f"<p>Write at least {prompt.min_words} words first "
                f"(you have {word_count(answer.value)}); then compare.</p>"
            )
            return
        feedback.value = criteria_html(prompt) + model_html(prompt)

    button.on_click(on_click)
    box = widgets.VBox(
        [widgets.HTML(f"<strong>{escape(prompt.prompt)}</strong>"), answer, button, feedback]
    )
    box.answer, box.button, box.feedback = answer, button, feedback
    return box

"""A learner's progress through the self-checks: a table and a chart of every check's state.

``ba.progress()`` draws it as a grid of lessons by checks, with the checks due for another try
(:mod:`balancing_act.selfcheck.spacing`) and the written answers answered and self-assessed
listed above it; ``ba.reset_progress()`` starts again. The records themselves are kept by
:mod:`balancing_act.selfcheck.records`.

>>> state_of({"right": True, "shown": True, "tries": 2})
'right after seeing the answer'
"""

from __future__ import annotations

from ..course.vocabulary import BLUISH_GREEN, LIGHT_GREY, ORANGE, SKY_BLUE, YELLOW
from .records import load, locked

STATES = (
    "right",
    "right after seeing the answer",
    "answer shown",
    "tried, not yet right",
    "not tried",
)


def reset_progress(lesson: str | None = None) -> str:
    """Forget every check's outcome and written self-assessment, or only those of one lesson
    (such as "05-pacifying-russia")."""
    forgotten = {}
    for section in ("checks", "written"):
        with locked(section) as kept:
            doomed = [k for k, v in kept.items() if lesson is None or v.get("lesson") == lesson]
            for key in doomed:
                del kept[key]
        forgotten[section] = len(doomed)
    where = f"lesson {lesson}" if lesson else "every lesson"
    written = f", {forgotten['written']} written answer(s)" if forgotten["written"] else ""
    return f"Progress reset for {where}: {forgotten['checks']} check(s){written} forgotten."


def state_of(entry: dict | None) -> str:
    if not entry:
        return "not tried"
    if entry.get("right"):
        return "right after seeing the answer" if entry.get("shown") else "right"
    if entry.get("shown"):
        return "answer shown"
    return "tried, not yet right" if entry.get("tries") else "not tried"


def progress_table(records: dict[str, dict] | None = None):
    """One row per self-check of the course, in lesson order, with its state and tries."""
    import pandas as pd

    from .checks import all_checks

    records = load() if records is None else records
    rows = []
    for position, check in enumerate(all_checks().values()):
        entry = records.get(check.key)
        rows.append(
            {
                "lesson": check.lesson,
                "key": check.key,
                "prompt": check.prompt,
                "state": state_of(entry),
                "tries": int(entry.get("tries", 0)) if entry else 0,
                "order": position,
            }
        )
    table = pd.DataFrame(rows)
    table["number"] = table.groupby("lesson").cumcount() + 1
    return table


def written_summary(written: dict[str, dict], prompts) -> str:
    """How many of the course's written prompts (``prompts``: key to prompt) were answered and
    self-assessed, as a sentence."""
    answered = [k for k in prompts if k in written]
    assessed = [k for k in answered if written[k].get("ratings")]
    return (
        f"Written answers: {len(answered)} of {len(prompts)} answered and compared with a model "
        f"answer, {len(assessed)} of them self-assessed against the criteria."
    )


def progress(lesson: str | None = None):
    """A chart of every lesson's self-checks, coloured by how far you got, with a summary; the
    checks due for another try and the written answers are shown above it. With ``lesson``
    (such as "05-pacifying-russia", as at the end of every lesson), that lesson's alone."""
    from datetime import UTC, datetime
    from html import escape

    from IPython.display import HTML, display

    from ..charts.offline import static_mode
    from .checks import all_checks, all_written
    from .records import load_written
    from .spacing import due_again, due_html

    checks, prompts = all_checks(), all_written()
    if lesson is not None:
        checks = _of_lesson(checks, lesson)
        prompts = {key: p for key, p in prompts.items() if p.lesson == lesson}
    records = load()
    if not static_mode():  # the reader's site has no learner: the grid alone
        due = due_again(records, checks, datetime.now(UTC))
        summary = written_summary(load_written(), prompts)
        display(HTML(due_html(due) + f"<p>{escape(summary)}</p>"))
    return progress_chart(records, lesson)


def _of_lesson(checks: dict, lesson: str) -> dict:
    """The checks of ``lesson``, or a ValueError that names the lessons there are."""
    import difflib

    mine = {key: check for key, check in checks.items() if check.lesson == lesson}
    if not mine:
        lessons = list(dict.fromkeys(check.lesson for check in checks.values()))
        close = difflib.get_close_matches(str(lesson), lessons, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else f" The lessons: {', '.join(lessons)}."
        raise ValueError(f"No lesson called {lesson!r} has self-checks.{hint}")
    return mine


def progress_chart(records: dict[str, dict] | None = None, lesson: str | None = None):
    """The grid of every lesson's self-checks (or of ``lesson``'s), coloured by state."""
    import altair as alt

    from ..charts.accessibility import describe

    table = progress_table(records)
    if lesson is not None:
        table = table[table["lesson"] == lesson]
    counts = table["state"].value_counts()
    done = int(counts.get("right", 0) + counts.get("right after seeing the answer", 0))
    colours = [BLUISH_GREEN, SKY_BLUE, ORANGE, YELLOW, LIGHT_GREY]  # grey for not tried
    chart = (
        alt.Chart(table)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "number:O",
                title="Self-check, in lesson order",
                axis=alt.Axis(labelAngle=0, grid=False),
            ),
            y=alt.Y(
                "lesson:N",
                title="Lesson",
                sort=sorted(table["lesson"].unique()),
                axis=alt.Axis(grid=False),
            ),
            color=alt.Color(
                "state:N",
                title="Your answer",
                scale=alt.Scale(domain=list(STATES), range=colours),
            ),
            tooltip=[
                alt.Tooltip("lesson:N", title="Lesson"),
                alt.Tooltip("prompt:N", title="Question"),
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("tries:Q", title="Wrong tries"),
            ],
        )
        .properties(width=420, height=24 * table["lesson"].nunique())
    )
    lessons_started = table.loc[table["state"] != "not tried", "lesson"].nunique()
    whose = (
        f"A grid of the {len(table)} self-checks of lesson {lesson}."
        if lesson
        else f"A grid of the course's {len(table)} self-checks, one row per lesson."
    )
    return describe(
        chart,
        "Your self-checks in this lesson" if lesson else "Your self-checks so far",
        f"{whose} {done} answered "
        f"right, {int(counts.get('right after seeing the answer', 0))} of them after seeing the "
        f"answer; {int(counts.get('tried, not yet right', 0))} tried and not yet right; "
        + ("the lesson's row only." if lesson else f"{lessons_started} lessons started."),
        subtitle=f"{done} of {len(table)} right. "
        + (
            "ba.progress() shows the whole course."
            if lesson
            else "ba.reset_progress() starts again."
        ),
    )

"""A learner's progress through the self-checks: a table and a chart of every check's state.

``ba.progress()`` draws it as a grid of lessons by checks; ``ba.reset_progress()`` starts again.
The records themselves are kept by :mod:`balancing_act.selfcheck.records`.

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
    """Forget every check's outcome, or only those of one lesson (such as "05-pacifying-russia")."""
    with locked() as kept:
        doomed = [k for k, v in kept.items() if lesson is None or v.get("lesson") == lesson]
        for key in doomed:
            del kept[key]
    where = f"lesson {lesson}" if lesson else "every lesson"
    return f"Progress reset for {where}: {len(doomed)} check(s) forgotten."


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


def progress():
    """A chart of every lesson's self-checks, coloured by how far you got, with a summary."""
    import altair as alt

    from ..charts.accessibility import describe

    table = progress_table()
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
    return describe(
        chart,
        "Your self-checks so far",
        f"A grid of the course's {len(table)} self-checks, one row per lesson. {done} answered "
        f"right, {int(counts.get('right after seeing the answer', 0))} of them after seeing the "
        f"answer; {int(counts.get('tried, not yet right', 0))} tried and not yet right; "
        f"{lessons_started} lessons started.",
        subtitle=f"{done} of {len(table)} right. ba.reset_progress() starts again.",
    )

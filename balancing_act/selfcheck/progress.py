"""A learner's progress through the self-checks, kept between sessions.

Each check's outcome — right or not yet, how many different wrong answers were tried, whether
the answer was shown — is stored in the learner's own Jupyter data folder
(``jupyter --data-dir``, usually ``~/.local/share/jupyter``): never in the course's folder, private
to each user on a JupyterHub, and lasting as long as the session on Binder. ``ba.progress()``
draws it as a grid of lessons by checks; ``ba.reset_progress()`` starts again.

>>> state_of({"right": True, "shown": True, "tries": 2})
'right after seeing the answer'
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["progress", "progress_table", "reset_progress"]

FILE_NAME = "progress.json"
STATES = (
    "right",
    "right after seeing the answer",
    "answer shown",
    "tried, not yet right",
    "not tried",
)


def progress_file() -> Path:
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "balancing_act" / FILE_NAME


def load() -> dict[str, dict]:
    """Every check's record, by key (empty if nothing was tried yet or the file is unreadable)."""
    try:
        data = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    checks = data.get("checks") if isinstance(data, dict) else None
    return checks if isinstance(checks, dict) else {}


@contextlib.contextmanager
def _locked():
    """The records, to change: one kernel at a time, written whole or not at all."""
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        records = load()
        yield records
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "checks": records}, out, indent=1, sort_keys=True)
        os.replace(temporary, path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _blank(lesson: str) -> dict:
    return {"lesson": lesson, "tries": 0, "right": False, "shown": False, "last_wrong": None}


def record_try(key: str, lesson: str, right: bool, answer: str) -> dict:
    """Note one judged answer. A wrong answer counts as a new try only when it differs from the
    last wrong one, so running the notebook again does not climb the hints by itself."""
    try:
        with _locked() as records:
            entry = {**_blank(lesson), **records.get(key, {})}
            if right:
                entry["right"] = True
            elif answer != entry.get("last_wrong"):
                entry["tries"] += 1
                entry["last_wrong"] = answer
            entry["updated"] = _now()
            records[key] = entry
            return dict(entry)
    except OSError:  # a read-only home: the check still answers, it just cannot remember
        return {**_blank(lesson), "tries": 1, "right": right}


def record_shown(key: str, lesson: str) -> None:
    """Note that the learner asked to see the answer."""
    with contextlib.suppress(OSError), _locked() as records:
        entry = {**_blank(lesson), **records.get(key, {})}
        entry["shown"] = True
        entry["updated"] = _now()
        records[key] = entry


def reset_progress(lesson: str | None = None) -> str:
    """Forget every check's outcome, or only those of one lesson (such as "05-pacifying-russia")."""
    with _locked() as records:
        doomed = [k for k, v in records.items() if lesson is None or v.get("lesson") == lesson]
        for key in doomed:
            del records[key]
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

    from .charts import describe

    table = progress_table()
    counts = table["state"].value_counts()
    done = int(counts.get("right", 0) + counts.get("right after seeing the answer", 0))
    colours = ["#009E73", "#56B4E9", "#E69F00", "#F0E442", "#E5E5E5"]  # Okabe–Ito, grey for none
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

"""Which self-checks are due for another try: retrieval practice spaced out in time.

A check comes back when it was tried and not yet answered right, when its answer was shown and
not answered since, when it was answered right only after seeing the answer, or when it was
answered right and enough time has passed since: the interval grows with each right answer in a
row, as in a Leitner box (1 day after the first, then 3, 7 and 21 days; see
:data:`balancing_act.selfcheck.records.INTERVALS`). Answering right before a check is due again
changes nothing, so running a notebook twice does not move a check along; a wrong answer, or
showing the answer, starts the row again. ``ba.progress()`` lists the checks due.

>>> from datetime import datetime, UTC
>>> due_again({}, {}, datetime(2026, 1, 1, tzinfo=UTC))
[]
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import NamedTuple

from .records import RIGHT, RIGHT_AIDED, SHOWN, WRONG, interval, last_of, right_at_of, streak_of


class Due(NamedTuple):
    lesson: str
    key: str
    prompt: str
    why: str


def why_due(entry: dict | None, now: datetime) -> str | None:
    """Why a check with this record is due for another try now, or None if it is not."""
    if not entry:
        return None
    last = last_of(entry)
    if last == WRONG:
        return "answered wrong since it was right" if entry.get("right") else "tried, not yet right"
    if last == SHOWN:
        return "the answer was shown; not yet answered right since"
    if last == RIGHT_AIDED:
        return "right only after seeing the answer"
    if last == RIGHT:
        since, streak = right_at_of(entry), streak_of(entry)
        if since is None:
            return None
        wait = interval(streak)
        if now - since >= wait:
            times = "once" if streak == 1 else f"{streak} times in a row"
            return (
                f"right {times}, last on {since:%d %b %Y}: "
                f"due again after {wait.days} day{'s' if wait.days != 1 else ''}"
            )
    return None


def due_again(records: dict[str, dict], checks, now: datetime) -> list[Due]:
    """The checks due for another try at ``now``, in the order of ``checks`` (a mapping of key
    to :class:`~balancing_act.selfcheck.checks.Check`, such as ``all_checks()``)."""
    due = []
    for key, check in checks.items():
        why = why_due(records.get(key), now)
        if why:
            due.append(Due(check.lesson, key, check.prompt, why))
    return due


def due_html(due: list[Due]) -> str:
    """The checks due again as a table a student reads, or a sentence if none is."""
    if not due:
        return (
            "<p><strong>Due for another try:</strong> no self-check is due again now. "
            "A check you answered right comes back after 1, 3, 7 and then 21 days.</p>"
        )
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:left">{escape(cell)}</td>'
            for cell in (d.lesson, d.key, d.prompt, d.why)
        )
        + "</tr>"
        for d in due
    )
    head = "".join(
        f'<th style="text-align:left">{h}</th>'
        for h in ("Lesson", "Key", "Question", "Why it is due")
    )
    return (
        f"<p><strong>Due for another try ({len(due)}):</strong> run the check's cell in its "
        "lesson again, answering without looking.</p>"
        f'<table class="ba-due"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )

"""A learner's record of each self-check, kept between sessions in a file only they can read.

Each check's outcome — right or not yet, how many different wrong answers were tried, whether
the answer was shown, when it was last answered right (``right_at``), how many times in a row
(``streak``) and what happened last (``last``) — is stored in the learner's own Jupyter data
folder (``jupyter --data-dir``, usually ``~/.local/share/jupyter``): never in the course's
folder, private to each user on a JupyterHub, and lasting as long as the session on Binder. One
kernel writes at a time (a lock), and a file is replaced whole, so two open lessons never lose a
record.

The file is ``{"version": 1, "checks": {key: entry}, "written": {key: entry}}``. Each section is
added to, never reshaped: a reader that knows only ``checks`` (the course before written answers
were recorded) still reads it, and an entry written before ``right_at``, ``streak`` and ``last``
existed is read as if they had been derived from it (:func:`streak_of`, :func:`last_of`).
The self-assessment of a written answer (``written``) keeps its word count and ratings, never the
student's text, which stays in their notebook.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from . import sending

FILE_NAME = "progress.json"
VERSION = 1
#: Days until a check answered right is due again, by how many times in a row it was answered
#: right (a Leitner box): 1 day after the first right answer, then 3, 7 and 21 days.
INTERVALS = (1, 3, 7, 21)
#: What happened last to a check (``entry["last"]``).
RIGHT, RIGHT_AIDED, WRONG, SHOWN = "right", "right after seeing the answer", "wrong", "shown"


def progress_file() -> Path:
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "balancing_act" / FILE_NAME


def _read() -> dict:
    try:
        data = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _section(data: dict, name: str) -> dict[str, dict]:
    found = data.get(name)
    return found if isinstance(found, dict) else {}


def load() -> dict[str, dict]:
    """Every check's record, by key (empty if nothing was tried yet or the file is unreadable)."""
    return _section(_read(), "checks")


def load_written() -> dict[str, dict]:
    """Every written prompt's record (answered, self-assessed), by key."""
    return _section(_read(), "written")


@contextlib.contextmanager
def locked(section: str = "checks"):
    """One section of the records (``checks`` or ``written``), to change: one kernel at a time,
    written whole or not at all, the other sections kept as they were."""
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = _read()
        records = _section(data, section)
        yield records
        sections = {k: v for k, v in data.items() if k != "version" and isinstance(v, dict)}
        sections.setdefault("checks", {})
        sections[section] = records
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": VERSION, **sections}, out, indent=1, sort_keys=True)
        os.replace(temporary, path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _blank(lesson: str) -> dict:
    return {"lesson": lesson, "tries": 0, "right": False, "shown": False, "last_wrong": None}


def last_of(entry: dict) -> str | None:
    """What happened last to a check; for a record older than ``last``, read from its flags."""
    if entry.get("last"):
        return entry["last"]
    if entry.get("right"):
        return RIGHT_AIDED if entry.get("shown") else RIGHT
    if entry.get("shown"):
        return SHOWN
    return WRONG if entry.get("tries") else None


def streak_of(entry: dict) -> int:
    """Right answers in a row, unaided; for a record older than ``streak``, 1 if it was right."""
    if "streak" in entry:
        return int(entry["streak"])
    return 1 if last_of(entry) == RIGHT else 0


def right_at_of(entry: dict) -> datetime | None:
    """When the check was last answered right (an older record: when it was last updated)."""
    stamp = entry.get("right_at") or (entry.get("updated") if entry.get("right") else None)
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def interval(streak: int) -> timedelta:
    """How long after a right answer the check is due again, by the streak it made."""
    return timedelta(days=INTERVALS[min(max(streak, 1), len(INTERVALS)) - 1])


def after_answer(entry: dict, right: bool, answer: str, now: datetime) -> dict:
    """The record after one judged answer (pure: ``entry`` is not changed).

    A wrong answer counts as a new try only when it differs from the last wrong one, so running
    the notebook again does not climb the hints by itself; it ends the streak. A right answer
    right after seeing the answer is noted as such (streak 0: due again). A right answer when the
    check was not yet due again (a notebook run twice) changes nothing; otherwise it adds one to
    the streak and restarts the interval.
    """
    entry = dict(entry)
    streak, last = streak_of(entry), last_of(entry)
    if right:
        entry["right"] = True
        if last == SHOWN:
            entry.update(last=RIGHT_AIDED, streak=0, right_at=now.isoformat(timespec="seconds"))
        else:
            since = right_at_of(entry)
            early = last == RIGHT and since is not None and now - since < interval(streak)
            if not early:
                new_streak = streak + 1 if last == RIGHT else 1
                entry.update(
                    last=RIGHT, streak=new_streak, right_at=now.isoformat(timespec="seconds")
                )
    else:
        if answer != entry.get("last_wrong"):
            entry["tries"] = int(entry.get("tries", 0)) + 1
            entry["last_wrong"] = answer
        entry.update(last=WRONG, streak=0)
    entry["updated"] = now.isoformat(timespec="seconds")
    return entry


def record_try(key: str, lesson: str, right: bool, answer: str) -> dict:
    """Note one judged answer (see :func:`after_answer`)."""
    try:
        with locked() as records:
            entry = after_answer(
                {**_blank(lesson), **records.get(key, {})}, right, answer, datetime.now(UTC)
            )
            records[key] = entry
            return dict(entry)
    except OSError:  # a read-only home: the check still answers, it just cannot remember
        return {**_blank(lesson), "tries": 1, "right": right}


def record_shown(key: str, lesson: str) -> None:
    """Note that the learner asked to see the answer: the streak starts again."""
    with contextlib.suppress(OSError), locked() as records:
        entry = {**_blank(lesson), **records.get(key, {})}
        entry.update(shown=True, last=SHOWN, streak=0, updated=_now())
        records[key] = entry


def record_written(key: str, entry: dict) -> bool:
    """Keep a written prompt's record (see :func:`balancing_act.selfcheck.written.assessment`),
    merged with what was kept before; False if the file cannot be written."""
    sending.send(sending.written(key, entry))
    try:
        with locked("written") as records:
            records[key] = {**records.get(key, {}), **entry}
        return True
    except OSError:
        return False

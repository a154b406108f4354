"""A learner's record of each self-check, kept between sessions in a file only they can read.

Each check's outcome — right or not yet, how many different wrong answers were tried, whether
the answer was shown — is stored in the learner's own Jupyter data folder
(``jupyter --data-dir``, usually ``~/.local/share/jupyter``): never in the course's folder, private
to each user on a JupyterHub, and lasting as long as the session on Binder. One kernel writes at
a time (a lock), and a file is replaced whole, so two open lessons never lose a record.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "progress.json"


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
def locked():
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
        with locked() as records:
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
    with contextlib.suppress(OSError), locked() as records:
        entry = {**_blank(lesson), **records.get(key, {})}
        entry["shown"] = True
        entry["updated"] = _now()
        records[key] = entry

"""On the class's JupyterHub, each self-check attempt also goes to the class's progress service.

The Hub gives every student's server two things (``deploy/jupyterhub_config.py``): the address
of the progress service (:mod:`balancing_act.course.hub`) and the Hub's own token for that student
(``JUPYTERHUB_API_TOKEN``), which the service checks with the Hub to know who sent what. A
kernel inherits both. Where either is missing (a laptop, Binder, the reader's site), nothing is
queued and nothing is sent: :func:`enabled` is False and every function here returns at once.

An attempt is first written to an outbox beside the student's own progress file (one JSON line
each, under the same kind of lock), then sent in the background, so a check answers at once even
when the service is slow. Lines leave the outbox only once the service has stored them, so a
student who cannot reach the service loses nothing: the next attempt (or the next lesson)
sends what waited. Each attempt carries its own id, and the service keeps one row per id, so an
attempt sent twice (an answer lost on the way back) is stored once.

What is sent: the check's key and lesson, right or wrong, the named mistake the answer matched,
the option picked (a multiple-choice question's), how many hints the student had seen, whether
the answer had been shown, and the time; for a written answer, its word count and the student's
own ratings. Never the student's code or text.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

from ..course.hub import progress_service

OUTBOX_NAME = "progress-outbox.jsonl"
#: Seconds to wait for the service: a check never waits for it (sending runs in a thread).
TIMEOUT = 5
#: Attempts sent in one request: a long outbox (a day offline) goes in several.
BATCH = 200

_sending = threading.Lock()  # one sender thread at a time in this kernel


def enabled() -> bool:
    """True on the class's Hub: both the service's address and the student's token are set."""
    return progress_service() is not None


def outbox() -> Path:
    from .records import progress_file

    return progress_file().with_name(OUTBOX_NAME)


@contextlib.contextmanager
def _locked():
    path = outbox()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield path


def attempt(
    key: str,
    lesson: str,
    *,
    right: bool,
    mistake: str | None = None,
    option: str | None = None,
    hints_seen: int = 0,
    shown: bool = False,
) -> dict:
    """One self-check attempt as the service stores it (pure, but for its id and time)."""
    return {
        "id": uuid.uuid4().hex,
        "kind": "check",
        "key": key,
        "lesson": lesson,
        "right": bool(right),
        "mistake": mistake,
        "option": option,
        "hints_seen": int(hints_seen),
        "shown": bool(shown),
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
    }


def written(key: str, entry: dict) -> dict:
    """A written answer's record (its word count and the student's ratings, never its text)."""
    return {
        "id": uuid.uuid4().hex,
        "kind": "written",
        "key": key,
        "lesson": entry.get("lesson"),
        "words": entry.get("words"),
        "ratings": entry.get("ratings"),
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
    }


def send(record: dict, *, wait: bool = False) -> None:
    """Queue ``record`` and send the outbox in the background (``wait``: in this thread).

    Off a Hub this does nothing. A full disk or a read-only home only means the record is not
    sent: the self-check answers as before."""
    if not enabled():
        return
    try:
        with _locked() as path, path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, sort_keys=True) + "\n")
    except OSError:
        return
    if wait:
        flush()
    else:
        threading.Thread(target=flush, name="ba-progress-sender", daemon=True).start()


def _queued() -> list[dict]:
    with _locked() as path:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
    records = []
    for line in lines:
        with contextlib.suppress(ValueError):
            records.append(json.loads(line))
    return [r for r in records if isinstance(r, dict) and r.get("id")]


def _forget(sent: set[str]) -> None:
    """Drop the sent records from the outbox, keeping what was queued meanwhile."""
    with _locked() as path:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        kept = []
        for line in lines:
            try:
                if json.loads(line).get("id") in sent:
                    continue
            except (ValueError, AttributeError):
                continue  # an unreadable line (a write cut short) is dropped, not resent
            kept.append(line)
        temporary = path.with_suffix(".tmp")
        temporary.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
        os.replace(temporary, path)


def _post(records: list[dict]) -> bool:
    address, token = progress_service()
    request = urllib.request.Request(
        address.rstrip("/") + "/api/attempts",
        data=json.dumps({"attempts": records}).encode(),
        method="POST",
        headers={
            "Authorization": f"token {token}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return 200 <= response.status < 300
    except (OSError, urllib.error.URLError, ValueError):
        return False


def flush() -> int:
    """Send everything queued; the number of records the service stored (0 off a Hub, or when
    the service cannot be reached: they wait for the next time)."""
    if not enabled():
        return 0
    sent = 0
    with _sending:
        queued = _queued()
        for start in range(0, len(queued), BATCH):
            batch = queued[start : start + BATCH]
            if not _post(batch):
                break
            _forget({r["id"] for r in batch})
            sent += len(batch)
    return sent

"""On the class's JupyterHub, a graded assignment's item statistics go to the class page too.

The instructor grades in a terminal of their own server, which has the progress service's
address and their Hub token (:mod:`balancing_act.course.hub`); the service accepts the table
from instructors only. Anywhere else nothing is sent. The report and its CSV are written first
either way: the class page is a copy, and a failure to send says why and changes nothing.
"""

from __future__ import annotations

import csv
import json
import urllib.error
import urllib.request
from pathlib import Path

from ..course.hub import progress_service

TIMEOUT = 20


def send_items(items_csv: Path, assignment: str) -> str | None:
    """Send ``items_csv`` (``reports/<assignment>-items.csv``) to the class page; one line for
    the teacher saying what happened, or None off the Hub."""
    service = progress_service()
    if service is None or not items_csv.exists():
        return None
    address, token = service
    with items_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    request = urllib.request.Request(
        address.rstrip("/") + f"/api/items/{assignment}",
        data=json.dumps(rows).encode(),
        method="PUT",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):
            pass
    except urllib.error.HTTPError as error:
        return f"Item statistics not sent to the class page: the service answered {error.code}."
    except (OSError, ValueError) as error:
        return f"Item statistics not sent to the class page: {error}."
    return (
        f"Item statistics of {len(rows)} tests sent to the class page (/services/class-progress/)."
    )

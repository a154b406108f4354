"""The class's progress service under a class of students answering at once.

Starts the service's own command (``python -m balancing_act.class_progress``) beside the
stand-in for the Hub's token check that the tests use (``tests/hub/token_hub.py``), then lets
``--students`` simulated kernels each send ``--attempts`` attempts, one request per attempt as a
kernel does when nothing waits in its outbox, all at the same moment (a barrier), over
``--students`` threads. It prints one table: requests, throughput, the median and slowest
answer, and whether every attempt is in the database exactly once. A request that fails is
counted, never retried: a kernel would keep it in its outbox.

    .venv/bin/python bench/progress_service.py --students 200 --attempts 5

The Hub itself is not in the loop: on a real Hub each token is looked up once, then cached by
the service for five minutes, so the first round also times the lookups (against the stand-in).
"""

from __future__ import annotations

import argparse
import grp
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from balancing_act.class_progress import store  # noqa: E402
from balancing_act.selfcheck import sending  # noqa: E402
from tests.hub.token_hub import Service, TokenHub  # noqa: E402


def student(service, token, attempts, start, timings, failures):
    session = requests.Session()
    start.wait()
    for n in range(attempts):
        record = sending.attempt(f"l00-check-{n}", "00-start-here", right=n % 2 == 0)
        began = time.perf_counter()
        try:
            response = session.post(
                service.url + "api/attempts",
                json={"attempts": [record]},
                headers={"Authorization": f"token {token}"},
                timeout=60,
            )
            ok = response.status_code == 200
        except requests.RequestException:
            ok = False
        timings.append(time.perf_counter() - began)
        if not ok:
            failures.append(record["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=5)
    args = parser.parse_args()
    hub = TokenHub()
    state = Path(tempfile.mkdtemp(prefix="ba-progress-bench-"))
    service = Service(hub, state, grp.getgrgid(0).gr_name)
    service.start()
    try:
        tokens = [hub.token(f"student{n:03d}") for n in range(args.students)]
        start = threading.Barrier(args.students + 1)
        timings, failures = [], []
        threads = [
            threading.Thread(
                target=student, args=(service, token, args.attempts, start, timings, failures)
            )
            for token in tokens
        ]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        engine = store.connect(f"sqlite:///{state / 'class-progress.sqlite'}")
        kept = store.all_attempts(engine)
        sent = args.students * args.attempts
        ids = [r["id"] for r in kept]
        per_student = {r["user"] for r in kept}
    finally:
        service.stop()
        hub.stop()
    print(
        "| students | requests | seconds | requests/s | median ms | slowest ms | failed | stored | duplicates | students stored |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.students} | {sent} | {elapsed:.1f} | {sent / elapsed:.0f} | "
        f"{1000 * statistics.median(timings):.0f} | {1000 * max(timings):.0f} | {len(failures)} | "
        f"{len(kept)} | {len(ids) - len(set(ids))} | {len(per_student)} |"
    )
    lost = sent - len(failures) - len(set(ids))
    if lost:
        sys.exit(f"{lost} attempts answered 200 but are not in the database")


if __name__ == "__main__":
    main()

"""A classmate on the grading server: another local account looking for the grader's secrets.

Run as that account with the system's Python (``python3 -c "<this file>"``), so it needs
nothing of the course's environment. It reads a JSON object from its standard input,
``{"markers": {name: text}, "once": bool}``, then looks, again and again until SIGTERM (or once):

- at every process's command line (``ps``): each path named there, read if a file, walked and
  read if a folder; and at what ``/proc`` shows of other accounts' processes (environment,
  working folder, root, open files);
- at every file and folder under the shared temporary places (``/tmp``, ``/var/tmp``,
  ``/dev/shm``, ``/run/user``).

It prints one JSON object: what it could read that holds a marker, every grader folder
(``balancing-act-grading-...``) it could list or read inside, what of another account's
process it could open, and what it saw (command lines of interest, how much it read), so a
test can tell a watcher that found nothing from one that did not look.
"""

import json
import os
import signal
import stat
import sys
import time

SHARED_PLACES = ("/tmp", "/var/tmp", "/dev/shm", "/run/user")
SKIPPED = ("/proc", "/sys", "/dev/pts", "/usr", "/etc", "/lib", "/bin", "/sbin")
GRADER_FOLDER = "balancing-act-grading-"
INTERESTING = ("bwrap", "balancing_act.grading", "ipykernel", "nbgrader", "prlimit", "setpriv")
READ_LIMIT = 4 * 2**20
WALK_LIMIT = 20000

request = json.loads(sys.stdin.readline())
markers = {name: text.encode() for name, text in request["markers"].items()}
me = os.getpid()
found = {"secrets": set(), "grader_folders": set(), "processes": set()}
seen = {"commands": set(), "files_read": 0, "scans": 0, "paths_from_ps": set()}
stopped = False


def stop(_signum, _frame):
    global stopped
    stopped = True


signal.signal(signal.SIGTERM, stop)


already_read = set()  # (path, inode, size, time changed): a file is read again only if changed


def read(path):
    """Read a regular file (never a device or a pipe, which could block) for the markers."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return
        key = (path, status.st_ino, status.st_size, status.st_mtime_ns)
        if key in already_read:
            return
        already_read.add(key)
        data = os.read(descriptor, READ_LIMIT)
    except OSError:
        return
    finally:
        os.close(descriptor)
    seen["files_read"] += 1
    for name, marker in markers.items():
        if marker in data:
            found["secrets"].add(f"{path}: {name}")
    if GRADER_FOLDER in path:
        found["grader_folders"].add(f"read {path}")


def look(path, budget):
    """Read ``path``, or walk it; returns the budget left."""
    if path.startswith(SKIPPED) or budget <= 0:
        return budget
    try:
        is_dir = os.path.isdir(path) and not os.path.islink(path)
    except OSError:
        return budget
    if not is_dir:
        read(path)
        return budget - 1
    for root, dirs, files in os.walk(path):
        if stopped:
            return 0
        if root.startswith(SKIPPED):
            dirs[:] = []
            continue
        if GRADER_FOLDER in root:
            found["grader_folders"].add(f"listed {root}")
        for name in files:
            read(os.path.join(root, name))
            budget -= 1
        budget -= 1
        if budget <= 0:
            break
    return budget


def paths_in(command):
    for word in command:
        for part in [word, *word.split("=")[1:]]:
            if part.startswith("/"):
                yield part


def scan_processes():
    budget = WALK_LIMIT
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = [w.decode(errors="replace") for w in handle.read().split(b"\0") if w]
            owner = os.stat(f"/proc/{entry}").st_uid
        except OSError:
            continue
        if any(word in " ".join(command) for word in INTERESTING):
            seen["commands"].add(" ".join(command)[:2000])
        for path in paths_in(command):
            seen["paths_from_ps"].add(path)
            budget = look(path, budget)
        if owner == os.getuid():
            continue
        for part in ("environ", "cwd", "root/tmp", "fd"):
            target = f"/proc/{entry}/{part}"
            try:
                if part == "environ":
                    with open(target, "rb") as handle:
                        handle.read(1)
                else:
                    os.listdir(target)
                found["processes"].add(f"{target} of uid {owner}")
            except OSError:
                pass


def scan_shared_places():
    """Every shared place, the grader's own folders first: a test machine's /tmp can hold more
    than the walk's budget (other tests' course copies), and the grader's folders must never be
    the part left unread."""
    budget = WALK_LIMIT
    for place in SHARED_PLACES:
        try:
            names = sorted(os.listdir(place), key=lambda name: not name.startswith(GRADER_FOLDER))
        except OSError:
            continue
        for name in names:
            budget = look(os.path.join(place, name), budget)


deadline = time.monotonic() + 600
while not stopped and time.monotonic() < deadline:
    scan_processes()
    scan_shared_places()
    seen["scans"] += 1
    if request.get("once"):
        break
    time.sleep(0.05)

print(
    json.dumps(
        {
            "found": {key: sorted(value) for key, value in found.items()},
            "seen": {
                key: sorted(value) if isinstance(value, set) else value
                for key, value in seen.items()
            },
        }
    )
)

"""The grader's working folders: private to the account that grades, gone after every run.

A grading run keeps everything it writes outside the course (the trusted copy of the course
with the solutions and hidden tests, each student's answers on their way to the verdict
server, the kernels' folders, nbgrader's scratch release) in one folder of its own, made by
``tempfile.mkdtemp``: mode 0700, under the system's temporary folder (``TMPDIR``, else
``/tmp``), with a name no other account can guess. No other account can list it, enter it or
read anything in it, whatever the modes of the files inside; nothing in it is ever named on a
command line (the verdict server gets its paths in its environment, bubblewrap its options
through a pipe), so ``ps`` shows no path into it.

Not ``XDG_RUNTIME_DIR``: the system removes it when the teacher's last session ends, which
would pull the trusted copy from under a run left going with ``nohup``, and its size is capped
(a tenth of the memory by default).

The folder is removed when the run ends, and when it is stopped by SIGINT, SIGTERM or SIGHUP.
A run killed outright (SIGKILL, a crash of the machine's memory manager) cannot clean up, so
the folder's name carries its owner, the grading process (its id and start time, which tell it
apart from a later process given the same id): the next run removes the folders, and the
course's cgroups (:mod:`.limits`), of owners that are gone, before it grades anyone, and its
report says what it removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

PREFIX = "balancing-act-grading-"
_OWNED = re.compile(rf"^{re.escape(PREFIX)}(\d+)-(\d+)-\w+$")
#: The signals that stop a run and still let it clean up (a terminal's Ctrl-C, kill, a closed
#: terminal or SSH session).
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal (raised where the grader was, so that every ``finally``
    on the way out runs: kernels are killed, cgroups and the working folder removed)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def start_time(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot), or None if there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22; the command name (field 2) may hold spaces and parentheses: skip past it.
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[19])


def alive(pid: int, started: int | None) -> bool:
    """True while process ``pid`` runs and, where ``started`` is known, is the same process."""
    now = start_time(pid)
    if now is None:
        return False
    return started is None or now == started


def owner_tag() -> str:
    """``<pid>-<start time>`` of this process: what folders and cgroups are named after."""
    pid = os.getpid()
    return f"{pid}-{start_time(pid) or 0}"


@dataclass
class Workspace:
    """One run's private folder and the places inside it."""

    root: Path

    @property
    def snapshot(self) -> Path:
        """The trusted copy of the course (see :mod:`.course`)."""
        return self.root / "course"

    def folder(self, name: str) -> Path:
        """A private folder inside the workspace, made if needed."""
        path = self.root / name
        path.mkdir(mode=0o700, exist_ok=True)
        return path

    def remove(self) -> None:
        """Remove the whole folder; a stopping signal waits until it is gone."""
        with _signals_held():
            remove_tree(self.root)


def create() -> Workspace:
    """A new private folder for this run (mode 0700, named after this process)."""
    root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{owner_tag()}-"))
    root.chmod(0o700)  # mkdtemp's own mode; said again so that no umask or default can widen it
    return Workspace(root)


def remove_tree(root: Path) -> None:
    """Remove ``root``, read-only folders inside it included."""
    if not root.exists():
        return
    for folder, _dirs, _files in os.walk(root):
        with contextlib.suppress(OSError):
            os.chmod(folder, stat.S_IRWXU)
    shutil.rmtree(root, ignore_errors=True)


def share(path: Path, readers_gid: int | None) -> None:
    """Make ``path`` (a file, or a folder and all it holds) its owner's and, with
    ``readers_gid``, readable by that group; never by others. Links are left as they are."""
    folder_mode, file_mode = (0o750, 0o640) if readers_gid is not None else (0o700, 0o600)
    paths = [path] + (list(path.rglob("*")) if path.is_dir() else [])
    for each in paths:
        if each.is_symlink():
            continue
        if readers_gid is not None:
            os.chown(each, -1, readers_gid)
        each.chmod(folder_mode if each.is_dir() else file_mode)


def sweep_folders() -> list[str]:
    """Remove the working folders that runs of this account left when they were killed.

    Only folders named like a workspace, owned by this account, whose grading process is gone.
    Returns one description per folder removed.
    """
    removed = []
    base = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        match = _OWNED.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.geteuid():
                continue
        except OSError:
            continue
        pid, started = int(match[1]), int(match[2])
        if alive(pid, started):
            continue  # a run still going (two runs at once are allowed)
        remove_tree(Path(entry.path))
        if not os.path.exists(entry.path):
            removed.append(f"working folder {entry.path} (its grading process, {pid}, is gone)")
    return removed


@contextlib.contextmanager
def stop_on_signals():
    """While the run lasts, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` in the grader
    (once: a repeated signal is ignored while the run cleans up), so that it can clean up.

    Outside the main thread (where Python cannot set handlers) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        for each in STOPPING_SIGNALS:
            signal.signal(each, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {each: signal.signal(each, stop) for each in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


@contextlib.contextmanager
def _signals_held():
    """Hold stopping signals back while the workspace is removed; they arrive just after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)

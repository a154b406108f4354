"""A memory and process cap for a whole sandbox, where this machine lets the grader make one.

Per-process limits (``prlimit``) stop one huge allocation, but a student who starts many
processes could still use the machine's memory. A cgroup caps the sandbox as a whole and tells
the grader, through a file student code cannot write, when its memory ran out. cgroup v1 (a
writable memory hierarchy, as on many servers run as root) and v2 with a delegated subtree
(memory and pids already enabled for the grader's own cgroup's children) are both used; with
neither, grading falls back to per-process limits and the report says so.

A cgroup is named after the grading process that made it (its id and start time, see
:mod:`.workspace`), so that the next run can remove the cgroups a killed run left behind.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from .workspace import alive, owner_tag

CGROUP_ROOT = Path("/sys/fs/cgroup")
_counter = itertools.count()
# A cage, balancing-act-<pid>-<start>-<n>, and the probe, balancing-act-probe-<pid>-<start>;
# older versions named them without the start time.
_OWNED = (
    re.compile(r"^balancing-act-(\d+)(?:-(\d+))?-\d+$"),
    re.compile(r"^balancing-act-probe-(\d+)(?:-(\d+))?$"),
)


@dataclass
class Cage:
    """One student's cgroup (one folder per controller in v1, one folder in v2)."""

    folders: list[Path]
    version: int

    @property
    def join_paths(self) -> list[Path]:
        """Every ``cgroup.procs`` the sandbox's first process must write itself into."""
        return [folder / "cgroup.procs" for folder in self.folders]

    def out_of_memory(self) -> bool:
        for folder in self.folders:
            for name, key in (("memory.events", "oom_kill"), ("memory.oom_control", "oom_kill")):
                path = folder / name
                if path.exists():
                    for line in path.read_text().splitlines():
                        parts = line.split()
                        if len(parts) == 2 and parts[0] == key and int(parts[1]) > 0:
                            return True
            failures = folder / "memory.failcnt"
            if failures.exists() and int(failures.read_text().strip() or 0) > 0:
                return True
        return False

    def remove(self) -> None:
        for folder in self.folders:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # processes still leaving
                    time.sleep(0.1)


class CageFactory:
    def __init__(self, version: int, memory_base: Path, pids_base: Path | None):
        self.version = version
        self.memory_base = memory_base
        self.pids_base = pids_base

    def make(self, memory_bytes: int, processes: int) -> Cage:
        name = f"balancing-act-{owner_tag()}-{next(_counter)}"
        if self.version == 2:
            folder = self.memory_base / name
            folder.mkdir()
            (folder / "memory.max").write_text(str(memory_bytes))
            if (folder / "memory.swap.max").exists():
                (folder / "memory.swap.max").write_text("0")
            (folder / "pids.max").write_text(str(processes))
            return Cage([folder], 2)
        memory = self.memory_base / name
        memory.mkdir()
        (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
        swap = memory / "memory.memsw.limit_in_bytes"
        if swap.exists():
            swap.write_text(str(memory_bytes))
        folders = [memory]
        if self.pids_base is not None:
            pids = self.pids_base / name
            pids.mkdir()
            (pids / "pids.max").write_text(str(processes))
            folders.append(pids)
        return Cage(folders, 1)

    def sweep(self) -> list[str]:
        """Remove the course's cgroups whose grading process is gone (a run killed outright).

        A sandbox dies with its grader, so these are empty; should a process still be in one,
        it belonged to that dead run's sandbox and is killed first."""
        removed = []
        bases = [self.memory_base] + ([self.pids_base] if self.pids_base is not None else [])
        for base in bases:
            try:
                entries = list(os.scandir(base))
            except OSError:
                continue
            for entry in entries:
                match = _OWNED[0].match(entry.name) or _OWNED[1].match(entry.name)
                if not match or not entry.is_dir(follow_symlinks=False):
                    continue
                if alive(int(match[1]), int(match[2]) if match[2] else None):
                    continue
                folder = Path(entry.path)
                _kill_members(folder)
                Cage([folder], self.version).remove()
                if not folder.exists():
                    removed.append(f"cgroup {folder} (its grading process, {match[1]}, is gone)")
        return removed


def _kill_members(folder: Path) -> None:
    with contextlib.suppress(OSError):
        for line in (folder / "cgroup.procs").read_text().split():
            with contextlib.suppress(OSError):
                os.kill(int(line), signal.SIGKILL)


def _own_cgroups() -> dict[str, str]:
    """This process's cgroup path per controller ('' for v2's unified hierarchy)."""
    found = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            found[controller] = path
    return found


def _can_make_child(base: Path) -> bool:
    probe = base / f"balancing-act-probe-{owner_tag()}"
    try:
        probe.mkdir()
        probe.rmdir()
        return True
    except OSError:
        return False


def cgroup_factory() -> CageFactory | None:
    """A way to make per-student cgroups here, or None."""
    own = _own_cgroups()
    if "memory" in own:  # cgroup v1
        base = CGROUP_ROOT / "memory" / own["memory"].lstrip("/")
        if base.is_dir() and _can_make_child(base):
            pids = CGROUP_ROOT / "pids" / own.get("pids", "/").lstrip("/")
            pids_base = pids if "pids" in own and pids.is_dir() and _can_make_child(pids) else None
            return CageFactory(1, base, pids_base)
        return None
    if "" in own and (CGROUP_ROOT / "cgroup.controllers").exists():  # cgroup v2
        base = CGROUP_ROOT / own[""].lstrip("/")
        try:
            delegated = set((base / "cgroup.subtree_control").read_text().split())
        except OSError:
            return None
        if {"memory", "pids"} <= delegated and _can_make_child(base):
            return CageFactory(2, base, None)
    return None

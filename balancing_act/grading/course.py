"""The trusted copy of the course a grading run works from, and a fingerprint of the real one.

Before anything runs, the grader copies the course package, the data, the assignment's
solutions and release into its private working folder (:mod:`.workspace`), compiles the
package and validates the data there (so the sandbox, which can write nowhere, finds the
validation cache ready). Kernels see the package and data of that copy, read-only; the verdict
server reads the solutions from it.

Who may read the copy: the grading account, always; the sandboxes, the package, data and cache
only. As root a sandbox runs as a user id of its own, so those three parts belong to a group of
their own (:attr:`.sandbox.Sandbox.readers_gid`, given to every sandbox and to no account) and
are readable by it, nothing by others; the solutions and release stay readable by the grader
alone. Otherwise a sandbox is the grading account seen through a user namespace and the owner's
rights are enough. Either way the working folder itself (mode 0700) lets no other account in.

The course's own files (data, package, solutions, exercises, configuration and the teacher's
cache) are fingerprinted before and after the run; any change stops grading with an alert.
"""

from __future__ import annotations

import compileall
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import balancing_act

from ..course.cache import CACHE_ENV_VAR, cache_dir
from ..course.paths import DATA_ENV_VAR, DATA_MARKER
from .workspace import share

PACKAGE_DIR = Path(balancing_act.__file__).resolve().parent
WATCHED = ("solutions", "exercises", "nbgrader_config.py")
SANDBOX_READS = ("python", "data", "cache")  # the parts of the copy a sandbox is shown


@dataclass
class Snapshot:
    root: Path

    @property
    def python(self) -> Path:
        """The folder to put on PYTHONPATH: it holds the package and nothing else."""
        return self.root / "python"

    @property
    def package(self) -> Path:
        return self.python / "balancing_act"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def environment(self) -> dict[str, str]:
        """What a process working on the trusted copy needs to find it (and nothing else)."""
        return {
            "PYTHONPATH": str(self.python),
            DATA_ENV_VAR: str(self.data),
            CACHE_ENV_VAR: str(self.cache),
        }


def course_data(course: Path) -> Path:
    """The data a course's assignments are graded on: its own ``data/``, or else the data beside
    the package. Never BALANCING_ACT_DATA or the working folder: a grade must not depend on
    where the teacher happens to stand."""
    own = course / "data"
    return own if (own / DATA_MARKER).is_file() else PACKAGE_DIR.parent / "data"


def take_snapshot(course: Path, assignment: str, root: Path, readers_gid: int | None) -> Snapshot:
    """Copy the course into ``root`` (a new folder in the run's workspace) and set who may read
    what: see the module's docstring. ``readers_gid`` is the sandboxes' group, as root."""
    root.mkdir(mode=0o700)
    snapshot = Snapshot(root)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE_DIR, snapshot.package, ignore=ignore)
    shutil.copytree(course_data(course), snapshot.data, ignore=ignore)
    for part in ("solutions", "exercises"):
        shutil.copytree(course / part / assignment, root / part / assignment, ignore=ignore)
    compileall.compile_dir(str(snapshot.package), quiet=1, workers=1)
    _warm_validation_cache(snapshot)
    for path in root.iterdir():
        share(path, readers_gid if path.name in SANDBOX_READS else None)
    root.chmod(0o700)
    return snapshot


def _warm_validation_cache(snapshot: Snapshot) -> None:
    from ..tables import validation

    previous = os.environ.get(CACHE_ENV_VAR)
    os.environ[CACHE_ENV_VAR] = str(snapshot.cache)
    try:
        validation.validate(snapshot.data)
    finally:
        if previous is None:
            os.environ.pop(CACHE_ENV_VAR, None)
        else:
            os.environ[CACHE_ENV_VAR] = previous


def fingerprint(course: Path) -> dict[str, str]:
    """A hash of every course file a submission must never change (compiled files aside)."""
    roots = [course / name for name in WATCHED] + [course_data(course), PACKAGE_DIR, cache_dir()]
    hashes = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            hashes[str(path)] = digest
    return hashes


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs between two fingerprints, in words.

    A new entry in the cache is not a change: the cache is keyed by content, and any lesson
    run meanwhile on this machine adds entries. An entry that changed or vanished is one.
    """
    cache = str(cache_dir())
    found = []
    for path in sorted(set(before) | set(after)):
        if path not in after:
            found.append(f"{path} was deleted")
        elif path not in before:
            if not path.startswith(cache + os.sep):
                found.append(f"{path} appeared")
        elif before[path] != after[path]:
            found.append(f"{path} changed")
    return found

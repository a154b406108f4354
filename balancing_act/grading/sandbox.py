"""Where a student's kernel runs: Debian's bubblewrap, an unprivileged user and hard limits.

Each submission gets a fresh sandbox. It sees a read-only system (``/usr``), the Python
environment, the trusted copy of the course's package and data, and nothing else of this
machine: not the course folder, ``solutions/``, the gradebook, other submissions or anyone's
home. Its only writable places are small in-memory file systems (``/tmp``, its home, and the
folder holding the kernel's sockets), so it cannot fill the disk. It has no network, its own
process tree (everything in it dies with the sandbox), and limits on memory, processes, file
size, open files and CPU time. As root the kernel runs as a user id of its own (one per grading
slot); otherwise bubblewrap's user namespace maps it to an unprivileged id.

The grader talks to the kernel over ZeroMQ sockets that the kernel creates inside the sandbox;
the grader reaches them through ``/proc/<pid>/root``, so no folder of this machine needs to be
writable from inside.

Without bubblewrap (a Mac, or a Linux without user namespaces) grading still runs, with the
same limits where the system has them, but students' code runs with the grader's rights: the
report says so on its first line, and ``--require-sandbox`` refuses to grade.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Where bubblewrap is looked for; set to another path (or a missing one) to choose.
BWRAP_ENV_VAR = "BALANCING_ACT_BWRAP"

HOME = "/home/student"
KERNEL_DIR = "/run/kernel"
COURSE_DIR = "/course"
FIRST_UID = 61000

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """What one student's run may use. Memory is per sandbox when a cgroup can be made,
    otherwise per process (and ``processes`` bounds how many there can be)."""

    memory_bytes: int = 2 * GIB
    processes: int = 96  # threads count: a kernel with its ZeroMQ threads uses about 15
    file_bytes: int = 64 * MIB
    open_files: int = 256
    tmp_bytes: int = 128 * MIB  # each of /tmp and the home folder
    cpu_seconds: int = 1800
    student_seconds: int = 900  # wall-clock time for the whole notebook
    cell_seconds: int = 60
    kept_output_bytes: int = 1 * MIB  # output kept in the graded notebook
    output_bytes: int = 16 * MIB  # output that stops the run
    message_bytes: int = 16 * MIB  # one message from the kernel; larger ones are dropped
    # Judging one student's answers, outside the sandbox: memory beyond the verdict server's
    # own; its CPU time is cell_seconds per test and student_seconds in all (see .verdicts).
    verdict_memory_bytes: int = 1 * GIB

    def prlimit_args(self) -> list[str]:
        return [
            f"--as={self.memory_bytes + 2 * GIB}",  # headroom: a cgroup, if any, is the real cap
            f"--nproc={self.processes}",
            f"--fsize={self.file_bytes}",
            f"--nofile={self.open_files}",
            f"--cpu={self.cpu_seconds}",
            "--core=0",
        ]


@dataclass(frozen=True)
class Binding:
    """One file or folder of this machine shown read-only inside the sandbox."""

    source: Path
    target: str


class Sandbox:
    """How kernels are started for one grading run (isolated or not, and what it costs)."""

    def __init__(self, bwrap: str | None, reason: str, setpriv: str | None, cgroups):
        self.bwrap = bwrap
        self.reason = reason
        self.setpriv = setpriv
        self.cgroups = cgroups
        self.prlimit = shutil.which("prlimit")

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    def describe(self, limits: Limits) -> str:
        """One plain sentence for the report: what protected the class, and what did not."""
        if not self.isolated:
            return (
                f"NOT ISOLATED: {self.reason}. Students' code ran with the grader's own rights and "
                "could read or change files this account can reach; install bubblewrap "
                "(Debian/Ubuntu: apt install bubblewrap) and grade again, or use --require-sandbox."
            )
        user = "a user id of its own" if self.setpriv else "an unprivileged user namespace"
        memory = (
            f"{limits.memory_bytes // MIB} MiB of memory per student"
            if self.cgroups
            else f"{limits.memory_bytes // MIB} MiB of memory per process (no cgroup available)"
        )
        return (
            f"Isolated: each submission ran in bubblewrap as {user}, with no network, no view of "
            f"the course folder, {memory}, {limits.processes} processes, "
            f"{limits.cell_seconds} s per cell and {limits.student_seconds} s per student."
        )

    def uid_for(self, slot: int) -> int:
        return _free_uids(slot + 1)[slot]


def detect() -> Sandbox:
    """Find bubblewrap and check it can start a sandbox here (user namespaces may be off)."""
    from .limits import cgroup_factory

    wanted = os.environ.get(BWRAP_ENV_VAR, "bwrap")
    bwrap = shutil.which(wanted)
    setpriv = shutil.which("setpriv") if os.geteuid() == 0 else None
    if bwrap is None:
        return Sandbox(None, f"bubblewrap ({wanted}) is not installed", None, None)
    probe = [bwrap, *_namespace_args(setpriv), "--ro-bind", "/", "/", "--proc", "/proc"]
    probe += [*_user_args(setpriv, FIRST_UID), "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Sandbox(None, f"bubblewrap could not start: {error}", None, None)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        return Sandbox(
            None, f"bubblewrap could not start a sandbox here ({message[0]})", None, None
        )
    return Sandbox(bwrap, "", setpriv, cgroup_factory())


def _namespace_args(setpriv: str | None) -> list[str]:
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if setpriv is None:
        args += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    return args


def _user_args(setpriv: str | None, uid: int) -> list[str]:
    """As root, drop to ``uid`` inside (bubblewrap then needs no user namespace)."""
    if setpriv is None:
        return []
    return [
        setpriv,
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--no-new-privs",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--",
    ]


def _free_uids(count: int) -> list[int]:
    """The first ``count`` user ids from FIRST_UID that no account on this machine uses."""
    found, uid = [], FIRST_UID
    while len(found) < count:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            found.append(uid)
        uid += 1
    return found


def python_bindings() -> list[Binding]:
    """The Python environment the kernel needs: the interpreter's prefix and the venv."""
    roots = {Path(sys.base_prefix), Path(sys.prefix), Path(os.path.realpath(sys.executable)).parent}
    roots = {r.resolve() for r in roots}
    kept = [r for r in roots if not any(r != o and o in r.parents for o in roots)]
    return [Binding(r, str(r)) for r in sorted(kept) if not str(r).startswith("/usr")]


def _system_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("ld.so.cache", "localtime"):
        if (Path("/etc") / name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    return args


def _parents_args(target: str) -> list[str]:
    """Make a bound path's parent folders traversable (bubblewrap as root makes them 0700)."""
    args = []
    parents = list(Path(target).parents)[::-1][1:]  # skip "/"
    for parent in parents:
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def kernel_command(
    sandbox: Sandbox,
    limits: Limits,
    slot: int,
    *,
    bindings: list[Binding],
    etc_dir: Path,
    environment: dict[str, str],
    connection_fd: int,
    info_fd: int,
    cage_procs: list[Path],
) -> list[str]:
    """The command that starts one student's kernel in its sandbox.

    ``bindings`` are shown read-only; ``connection_fd`` holds the kernel's connection file,
    copied into the sandbox's own in-memory folder; ``info_fd`` receives bubblewrap's report
    of the sandbox's process id.
    """
    uid = sandbox.uid_for(slot)
    args = [sandbox.bwrap, *_namespace_args(sandbox.setpriv), "--hostname", "sandbox"]
    args += _system_args()
    args += ["--ro-bind", str(etc_dir / "passwd"), "/etc/passwd"]
    args += ["--ro-bind", str(etc_dir / "group"), "/etc/group"]
    args += ["--dev", "/dev", "--proc", "/proc"]
    for folder, size in (("/tmp", limits.tmp_bytes), (HOME, limits.tmp_bytes)):
        args += ["--perms", "1777", "--size", str(size), "--tmpfs", folder]
    # Bound after the in-memory folders, so a course (or its environment) kept under /tmp is
    # shown on top of the sandbox's own /tmp instead of hidden by it.
    for binding in bindings:
        args += _parents_args(binding.target)
        args += ["--ro-bind", str(binding.source), binding.target]
    args += ["--perms", "1777", "--size", str(MIB), "--tmpfs", KERNEL_DIR]
    args += ["--perms", "0444", "--file", str(connection_fd), f"{KERNEL_DIR}/connection.json"]
    args += ["--remount-ro", "/", "--chdir", HOME, "--clearenv"]
    for key, value in sorted(environment.items()):
        args += ["--setenv", key, value]
    args += ["--info-fd", str(info_fd)]
    args += _user_args(sandbox.setpriv, uid)
    args += _kernel_argv(f"{KERNEL_DIR}/connection.json")
    return _wrap_limits(sandbox, limits, args, cage_procs)


def unisolated_command(
    sandbox: Sandbox, limits: Limits, connection_file: Path, cage_procs: list[Path]
) -> list[str]:
    """Without bubblewrap: the same kernel and limits, with the grader's rights."""
    return _wrap_limits(sandbox, limits, _kernel_argv(str(connection_file)), cage_procs)


def kernel_python() -> str:
    """This environment's interpreter by a path without symlinked folders, so the same path
    works inside the sandbox, where only the real folders are bound."""
    executable = Path(sys.executable)
    try:
        return str(Path(sys.prefix).resolve() / executable.relative_to(sys.prefix))
    except ValueError:
        return os.path.realpath(executable)


def _kernel_argv(connection_file: str) -> list[str]:
    # -P: the working folder is not on sys.path, so nothing beside the notebook is importable.
    return [
        kernel_python(),
        "-P",
        "-m",
        "ipykernel_launcher",
        "-f",
        connection_file,
        "--HistoryManager.enabled=False",
    ]


_JOIN_CGROUPS = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo 0 > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"'


def _wrap_limits(sandbox: Sandbox, limits: Limits, args: list[str], cage_procs) -> list[str]:
    if sandbox.prlimit:
        args = [sandbox.prlimit, *limits.prlimit_args(), "--", *args]
    if cage_procs:
        # Join the cgroups before anything else starts, so every later process is inside them.
        args = [
            "/bin/sh",
            "-c",
            _JOIN_CGROUPS,
            "sh",
            str(len(cage_procs)),
            *map(str, cage_procs),
            *args,
        ]
    return args


def write_etc(folder: Path, uids: list[int]) -> Path:
    """A passwd and group naming the sandbox's user (one id per grading slot) and nobody else
    of this machine."""
    folder.mkdir(parents=True, exist_ok=True)
    users = "".join(f"student:x:{uid}:{uid}:student:{HOME}:/usr/sbin/nologin\n" for uid in uids)
    groups = "".join(f"student:x:{uid}:\n" for uid in uids)
    nobody = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
    (folder / "passwd").write_text(users + nobody, encoding="utf-8")
    (folder / "group").write_text(groups + "nogroup:x:65534:\n", encoding="utf-8")
    for path in (folder, folder / "passwd", folder / "group"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def sandbox_environment(python_dir: str, data_dir: str, cache_dir: str) -> dict[str, str]:
    """The whole environment a kernel sees: nothing of the grader's is passed on."""
    python_bin = str(Path(kernel_python()).parent)
    return {
        "HOME": HOME,
        "PATH": f"{python_bin}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "TMPDIR": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONSAFEPATH": "1",
        "PYTHONPATH": python_dir,
        "MPLBACKEND": "Agg",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "NBGRADER_EXECUTION": "autograde",
        "BALANCING_ACT_DATA": data_dir,
        "BALANCING_ACT_CACHE": cache_dir,
    }

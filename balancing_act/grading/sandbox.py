"""Where a student's kernel runs: Debian's bubblewrap, an unprivileged user and hard limits.

Each submission gets a fresh sandbox. It sees a read-only system (``/usr``), the Python
environment, the trusted copy of the course's package and data, and nothing else of this
machine: not the course folder, ``solutions/``, the gradebook, other submissions or anyone's
home. Its only writable places are small in-memory file systems (``/tmp``, its home,
``/dev/shm`` and the folder holding the kernel's sockets), so it cannot fill the disk. It has no
network, its own process tree (everything in it dies with the sandbox), and limits on memory,
processes, file size, open files and CPU time. As root the kernel runs as a user id of its own
(one per grading slot); otherwise bubblewrap's user namespace maps it to an unprivileged id.

Processes are counted per sandbox either way. The process limit is set by the sandbox's first
process, inside it (``prlimit`` before the kernel): since Linux 5.14 the kernel counts
``RLIMIT_NPROC`` per user id *and user namespace*, so a limit set inside a sandbox's own user
namespace counts that sandbox's processes alone, while the grading account's own limit (which
the namespace took over when it was made) still bounds everything together. Set outside, before
bubblewrap, the same limit would count every process of the grading account — a teacher's
JupyterLab and every other sandbox — and one student's fork bomb would stop classmates' kernels
from starting. As root each sandbox has a user id of its own, which the kernel counts apart too.

Kernel memory (the inodes of files, pipes, sockets) is charged to the sandbox's cgroup where
there is one. Without one (an ordinary account on a shared server), nothing in the kernel caps it
for a sandbox as a whole: bubblewrap 0.8 cannot set a tmpfs's inode count, and memory limits are
per process. The grader then counts the files in the sandbox's in-memory folders itself and stops
a run past :attr:`Limits.files`; the report's first line says which of these held.

Sandboxes share nothing another sandbox could read: each has its own System V IPC and POSIX
message queues (an IPC namespace), its own ``/dev/shm`` (a small in-memory folder, where POSIX
shared memory lives), its own ``/tmp`` and home. The kernel's keyrings are not namespaced:
a key one student's code added to its user keyring, or to the session keyring every sandbox
inherits from the grader, could be read by the next student graded under the same user id. A
seccomp filter (built with libseccomp, see :func:`keyring_filter`) makes ``add_key``,
``request_key`` and ``keyctl`` fail in every sandbox, as Docker's default profile does for the
same reason. Without libseccomp the sandbox is not trusted at all (the report says so).

Nothing about the run is written on a command line other accounts can read with ``ps``:
bubblewrap gets its options (what is bound where, the environment) through a pipe
(``--args``), so its command line names no folder of the grader's.

The grader talks to the kernel over ZeroMQ sockets that the kernel creates inside the sandbox;
the grader reaches them through ``/proc/<pid>/root``, so no folder of this machine needs to be
writable from inside.

Without bubblewrap (a Mac, or a Linux without user namespaces) grading still runs, with the
same limits where the system has them, but students' code runs with the grader's rights: the
report says so on its first line, and ``--require-sandbox`` refuses to grade.
"""

from __future__ import annotations

import errno
import grp
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .workspace import share

#: Where bubblewrap is looked for; set to another path (or a missing one) to choose.
BWRAP_ENV_VAR = "BALANCING_ACT_BWRAP"

HOME = "/home/student"
KERNEL_DIR = "/run/kernel"
SHM_DIR = "/dev/shm"
#: Every folder the sandbox can write to: in-memory, each a file system of its own.
WRITABLE_DIRS = ("/tmp", HOME, SHM_DIR, KERNEL_DIR)
COURSE_DIR = "/course"
FIRST_UID = 61000
# The sandboxes' shared group (as root): the first gid down from here that no group uses.
READERS_GID = 60999

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """What one student's run may use. Memory is per sandbox when a cgroup can be made,
    otherwise per process (and ``processes``, counted per sandbox, bounds how many there can be)."""

    memory_bytes: int = 2 * GIB
    processes: int = 96  # threads count: a kernel with its ZeroMQ threads uses about 15
    file_bytes: int = 64 * MIB
    open_files: int = 256
    tmp_bytes: int = 128 * MIB  # each of /tmp, /dev/shm and the home folder
    cpu_seconds: int = 1800
    student_seconds: int = 900  # wall-clock time for the whole notebook
    cell_seconds: int = 60
    kept_output_bytes: int = 1 * MIB  # output kept in the graded notebook, per cell
    output_bytes: int = 16 * MIB  # output read; past it output is dropped and the run goes on
    total_bytes: int = 256 * MIB  # everything the kernel sends, answers included: stops the run
    message_bytes: int = 16 * MIB  # one message from the kernel; larger ones are dropped
    # Files and folders in the sandbox's in-memory folders together (each holds kernel memory
    # that no size limit counts); the grader checks, without a cgroup the only bound.
    files: int = 10_000
    # Judging one student's answers, outside the sandbox: memory beyond the verdict server's
    # own; its CPU time is cell_seconds per test and student_seconds in all (see .verdicts).
    verdict_memory_bytes: int = 1 * GIB

    def prlimit_args(self) -> list[str]:
        """Limits on each process, set before the sandbox starts (every process inherits them)."""
        return [
            f"--as={self.memory_bytes + 2 * GIB}",  # headroom: a cgroup, if any, is the real cap
            f"--fsize={self.file_bytes}",
            f"--nofile={self.open_files}",
            f"--cpu={self.cpu_seconds}",
            "--core=0",
        ]

    def process_count_args(self) -> list[str]:
        """The process limit, set inside the sandbox (see the module's note on counting)."""
        return [f"--nproc={self.processes}"]


@dataclass(frozen=True)
class Binding:
    """One file or folder of this machine shown read-only inside the sandbox."""

    source: Path
    target: str


class Sandbox:
    """How kernels are started for one grading run (isolated or not, and what it costs)."""

    def __init__(
        self,
        bwrap: str | None,
        reason: str,
        setpriv: str | None,
        cgroups,
        seccomp_filter: bytes | None = None,
        readers_gid: int | None = None,
    ):
        self.bwrap = bwrap
        self.reason = reason
        self.setpriv = setpriv
        self.cgroups = cgroups
        self.seccomp_filter = seccomp_filter  # compiled BPF for bubblewrap's --seccomp
        # As root: the group every sandbox is in, and the only one that can read the trusted
        # copy of the course besides the grader (see :mod:`.course`).
        self.readers_gid = readers_gid
        self.prlimit = shutil.which("prlimit")

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    @property
    def counts_processes_apart(self) -> bool:
        """True if each sandbox's processes are counted on their own: ``prlimit`` runs inside
        the sandbox (it must be under /usr, which the sandbox sees) after its user id or user
        namespace exists."""
        return (
            self.isolated
            and self.prlimit is not None
            and os.path.realpath(self.prlimit).startswith("/usr/")
        )

    def describe(self, limits: Limits) -> str:
        """One plain sentence for the report: what protected the class, and what did not."""
        if not self.isolated:
            return (
                f"NOT ISOLATED: {self.reason}. Students' code ran with the grader's own rights and "
                "could read or change files this account can reach; install bubblewrap "
                "(Debian/Ubuntu: apt install bubblewrap) and grade again, or use --require-sandbox."
            )
        user = "as a user id of its own" if self.setpriv else "in an unprivileged user namespace"
        memory = limits.memory_bytes // MIB
        if self.cgroups:
            held = (
                f"{memory} MiB of memory per sandbox (the kernel memory of its files, pipes and "
                "sockets included)"
            )
        else:
            held = (
                f"{memory} MiB of memory per process only: no cgroup here, so neither a "
                "sandbox's processes together nor the kernel memory of its files, pipes and "
                f"sockets were capped (the grader stopped a run past {limits.files:,} files in "
                "its in-memory folders)"
            )
        if self.prlimit is None:
            processes = "no process limit (prlimit, from util-linux, is missing)"
        elif self.counts_processes_apart:
            processes = (
                f"{limits.processes} processes per sandbox, counted apart from this account's "
                "own and from other sandboxes'"
            )
        else:
            processes = (
                f"{limits.processes} processes counted together with every process of this "
                "account (prlimit is not under /usr, where the sandbox can run it)"
            )
        return (
            f"Isolated: each submission ran in bubblewrap {user}, with no network, no view of "
            f"the course folder, no keyring or shared memory in common, {held}, {processes}, "
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
    try:
        seccomp = keyring_filter()
    except (ImportError, OSError, RuntimeError) as error:
        return Sandbox(
            None,
            f"libseccomp could not build the filter that keeps sandboxes out of the kernel's "
            f"keyrings ({error}; Debian/Ubuntu: apt install libseccomp2)",
            None,
            None,
        )
    readers = _free_gid() if setpriv else None
    probe = [bwrap, *_namespace_args(setpriv), "--ro-bind", "/", "/", "--proc", "/proc"]
    read_filter = pipe_holding(seccomp)
    probe += ["--seccomp", str(read_filter), *_user_args(setpriv, FIRST_UID, readers), "true"]
    try:
        done = subprocess.run(
            probe, capture_output=True, text=True, timeout=30, pass_fds=(read_filter,)
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Sandbox(None, f"bubblewrap could not start: {error}", None, None)
    finally:
        os.close(read_filter)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        return Sandbox(
            None, f"bubblewrap could not start a sandbox here ({message[0]})", None, None
        )
    return Sandbox(bwrap, "", setpriv, cgroup_factory(), seccomp, readers)


#: The system calls of the kernel's key management (keyrings are not namespaced).
KEYRING_CALLS = ("add_key", "request_key", "keyctl")


def keyring_filter() -> bytes:
    """A seccomp program, as bubblewrap's ``--seccomp`` reads it, under which the keyring
    calls fail with EPERM and every other call is allowed. Built by libseccomp, which checks
    the system call table too: a call through another one (32-bit, x32) kills the process
    instead of slipping past under another number."""
    import pyseccomp

    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in KEYRING_CALLS:
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), name)
    read, write = os.pipe()
    try:
        with os.fdopen(write, "wb", closefd=False) as handle:
            rules.export_bpf(handle)
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as handle:
        return handle.read()


def pipe_holding(data: bytes) -> int:
    """A pipe's reading end from which ``data`` can be read once (for bubblewrap's fds).
    The options and filters passed this way are a few KiB, well within a pipe's buffer."""
    read, write = os.pipe()
    try:
        os.write(write, data)
    finally:
        os.close(write)
    return read


def _free_gid() -> int:
    """The first group id down from READERS_GID that no group on this machine uses."""
    gid = READERS_GID
    while True:
        try:
            grp.getgrgid(gid)
        except KeyError:
            return gid
        gid -= 1


def _namespace_args(setpriv: str | None) -> list[str]:
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if setpriv is None:
        args += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    return args


def _user_args(setpriv: str | None, uid: int, readers_gid: int | None) -> list[str]:
    """As root, drop to ``uid`` inside (bubblewrap then needs no user namespace), with the
    readers' group as the only other group."""
    if setpriv is None:
        return []
    return [
        setpriv,
        f"--reuid={uid}",
        f"--regid={uid}",
        f"--groups={readers_gid}" if readers_gid is not None else "--clear-groups",
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
    seccomp_fd: int | None = None,
) -> list[str]:
    """The command that starts one student's kernel in its sandbox.

    ``bindings`` are shown read-only; ``connection_fd`` holds the kernel's connection file,
    copied into the sandbox's own in-memory folder; ``info_fd`` receives bubblewrap's report
    of the sandbox's process id; ``seccomp_fd`` holds :attr:`Sandbox.seccomp_filter`. The
    bubblewrap options end with ``--``: :func:`hide_options` moves them to a pipe.
    """
    uid = sandbox.uid_for(slot)
    args = [sandbox.bwrap, *_namespace_args(sandbox.setpriv), "--hostname", "sandbox"]
    args += _system_args()
    args += ["--ro-bind", str(etc_dir / "passwd"), "/etc/passwd"]
    args += ["--ro-bind", str(etc_dir / "group"), "/etc/group"]
    args += ["--dev", "/dev", "--proc", "/proc"]
    for folder, size in (("/tmp", limits.tmp_bytes), (HOME, limits.tmp_bytes)):
        args += ["--perms", "1777", "--size", str(size), "--tmpfs", folder]
    # /dev/shm (POSIX shared memory) is the sandbox's own, small and in memory, like /tmp; the
    # rest of bubblewrap's /dev, writable and unbounded in a user namespace, is made read-only.
    args += ["--perms", "1777", "--size", str(limits.tmp_bytes), "--tmpfs", SHM_DIR]
    args += ["--remount-ro", "/dev"]
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
    if seccomp_fd is not None:
        args += ["--seccomp", str(seccomp_fd)]
    args += ["--", *_user_args(sandbox.setpriv, uid, sandbox.readers_gid)]
    args += _count_processes_inside(sandbox, limits)
    args += _kernel_argv(f"{KERNEL_DIR}/connection.json")
    outside = not sandbox.counts_processes_apart
    return _wrap_limits(sandbox, limits, args, cage_procs, count_processes=outside)


def _count_processes_inside(sandbox: Sandbox, limits: Limits) -> list[str]:
    """The sandbox's first process sets its process limit, inside the sandbox's own user
    namespace (or user id), so that only its processes count against it."""
    if not sandbox.counts_processes_apart:
        return []
    return [sandbox.prlimit, *limits.process_count_args(), "--"]


def hide_options(argv: list[str], bwrap: str) -> tuple[list[str], int]:
    """``argv`` with bubblewrap's options replaced by ``--args FD``, and FD, a pipe holding
    them as bubblewrap reads them: what is bound where and the sandbox's environment then
    appear on no command line another account can see."""
    start = argv.index(bwrap) + 1
    end = argv.index("--", start)
    options_fd = pipe_holding(b"".join(arg.encode() + b"\0" for arg in argv[start:end]))
    return [*argv[:start], "--args", str(options_fd), *argv[end:]], options_fd


def unisolated_command(
    sandbox: Sandbox, limits: Limits, connection_file: Path, cage_procs: list[Path]
) -> list[str]:
    """Without bubblewrap: the same kernel and limits, with the grader's rights (its process
    limit counts every process of the grading account: there is no namespace to count apart)."""
    argv = _kernel_argv(str(connection_file))
    return _wrap_limits(sandbox, limits, argv, cage_procs, count_processes=True)


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


def _wrap_limits(
    sandbox: Sandbox, limits: Limits, args: list[str], cage_procs, *, count_processes: bool
) -> list[str]:
    """Per-process limits and the cgroups, before anything of the sandbox starts; the process
    count too only where it cannot be set inside (see :func:`_count_processes_inside`)."""
    if sandbox.prlimit:
        count = limits.process_count_args() if count_processes else []
        args = [sandbox.prlimit, *limits.prlimit_args(), *count, "--", *args]
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


def write_etc(folder: Path, uids: list[int], readers_gid: int | None = None) -> Path:
    """A passwd and group naming the sandbox's user (one id per grading slot) and nobody else
    of this machine; readable by the grader and, as root, by the sandboxes' group only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    users = "".join(f"student:x:{uid}:{uid}:student:{HOME}:/usr/sbin/nologin\n" for uid in uids)
    groups = "".join(f"student:x:{uid}:\n" for uid in uids)
    if readers_gid is not None:
        groups += f"course-readers:x:{readers_gid}:student\n"
    nobody = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
    (folder / "passwd").write_text(users + nobody, encoding="utf-8")
    (folder / "group").write_text(groups + "nogroup:x:65534:\n", encoding="utf-8")
    share(folder, readers_gid)
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

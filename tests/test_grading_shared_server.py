"""Grading on a shared server, with a classmate watching: nothing of the grader's is readable.

A second local account (made for the test, removed after) runs ``shared_server_watcher.py``
while ``make grade`` grades a class: it reads every path named in ``ps``, everything under the
shared temporary folders, and what ``/proc`` shows of the grader's processes. The course's
solution and hidden tests, and a student's answers, carry markers it must never find. Runs
stopped by SIGTERM, SIGINT and SIGHUP leave nothing; a run killed with SIGKILL leaves only
folders the watcher cannot read, which the next ``make grade`` removes with the run's cgroups,
and says so. In the same class, run as root (each sandbox its own user id), a student who
writes answers to the kernel keyrings and to shared memory is followed by a blank notebook that
reads them: it scores 0.

Negative tests: the watcher finds the secrets once the killed run's folder is opened up (mode
0755, planted), and a probe pair run in the real sandbox without the seccomp filter (or without
the IPC namespace) reads what the first probe wrote.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from balancing_act.grading.escaping import markdown
from balancing_act.grading.sandbox import (
    Limits,
    Sandbox,
    detect,
    kernel_command,
    kernel_python,
    pipe_holding,
    python_bindings,
    sandbox_environment,
    write_etc,
)
from balancing_act.grading.workspace import PREFIX

from .grading_tools import course_copy, fill, read_report, release, solution_answers, submit
from .hub.system import run, stop_processes_of
from .notebook_tools import ROOT

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox]

A1 = "a1-periods-timeline"
WATCHER = Path(__file__).with_name("shared_server_watcher.py")
ACCOUNT_MARK = "balancing-act watcher test"
WORKSPACES = Path(tempfile.gettempdir())

if os.geteuid() != 0 or not shutil.which("useradd"):
    pytest.skip("needs root (a second local account)", allow_module_level=True)


@functools.cache
def sandbox() -> Sandbox:
    found = detect()
    if found.setpriv is None:
        pytest.skip(f"needs sandboxes as user ids of their own: {found.reason}")
    return found


KEYCTL_JOIN_SESSION_KEYRING = 1
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


@pytest.fixture(scope="module", autouse=True)
def session_keyring():
    """The grader gets a session keyring of its own, as a teacher's SSH login has one (from
    pam_keyinit): every sandbox inherits it."""
    assert libc.syscall(250, KEYCTL_JOIN_SESSION_KEYRING, None) > 0, ctypes.get_errno()


# --- the second account ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def classmate():
    """A local account like any student's on the class server (no group of the grader's)."""
    for line in Path("/etc/passwd").read_text().splitlines():
        name, _, uid, _, comment = line.split(":")[:5]
        if name.startswith("bawatch") and comment == ACCOUNT_MARK:
            stop_processes_of(int(uid))
            run("userdel", name, check=False)
    name = f"bawatch{secrets.token_hex(3)}"
    run("useradd", "-M", "-s", "/usr/sbin/nologin", "-c", ACCOUNT_MARK, name)
    uid = int(run("id", "-u", name).stdout)
    gid = int(run("id", "-g", name).stdout)
    try:
        yield uid, gid
    finally:
        stop_processes_of(uid)
        run("userdel", name, check=False)


def start_watching(account, markers: dict[str, str], once: bool = False) -> subprocess.Popen:
    uid, gid = account
    watcher = subprocess.Popen(
        [
            "setpriv",
            f"--reuid={uid}",
            f"--regid={gid}",
            "--clear-groups",
            "/usr/bin/python3",
            "-I",
            "-c",
            WATCHER.read_text(),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd="/",
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        text=True,
    )
    watcher.stdin.write(json.dumps({"markers": markers, "once": once}) + "\n")
    watcher.stdin.close()
    watcher.stdin = None  # written once: communicate() must not flush it again
    return watcher


def finish_watching(watcher: subprocess.Popen, stop: bool = True) -> dict:
    if stop and watcher.poll() is None:
        watcher.send_signal(signal.SIGTERM)
    try:
        out, err = watcher.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        watcher.kill()
        out, err = watcher.communicate()
        raise AssertionError(f"the watcher did not stop: {err[-3000:]}") from None
    assert watcher.returncode == 0, err[-3000:]
    return json.loads(out)


def watch_once(account, markers) -> dict:
    return finish_watching(start_watching(account, markers, once=True), stop=False)


# A working folder as this version names it (older versions, which other runs on a shared test
# machine may still use, named theirs otherwise: those are not this test's business).
WORKSPACE_NAME = re.compile(rf"{re.escape(PREFIX)}\d+-\d+-\w+")


def what_it_found(watched: dict) -> dict[str, list[str]]:
    found = watched["found"]
    return {
        "secrets": found["secrets"],
        "grader_folders": [f for f in found["grader_folders"] if WORKSPACE_NAME.search(f)],
        "processes": found["processes"],
    }


NOTHING = {"secrets": [], "grader_folders": [], "processes": []}


# --- the course and its class ------------------------------------------------------------------


def _marked_course(folder: Path) -> tuple[Path, dict[str, str]]:
    """A course whose solution notebook holds a marker in a model answer and in a hidden test
    (the release is unchanged: both are inside the blocks nbgrader takes out)."""
    course = course_copy(folder)
    markers = {
        "model answer": f"model-answer-{secrets.token_hex(8)}",
        "hidden test": f"hidden-test-{secrets.token_hex(8)}",
        "student answer": f"student-answer-{secrets.token_hex(8)}",
    }
    path = course / "solutions" / A1 / f"{A1}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "a1-russia":
            cell.source = cell.source.replace(
                "### END SOLUTION", f"# {markers['model answer']}\n### END SOLUTION"
            )
        if grade_id == "a1-russia-hidden":
            cell.source = cell.source.replace(
                "### END HIDDEN TESTS", f"# {markers['hidden test']}\n### END HIDDEN TESTS"
            )
    nbformat.write(notebook, path)
    return course, markers


def _honest(course: Path, student: str, before: str = "", after: str = "") -> None:
    answers = solution_answers(A1)
    answers["a1-russia"] = f"{before}\n{answers['a1-russia']}\n{after}"
    submit(course, student, A1, fill(release(course, A1), answers))


# What one student writes where a classmate graded after it (same user id, same grader) could
# look: the user keyring, the session keyring, System V and POSIX shared memory.
CHANNELS = r"""
import ctypes, json, os
_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
_RINGS = {"user keyring": -4, "session keyring": -3}
_SHM_KEY, _SHM_SIZE, _SHM_FILE = 0x5A11, 1 << 16, "/dev/shm/ba-answers"

def leave(text):
    data = text.encode()
    for ring in _RINGS.values():
        key = _libc.syscall(248, b"user", b"ba-answers", data, len(data), ring)
        if key >= 0:  # readable by the same user id, not only by whoever possesses it
            _libc.syscall(250, 5, key, 0x3F3F0000)  # KEYCTL_SETPERM
    segment = _libc.shmget(_SHM_KEY, _SHM_SIZE, 0o1666)
    if segment >= 0:
        address = _libc.shmat(segment, None, 0)
        if address not in (None, ctypes.c_void_p(-1).value):
            ctypes.memmove(address, data + b"\0", len(data) + 1)
    try:
        with open(_SHM_FILE, "w") as handle:
            handle.write(text)
    except OSError:
        pass

def pick_up():
    found = {}
    for name, ring in _RINGS.items():
        key = _libc.syscall(250, 10, ring, b"user", b"ba-answers", 0)
        if key >= 0:
            buffer = ctypes.create_string_buffer(1 << 16)
            size = _libc.syscall(250, 11, key, buffer, 1 << 16)
            if size > 0:
                found[name] = buffer.raw[:size].decode()
            _libc.syscall(250, 9, key, ring)  # unlink: leave nothing behind
    segment = _libc.shmget(_SHM_KEY, 0, 0)
    if segment >= 0:
        address = _libc.shmat(segment, None, 0)
        if address not in (None, ctypes.c_void_p(-1).value):
            found["System V shared memory"] = ctypes.string_at(address).decode()
        _libc.shmctl(segment, 0, None)  # IPC_RMID
    try:
        with open(_SHM_FILE) as handle:
            found["POSIX shared memory"] = handle.read()
    except OSError:
        pass
    return found
"""


def _answers_code() -> str:
    answers = solution_answers(A1)
    return "\n".join(
        answers[g] for g in ("a1-russia", "a1-near", "a1-counts", "a1-pivot", "a1-classify")
    )


def _keyring_pair(course: Path) -> None:
    """k1 answers honestly and leaves its answers in every channel; k2, graded next in the
    same slot, hands in a blank notebook that runs whatever it finds."""
    leave = f"{CHANNELS}\nleave({_answers_code()!r})"
    _honest(course, "k1-leaves-answers", before=leave)
    reader = CHANNELS + "\nfor _code in pick_up().values():\n    exec(_code)\n    break"
    submit(course, "k2-blank-reads-them", A1, fill(release(course, A1), {"a1-russia": reader}))


def _make_grade(course: Path, *options: str, **popen) -> subprocess.Popen:
    command = ["make", "--no-print-directory", "grade", f"A={A1}"]
    if options:
        command.append(f"GRADE_ARGS={' '.join(options)}")
    return subprocess.Popen(
        command, cwd=course, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen
    )


@pytest.fixture(scope="module")
def watched_run(tmp_path_factory, classmate):
    sandbox()  # as root, with sandboxes as user ids of their own
    course, markers = _marked_course(tmp_path_factory.mktemp("watched"))
    # A slow honest student (6 s in a cell) whose answer carries a marker into the answers.
    note = f"with_russia = with_russia.assign(note={markers['student answer']!r})"
    _honest(course, "slow-honest", before="import time\ntime.sleep(6)", after=note)
    _keyring_pair(course)
    watcher = start_watching(classmate, markers)
    grading = _make_grade(course, "--workers", "1", "--cell-timeout", "30")
    out, err = grading.communicate(timeout=900)
    watched = finish_watching(watcher)
    return {
        "course": course,
        "markers": markers,
        "returncode": grading.returncode,
        "output": out + err,
        "report": read_report(course, A1),
        "watched": watched,
    }


def test_the_class_is_graded_with_a_classmate_watching(watched_run):
    assert watched_run["returncode"] == 0, watched_run["output"][-3000:]
    assert watched_run["report"]["slow-honest"]["score"] == 15
    assert watched_run["report"]["k1-leaves-answers"]["score"] == 15
    seen = watched_run["watched"]["seen"]
    # It was looking while grading ran: it saw the verdict server and a sandbox in ps.
    assert any("balancing_act.grading.verdicts" in c for c in seen["commands"]), seen["commands"]
    assert any(c.split()[0].endswith("bwrap") for c in seen["commands"]), seen["commands"]
    assert seen["scans"] >= 3 and seen["files_read"] > 0


def test_the_classmate_reads_no_solution_no_answer_and_no_grader_folder(watched_run):
    assert what_it_found(watched_run["watched"]) == NOTHING


def test_no_command_line_names_the_grader_folder(watched_run):
    """The verdict server's and the sandboxes' command lines (``ps``) name no working folder.
    (This run's: their programs are this checkout's environment, seen through the course's
    link to it or by its real path; other runs on a shared test machine are not.)"""
    # A folder of ours only as a whole path (``/tmp/fresh`` is not ``/tmp/fresh2``'s start).
    ours = re.compile(
        "|".join(re.escape(str(place)) for place in (watched_run["course"], ROOT)) + r"(?=/|\s|$)"
    )
    commands = [
        c
        for c in watched_run["watched"]["seen"]["commands"]
        if any(c.split()[0].endswith(name) for name in ("python", "bwrap", "prlimit"))
        and ours.search(c)
        and ("grading.verdicts" in c or "bwrap" in c or "ipykernel" in c)
    ]
    assert any("grading.verdicts" in c for c in commands), commands
    assert any("bwrap --args" in c for c in commands), commands
    # Kernels of the test session's own notebooks and Lab (its Jupyter folder) are not grading's.
    test_jupyter = os.environ.get("JUPYTER_DATA_DIR") or "no test session"
    commands = [c for c in commands if test_jupyter not in c]
    outside_ours = [ours.sub("", c) for c in commands]
    assert [c for c in outside_ours if PREFIX in c or "/tmp/" in c] == []


def test_a_blank_notebook_reads_no_classmate_answers_from_keyrings_or_shared_memory(watched_run):
    assert watched_run["report"]["k2-blank-reads-them"]["score"] == 0


# --- runs that are stopped -----------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_course(tmp_path_factory):
    """A course with a student who sleeps in a cell (long enough to be stopped in the middle)
    and a quick honest one."""
    sandbox()  # as root, with sandboxes as user ids of their own
    course, markers = _marked_course(tmp_path_factory.mktemp("stopped"))
    _honest(course, "sleeper", before="import time\ntime.sleep(120)")
    _honest(course, "quick-honest")
    return course, markers


def _descendants(pid: int) -> list[int]:
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            parent = int(re.search(r"^PPid:\s+(\d+)", status, re.M)[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _grader_of(make: subprocess.Popen) -> int:
    for pid in _descendants(make.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"balancing_act.grading" in command and b"-m" in command:
            return pid
    return 0


def _left_by(pid: int) -> dict[str, list[Path]]:
    """The working folders and cgroups named after grading process ``pid``."""
    folders = [p for p in WORKSPACES.glob(f"{PREFIX}{pid}-*")]
    cages = []
    if sandbox().cgroups is not None:
        bases = [sandbox().cgroups.memory_base, sandbox().cgroups.pids_base]
        for base in filter(None, bases):
            cages += list(base.glob(f"balancing-act-{pid}-*"))
    return {"folders": folders, "cgroups": cages}


def _holds_processes(cgroup: Path) -> bool:
    try:
        return bool((cgroup / "cgroup.procs").read_text().strip())
    except OSError:
        return False


def _grading_a_student(course: Path) -> tuple[subprocess.Popen, int]:
    """``make grade`` of the sleeper started, once its sandbox runs (its cgroup holds a
    process; the first cgroup, ``-0``, is the grader's self-test)."""
    make = _make_grade(
        course, "--student", "sleeper", "--cell-timeout", "300", start_new_session=True
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        grader = _grader_of(make)
        left = _left_by(grader) if grader else {"folders": [], "cgroups": []}
        running = [c for c in left["cgroups"] if _holds_processes(c)]
        student_running = any(not c.name.endswith("-0") for c in running)
        if left["folders"] and (student_running or sandbox().cgroups is None):
            time.sleep(2)  # well inside the sleeper's cell
            return make, grader
        assert make.poll() is None, make.communicate()
        time.sleep(0.2)
    make.kill()
    raise AssertionError("no student's sandbox started within 300 s")


@pytest.mark.parametrize(
    "stopping", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name
)
def test_a_run_stopped_by_a_signal_leaves_nothing_behind(slow_course, stopping):
    course, _ = slow_course
    make, grader = _grading_a_student(course)
    left = _left_by(grader)
    if not left["folders"] or (sandbox().cgroups is not None and not left["cgroups"]):
        make.kill()
        raise AssertionError(f"grading {grader} ended early: {left} {make.communicate()}")
    os.kill(grader, stopping)
    out, err = make.communicate(timeout=300)
    assert make.returncode != 0
    assert f"Stopped by {stopping.name}" in err, out[-2000:] + err[-2000:]
    assert _left_by(grader) == {"folders": [], "cgroups": []}


def test_a_run_killed_outright_leaves_nothing_readable_and_the_next_run_sweeps_it(
    slow_course, classmate
):
    course, markers = slow_course
    make, grader = _grading_a_student(course)
    os.kill(grader, signal.SIGKILL)
    make.communicate(timeout=300)
    left = _left_by(grader)
    assert left["folders"], "SIGKILL leaves the working folder: the next run must sweep it"
    if sandbox().cgroups is not None:
        assert left["cgroups"]
    folder = left["folders"][0]
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "course" / "solutions").is_dir()  # the secrets are in there

    after_kill = watch_once(classmate, markers)
    assert what_it_found(after_kill) == NOTHING
    assert after_kill["seen"]["files_read"] > 0

    # Planted: the same folder opened up as the old grader made it (0755, files 0644). The
    # watcher must then find the hidden test: it would have caught the old folders.
    run("chmod", "-R", "go+rX", str(folder))
    planted = watch_once(classmate, markers)
    assert any(s.endswith(": hidden test") for s in planted["found"]["secrets"]), planted
    assert any(str(folder) in f for f in what_it_found(planted)["grader_folders"])

    sweep = _make_grade(course, "--student", "quick-honest")
    out, err = sweep.communicate(timeout=900)
    assert sweep.returncode == 0, out[-3000:] + err[-3000:]
    assert _left_by(grader) == {"folders": [], "cgroups": []}
    report = (course / "reports" / f"{A1}-grading.md").read_text()
    assert "Before grading, removed what earlier runs that were killed had left" in report
    assert markdown(str(folder)) in report  # escaped, as every name in the report
    for cage in left["cgroups"]:
        assert markdown(str(cage)) in report
    assert read_report(course, A1)["quick-honest"]["score"] == 15


# --- what sandboxes share: probes run in the real sandbox, with and without its defences ------


def _in_sandbox(code: str, tmp_path: Path, *, seccomp: bool = True, ipc: bool = True) -> dict:
    """Run ``code`` (which prints JSON) in slot 0's sandbox as grading builds it, with the
    keyring filter and the IPC namespace unless told otherwise."""
    etc = write_etc(tmp_path / "etc", [sandbox().uid_for(0)], sandbox().readers_gid)
    connection = pipe_holding(b"{}")
    info_read, info_write = os.pipe()
    seccomp_fd = pipe_holding(sandbox().seccomp_filter) if seccomp else None
    argv = kernel_command(
        sandbox(),
        Limits(),
        0,
        bindings=python_bindings(),
        etc_dir=etc,
        environment=sandbox_environment("/nowhere", "/nowhere", "/nowhere"),
        connection_fd=connection,
        info_fd=info_write,
        cage_procs=[],
        seccomp_fd=seccomp_fd,
    )
    # The kernel's own command, replaced by the probe.
    argv = argv[: argv.index("ipykernel_launcher") - 3] + [kernel_python(), "-c", code]
    if not ipc:
        argv.remove("--unshare-ipc")
    fds = [fd for fd in (connection, info_write, seccomp_fd) if fd is not None]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, pass_fds=fds, timeout=120)
    finally:
        for fd in [*fds, info_read]:
            os.close(fd)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _probe_pair(tmp_path: Path, **defences) -> dict:
    token = f"left-by-the-first-{secrets.token_hex(6)}"
    _in_sandbox(f"{CHANNELS}\nleave({token!r})\nprint('{{}}')", tmp_path, **defences)
    found = _in_sandbox(f"{CHANNELS}\nprint(json.dumps(pick_up()))", tmp_path, **defences)
    return {channel for channel, text in found.items() if text == token}


def test_sandboxes_one_after_another_share_no_keyring_and_no_shared_memory(tmp_path):
    assert _probe_pair(tmp_path) == set()


def test_without_the_seccomp_filter_the_keyrings_would_carry_answers(tmp_path):
    """The session keyring every sandbox inherits from the grader carries them. (The user
    keyring does too where the grader has no session keyring of its own, as under cron: the
    user id's own session keyring then takes its place, and holds the user keyring.)"""
    leaked = _probe_pair(tmp_path, seccomp=False)
    assert "session keyring" in leaked, leaked


def test_without_the_ipc_namespace_system_v_shared_memory_would_carry_answers(tmp_path):
    leaked = _probe_pair(tmp_path, ipc=False)
    assert "System V shared memory" in leaked, leaked


def test_the_sandbox_runs_under_the_filter(tmp_path):
    status = _in_sandbox(
        "import json; print(json.dumps(dict(l.split(':\\t') for l in open('/proc/self/status')"
        ".read().splitlines() if l.startswith('Seccomp'))))",
        tmp_path,
    )
    assert status["Seccomp"] == "2", status

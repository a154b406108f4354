"""Grading on the class Hub: an ordinary account, no cgroup, its own busy JupyterLab, a hog beside.

On a shared server the teacher grades as an ordinary Unix account: no cgroup can be made, so
bubblewrap puts each sandbox in an unprivileged user namespace and the limits are the kernel's
per-process ones. The test makes such an account (as root), gives it a copy of the course it
owns, starts a JupyterLab of its own plus idle processes until the account runs about 60 tasks,
and has it grade, with `make grade`, a class in which one student forks until the sandbox's
process limit and another fills its in-memory folders with empty files (each one kernel memory
that no size limit counts). While it grades, the teacher's own shell keeps starting processes.

Then: every honest student scores as when graded alone, with nothing to look at; the teacher's
shell never failed to fork; the inode bomb was stopped and reported; the report's first line
says which limits held (memory per process only, processes per sandbox, kernel memory not
capped). The same class graded with the process limit set where it used to be (outside the
sandbox's user namespace, where it counts every process of the account) loses honest students:
that is the failure this guards against.

Needs root (it makes a Unix account); skipped otherwise.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from .grading_tools import (
    course_copy,
    fill,
    partial_answers,
    read_report,
    release,
    solution_answers,
)
from .hub import system
from .hub.hub import free_port
from .notebook_tools import ROOT

pytestmark = [pytest.mark.nbgrader, pytest.mark.sandbox, pytest.mark.lab]

A1 = "a1-periods-timeline"
OPTIONS = "--cell-timeout 10 --student-timeout 60 --workers 3"
TEACHER_TASKS = 60  # the reviewer's busy JupyterLab
COURSE_ENV = Path(sys.executable).parent.parent

# Forks until the sandbox's process limit refuses, every process holding its place for a while,
# so that classmates' kernels start while the sandbox is full.
FORK_BOMB = """
import os, time
if os.fork() == 0:
    while True:
        try:
            os.fork()
        except OSError:
            time.sleep(40)
            os._exit(0)
time.sleep(8)
"""
HOLD = "import time\ntime.sleep(8)"
# Empty files take no room in a sized tmpfs, but each is an inode and a dentry of kernel memory.
INODE_BOMB = """
n = 0
while True:
    try:
        open(f"/tmp/inode-bomb-{n}", "w").close()  # not /tmp/f{n}: a clone at /tmp/f26 is a folder there
    except OSError:
        break
    n += 1
"""
HONEST = {
    "aaa-honest": "right",
    "abc-partial": "partial",
    "mmm-honest": "right",
    "nnn-partial": "partial",
    "yyy-partial": "partial",
    "zzz-honest": "right",
}
HOGS = {"aab-fork-bomb": (FORK_BOMB, HOLD), "aac-inode-bomb": (INODE_BOMB,)}

# The planted old order: the process limit set before bubblewrap (as the grader used to), where
# the kernel counts it against every process of the grading account.
OLD_ORDER = """
import sys
from balancing_act.grading import sandbox
sandbox.Sandbox.counts_processes_apart = property(lambda self: False)
from balancing_act.grading.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _first_cells(notebook, *codes):
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    for index, code in enumerate(codes):
        cell = nbformat.v4.new_code_cell(code)
        cell["id"] = f"student-added-{index}"
        notebook.cells.insert(index, cell)
    return notebook


def _submit(course: Path, student: str, notebook) -> None:
    folder = course / "submitted" / student / A1
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{A1}.ipynb")


def _course(folder: Path, owner: str, hogs: bool) -> Path:
    folder.mkdir()
    course = course_copy(folder)
    released = release(course, A1)
    answers = {"right": solution_answers(A1), "partial": partial_answers(A1)}
    for student, kind in HONEST.items():
        _submit(course, student, fill(released, answers[kind]))
    if hogs:
        right = fill(released, answers["right"])
        for student, codes in HOGS.items():
            _submit(course, student, _first_cells(right, *codes))
    system.run("chown", "-R", f"{owner}:", str(folder))
    return course


def tasks_of(uid: int) -> int:
    """Processes and threads of one account: what RLIMIT_NPROC counts."""
    count = 0
    for pid in system.processes_of(uid):
        try:
            count += len(os.listdir(f"/proc/{pid}/task"))
        except FileNotFoundError:
            continue
    return count


class Teacher:
    """Commands run as the grading account, in its own environment."""

    def __init__(self, account: system.Account):
        self.account = account
        self.env = {
            "HOME": str(account.home),
            "USER": account.name,
            "LOGNAME": account.name,
            "PATH": f"{COURSE_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
        }

    def command(self, *argv: str) -> list[str]:
        return (
            ["runuser", "-u", self.account.name, "--", "env", "-i"]
            + [f"{k}={v}" for k, v in self.env.items()]
            + list(argv)
        )

    def run(self, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*argv), cwd=cwd, capture_output=True, text=True)

    def start(self, *argv: str, cwd: Path, log: Path) -> subprocess.Popen:
        with log.open("wb") as out:
            return subprocess.Popen(self.command(*argv), cwd=cwd, stdout=out, stderr=out)

    def grade(self, course: Path, old_order: bool = False) -> subprocess.CompletedProcess:
        if old_order:
            python = str(COURSE_ENV / "bin" / "python")
            return self.run(python, "-c", OLD_ORDER, A1, *OPTIONS.split(), cwd=course)
        return self.run(
            "make", "--no-print-directory", "grade", f"A={A1}", f"GRADE_ARGS={OPTIONS}", cwd=course
        )


def _wait_for_lab(port: int, token: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab stopped: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2
            ) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer: {log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def shared_server():
    if os.geteuid() != 0:
        pytest.skip("needs root: the test makes an ordinary Unix account to grade as")
    # Not system.remove_leftovers(): it would end a Hub test running beside this one. This test
    # removes its own account and grant in any case (below).
    base = Path(tempfile.mkdtemp(prefix="ba-shared-grading-"))
    base.chmod(0o755)
    homes = base / "home"
    homes.mkdir()
    klass = system.new_class(homes)
    group, account, grant, busy = None, None, None, []
    try:
        system.add_group(klass.instructors_group)
        group = klass.instructors_group
        account = system.add_account(klass, "teacher", [group])
        grant = system.TraversalGrant(
            [ROOT, Path(sys.base_prefix), Path(sys.executable)], [grp.getgrnam(group).gr_gid]
        ).__enter__()
        teacher = Teacher(account)
        work = account.home / "grading"
        work.mkdir()
        system.run("chown", f"{account.name}:", str(work))
        clean = _course(work / "clean", account.name, hogs=False)
        hostile = _course(work / "hostile", account.name, hogs=True)
        planted = _course(work / "planted", account.name, hogs=True)
        runs = {"clean": teacher.grade(clean)}

        # The teacher's own JupyterLab, and idle processes up to the reviewer's 60 tasks.
        port, token = free_port(), os.urandom(16).hex()
        lab_log = base / "lab.log"
        lab = teacher.start(
            "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}", cwd=account.home, log=lab_log,
        )  # fmt: skip
        busy.append(lab)
        _wait_for_lab(port, token, lab, lab_log)
        for round_ in range(5):  # Lab's own threads come and go: top up until there are 60
            missing = TEACHER_TASKS - tasks_of(account.uid)
            if missing <= 0:
                break
            busy.append(
                teacher.start(
                    "sh",
                    "-c",
                    f"for i in $(seq {missing + 5}); do sleep 3600 & done; wait",
                    cwd=account.home,
                    log=base / f"sleepers-{round_}.log",
                )
            )
            deadline = time.monotonic() + 30
            while tasks_of(account.uid) < TEACHER_TASKS and time.monotonic() < deadline:
                time.sleep(0.2)
        tasks_before = tasks_of(account.uid)

        # The teacher keeps working in a shell while the class is graded.
        shell_log = base / "shell.log"
        shell = teacher.start(
            "bash", "-c", "for i in $(seq 400); do /bin/true || echo FORK-FAILED; sleep 0.25; done",
            cwd=account.home, log=shell_log,
        )  # fmt: skip
        busy.append(shell)
        runs["hostile"] = teacher.grade(hostile)
        shell_during = shell_log.read_text()
        runs["planted"] = teacher.grade(planted, old_order=True)
        yield {
            "runs": runs,
            "tasks_before": tasks_before,
            "shell": shell_during,
            "reports": {
                name: read_report(course, A1) if (course / "reports").exists() else {}
                for name, course in (("clean", clean), ("hostile", hostile), ("planted", planted))
            },
            "markdown": (hostile / "reports" / f"{A1}-grading.md").read_text(),
        }
    finally:
        for process in busy:
            process.kill()
            process.wait()
        if account is not None:
            system.remove_account(account.name)
        if group is not None:
            system.remove_group(group)
        if grant is not None:
            grant.__exit__(None, None, None)
        shutil.rmtree(base, ignore_errors=True)


def _failed(run: subprocess.CompletedProcess) -> str:
    return f"exit {run.returncode}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


def test_the_teacher_was_busy_and_graded_without_a_cgroup(shared_server):
    assert shared_server["tasks_before"] >= TEACHER_TASKS
    for name in ("clean", "hostile"):
        run = shared_server["runs"][name]
        assert run.returncode == 0, _failed(run)
    first = shared_server["markdown"].split("\n\n")[1]
    assert first.startswith("Isolated: each submission ran in bubblewrap in an unprivileged")
    assert "memory per process only: no cgroup here" in first
    assert "kernel memory of its files, pipes and sockets were capped" in first
    assert "processes per sandbox, counted apart from this account's own" in first


def test_every_honest_student_scores_as_in_a_clean_run(shared_server):
    clean, hostile = shared_server["reports"]["clean"], shared_server["reports"]["hostile"]
    assert set(HONEST) <= set(clean)
    for student in HONEST:
        assert clean[student]["kinds"] == set(), (student, clean[student])
        assert hostile[student] == clean[student], student
    assert {clean[s]["score"] for s in HONEST} == {15.0, clean["abc-partial"]["score"]}
    assert clean["abc-partial"]["score"] < 15


def test_the_teachers_own_processes_could_fork_throughout(shared_server):
    assert "FORK-FAILED" not in shared_server["shell"]
    assert "fork" not in shared_server["shell"].lower()


def test_the_fork_bomb_is_graded_as_its_own_run_went(shared_server):
    """Forked copies of its kernel may garble messages: dropped, never a grader error."""
    bomb = shared_server["reports"]["hostile"]["aab-fork-bomb"]
    assert bomb["score"] is not None
    assert "grader error" not in bomb["kinds"], bomb


def test_the_inode_bomb_was_stopped_and_reported(shared_server):
    bomb = shared_server["reports"]["hostile"]["aac-inode-bomb"]
    assert "file limit" in bomb["kinds"]
    assert (
        "aac-inode-bomb | 0 / 15 | a1-periods-timeline.ipynb | file limit"
        in (shared_server["markdown"])
    )


def test_the_old_order_loses_honest_students(shared_server):
    """The process limit set outside the user namespace counts the teacher's Lab and every
    sandbox together: honest kernels do not start (or the run is refused outright)."""
    run = shared_server["runs"]["planted"]
    clean, planted = shared_server["reports"]["clean"], shared_server["reports"]["planted"]
    refused = run.returncode != 0 and "could not start a kernel" in run.stderr
    lost = [s for s in HONEST if planted.get(s, {}).get("score") != clean[s]["score"]]
    assert refused or lost, _failed(run)

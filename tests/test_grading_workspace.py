"""The grader's working folder: private, removed on a stopping signal, swept after a hard kill.

Quick checks of :mod:`balancing_act.grading.workspace` and of the pieces beside it (cgroup
names, bubblewrap's options through a pipe). ``tests/test_grading_shared_server.py`` checks the
same through ``make grade`` with a second account watching.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from balancing_act.grading import workspace
from balancing_act.grading.limits import CageFactory
from balancing_act.grading.sandbox import Binding, Limits, Sandbox, hide_options, kernel_command


@pytest.fixture
def temporary_folder(tmp_path, monkeypatch):
    """The system's temporary folder, as the workspace sees it, is a fresh one."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _gone_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_workspace_is_private_and_named_after_its_grader(temporary_folder):
    work = workspace.create()
    assert work.root.parent == temporary_folder
    assert work.root.stat().st_mode & 0o777 == 0o700
    assert work.root.name.startswith(f"{workspace.PREFIX}{workspace.owner_tag()}-")
    work.folder("scratch").joinpath("answers.json").write_text("{}")
    read_only = work.folder("course")
    read_only.chmod(0o500)
    work.remove()
    assert not work.root.exists()


def test_the_sweep_removes_only_the_folders_of_graders_that_are_gone(temporary_folder):
    me = os.getpid()
    mine = temporary_folder / f"{workspace.PREFIX}{workspace.owner_tag()}-abc123"
    dead = temporary_folder / f"{workspace.PREFIX}{_gone_pid()}-12345-def456"
    # The same process id, started at another time: a later process that reused the id.
    reused = temporary_folder / f"{workspace.PREFIX}{me}-1-ghi789"
    unrelated = temporary_folder / "balancing-act-grading-notes"
    for folder in (mine, dead, reused, unrelated):
        (folder / "course").mkdir(parents=True)
    removed = workspace.sweep_folders()
    assert sorted(p.name for p in temporary_folder.iterdir()) == sorted([mine.name, unrelated.name])
    assert len(removed) == 2 and all("working folder" in line for line in removed)


def test_a_stopping_signal_is_raised_in_the_grader_and_the_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(workspace.Interrupted) as stopped, workspace.stop_on_signals():
        os.kill(os.getpid(), signal.SIGTERM)  # Python runs the handler right after this
    assert stopped.value.signum == signal.SIGTERM
    assert str(stopped.value) == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == before


def test_the_cgroup_sweep_tells_old_names_from_new_ones(tmp_path):
    """An old cage name, ``balancing-act-<pid>-<n>``, must not be read as a start time: the
    cage of a live grader of an older version would then be swept from under it."""
    live_old = tmp_path / f"balancing-act-{os.getpid()}-7"
    dead_new = tmp_path / f"balancing-act-{_gone_pid()}-12345-0"
    live_new = tmp_path / f"balancing-act-{workspace.owner_tag()}-1"
    dead_probe = tmp_path / f"balancing-act-probe-{_gone_pid()}"
    for folder in (live_old, dead_new, live_new, dead_probe):
        folder.mkdir()
    removed = CageFactory(2, tmp_path, None).sweep()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live_old.name, live_new.name])
    assert len(removed) == 2


def test_bubblewraps_options_go_through_a_pipe_and_not_on_its_command_line():
    secret = "/tmp/balancing-act-grading-1-2-x/course/python"
    argv = kernel_command(
        Sandbox("/usr/bin/bwrap", "", None, None),
        Limits(),
        0,
        bindings=[Binding(Path(secret), "/course/python")],
        etc_dir=Path("/etc"),
        environment={"PYTHONPATH": "/course/python"},
        connection_fd=3,
        info_fd=4,
        cage_procs=[],
        seccomp_fd=5,
    )
    assert secret in argv  # the whole command, as built
    visible, options_fd = hide_options(argv, "/usr/bin/bwrap")
    try:
        options = os.read(options_fd, 1 << 20).split(b"\0")
    finally:
        os.close(options_fd)
    assert secret not in " ".join(visible)
    assert visible[visible.index("/usr/bin/bwrap") + 1 : visible.index("/usr/bin/bwrap") + 4] == [
        "--args",
        str(options_fd),
        "--",
    ]
    assert secret.encode() in options and b"--seccomp" in options and b"--unshare-ipc" in options

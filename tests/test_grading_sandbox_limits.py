"""Where the sandbox's limits are set, and what the report's first line promises about them.

The process limit must be set inside the sandbox (after its user namespace or user id exists):
set before bubblewrap, the kernel counts it against every process of the grading account, so a
teacher's JupyterLab and one student's fork bomb stop classmates' kernels from starting
(tests/test_grading_on_a_shared_server.py shows it on a real account). The first line of the
report never promises a limit the machine did not enforce.
"""

from pathlib import Path

import pytest

from balancing_act.grading.sandbox import (
    SHM_DIR,
    Limits,
    Sandbox,
    kernel_command,
    unisolated_command,
)

BWRAP = "/usr/bin/bwrap"
PRLIMIT = "/usr/bin/prlimit"


def _sandbox(setpriv=None, cgroups=None, prlimit=PRLIMIT) -> Sandbox:
    sandbox = Sandbox(BWRAP, "", setpriv, cgroups)
    sandbox.prlimit = prlimit
    return sandbox


def _argv(sandbox: Sandbox) -> list[str]:
    return kernel_command(
        sandbox,
        Limits(processes=96),
        0,
        bindings=[],
        etc_dir=Path("/etc"),
        environment={},
        connection_fd=3,
        info_fd=4,
        cage_procs=[],
    )


def _process_limit_position(argv: list[str]) -> tuple[int, int]:
    """(where --nproc is, where bubblewrap starts) in a kernel's command."""
    return argv.index("--nproc=96"), argv.index(BWRAP)


@pytest.mark.parametrize("setpriv", [None, "/usr/bin/setpriv"], ids=["user namespace", "root"])
def test_the_process_limit_is_set_inside_the_sandbox(setpriv):
    argv = _argv(_sandbox(setpriv))
    nproc, bwrap = _process_limit_position(argv)
    assert nproc > bwrap
    assert argv.count("--nproc=96") == 1
    # ... by prlimit, the first process inside, after bubblewrap's (and setpriv's) options.
    assert argv[nproc - 1] == PRLIMIT
    assert argv[nproc + 2 :][1:5] == ["-P", "-m", "ipykernel_launcher", "-f"]
    if setpriv:
        assert argv.index(setpriv) < nproc
    # The per-process limits stay outside, inherited by everything.
    assert argv[0] == PRLIMIT and any(a.startswith("--as=") for a in argv[:bwrap])


def test_the_old_order_is_what_the_check_catches(monkeypatch):
    """Planted: a sandbox that cannot count apart gets the limit before bubblewrap, which the
    position check above refuses."""
    monkeypatch.setattr(Sandbox, "counts_processes_apart", property(lambda self: False))
    nproc, bwrap = _process_limit_position(_argv(_sandbox()))
    assert nproc < bwrap


def test_a_prlimit_the_sandbox_cannot_see_is_used_outside_and_said():
    sandbox = _sandbox(prlimit="/opt/tools/prlimit")
    argv = _argv(sandbox)
    nproc, bwrap = _process_limit_position(argv)
    assert nproc < bwrap
    assert "counted together with every process of this account" in sandbox.describe(Limits())


def test_without_bubblewrap_the_limit_counts_the_account(tmp_path):
    sandbox = Sandbox(None, "no bwrap", None, None)
    sandbox.prlimit = PRLIMIT
    argv = unisolated_command(sandbox, Limits(processes=96), tmp_path / "c.json", [])
    assert argv[0] == PRLIMIT and "--nproc=96" in argv
    assert sandbox.describe(Limits()).startswith("NOT ISOLATED")


def test_dev_is_read_only_but_for_a_sized_shm():
    argv = _argv(_sandbox())
    dev = argv.index("--dev")
    shm = argv.index(SHM_DIR)
    assert argv[shm - 1] == "--tmpfs" and argv[shm - 3 : shm - 1] == [
        "--size",
        str(Limits().tmp_bytes),
    ]
    assert dev < shm < argv.index("--remount-ro") and argv[argv.index("--remount-ro") + 1] == "/dev"


def test_the_first_line_says_memory_was_per_process_and_kernel_memory_not_capped():
    line = _sandbox().describe(Limits(memory_bytes=512 * 2**20))
    assert "512 MiB of memory per process only: no cgroup here" in line
    assert "nor the kernel memory of its files, pipes and sockets were capped" in line
    assert "96 processes per sandbox, counted apart from this account's own" in line
    assert "per sandbox (the kernel memory" not in line


def test_the_first_line_says_memory_was_per_sandbox_with_a_cgroup():
    line = _sandbox(setpriv="/usr/bin/setpriv", cgroups=object()).describe(Limits())
    assert (
        "2048 MiB of memory per sandbox (the kernel memory of its files, pipes and sockets" in line
    )
    assert "per process only" not in line
    assert "as a user id of its own" in line

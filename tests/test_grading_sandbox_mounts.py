"""The sandbox's mounts: nothing it shows read-only is hidden by its own in-memory folders.

A course cloned under /tmp (a CI checkout, a teacher's scratch copy) keeps its environment there
too; when the bindings came before the sandbox's /tmp, that /tmp covered them and no kernel could
start ("the kernel stopped while starting"), so no one in the class was graded.
"""

from pathlib import Path

from balancing_act.grading.sandbox import Binding, Limits, Sandbox, kernel_command


def hidden_bindings(argv: list[str]) -> list[str]:
    """Targets of ``--ro-bind`` that a later ``--tmpfs`` mounts over."""
    bound, hidden = [], []
    for index, arg in enumerate(argv):
        if arg == "--ro-bind":
            bound.append(argv[index + 2])
        elif arg == "--tmpfs":
            folder = argv[index + 1].rstrip("/")
            hidden += [t for t in bound if t == folder or t.startswith(folder + "/")]
    return hidden


def test_an_environment_under_tmp_stays_visible_in_the_sandbox():
    environment = Binding(Path("/tmp/fresh/.venv"), "/tmp/fresh/.venv")
    argv = kernel_command(
        Sandbox("/usr/bin/bwrap", "", None, None),
        Limits(),
        0,
        bindings=[environment, Binding(Path("/srv/course/data"), "/course/data")],
        etc_dir=Path("/etc"),
        environment={},
        connection_fd=3,
        info_fd=4,
        cage_procs=[],
    )
    assert "/tmp/fresh/.venv" in argv and "--tmpfs" in argv
    assert hidden_bindings(argv) == []


def test_a_binding_made_before_the_sandboxes_tmp_is_caught():
    old_order = ["--ro-bind", "/tmp/fresh/.venv", "/tmp/fresh/.venv", "--tmpfs", "/tmp"]
    assert hidden_bindings(old_order) == ["/tmp/fresh/.venv"]

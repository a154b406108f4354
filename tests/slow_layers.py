"""The slow layers of the suite, and a guard that every test using one carries its marker.

``make test-fast`` leaves out the tests marked with the markers below (pyproject.toml registers
them), so an unmarked test that starts a kernel or a JupyterLab would slow the quick tier down
without anyone noticing. The guard watches every process a test starts (``subprocess.Popen``,
which kernels, ``make`` and servers all go through) and fails the test, naming the marker it
lacks, when the command belongs to a slow layer. It runs in every tier, so ``make test`` checks
the whole suite.
"""

from __future__ import annotations

import os
import shlex
import subprocess

import pytest

#: The slow layers' markers, and what puts a test in each.
SLOW_LAYERS = {
    "notebooks": "executes notebooks in fresh kernels",
    "nbgrader": "runs nbgrader's own commands on a throwaway course",
    "sandbox": "grades submissions in bubblewrap sandboxes",
    "lab": "serves JupyterLab, or builds the environment it serves from",
    "browser": "drives JupyterLab in a real Chromium (needs /usr/bin/chromium)",
    "hub": "runs a real JupyterHub with Unix accounts (root only)",
    "raw_data": "re-derives the outside evidence from the extracts in data/raw (pyreadr)",
    "wheel": "builds the wheel, installs it into a fresh virtual environment and runs lesson 0 there",
}

# `make` targets and the layer each belongs to (see the Makefile).
MAKE_TARGETS = {
    "release": "nbgrader",
    "feedback": "nbgrader",
    "export": "nbgrader",
    "grade": "sandbox",
    "export-canvas": "nbgrader",
    "export-moodle": "nbgrader",
    "lab": "lab",
    "site": "notebooks",
    "handouts": "notebooks",
    "answer-key": "notebooks",
}
# Python modules run with -m, and the layer each belongs to.
MODULES = {
    "ipykernel_launcher": "notebooks",
    "ipykernel": "notebooks",
    "balancing_act.grading": "sandbox",
    "balancing_act.authoring.printing": "notebooks",
    "balancing_act.authoring.site": "notebooks",
    "nbgrader": "nbgrader",
    "jupyterhub": "hub",
    "balancing_act.authoring.external_data": "raw_data",
    "build": "wheel",
}
PROGRAMS = {
    "nbgrader": "nbgrader",
    "bwrap": "sandbox",
    "jupyter-lab": "lab",
    "jupyter-server": "lab",
    "jupyterhub": "hub",
    "postBuild": "lab",
    "chromium": "browser",
    "build-external-data": "raw_data",
}
JUPYTER_SUBCOMMANDS = {"lab": "lab", "server": "lab", "nbgrader": "nbgrader", "notebook": "lab"}
# A layer's tests may also carry a layer that includes it: a browser test serves Lab.
ALSO_ACCEPTED = {"lab": {"browser", "hub"}, "notebooks": {"browser", "sandbox", "nbgrader"}}


def layer_of(command) -> str | None:
    """The slow layer a command belongs to, or None for a quick one."""
    argv = shlex.split(command) if isinstance(command, str) else [os.fspath(a) for a in command]
    if not argv:
        return None
    program, rest = os.path.basename(argv[0]), argv[1:]
    if program.startswith("python") and "-m" in rest[:-1]:
        module = rest[rest.index("-m") + 1]
        if rest[rest.index("-m") + 2 :] == ["--help"]:
            return None  # a command asked for its usage only prints it
        if module in MODULES:
            return MODULES[module]
        program, rest = module, rest[rest.index("-m") + 2 :]
    if program.startswith("python") and rest and os.path.basename(rest[0]) in PROGRAMS:
        program = os.path.basename(rest[0])  # a script run by a named Python
    if program in PROGRAMS:
        return PROGRAMS[program]
    if program in {"pip", "pip3"} and rest[:1] == ["wheel"]:
        return "wheel"
    if program == "jupyter":
        return JUPYTER_SUBCOMMANDS.get(rest[0]) if rest else None
    if program == "make":
        targets = [a for a in rest if not a.startswith("-") and "=" not in a]
        return next((MAKE_TARGETS[t] for t in targets if t in MAKE_TARGETS), None)
    return None


def missing_marker(layer: str, markers: set[str]) -> bool:
    return layer not in markers and not (ALSO_ACCEPTED.get(layer, set()) & markers)


_running: list[pytest.Item] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def _check(command) -> None:
    if not _running:
        return
    item = _running[-1]
    layer = layer_of(command)
    markers = {mark.name for mark in item.iter_markers()}
    if layer and missing_marker(layer, markers):
        argv = shlex.split(command) if isinstance(command, str) else list(map(os.fspath, command))
        shown = " ".join([os.path.basename(argv[0]), *argv[1:]])
        pytest.fail(
            f"{item.nodeid} runs `{shown[:120]}`, which belongs to the slow layer {layer!r} "
            f"({SLOW_LAYERS[layer]}): mark it @pytest.mark.{layer} so `make test-fast` leaves it "
            "out",
            pytrace=False,
        )


_original_init = subprocess.Popen.__init__


def _watched_init(self, args, *more, **options):
    _check(args)
    _original_init(self, args, *more, **options)


def pytest_configure(config):
    subprocess.Popen.__init__ = _watched_init


def pytest_unconfigure(config):
    subprocess.Popen.__init__ = _original_init

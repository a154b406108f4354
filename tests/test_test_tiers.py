"""The two tiers: make test runs everything, make test-fast all but the slow layers, and every
test that uses a slow layer says so with its marker (tests/slow_layers.py)."""

from __future__ import annotations

import os
import re
import sys
import tomllib

import pytest

from .notebook_tools import ROOT
from .slow_layers import SLOW_LAYERS, layer_of, missing_marker

pytest_plugins = ["pytester"]


def test_pyproject_registers_exactly_the_slow_layers():
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"][
        "markers"
    ]
    assert {line.split(":")[0] for line in markers} == set(SLOW_LAYERS)


def test_make_test_fast_leaves_out_every_slow_layer_and_nothing_else():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    expression = re.search(r"^FAST := (.*)$", makefile, flags=re.M).group(1)
    assert set(re.findall(r"not (\w+)", expression)) == set(SLOW_LAYERS)
    assert re.search(r'^test-fast:.*\n\t.*pytest -m "\$\(FAST\)"', makefile, flags=re.M)


@pytest.mark.parametrize(
    ("command", "layer"),
    [
        ([sys.executable, "-m", "ipykernel_launcher", "-f", "kernel.json"], "notebooks"),
        (["make", "--no-print-directory", "release"], "nbgrader"),
        (["make", "export-canvas", "A=a1"], "nbgrader"),
        (["make", "grade", "A=a1"], "sandbox"),
        (["/usr/bin/bwrap", "--ro-bind", "/", "/"], "sandbox"),
        ([".venv/bin/nbgrader", "generate_assignment", "a1"], "nbgrader"),
        (["jupyter", "nbgrader", "validate", "x.ipynb"], "nbgrader"),
        ([sys.executable, "-m", "jupyter", "lab", "--no-browser"], "lab"),
        (["/srv/env/bin/jupyter-lab", "--port=9"], "lab"),
        ("make lab LAB_ARGS=--no-browser", "lab"),
        (["./postBuild"], "lab"),
        ([sys.executable, "-m", "jupyterhub", "-f", "config.py"], "hub"),
        ([sys.executable, "-m", "balancing_act.authoring.site", "--out", "x"], "notebooks"),
        ([sys.executable, "-m", "balancing_act.authoring.printing", "handouts"], "notebooks"),
        ([sys.executable, "-m", "balancing_act.grading", "a1"], "sandbox"),
        ([sys.executable, "-m", "balancing_act.authoring.external_data", "--check"], "raw_data"),
        ([sys.executable, "scripts/build-external-data", "--check"], "raw_data"),
        (["scripts/build-external-data", "sums"], "raw_data"),
        ([sys.executable, "-m", "balancing_act.grading", "--help"], None),
        ([sys.executable, "-m", "pip", "wheel", "--no-deps", "."], "wheel"),
        ([sys.executable, "-m", "build", "--wheel"], "wheel"),
        ([sys.executable, "-m", "pip", "install", "-e", "."], None),
        (["git", "ls-files", "-s", "postBuild"], None),
        (["make", "lint"], None),
        ([sys.executable, "-c", "import balancing_act"], None),
        (["ruff", "format", "--check", "."], None),
        (["jupyter", "labextension", "list"], None),
        ([], None),
    ],
)
def test_commands_are_put_in_their_layer(command, layer):
    assert layer_of(command) == layer


def test_a_layer_that_another_includes_is_accepted_under_it():
    assert not missing_marker("lab", {"browser"})
    assert not missing_marker("notebooks", {"nbgrader"})
    assert missing_marker("nbgrader", {"notebooks"}) and missing_marker("hub", set())


GUARDED = """
import subprocess, sys
import pytest

NBGRADER = {nbgrader!r}

def test_unmarked():
    subprocess.run([NBGRADER, "--version"], check=True)

@pytest.mark.nbgrader
def test_marked():
    subprocess.run([NBGRADER, "--version"], check=True)

def test_quick():
    subprocess.run([sys.executable, "-c", "pass"], check=True)
"""


def test_the_guard_fails_an_unmarked_test_that_runs_nbgrader_and_passes_the_marked_one(
    pytester, monkeypatch
):
    fake = (
        pytester.path / "bin" / "nbgrader"
    )  # a stand-in: the guard reads the command, not its work
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 0.9.6\n", encoding="utf-8")
    fake.chmod(0o755)
    pytester.makepyfile(test_guarded=GUARDED.format(nbgrader=str(fake)))
    pytester.makeini("[pytest]\nmarkers =\n    nbgrader: nbgrader\n")
    pytester.makeconftest('pytest_plugins = ["tests.slow_layers"]\n')
    monkeypatch.setenv("PYTHONPATH", f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_unmarked runs *nbgrader --version*slow layer 'nbgrader'*mark it @pytest.mark.nbgrader*"
        ]
    )

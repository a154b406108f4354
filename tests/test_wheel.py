"""The wheel installs: built from the checkout and installed (not editable) into a fresh virtual
environment, it holds every file of the package, imports every module, runs lesson 0 headless
and answers ``python -m balancing_act.grading --help``. A wheel built with the former setting
(``packages = ["balancing_act"]``, the top folder alone) fails the same checks.

Installing the course's pinned dependencies into the fresh environment took 70 s on two cores
(from the local package index; these two tests take 25 to 75 s, by the load), so the fresh one sees
the course environment's third-party packages through a ``.pth`` file instead: balancing_act
itself comes from the wheel alone. Everything runs in a copy of the course folder without its
``balancing_act/``, with no PYTHONPATH, and each check asserts that the package it used is the
one inside the fresh environment.
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import balancing_act

from .notebook_tools import ROOT, lesson_notebooks

pytestmark = pytest.mark.wheel

PROBE = Path(__file__).with_name("wheel_probe.py")
# What setuptools needs to build the wheel (the readme is the package's long description).
BUILD_INPUTS = ("pyproject.toml", "README.md", "balancing_act")
LESSON_ZERO = lesson_notebooks()[0]
# The setting this test replaced, planted back for the negative test.
DISCOVERY = '[tool.setuptools.packages.find]\ninclude = ["balancing_act*"]\n'
PACKAGE_DATA = (
    '[tool.setuptools.package-data]\nbalancing_act = ["**/templates/**", "widgets/*.js"]\n'
)
FORMER_SETTING = '[tool.setuptools]\npackages = ["balancing_act"]\n'


def run(command: list, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.fspath(part) for part in command], capture_output=True, text=True, **options
    )


def checkout_files() -> list[str]:
    """Every file of the checkout's package (bytecode aside): the wheel must hold them all."""
    folder = ROOT / "balancing_act"
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def checkout_modules() -> list[str]:
    """Every module of the checkout's package, but the ``__main__`` ones (running a command is
    not importing it: the grader's is asked for --help below)."""
    return [
        module.name
        for module in pkgutil.walk_packages(balancing_act.__path__, "balancing_act.")
        if not module.name.endswith("__main__")
    ]


def build_wheel(folder: Path, *, former_setting: bool = False) -> Path:
    """The wheel built by pip from a copy of the checkout's build inputs (a build in place would
    leave build/ and an egg-info in the checkout)."""
    source = folder / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    if former_setting:
        pyproject = (source / "pyproject.toml").read_text(encoding="utf-8")
        assert DISCOVERY in pyproject and PACKAGE_DATA in pyproject
        pyproject = pyproject.replace(DISCOVERY, FORMER_SETTING).replace(PACKAGE_DATA, "")
        (source / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", folder / "dist", source]
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (folder / "dist").glob("balancing_act-*.whl")
    return wheel


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed in it; its Python."""
    venv = folder / "venv"
    assert run([sys.executable, "-m", "venv", "--without-pip", venv]).returncode == 0
    python = venv / "bin" / "python"
    # The course environment's pip installs into the fresh one, before the .pth below exists: it
    # sees no balancing_act there to replace.
    installed = run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index"]
        + [wheel]
    )
    assert installed.returncode == 0, installed.stderr
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    # A plain folder line: Python adds the course environment's site-packages to the path after
    # the fresh one's, without reading the .pth files inside it, so the course's editable
    # install of balancing_act (a .pth there) stays out.
    (Path(site_packages.stdout.strip()) / "course-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    return python


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory) -> Path:
    """The course's data and lessons, without its balancing_act/: lessons find data/ above them."""
    course = tmp_path_factory.mktemp("course")
    for name in ("data", "lessons"):
        shutil.copytree(ROOT / name, course / name, ignore=shutil.ignore_patterns("raw"))
    shutil.copy2(PROBE, course / PROBE.name)
    return course


def in_fresh_environment(python: Path, course: Path, *arguments) -> subprocess.CompletedProcess:
    """Run the fresh environment's Python in the course copy, with nothing pointing back at the
    checkout: no PYTHONPATH, no course data from the environment, the fresh bin/ first."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PYTHONPATH", "VIRTUAL_ENV", "BALANCING_ACT_DATA"}
    }
    environment["PATH"] = f"{python.parent}{os.pathsep}{environment['PATH']}"
    return run([python, *arguments], cwd=course, env=environment)


def probe(python: Path, course: Path, *arguments) -> dict:
    answered = in_fresh_environment(python, course, PROBE.name, *arguments)
    assert answered.returncode == 0, answered.stderr[-3000:]
    return json.loads(answered.stdout.splitlines()[-1])


def test_the_wheel_installs_imports_runs_lesson_zero_and_grades(tmp_path, course_copy):
    python = fresh_environment(tmp_path, build_wheel(tmp_path))
    venv = python.parent.parent

    installed = probe(python, course_copy, "package", *checkout_modules())
    assert Path(installed["file"]).is_relative_to(venv)
    assert installed["failed"] == {}
    assert set(checkout_files()) <= set(installed["files"])

    ran = probe(python, course_copy, "lesson", f"lessons/{LESSON_ZERO.name}")
    assert Path(ran["kernel_imported"]).is_relative_to(venv)

    helped = in_fresh_environment(python, course_copy, "-m", "balancing_act.grading", "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: python -m balancing_act.grading")


def test_a_wheel_of_the_top_folder_alone_fails_the_same_checks(tmp_path, course_copy):
    python = fresh_environment(tmp_path, build_wheel(tmp_path, former_setting=True))

    installed = probe(python, course_copy, "package", *checkout_modules())
    assert Path(installed["file"]).is_relative_to(python.parent.parent)
    assert "balancing_act.grading" in installed["failed"]
    missing = set(checkout_files()) - set(installed["files"])
    assert "grading/templates/offline-feedback/conf.json" in missing

    helped = in_fresh_environment(python, course_copy, "-m", "balancing_act.grading", "--help")
    assert helped.returncode != 0
    assert "No module named balancing_act.grading" in helped.stderr

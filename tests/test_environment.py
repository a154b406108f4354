"""environment.yml (conda, Binder) and pyproject.toml (pip) pin the same packages."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from .notebook_tools import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def pins_from_pyproject(text: str) -> dict[str, str]:
    project = tomllib.loads(text)["project"]
    return dict(_pin(line) for line in project["dependencies"])


def extra_pins_from_pyproject(text: str) -> dict[str, str]:
    """The ``test`` extra's pins (pytest, pyreadr, ...)."""
    project = tomllib.loads(text)["project"]
    return dict(_pin(line) for line in project["optional-dependencies"]["test"])


def pins_from_environment(text: str) -> dict[str, str]:
    env = yaml.safe_load(text)
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return dict(_pin(line) for line in pip_section if not line.startswith("-e"))


def _pin(line: str) -> tuple[str, str]:
    match = PIN.match(line.strip())
    if not match:
        raise ValueError(f"{line!r} is not an exact pin (name==version)")
    return match.group(1).lower().replace("_", "-"), match.group(2)


def disagreements(pyproject_text: str, environment_text: str) -> list[str]:
    """Runtime pins must match exactly; environment.yml may add a test pin at the same version."""
    pip_pins = pins_from_pyproject(pyproject_text)
    test_pins = extra_pins_from_pyproject(pyproject_text)
    conda_pins = pins_from_environment(environment_text)
    problems = []
    for name in sorted(set(pip_pins) | set(conda_pins)):
        if name not in pip_pins and conda_pins.get(name) == test_pins.get(name):
            continue  # a test-extra pin repeated at its version (pyreadr)
        if pip_pins.get(name) != conda_pins.get(name):
            problems.append(
                f"{name}: pyproject {pip_pins.get(name)} vs environment.yml {conda_pins.get(name)}"
            )
    return problems


def test_the_two_environment_files_agree():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert disagreements(pyproject, environment) == []


def test_environment_installs_the_course_package_and_python_matches():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert requires == ">=" + python.split("=")[1]


def test_a_drifted_pin_is_caught():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    drifted = environment.replace("pandas==3.1.1", "pandas==2.2.3")
    assert disagreements(pyproject, drifted) == ["pandas: pyproject 3.1.1 vs environment.yml 2.2.3"]


def test_a_missing_package_is_caught():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    missing = environment.replace("      - altair==6.3.0\n", "")
    assert disagreements(pyproject, missing) == ["altair: pyproject 6.3.0 vs environment.yml None"]


def test_a_test_extra_pin_may_be_repeated_but_not_drift():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "pyreadr==" in environment and "pyreadr" not in pins_from_pyproject(pyproject)
    version = extra_pins_from_pyproject(pyproject)["pyreadr"]
    drifted = environment.replace(f"pyreadr=={version}", "pyreadr==0.1.0")
    assert disagreements(pyproject, drifted) == ["pyreadr: pyproject None vs environment.yml 0.1.0"]


def test_a_loose_pin_is_refused():
    with pytest.raises(ValueError, match="not an exact pin"):
        _pin("pandas>=2")


def test_binder_post_build_disables_instructor_panels_only():
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "@jupyter/nbgrader:formgrader" in post_build
    assert "validate-assignment" not in post_build

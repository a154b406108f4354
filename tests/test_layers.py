"""The package's layers (CONTRIBUTING.md, "The package") hold: `lint-imports` reads the contracts in
pyproject.toml and passes on the course, and fails on an upward import planted in a copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .notebook_tools import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(course: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=course,
        env={"PYTHONPATH": str(course), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_its_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_the_package(tmp_path):
    shutil.copytree(
        ROOT / "balancing_act",
        tmp_path / "balancing_act",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


#: Upward imports planted in a copy of the package, each with the contract it breaks.
PLANTED = [
    ("course/paths.py", "from ..widgets import explorer  # noqa", "The package's layers"),
    ("analysis/events.py", "from ..charts import theme  # noqa", "The package's layers"),
    (
        "tables/load.py",
        "def _planted():\n    from ..selfcheck import records  # noqa",
        "The package's layers",
    ),
    ("grading/content.py", "from ..widgets import cards  # noqa", "The grader reads no widget"),
    ("charts/timeline.py", "from ..authoring import lessons  # noqa", "The package's layers"),
]


def test_every_planted_upward_import_breaks_the_contract_by_name(copy_of_the_package):
    """One run over a copy with all five planted (an import inside a function counts as much as
    one at the top): each is reported, under the contract it breaks."""
    for module, planted, _ in PLANTED:
        path = copy_of_the_package / "balancing_act" / module
        path.write_text(path.read_text(encoding="utf-8") + "\n" + planted + "\n", encoding="utf-8")
    result = _lint_imports(copy_of_the_package)
    assert result.returncode != 0
    for module, _, contract in PLANTED:
        assert f"{contract} BROKEN" in result.stdout, result.stdout
        assert "balancing_act." + module.replace("/", ".").removesuffix(".py") in result.stdout, (
            module
        )

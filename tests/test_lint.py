"""ruff passes on the course's code, and would fail on code that breaks its rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .notebook_tools import ROOT


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    return subprocess.run([ruff, *args], cwd=cwd, capture_output=True, text=True)


def test_ruff_passes_on_the_course():
    result = _ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_with_the_course_settings_fails_on_an_unused_import(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "bad.py").write_text("import os\n", encoding="utf-8")
    result = _ruff("check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "F401" in result.stdout


def test_ruff_format_finds_nothing_to_change():
    """Code, lessons' notebooks and the Markdown's Python blocks are formatted (make format)."""
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_fails_on_unformatted_code(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "messy.py").write_text("x = { 'a':1 }\n", encoding="utf-8")
    result = _ruff("format", "--check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "messy.py" in result.stdout

"""``import balancing_act`` stays cheap: it loads neither pandas nor Altair (each kernel and each
grading process pays for the import), and bench/import_cost.py, the command that measures it,
says so and fails when a module starts importing one of them eagerly."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from .notebook_tools import ROOT

BENCH = ROOT / "bench" / "import_cost.py"
LAST_LINE = re.compile(r"^balancing_act's own import cost (\d+\.\d) ms \((.*)\)$")


def run_bench(course) -> tuple[int, list[str]]:
    finished = subprocess.run(
        [sys.executable, str(BENCH), "--repeats", "1", "--course", str(course)],
        capture_output=True,
        text=True,
    )
    return finished.returncode, finished.stdout.splitlines()


def test_the_import_loads_neither_pandas_nor_altair_and_the_bench_prints_its_cost():
    status, lines = run_bench(ROOT)
    assert status == 0, lines
    cost, libraries = LAST_LINE.match(lines[-1]).groups()
    assert libraries == "pandas and Altair not loaded"
    # The package's own modules were found in Python's report and measured.
    assert float(cost) > 0
    assert any(line.split()[0] == "balancing_act._former" for line in lines if line.strip())


@pytest.mark.parametrize(("module", "name"), [("pandas", "pandas"), ("altair", "Altair")])
def test_the_bench_fails_on_a_planted_eager_import(tmp_path, module, name):
    shutil.copytree(
        ROOT / "balancing_act",
        tmp_path / "balancing_act",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    init = tmp_path / "balancing_act" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + f"\nimport {module}  # planted\n")
    # A stand-in for the library, found first (the bench runs in tmp_path): the bench reads
    # which modules were loaded, and the real Altair would take seconds to load.
    (tmp_path / f"{module}.py").write_text("", encoding="utf-8")
    status, lines = run_bench(tmp_path)
    assert status == 1, lines
    assert LAST_LINE.match(lines[-1]).group(2) == f"{name} loaded by the import"

"""The course's one notebook runner (balancing_act.authoring.runner): a notebook that raises fails
the run with its cell named, a passing one comes back with its outputs, and every caller's
setting (folder, environment, static mode, startup code, time limit) reaches the kernel. No
other code of the course starts nbclient itself."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring.runner import NotebookFailed, run_notebook
from balancing_act.charts.offline import STATIC_ENV_VAR

from .notebook_tools import ROOT


def _notebook(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def _printed(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs)


@pytest.mark.notebooks
def test_a_notebook_that_raises_fails_the_run_and_names_its_cell(tmp_path):
    path = tmp_path / "broken.ipynb"
    nbformat.write(_notebook("x = 1", "y = x / 0", "print('never')"), path)
    with pytest.raises(NotebookFailed, match="ZeroDivisionError") as failed:
        run_notebook(path)
    assert str(failed.value).startswith("broken.ipynb failed at cell 1 (y = x / 0)")
    assert failed.value.cell == "cell 1 (y = x / 0)"


def test_a_failure_crosses_a_process_pool_whole():
    """The site build runs lessons in a process pool: a lesson's failure must reach the parent as
    the same error, not break the pool (an unpicklable exception left the build hanging)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_fail_like_a_lesson)
        with pytest.raises(NotebookFailed, match="BadCodes") as failed:
            future.result(timeout=60)
    assert failed.value.notebook == "09.ipynb" and failed.value.cell == "cell 3"
    assert failed.value.reason == "BadCodes: not in the sample"


def _fail_like_a_lesson():
    raise NotebookFailed("09.ipynb", "cell 3", "BadCodes: not in the sample")


@pytest.mark.notebooks
def test_a_passing_notebook_returns_its_outputs_with_the_callers_settings(tmp_path):
    notebook = _notebook(
        "import os\nprint(os.getcwd())",
        f"print(os.environ.get('COURSE_PROBE'), os.environ.get({STATIC_ENV_VAR!r}))",
        "print(started + 1)",
        "from ipykernel import get_connection_info\nprint(get_connection_info(unpack=True)['transport'])",
    )
    executed = run_notebook(
        notebook, cwd=tmp_path, env={"COURSE_PROBE": "seen"}, static=True, startup="started = 41"
    )
    assert len(executed.cells) == 4  # the startup code is not kept
    assert _printed(executed.cells[0]).strip() == str(tmp_path)
    assert _printed(executed.cells[1]).split() == ["seen", "1"]
    assert _printed(executed.cells[2]).strip() == "42"
    assert _printed(executed.cells[3]).strip() == "ipc"  # local sockets: no TCP warning to print


@pytest.mark.notebooks
def test_failing_startup_code_and_a_cell_over_its_time_are_named():
    with pytest.raises(NotebookFailed, match="NameError") as failed:
        run_notebook(_notebook("1"), startup="undefined_name")
    assert failed.value.cell == "the startup code"
    with pytest.raises(NotebookFailed, match="timed out") as failed:
        run_notebook(_notebook("import time", "time.sleep(30)"), timeout=2)
    assert failed.value.cell == "cell 1 (time.sleep(30))"


# --- One runner: nothing else sets nbclient up -------------------------------------------------

_CLIENT = re.compile(r"\bNotebookClient\(")
RUNNER = Path("balancing_act") / "authoring" / "runner.py"


def own_notebook_clients(root: Path) -> list[str]:
    """The course's Python files under git in ``root``, other than the runner, that start
    nbclient themselves (scripts without a suffix included)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = []
    for name in listed:
        path = root / name
        if Path(name) == RUNNER or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        python = path.suffix == ".py" or text.startswith("#!/usr/bin/env python")
        if python and _CLIENT.search(text):
            found.append(name)
    return found


def test_no_code_but_the_runner_starts_nbclient_itself():
    assert own_notebook_clients(ROOT) == []


def test_the_check_finds_code_that_starts_nbclient_itself(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "own_runner.py").write_text(
        "from nbclient import NotebookClient\n\nclient = NotebookClient" + "(notebook)\n",
        encoding="utf-8",
    )
    (tmp_path / "RUNNER.md").write_text("NotebookClient" + "(notebook) in prose\n")
    assert own_notebook_clients(tmp_path) == ["bench/own_runner.py"]

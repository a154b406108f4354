"""The notebooks' git filter: git keeps them clean, a run never shows in `git status`, an edit
always does, and each checkout names its own Python so JupyterLab opens them unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring import notebook_filter as nf

from .notebook_tools import ROOT, course_notebooks

EXERCISE = "exercises/a1-periods-timeline/a1-periods-timeline.ipynb"


def _ran(text: str) -> str:
    """``text`` as Lab saves it after Run All: outputs, counts, and what a run may add."""
    notebook = nbformat.reads(text, 4)
    for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        cell.execution_count = count + 1
        cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
        cell.metadata["execution"] = {"iopub.status.idle": "2026-12-07T10:00:00Z"}
        if "points" in cell.metadata.get("nbgrader", {}):  # Lab saves 1.0 as 1
            cell.metadata.nbgrader.points = int(cell.metadata.nbgrader.points)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    return nf.text_of(notebook)


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: str(p.name))
def test_every_committed_notebook_is_clean_on_disk_but_for_this_pythons_version(path):
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, 4)
    assert notebook.metadata.kernelspec == nf.KERNELSPEC
    # What Lab would write when the kernel starts: nothing to change, so the tab stays saved.
    assert notebook.metadata.language_info == {**nf.LANGUAGE_INFO, "version": nf.python_version()}
    assert nf.smudge(nf.clean(text)) == text


def test_clean_strips_a_run_and_keeps_everything_else():
    text = (ROOT / EXERCISE).read_text(encoding="utf-8")
    ran = _ran(text)
    assert ran != text
    assert nf.clean(ran) == nf.clean(text)
    assert "version" not in json.loads(nf.clean(ran))["metadata"]["language_info"]


def test_clean_keeps_a_students_answer():
    text = (ROOT / EXERCISE).read_text(encoding="utf-8")
    notebook = nbformat.reads(text, 4)
    answer = next(c for c in notebook.cells if "raise NotImplementedError()" in c.source)
    answer.source = 'with_russia = events[events["actors"].str.contains("RU")]'
    assert nf.clean(nf.text_of(notebook)) != nf.clean(text)


def test_what_is_not_a_notebook_passes_unchanged():
    conflicted = '<<<<<<< ours\n{"cells": []}\n=======\n>>>>>>> theirs\n'
    assert nf.clean(conflicted) == conflicted and nf.smudge(conflicted) == conflicted


def test_gitattributes_names_the_notebooks_the_filter_covers():
    lines = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {f"{pattern} filter={nf.FILTER}" for pattern in nf.TRACKED} <= set(lines)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path):
    """A repository holding a1's exercise, committed with the filter as `make env` sets it."""
    repo = tmp_path / "course"
    (repo / EXERCISE).parent.mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "test")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    # Unsmudged, as a fresh clone has it before `make env`.
    (repo / EXERCISE).write_text(nf.clean((ROOT / EXERCISE).read_text(encoding="utf-8")))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "course")
    assert nf.install(repo, python=sys.executable) == [repo / EXERCISE]
    return repo


def test_after_make_env_a_run_is_not_a_change_but_an_answer_is(repo):
    path = repo / EXERCISE
    assert _git(repo, "status", "--porcelain") == ""  # smudged: the version is no change
    assert '"version": "' + nf.python_version() in path.read_text(encoding="utf-8")

    path.write_text(_ran(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _git(repo, "diff") == "", "a run must not show as a change"
    # git status takes a new size for a change without reading the file: the server's
    # post-save hook records the size of a save whose clean text git already has.
    assert nf.refresh_git_stat(path)
    assert _git(repo, "status", "--porcelain") == "", "a run must not show as a change"

    notebook = nbformat.read(path, 4)
    answer = next(c for c in notebook.cells if "raise NotImplementedError()" in c.source)
    answer.source = "with_russia = events.head()"
    nbformat.write(notebook, path)
    assert not nf.refresh_git_stat(path), "a real change is left to show"
    assert _git(repo, "status", "--porcelain") == f" M {EXERCISE}\n"
    assert "with_russia = events.head()" in _git(repo, "diff")
    assert '"outputs": []' in _git(repo, "show", ":" + EXERCISE)


def test_without_the_filter_a_run_shows_as_a_change(repo):
    """The guard above can fail: with the filter unset, the same run is a change."""
    _git(repo, "config", "--unset", f"filter.{nf.FILTER}.clean")
    path = repo / EXERCISE
    path.write_text(_ran(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert not nf.refresh_git_stat(path)
    assert _git(repo, "status", "--porcelain") == f" M {EXERCISE}\n"


def test_the_post_save_hook_is_what_the_students_server_runs():
    config = json.loads((ROOT / "deploy/jupyter/lessons/jupyter_server_config.json").read_text())
    hook = config["ContentsManager"]["post_save_hook"]
    assert hook == f"{nf.__name__}.post_save"


def test_the_filter_command_names_a_checkouts_own_interpreter_from_its_top(tmp_path):
    python = tmp_path / ".venv" / "bin" / "python"
    assert nf.filter_command("clean", tmp_path, str(python)).startswith("'.venv/bin/python' -m ")
    assert str(sys.executable) in nf.filter_command("smudge", tmp_path)

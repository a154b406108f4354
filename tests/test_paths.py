"""The course finds data/ from lessons/, from deeper folders, and through an override."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from balancing_act.authoring.runner import run_notebook
from balancing_act.course import paths

from .notebook_tools import ROOT


def _course_copy(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "data", course / "data")
    return course


def test_from_the_lessons_folder():
    assert paths.find_data_dir(start=ROOT / "lessons", environ={}) == ROOT / "data"


def test_two_levels_below_a_course_folder(tmp_path):
    course = _course_copy(tmp_path)
    deeper = course / "autograded" / "student-1" / "assignment-1"
    deeper.mkdir(parents=True)
    assert paths.find_data_dir(start=deeper, environ={}) == course / "data"


def test_outside_any_course_folder_falls_back_to_the_package_checkout(tmp_path):
    assert paths.find_data_dir(start=tmp_path, environ={}) == ROOT / "data"


def test_environment_variable_overrides_the_search(tmp_path):
    course = _course_copy(tmp_path)
    found = paths.find_data_dir(
        start=ROOT / "lessons", environ={paths.DATA_ENV_VAR: str(course / "data")}
    )
    assert found == course / "data"


def test_override_that_points_nowhere_says_so(tmp_path):
    with pytest.raises(paths.CourseDataNotFound, match=paths.DATA_ENV_VAR):
        paths.find_data_dir(environ={paths.DATA_ENV_VAR: str(tmp_path)})


def test_no_data_anywhere_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "not-a-checkout" / "balancing_act")
    with pytest.raises(paths.CourseDataNotFound, match="Could not find the course's data/ folder"):
        paths.find_data_dir(start=tmp_path, environ={})


@pytest.mark.notebooks
@pytest.mark.parametrize("where", ["lessons", "two-levels-deeper"])
def test_a_notebook_kernel_finds_the_data(where, tmp_path):
    """A real kernel, started where nbgrader or a student would start it, reads the tables."""
    cwd = ROOT / "lessons" if where == "lessons" else tmp_path / "autograded" / "student-1" / "a1"
    cwd.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import balancing_act as ba\nfrom balancing_act.course.paths import data_dir\nprint(data_dir())\nprint(len(ba.load_claims()))"
            )
        ]
    )
    path = tmp_path / "probe.ipynb"
    nbformat.write(notebook, path)
    executed = run_notebook(path, cwd=cwd)
    printed = "".join(o.get("text", "") for o in executed.cells[0].outputs).split()
    assert printed[0] == str(ROOT / "data")
    assert int(printed[1]) > 0

"""The checks made on each submission before nbgrader sees it (no nbgrader run needed)."""

from __future__ import annotations

import copy

import nbformat
import pytest

from balancing_act import grading


def _cell(kind, grade_id, source, **meta):
    cell = nbformat.v4.new_code_cell(source)
    cell["id"] = grade_id
    flags = {
        "test": dict(grade=True, solution=False, locked=True, points=1),
        "answer": dict(grade=False, solution=True, locked=False),
        "readonly": dict(grade=False, solution=False, locked=True),
    }[kind]
    cell.metadata["nbgrader"] = {**flags, "grade_id": grade_id, "schema_version": 3, **meta}
    return cell


@pytest.fixture
def released():
    return nbformat.v4.new_notebook(
        cells=[
            _cell("readonly", "setup", "import balancing_act as ba"),
            _cell("answer", "answer", "raise NotImplementedError()"),
            _cell("test", "visible", "assert answer > 0"),
            _cell("test", "hidden", ""),
            _cell("answer", "answer2", "raise NotImplementedError()"),
        ]
    )


def _kinds(findings):
    return [f.kind for f in findings]


def test_an_untouched_submission_has_no_findings(released):
    findings, changed = grading.check_notebook("s", "nb.ipynb", released, copy.deepcopy(released))
    assert findings == [] and not changed


def test_a_deleted_test_cell_is_reported_and_put_back_in_place(released):
    submitted = copy.deepcopy(released)
    submitted.cells = [c for c in submitted.cells if c["id"] != "visible"]
    findings, changed = grading.check_notebook("s", "nb.ipynb", released, submitted)
    assert _kinds(findings) == ["test cell deleted"] and changed
    assert [c["id"] for c in submitted.cells] == ["setup", "answer", "visible", "hidden", "answer2"]


def test_an_edited_test_cell_and_an_edited_read_only_cell_are_reported(released):
    submitted = copy.deepcopy(released)
    submitted.cells[2].source = "pass"
    submitted.cells[0].source = "import os"
    findings, _ = grading.check_notebook("s", "nb.ipynb", released, submitted)
    assert sorted(_kinds(findings)) == ["read-only cell edited", "test cell edited"]


def test_whitespace_at_line_ends_is_not_an_edit(released):
    submitted = copy.deepcopy(released)
    submitted.cells[2].source = "assert answer > 0   \n"
    assert grading.check_notebook("s", "nb.ipynb", released, submitted)[0] == []


def test_a_duplicated_graded_cell_keeps_only_the_first_copy_graded(released):
    submitted = copy.deepcopy(released)
    duplicate = copy.deepcopy(submitted.cells[2])
    duplicate["id"] = "copy"
    duplicate.source = "pass"
    submitted.cells.insert(3, duplicate)
    findings, changed = grading.check_notebook("s", "nb.ipynb", released, submitted)
    assert _kinds(findings) == ["graded cell duplicated"] and changed
    assert "nbgrader" not in submitted.cells[3].metadata
    assert submitted.cells[2].metadata["nbgrader"]["grade_id"] == "visible"


def test_a_deleted_answer_cell_is_reported(released):
    submitted = copy.deepcopy(released)
    submitted.cells = [c for c in submitted.cells if c["id"] != "answer2"]
    findings, _ = grading.check_notebook("s", "nb.ipynb", released, submitted)
    assert _kinds(findings) == ["graded cell deleted"]


def _course(tmp_path, released, assignment="a"):
    (tmp_path / "exercises" / assignment).mkdir(parents=True)
    nbformat.write(released, tmp_path / "exercises" / assignment / "nb.ipynb")
    folder = tmp_path / "submitted" / "s1" / assignment
    folder.mkdir(parents=True)
    return folder


def test_a_lone_renamed_notebook_is_graded_under_its_name_and_the_original_kept(tmp_path, released):
    folder = _course(tmp_path, released)
    nbformat.write(released, folder / "nb (1).ipynb")
    findings = grading.prepare_submission(tmp_path, "a", "s1")
    assert _kinds(findings) == ["notebook renamed"]
    assert (folder / "nb.ipynb").exists() and not (folder / "nb (1).ipynb").exists()
    assert (tmp_path / grading.ORIGINALS / "s1" / "a" / "nb (1).ipynb").exists()


def test_a_missing_notebook_is_reported(tmp_path, released):
    folder = _course(tmp_path, released)
    (folder / "notes.txt").write_text("forgot it")
    assert _kinds(grading.prepare_submission(tmp_path, "a", "s1")) == ["notebook missing"]


def test_an_unreadable_notebook_is_reported_and_set_aside_not_lost(tmp_path, released):
    folder = _course(tmp_path, released)
    (folder / "nb.ipynb").write_text('{"cells": [ not json')
    findings = grading.prepare_submission(tmp_path, "a", "s1")
    assert _kinds(findings) == ["notebook unreadable"]
    assert not (folder / "nb.ipynb").exists()
    kept = tmp_path / grading.ORIGINALS / "s1" / "a" / "nb.ipynb"
    assert kept.read_text() == '{"cells": [ not json'


def test_a_repair_keeps_the_students_first_original(tmp_path, released):
    folder = _course(tmp_path, released)
    submitted = copy.deepcopy(released)
    submitted.cells = submitted.cells[:2]
    nbformat.write(submitted, folder / "nb.ipynb")
    grading.prepare_submission(tmp_path, "a", "s1")
    grading.prepare_submission(tmp_path, "a", "s1")  # a re-run must not overwrite the original
    kept = nbformat.read(tmp_path / grading.ORIGINALS / "s1" / "a" / "nb.ipynb", as_version=4)
    assert len(kept.cells) == 2


def test_hidden_tests_and_their_failures_are_removed_from_feedback():
    failing = nbformat.v4.new_code_cell(
        "assert True\n### BEGIN HIDDEN TESTS\nassert secret == 42, 'secret is 42'\n### END HIDDEN TESTS"
    )
    failing.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "h", "points": 1}
    failing.outputs = [
        nbformat.v4.new_output(
            "error", ename="AssertionError", evalue="secret is 42", traceback=["secret == 42"]
        )
    ]
    notebook = nbformat.v4.new_notebook(cells=[failing])
    cleaned, _ = grading.HideHiddenTests().preprocess(notebook, {})
    text = nbformat.writes(cleaned)
    assert "secret" not in text and "42" not in text
    assert "did not pass" in text

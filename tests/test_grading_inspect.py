"""Reading submissions as hostile input: what is found, what is rebuilt, what is never touched."""

from __future__ import annotations

import copy
import json
import os

import nbformat
import pytest

from balancing_act.grading import inspect
from balancing_act.grading.assignment import NotebookSpec


def _cell(kind, grade_id, source, cell_type="code"):
    cell = (
        nbformat.v4.new_code_cell(source)
        if cell_type == "code"
        else nbformat.v4.new_markdown_cell(source)
    )
    cell["id"] = grade_id
    flags = {
        "test": dict(grade=True, solution=False, locked=True, points=1),
        "answer": dict(grade=False, solution=True, locked=False),
        "readonly": dict(grade=False, solution=False, locked=True),
    }[kind]
    cell.metadata["nbgrader"] = {**flags, "grade_id": grade_id, "schema_version": 3}
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


@pytest.fixture
def spec(released):
    return NotebookSpec("nb.ipynb", released, released)


def _student(notebook):
    return inspect._student_cells(json.loads(nbformat.writes(notebook)))


def _rebuild(spec, notebook):
    cells, findings = inspect.rebuild(spec, _student(notebook))
    return cells, [kind.label for kind, _ in findings]


def test_an_untouched_submission_has_no_findings_and_runs_no_test(spec, released):
    cells, kinds = _rebuild(spec, copy.deepcopy(released))
    assert kinds == []
    assert [c.label for c in inspect.cells_to_run(cells)] == ["setup", "answer", "answer2"]


def test_a_deleted_test_cell_is_reported_and_put_back_in_place(spec, released):
    submitted = copy.deepcopy(released)
    submitted.cells = [c for c in submitted.cells if c["id"] != "visible"]
    cells, kinds = _rebuild(spec, submitted)
    assert kinds == ["test cell deleted"]
    assert [c["id"] for c in cells] == ["setup", "answer", "visible", "hidden", "answer2"]


def test_edited_test_and_read_only_cells_are_reported_and_the_released_code_is_kept(spec, released):
    submitted = copy.deepcopy(released)
    submitted.cells[2].source = "pass"
    submitted.cells[0].source = "import os"
    cells, kinds = _rebuild(spec, submitted)
    assert sorted(kinds) == ["read-only cell edited", "test cell edited"]
    assert cells[0]["source"] == "import balancing_act as ba"
    assert cells[2]["source"] == "assert answer > 0"


def test_whitespace_at_line_ends_is_not_an_edit(spec, released):
    submitted = copy.deepcopy(released)
    submitted.cells[2].source = "assert answer > 0   \n"
    assert _rebuild(spec, submitted)[1] == []


def test_a_duplicated_graded_cell_runs_as_an_ordinary_cell(spec, released):
    submitted = copy.deepcopy(released)
    duplicate = copy.deepcopy(submitted.cells[1])
    duplicate["id"] = "copy"
    duplicate.source = "answer = 2"
    submitted.cells.insert(2, duplicate)
    cells, kinds = _rebuild(spec, submitted)
    assert kinds == ["graded cell duplicated"]
    assert cells[2]["metadata"] == {} and cells[2]["source"] == "answer = 2"
    assert "answer = 2" in [c.source for c in inspect.cells_to_run(cells)]


def test_metadata_that_is_not_a_dict_is_restored_and_the_code_still_runs(spec, released):
    raw = json.loads(nbformat.writes(released))
    raw["cells"][1]["metadata"]["nbgrader"] = "hacked"
    raw["cells"][1]["source"] = "answer = 5"
    cells, findings = inspect.rebuild(spec, inspect._student_cells(raw))
    kinds = [kind.label for kind, _ in findings]
    assert kinds == ["nbgrader metadata tampered", "answer cell deleted"]
    assert "answer = 5" in [c.source for c in inspect.cells_to_run(cells)]


def test_a_test_cell_disguised_as_an_answer_is_not_trusted(spec, released):
    submitted = copy.deepcopy(released)
    submitted.cells[2].metadata["nbgrader"]["solution"] = True  # "my test cell is an answer"
    submitted.cells[2].source = "pass"
    cells, kinds = _rebuild(spec, submitted)
    assert "nbgrader metadata tampered" in kinds and "test cell edited" in kinds
    assert cells[2]["source"] == "assert answer > 0"


def test_a_changed_cell_type_is_restored(spec, released):
    raw = json.loads(nbformat.writes(released))
    raw["cells"][1]["cell_type"] = "markdown"
    raw["cells"][1].pop("outputs")
    raw["cells"][1].pop("execution_count")
    raw["cells"][1]["source"] = "answer = 1"
    cells, findings = inspect.rebuild(spec, inspect._student_cells(raw))
    assert [k.label for k, _ in findings] == ["cell type changed"]
    assert cells[1]["cell_type"] == "code"


@pytest.mark.parametrize(
    "text",
    [
        '{"cells": [ not json',
        "[" * 100_000,
        json.dumps({"cells": "no list", "nbformat": 4}),
        json.dumps({"cells": [{"cell_type": "code", "source": 5}], "nbformat": 4}),
        json.dumps({"cells": [{"cell_type": "evil", "source": ""}], "nbformat": 4}),
        json.dumps({"worksheets": [], "nbformat": 3}),
        json.dumps({"cells": [{"cell_type": "code", "source": ""}] * 3000, "nbformat": 4}),
    ],
)
def test_unreadable_notebooks_are_reported_not_raised(tmp_path, spec, text):
    folder = tmp_path / "submitted" / "s" / "a"
    folder.mkdir(parents=True)
    (folder / "nb.ipynb").write_text(text)
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert [f.kind.label for f in prepared.findings] == ["notebook unreadable"]
    assert not prepared.notebooks["nb.ipynb"].present
    assert (folder / "nb.ipynb").read_text() == text  # the student's file is never changed


def test_a_lone_renamed_notebook_is_graded_under_its_name_and_left_where_it_was(
    tmp_path, spec, released
):
    folder = tmp_path / "submitted" / "s" / "a"
    folder.mkdir(parents=True)
    nbformat.write(released, folder / "nb (1).ipynb")
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert [f.kind.label for f in prepared.findings] == ["notebook renamed"]
    assert prepared.notebooks["nb.ipynb"].present
    assert sorted(os.listdir(folder)) == ["nb (1).ipynb"]


def test_links_folders_and_extra_files_are_listed_never_read(tmp_path, spec, released):
    secret = tmp_path / "secret.ipynb"
    nbformat.write(released, secret)
    folder = tmp_path / "submitted" / "s" / "a"
    folder.mkdir(parents=True)
    (folder / "nb.ipynb").symlink_to(secret)
    (folder / "balancing_act").mkdir()
    (folder / "helper.py").write_text("x = 1")
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    found = sorted((f.kind.label, f.detail) for f in prepared.findings)
    assert found == [
        ("not a notebook", "nb.ipynb is a symbolic link"),
        ("unexpected file", "balancing_act (a folder)"),
        ("unexpected file", "helper.py (a file)"),
    ]


@pytest.mark.parametrize(
    ("student", "refused"),
    [
        ("alice", False),
        ("o'neil", False),
        ("x[1]", True),
        (".hidden", True),
        ("a*", True),
        (" a", True),
        ("a\x9b2J", True),  # a C1 control: a terminal's escape sequence
        ("leyla.aliyeva@school.example", False),
        ("Əliyev", False),
    ],
)
def test_student_ids_nbgrader_cannot_handle_are_refused_with_a_reason(tmp_path, student, refused):
    (tmp_path / "submitted" / student / "a").mkdir(parents=True)
    accepted, refusals = inspect.list_students(tmp_path, "a")
    assert (student in accepted) is not refused
    assert bool(refusals) is refused
    if refused:
        assert refusals[0][0] == student and refusals[0][1]


@pytest.mark.parametrize(
    "student", ["<img src=x onerror=alert(1)>", 'say"hi', "a&amp;b", "back`tick", "a\\b"]
)
def test_student_ids_with_markup_are_refused_before_they_reach_the_gradebook(tmp_path, student):
    (tmp_path / "submitted" / student / "a").mkdir(parents=True)
    accepted, refusals = inspect.list_students(tmp_path, "a")
    assert accepted == []
    assert refusals == [(student, inspect.refusal(student))]
    assert "read as markup" in refusals[0][1]
    assert not inspect.MARKUP_CHARACTERS & set(refusals[0][1]), "the reason is plain text"


def test_a_student_folder_that_is_a_link_is_refused(tmp_path):
    (tmp_path / "submitted" / "alice" / "a").mkdir(parents=True)
    (tmp_path / "submitted" / "mallory").symlink_to("alice")
    accepted, refusals = inspect.list_students(tmp_path, "a")
    assert accepted == ["alice"]
    assert refusals[0][0] == "mallory"


def test_a_garbage_timestamp_is_reported_and_a_good_one_read(tmp_path, spec, released):
    folder = tmp_path / "submitted" / "s" / "a"
    folder.mkdir(parents=True)
    nbformat.write(released, folder / "nb.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    assert inspect.prepare(tmp_path, "a", "s", [spec]).timestamp.year == 2026
    (folder / "timestamp.txt").write_text("yesterday")
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert prepared.timestamp is None
    assert [f.kind.label for f in prepared.findings] == ["timestamp unreadable"]


# --- Odd but honest notebooks ----------------------------------------------------------------


def _submitted(tmp_path, text: str):
    folder = tmp_path / "submitted" / "s" / "a"
    folder.mkdir(parents=True)
    (folder / "nb.ipynb").write_text(text, encoding="utf-8")
    return folder


def test_an_nbformat_3_notebook_is_upgraded_graded_and_reported(tmp_path, spec, released):
    answered = copy.deepcopy(released)
    answered.cells[1].source = "answer = 1"
    old = nbformat.writes(nbformat.convert(copy.deepcopy(answered), 3), version=3)
    assert json.loads(old)["nbformat"] == 3
    _submitted(tmp_path, old)
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert [(f.kind.label, f.detail) for f in prepared.findings] == [
        ("old notebook format", "nbformat 3")
    ]
    notebook = prepared.notebooks["nb.ipynb"]
    assert notebook.present
    assert [c.source for c in notebook.to_run] == [
        c.source for c in inspect.cells_to_run(inspect.rebuild(spec, _student(answered))[0])
    ]


def _with_saved_output(notebook, size: int):
    heavy = copy.deepcopy(notebook)
    heavy.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "A" * size})
    ]
    heavy.cells[0].attachments = {"pasted.png": {"image/png": "B" * size}}
    return nbformat.writes(heavy)


def test_saved_outputs_are_set_aside_before_the_size_limit(tmp_path, spec, released, monkeypatch):
    monkeypatch.setattr(inspect, "MAX_NOTEBOOK_BYTES", 2**20)
    monkeypatch.setattr(inspect, "MAX_FILE_BYTES", 4 * 2**20)
    _submitted(tmp_path, _with_saved_output(released, 2**20))
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    # The old grader refused the file as "larger than" the limit and scored it 0.
    assert [f.kind.label for f in prepared.findings] == ["large notebook"]
    assert prepared.notebooks["nb.ipynb"].present


def test_the_size_limit_still_holds_for_what_is_left_and_the_file_has_its_own(
    tmp_path, spec, released, monkeypatch
):
    monkeypatch.setattr(inspect, "MAX_NOTEBOOK_BYTES", 2**20)
    monkeypatch.setattr(inspect, "MAX_FILE_BYTES", 4 * 2**20)
    long_code = copy.deepcopy(released)
    long_code.cells[1].source = "answer = 1\n" * 120_000  # 1.3 MB of code, no output at all
    folder = _submitted(tmp_path, nbformat.writes(long_code))
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert [(f.kind.label, f.detail) for f in prepared.findings] == [
        ("notebook unreadable", "larger than 1 MiB without its outputs")
    ]
    (folder / "nb.ipynb").write_text(_with_saved_output(released, 3 * 2**20))
    prepared = inspect.prepare(tmp_path, "a", "s", [spec])
    assert [(f.kind.label, f.detail) for f in prepared.findings] == [
        ("notebook unreadable", "larger than 4 MiB, outputs included")
    ]

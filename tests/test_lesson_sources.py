"""Each lesson's notebook is exactly what its MyST Markdown source generates (make notebooks)."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from balancing_act.authoring import lessons as authoring
from balancing_act.authoring.notebook_filter import LANGUAGE_INFO, clean, python_version

from .notebook_tools import ROOT, lesson_notebooks


@pytest.mark.parametrize("notebook", lesson_notebooks(), ids=lambda p: p.stem)
def test_the_committed_notebook_is_what_its_markdown_source_generates(notebook):
    source = notebook.with_suffix(".md")
    assert source.is_file(), f"{source.name} is missing: make markdown NB=lessons/{notebook.name}"
    assert authoring.stale_notebooks([source]) == [], (
        f"lessons/{notebook.name} differs from lessons/{source.name}: run make notebooks "
        "(or, if the notebook was edited, make markdown NB=... first)"
    )


def test_ids_metadata_and_empty_outputs_come_from_the_source():
    notebook = nbformat.reads(
        authoring.generated_notebook(ROOT / "lessons" / "02-building-the-balancing-act.md"), 4
    )
    assert [c.id for c in notebook.cells][:4] == [f"lesson02-0{i}" for i in range(4)]
    assert all("id" not in c.metadata for c in notebook.cells)
    assert notebook.metadata == {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": LANGUAGE_INFO,
    }
    assert all(
        c.outputs == [] and c.execution_count is None
        for c in notebook.cells
        if c.cell_type == "code"
    )


def test_on_disk_the_notebook_names_this_python_as_lab_would_and_git_keeps_it_without():
    """Lab marks a notebook unsaved unless language_info is exactly the kernel's, version
    included; git keeps it without the version, which differs from machine to machine."""
    source = ROOT / "lessons" / "02-building-the-balancing-act.md"
    on_disk = authoring.notebook_on_disk(source)
    language = nbformat.reads(on_disk, 4).metadata.language_info
    assert language == {**LANGUAGE_INFO, "version": python_version()}
    assert clean(on_disk) == authoring.generated_notebook(source)


@pytest.fixture
def lesson(tmp_path):
    """A copy of lesson 2's source and notebook, in step."""
    for suffix in (".md", ".ipynb"):
        shutil.copy(ROOT / "lessons" / f"02-building-the-balancing-act{suffix}", tmp_path)
    return tmp_path / "02-building-the-balancing-act.md"


def test_an_edit_to_the_source_makes_the_notebook_stale_until_regenerated(lesson):
    assert authoring.stale_notebooks([lesson]) == []
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("Three presidents in two years", "Three presidents in 2 years"),
        encoding="utf-8",
    )
    assert authoring.stale_notebooks([lesson]) == [lesson.with_suffix(".ipynb")]
    assert authoring.main(["notebooks", str(lesson)]) == 0
    assert authoring.stale_notebooks([lesson]) == []
    assert "Three presidents in 2 years" in lesson.with_suffix(".ipynb").read_text(encoding="utf-8")


def test_an_edit_to_the_notebook_alone_is_caught_and_carried_back_by_make_markdown(lesson):
    notebook = lesson.with_suffix(".ipynb")
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"][0]["source"][0] = data["cells"][0]["source"][0].replace("Lesson 2", "Lesson Two")
    notebook.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert authoring.main(["notebooks", "--check", str(lesson)]) == 1
    assert authoring.main(["markdown", str(notebook)]) == 0
    assert "# Lesson Two" in lesson.read_text(encoding="utf-8")
    assert authoring.stale_notebooks([lesson]) == []


def test_a_changed_cell_id_output_or_metadata_in_the_notebook_is_caught(lesson):
    notebook = lesson.with_suffix(".ipynb")
    for change in (
        lambda nb: setattr(nb.cells[1], "id", "lesson02-99"),
        lambda nb: nb.cells[1].outputs.append(nbformat.v4.new_output("stream", text="hi\n")),
        lambda nb: nb.metadata.update(widgets={}),
    ):
        original = notebook.read_text(encoding="utf-8")
        edited = nbformat.reads(original, 4)
        change(edited)
        nbformat.write(edited, notebook)
        assert authoring.stale_notebooks([lesson]) == [notebook]
        notebook.write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('+++ {"id": "lesson02-02"}', "+++"), "has no valid id: give it one"),
        (
            lambda t: t.replace(":id: lesson02-04", ":id: lesson02-01"),
            "repeats the id 'lesson02-01' of cell 2",
        ),
        (lambda t: t.replace(":id: lesson02-04", ":id: not an id!"), "has no valid id"),
    ],
)
def test_a_source_with_a_missing_or_repeated_id_is_refused_naming_the_cell(lesson, edit, message):
    lesson.write_text(edit(lesson.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(authoring.LessonSourceError, match=message) as error:
        authoring.generated_notebook(lesson)
    assert "02-building-the-balancing-act.md" in str(error.value)


def test_a_missing_id_gets_a_free_one_suggested(lesson):
    text = lesson.read_text(encoding="utf-8")
    free = max(int(n) for n in re.findall(r"lesson02-(\d+)", text)) + 1
    lesson.write_text(text.replace('+++ {"id": "lesson02-02"}', "+++"), encoding="utf-8")
    with pytest.raises(authoring.LessonSourceError, match=f'"lesson02-{free}"'):
        authoring.generated_notebook(lesson)

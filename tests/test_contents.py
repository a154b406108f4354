"""One table of contents, lessons/_toc.yml, and everything that lists the lessons agrees with it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring.printing import documents
from balancing_act.course import contents

from .notebook_tools import ROOT, lesson_notebooks

MAP_HEADING = "## Map of the course"
MAP_ROW = re.compile(r"^\|\s*`(\d\d[a-z]?-[a-z0-9-]+)`\s*\|", flags=re.M)


def start_notebook_map(course: Path) -> list[str]:
    """The lessons the start notebook's 'Map of the course' table lists, in its order."""
    notebook = nbformat.read(course / "lessons" / "00-start-here.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and MAP_HEADING in cell.source:
            return MAP_ROW.findall(cell.source.split(MAP_HEADING, 1)[1].split("\n## ", 1)[0])
    return []


def disagreements(course: Path) -> list[str]:
    """Where the lessons on disk or the start notebook's map differ from lessons/_toc.yml."""
    listed = contents.lesson_names(course)
    folder = course / "lessons"
    problems = []
    for suffix in (".md", ".ipynb"):
        on_disk = sorted(
            p.stem
            for p in folder.glob(f"[0-9][0-9]*-*{suffix}")
            if contents.LESSON_NAME.match(p.stem)
        )
        problems += [
            f"lessons/{name}{suffix} is not in lessons/_toc.yml"
            for name in on_disk
            if name not in listed
        ]
        problems += [
            f"lessons/_toc.yml lists {name}, but lessons/{name}{suffix} is missing"
            for name in listed
            if name not in on_disk
        ]
    if start_notebook_map(course) != listed:
        problems.append(
            f"the start notebook's map lists {start_notebook_map(course)}, the table of contents {listed}"
        )
    return problems


def test_the_lessons_and_the_start_notebooks_map_agree_with_the_table_of_contents():
    assert disagreements(ROOT) == []


def test_the_tests_the_handouts_and_the_site_take_the_lessons_from_it():
    listed = contents.lesson_names(ROOT)
    assert [p.stem for p in lesson_notebooks()] == listed
    assert [p.stem for p in documents.lesson_paths(ROOT)] == listed
    assert [p.stem for p in contents.lesson_sources(ROOT)] == listed


# Code that lists lessons/ itself instead of asking balancing_act.contents.
OWN_LISTING = re.compile(r"""glob\(\s*["']\[0-9\]\[0-9\]-\*""")


def test_no_code_lists_the_lessons_folder_itself():
    places = [
        ROOT / "site",
        ROOT / "bench",
        ROOT / "balancing_act",
        ROOT / "tests",
        ROOT / "scripts",
    ]
    found = [
        str(path.relative_to(ROOT))
        for folder in places
        for path in folder.rglob("*.py")
        if path.name != "test_contents.py" and OWN_LISTING.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_listing_check_sees_a_glob_of_the_lessons_folder():
    assert OWN_LISTING.search('sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))')


@pytest.fixture
def course(tmp_path):
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    return tmp_path


def test_a_lesson_left_out_of_the_table_of_contents_is_named(course):
    shutil.copy(
        course / "lessons" / "08-the-brief-meets-history.md", course / "lessons" / "99-new.md"
    )
    assert disagreements(course) == ["lessons/99-new.md is not in lessons/_toc.yml"]


def test_a_listed_lesson_without_its_files_and_a_stale_map_are_named(course):
    toc = course / "lessons" / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "  - 99-not-yet-written\n", encoding="utf-8")
    problems = disagreements(course)
    assert (
        "lessons/_toc.yml lists 99-not-yet-written, but lessons/99-not-yet-written.md is missing"
        in problems
    )
    assert any(p.startswith("the start notebook's map lists") for p in problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "lessons:\n  - 01-between-great-powers\n  - 01-between-great-powers\n",
            "listed twice: 01-between-great-powers",
        ),
        ("lessons:\n  - Lesson One\n", "lesson 1 is 'Lesson One'"),
        ("chapters: []\n", "needs a 'lessons:' list"),
        ("lessons: [\n", "not valid YAML"),
    ],
)
def test_a_malformed_table_of_contents_is_refused_with_file_and_row(course, text, message):
    (course / "lessons" / "_toc.yml").write_text(text, encoding="utf-8")
    with pytest.raises(contents.TableOfContentsError, match=re.escape(message)) as error:
        contents.lesson_names(course)
    assert "_toc.yml" in str(error.value)


def test_every_lesson_has_its_check_module_and_no_other():
    from balancing_act.selfcheck.checks import LESSON_MODULES

    assert LESSON_MODULES == tuple(
        f"lesson{contents.lesson_number(name)}" for name in contents.lesson_names(ROOT)
    )

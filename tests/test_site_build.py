"""The reader's site builder (site/build.py): its offline guard and how it reads a lesson.

The whole build is exercised by tests/browser/test_site.py; these are its quick parts.
"""

from __future__ import annotations

import importlib.util
import sys

import nbformat
import pytest

from .notebook_tools import ROOT, lesson_notebooks


def _load_builder():
    # site/ is not a package (and "site" is a standard-library name), so load the file itself.
    spec = importlib.util.spec_from_file_location("ba_site_build", ROOT / "site" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


build = _load_builder()


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>',
        "<script>require(['vega'])</script>",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">',
        "<style>@font-face { src: url(https://example.org/font.woff2) }</style>",
        '<style>@import "https://example.org/theme.css";</style>',
        '<img src="//cdn.example.org/chart.png" alt="a chart">',
        '<iframe src="http://example.org/embed"></iframe>',
    ],
)
def test_the_offline_guard_catches_anything_loaded_from_outside(html):
    assert build.external_resources(f"<html><body>{html}</body></html>") != []


def test_the_offline_guard_lets_links_inline_data_and_local_files_through():
    page = (
        '<a href="https://www.chathamhouse.org/2019/03/x">a source</a>'
        "<style>.x { background: url(data:image/png;base64,AAAA) }</style>"
        '<img src="figures/chart.png" alt="a chart"><a href="02-lesson.html#Sources">sources</a>'
    )
    assert build.external_resources(page) == []


def test_a_lesson_is_read_for_its_title_summary_and_sources():
    lesson = build.read_lesson(ROOT / "lessons" / "02-building-the-balancing-act.ipynb")
    assert lesson.title.startswith("Lesson 2")
    assert lesson.href == "02-building-the-balancing-act.html"
    assert lesson.summary.startswith("<p>Three presidents in two years")
    assert lesson.sources >= 5


def test_every_lesson_can_be_read_by_the_builder():
    titles = [build.read_lesson(path).title for path in lesson_notebooks()]
    assert len(set(titles)) == len(titles) >= 2


def test_a_lesson_without_its_sources_section_is_refused(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Lesson 9 — Untitled\n\nNo sources yet.")]
    path = tmp_path / "09-untitled.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(ValueError, match="Sources for this lesson"):
        build.read_lesson(path)

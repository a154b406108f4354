"""An author opens a lesson's MyST Markdown source in JupyterLab as a notebook (jupytext)."""

from __future__ import annotations

import nbformat
from playwright.sync_api import expect

LESSON = "02-building-the-balancing-act"


def test_a_lessons_markdown_source_opens_as_a_notebook(lab, page, course):
    base, token = lab
    page.goto(f"{base}/lab/tree/lessons?token={token}&reset", wait_until="domcontentloaded")
    source = page.locator(".jp-DirListing-item", has_text=f"{LESSON}.md")
    source.click(button="right", timeout=60_000)
    page.get_by_text("Open With", exact=True).hover()
    page.get_by_text("Jupytext Notebook", exact=True).click()
    cells = page.locator(".jp-Notebook .jp-Cell")
    cells.first.wait_for(timeout=60_000)
    notebook = nbformat.read(course / "lessons" / f"{LESSON}.ipynb", as_version=4)
    expect(cells).to_have_count(len(notebook.cells), timeout=30_000)
    assert page.locator(".jp-Notebook h1").first.inner_text().startswith("Lesson 2")
    assert page.watch.problems() == []

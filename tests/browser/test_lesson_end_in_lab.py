"""A student reaches the end of a lesson in JupyterLab: a slip answered gets its own message, the
"Before you go" cell shows this lesson's progress, and the "Next" link opens the next lesson."""

from __future__ import annotations

import re

import nbformat
from playwright.sync_api import expect

from ..notebook_tools import ROOT
from .lab import ARTIFACTS, browser_tab
from .student import CHART_SVG, open_notebook, run_all_cells

LESSON = "05-pacifying-russia"
NEXT = "06-soft-power-diaspora-elite"
ANSWERED = f"lessons/{LESSON}-answered.ipynb"


def _answered_copy(course) -> None:
    """Lesson 5 with the manat question answered as a fraction (0.99 for 99 per cent)."""
    notebook = nbformat.read(ROOT / "lessons" / f"{LESSON}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "manat_rise_pct = ..." in cell.source:
            cell.source = cell.source.replace("manat_rise_pct = ...", "manat_rise_pct = 0.99")
    nbformat.write(notebook, course / ANSWERED)


def test_a_lesson_ends_with_its_progress_and_a_link_that_opens_the_next(lab, course, chromium):
    base, token = lab
    _answered_copy(course)
    shot = ARTIFACTS / "lesson-end-in-lab.png"
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as page:
        open_notebook(page, base, token, ANSWERED)
        run_all_cells(page, timeout_ms=240_000)

        # The slip (a fraction for a percentage) is named, not only "Not yet".
        verdict = page.locator("[role=status]", has_text="multiply it by 100")
        expect(verdict).to_have_count(1, timeout=30_000)

        # "Before you go": this lesson's progress, the check just tried listed as due again.
        heading = page.locator(".jp-MarkdownCell h2", has_text="Before you go")
        heading.scroll_into_view_if_needed()
        progress_cell = page.locator(".jp-CodeCell", has_text=f'ba.progress("{LESSON}")')
        expect(progress_cell.locator(CHART_SVG)).to_have_count(1, timeout=30_000)
        expect(progress_cell.locator(".ba-due")).to_contain_text("l05-manat-rise")
        label = progress_cell.locator(".vega-embed").get_attribute("aria-label") or ""
        assert f"self-checks of lesson {LESSON}." in label, label

        # The link onward names the next lesson and opens it in Lab.
        link = page.locator(".jp-MarkdownCell a", has_text="Lesson 6 — Soft power")
        # Lab resolves the relative link to the file's address (and opens it as a document).
        expect(link).to_have_attribute("href", re.compile(rf"/lessons/{NEXT}\.ipynb\b"))
        heading.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "lesson-end-before-you-go.png"))
        assert page.watch.problems() == []
        link.click()
        expect(
            page.locator(".lm-TabBar-tab.jp-mod-current[data-type='document-title']")
        ).to_contain_text(f"{NEXT}.ipynb", timeout=30_000)
        assert page.watch.problems() == []

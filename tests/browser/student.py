"""What a student does in JupyterLab, as Playwright steps."""

from __future__ import annotations

NOTEBOOK_READY = ".jp-Notebook"
CHART_SVG = ".vega-embed svg"


def open_notebook(page, base: str, token: str, path: str) -> None:
    page.goto(f"{base}/lab/tree/{path}?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(NOTEBOOK_READY, timeout=60_000)
    # The kernel is ready when the toolbar's status says so.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)


def run_all_cells(page, timeout_ms: int = 120_000) -> None:
    """Run ▸ Run All Cells, as a student would, and wait until every code cell has run."""
    for _attempt in range(3):
        # Focus the notebook first: the Run menu acts on the current widget, and its items stay
        # disabled until a notebook is current.
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        run_all = page.locator(
            ".lm-Menu-item:not(.lm-mod-disabled)", has_text="Run All Cells"
        ).first
        run_all.wait_for(timeout=10_000)
        run_all.click()
        try:
            # Something started: a prompt shows [*] or a number. A click that landed while the
            # kernel was still connecting does nothing, so it is tried again.
            page.wait_for_function(
                """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                        .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))""",
                timeout=15_000,
            )
            break
        except Exception:
            page.keyboard.press("Escape")
    try:
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=timeout_ms,
        )
    except Exception as error:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        raise AssertionError(f"cells did not all run; prompts: {prompts}") from error


def error_outputs(page) -> list[str]:
    return page.locator(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()


def chart_svgs(page):
    return page.locator(CHART_SVG)

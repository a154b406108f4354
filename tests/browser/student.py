"""What a student does in JupyterLab, as Playwright steps."""

from __future__ import annotations

import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .lab import ARTIFACTS

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
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    try:
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=timeout_ms,
        )
    except PlaywrightTimeoutError as error:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        raise AssertionError(f"cells did not all run; prompts: {prompts}") from error


def error_outputs(page) -> list[str]:
    return page.locator(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()


def chart_svgs(page):
    return page.locator(CHART_SVG)


# --- What a student sees: the check every browser test ends with ----------------------------

#: What JupyterLab shows in place of a widget whose front end cannot load.
WIDGET_ERROR = ".jupyter-widgets-error-widget"
#: What Altair's JupyterChart shows in place of a chart Vega cannot draw.
CHART_ERROR_TEXT = "JavaScript Error"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"


def rendering_problems(page, min_charts: int) -> list[str]:
    """Everything that stops a student from seeing the notebook as written (empty when fine).

    Charts must be drawn as SVG with marks in them; no widget may show JupyterLab's error view,
    no chart Vega's error text, no cell an error or stderr; the page must raise no error, log
    no console error and send no request beyond loopback.
    """
    problems = []
    drawn = page.locator(CHART_SVG).evaluate_all(
        """svgs => svgs.map(svg => {
            const box = svg.getBoundingClientRect();
            return {marks: svg.querySelectorAll('.role-mark > *').length,
                    width: box.width, height: box.height};
        })"""
    )
    if len(drawn) < min_charts:
        problems.append(f"{len(drawn)} chart(s) drawn as SVG, expected at least {min_charts}")
    for index, chart in enumerate(drawn):
        if chart["marks"] == 0 or chart["width"] < 50 or chart["height"] < 20:
            problems.append(f"chart {index} is empty: {chart}")
    # A screen reader reads the chart's description (vega-embed's default label says nothing).
    labels = page.locator(".vega-embed").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label') || '')"
    )
    for index, label in enumerate(labels):
        if len(label) < 20 or label == "Vega visualization":
            problems.append(f"chart {index} has no text description (aria-label {label!r})")
    broken_widgets = page.locator(WIDGET_ERROR).count()
    if broken_widgets:
        problems.append(
            f"{broken_widgets} widget(s) show JupyterLab's error view (front end missing?)"
        )
    chart_errors = page.locator(".jp-OutputArea-output", has_text=CHART_ERROR_TEXT)
    for text in chart_errors.all_inner_texts():
        problems.append(f"a chart failed to draw: {text.strip()[:200]}")
    for text in page.locator(ERROR_OUTPUT).all_inner_texts():
        problems.append(f"a cell raised: {text.strip()[-300:]}")
    for text in error_outputs(page):
        problems.append(f"a cell wrote to stderr: {text.strip()[:300]}")
    return problems + page.watch.problems()


def assert_renders(page, name: str, min_charts: int, timeout_ms: int = 30_000) -> None:
    """Wait until the charts are drawn (or something failed), then fail with a screenshot
    ``test-artifacts/<name>-FAILED.png`` if a student would not see the notebook as written."""
    try:
        page.wait_for_function(
            """([selector, wanted, errors]) =>
                document.querySelectorAll(selector).length >= wanted
                || document.querySelector(errors) !== null
                || [...document.querySelectorAll('.jp-OutputArea-output')]
                       .some(o => o.textContent.includes('JavaScript Error'))""",
            arg=[CHART_SVG, min_charts, f"{WIDGET_ERROR}, {ERROR_OUTPUT}"],
            timeout=timeout_ms,
        )
        page.wait_for_timeout(500)  # let a second chart or widget that is failing catch up
    except PlaywrightTimeoutError:
        pass  # what is missing is reported below
    problems = rendering_problems(page, min_charts)
    if problems:
        # Show the first broken output in the screenshot, if there is one.
        broken = page.locator(
            f"{WIDGET_ERROR}, {ERROR_OUTPUT}, .jp-OutputArea-output:has-text('{CHART_ERROR_TEXT}')"
        )
        if broken.count():
            broken.first.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{name}-FAILED.png"
        page.screenshot(path=str(shot), full_page=True)
        raise AssertionError(
            f"{name} does not render as a student should see it (screenshot: {shot}):\n- "
            + "\n- ".join(problems)
        )


# --- What a student does with a widget ------------------------------------------------------


def widget_with(page, control_text):
    """The course widget (a ChartExplorer box) holding the control labelled ``control_text``
    (a string it contains, or a compiled pattern)."""
    return (
        page.locator(".widget-vbox")
        .filter(has=page.locator(".widget-label", has_text=control_text))
        .filter(has=page.locator(CHART_SVG))
        .first
    )


def press(page, handle, key: str, times: int) -> None:
    """Focus ``handle`` (a slider's handle, say) and press ``key`` ``times`` times."""
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


def svg_of(chart) -> str:
    return chart.evaluate("svg => svg.outerHTML")


def wait_until_redrawn(page, chart, before: str, timeout_ms: int = 15_000) -> str:
    """Wait until ``chart`` (a locator of one SVG) draws something other than ``before``, and
    return the new SVG. Vega may replace the element, so the locator is read afresh each time."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        try:
            now = svg_of(chart)
        except PlaywrightError:  # between the old element leaving and the new one arriving
            now = before
        if now != before and "role-mark" in now:
            return now
        page.wait_for_timeout(200)
    raise AssertionError(f"the chart did not redraw within {timeout_ms} ms")


# --- How a chart is laid out: what a careful editor checks by eye ---------------------------

#: The phrases layout_problems reports, one per rule.
TWO_LEGENDS = "two legends titled alike"
PAST_THE_EDGE = "text runs past the output area's right edge"
CUT_SHORT = "text cut short"
LABELS_OVERLAP = "adjacent axis labels overlap"
NOT_YEARS = "Year axis labels that are not 4-digit years"

_LAYOUT_PROBLEMS_JS = """
([TWO_LEGENDS, PAST_THE_EDGE, CUT_SHORT, LABELS_OVERLAP, NOT_YEARS]) => {
  const problems = [];
  const shown = t => t.getAttribute('opacity') !== '0' && t.textContent.trim() !== '';
  const texts = (group, role) =>
    [...group.querySelectorAll(`g.role-${role} text`)].filter(shown);
  const overlap = (a, b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
    a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  document.querySelectorAll('.jp-OutputArea-output .vega-embed svg').forEach((svg, index) => {
    const titles = [...svg.querySelectorAll('g.role-title-text text')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const chart = titles.length ? titles[0].textContent.trim() : `chart ${index}`;
    const report = (rule, detail) => problems.push(`${chart}: ${rule}: ${detail}`);

    const legendTitles = [...svg.querySelectorAll('g.role-legend')].map(
      legend => texts(legend, 'legend-title').map(t => t.textContent.trim()).join(' '));
    new Set(legendTitles.filter((t, i) => legendTitles.indexOf(t) !== i))
      .forEach(title => report(TWO_LEGENDS, `'${title}'`));

    const output = svg.closest('.jp-OutputArea-output').getBoundingClientRect();
    const panel = svg.closest('.jp-NotebookPanel, .jp-Notebook') || document.body;
    const edge = Math.min(output.right, panel.getBoundingClientRect().right);
    const past = [...svg.querySelectorAll('text')].filter(shown)
      .filter(t => t.getBoundingClientRect().right > edge + 1);
    if (past.length) report(PAST_THE_EDGE, past.slice(0, 3).map(t => `'${t.textContent}'`).join(', '));

    [...svg.querySelectorAll('text')].filter(shown)
      .filter(t => t.textContent.trim().endsWith('…'))
      .forEach(t => report(CUT_SHORT, `'${t.textContent.trim()}'`));

    svg.querySelectorAll('g.role-axis').forEach(axis => {
      const labels = texts(axis, 'axis-label');
      const title = texts(axis, 'axis-title').map(t => t.textContent.trim()).join(' ');
      for (let i = 1; i < labels.length; i++) {
        if (overlap(labels[i - 1].getBoundingClientRect(), labels[i].getBoundingClientRect())) {
          report(LABELS_OVERLAP, `'${labels[i - 1].textContent}' and '${labels[i].textContent}' on the '${title}' axis`);
          break;
        }
      }
      if (title === 'Year') {
        const odd = labels.map(t => t.textContent.trim()).filter(l => !/^\\d{4}$/.test(l));
        if (odd.length) report(NOT_YEARS, odd.slice(0, 4).map(l => `'${l}'`).join(', '));
      }
    });
  });
  return problems;
}
"""


def layout_problems(page) -> list[str]:
    """One line per rule per chart drawn on the page (empty when every chart is laid out well):
    two legends titled alike; text running past the output area's right edge; text cut short
    with "…"; adjacent axis labels overlapping; a Year axis labelled with anything but years.
    Each line starts with the chart's title."""
    return page.evaluate(
        _LAYOUT_PROBLEMS_JS, [TWO_LEGENDS, PAST_THE_EDGE, CUT_SHORT, LABELS_OVERLAP, NOT_YEARS]
    )

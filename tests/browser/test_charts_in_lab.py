"""Every chart the course draws, drawn in JupyterLab at 1280×800 with the file browser open, laid
out as a careful editor would ship it; and the layout check itself fails on charts broken on
purpose, one per rule."""

from __future__ import annotations

from contextlib import contextmanager

import nbformat

from ..chart_gallery import CHARTS, EXPLORERS, SETUP
from .lab import ARTIFACTS, browser_tab
from .student import (
    CUT_SHORT,
    LABELS_OVERLAP,
    NOT_YEARS,
    PAST_THE_EDGE,
    TWO_LEGENDS,
    assert_renders,
    layout_problems,
    open_notebook,
    run_all_cells,
)

#: A laptop screen, as the issue found the defects.
LAPTOP = {"width": 1280, "height": 800}
CHART_OUTPUT = ".jp-OutputArea-output:has(.vega-embed svg)"

#: Charts broken on purpose, one per rule: title -> (the code that draws it, the phrase it must
#: be reported under). Each is titled so that its lines can be told apart.
BROKEN = {
    "Broken: two legends": (
        """alt.Chart(pd.DataFrame({"x": [1, 2, 1, 2], "y": [1, 2, 2, 3], "n": list("aabb")}))
.mark_line().encode(x=alt.X("x:Q", title="x"), y=alt.Y("y:Q", title="y"),
    color=alt.Color("n:N", title="Series", sort=["b", "a"]),
    strokeDash=alt.StrokeDash("n:N", title="Series"))""",
        TWO_LEGENDS,
    ),
    "Broken: too wide": (
        """alt.Chart(pd.DataFrame({"x": [1, 2], "y": [1, 2]})).mark_line()
.encode(x=alt.X("x:Q", title="x"), y=alt.Y("y:Q", title="y")).properties(width=1400)""",
        PAST_THE_EDGE,
    ),
    "Broken: cut short": (
        """alt.Chart(pd.DataFrame({"x": [1, 2], "y": [1, 2], "n": ["a label far too long", "b"]}))
.mark_point().encode(x=alt.X("x:Q", title="x"), y=alt.Y("y:Q", title="y"),
    color=alt.Color("n:N", title="Kind", legend=alt.Legend(labelLimit=60)))""",
        CUT_SHORT,
    ),
    "Broken: overlapping labels": (
        """alt.Chart(pd.DataFrame({"k": ["first long category", "second long category"], "v": [1, 2]}))
.mark_bar().encode(x=alt.X("k:N", title="Category",
    axis=alt.Axis(labelAngle=0, labelOverlap=False)), y=alt.Y("v:Q", title="v"))
.properties(width=alt.Step(40))""",
        LABELS_OVERLAP,
    ),
    "Broken: months on a Year axis": (
        """alt.Chart(pd.DataFrame({"d": pd.to_datetime(["2010-01-01", "2011-06-30"]), "v": [1, 2]}))
.mark_line().encode(x=alt.X("d:T", title="Year"), y=alt.Y("v:Q", title="v"))""",
        NOT_YEARS,
    ),
}


def _probe(folder, name: str, setup: str, cells: list[str]) -> str:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [nbformat.v4.new_code_cell(setup)] + [
        nbformat.v4.new_code_cell(code) for code in cells
    ]
    (folder / f"{name}.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
    return f"{name}.ipynb"


@contextmanager
def _lab_at_laptop_size(chromium, lab, path: str, name: str, charts: int):
    """Open ``path`` at 1280×800 with the file browser open, run it, wait for its charts."""
    base, token = lab
    with browser_tab(chromium, ARTIFACTS / f"{name}.png", LAPTOP, full_page=False) as page:
        open_notebook(page, base, token, path)
        file_browser = page.locator("#filebrowser")
        if not file_browser.is_visible():
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
        assert file_browser.is_visible(), "the file browser should be open, as a student has it"
        run_all_cells(page, timeout_ms=300_000)
        assert_renders(page, name, min_charts=charts, timeout_ms=120_000)
        page.wait_for_timeout(1000)  # let the last widget settle its layout
        yield page


def test_every_chart_is_laid_out_as_an_editor_would_ship_it(chromium, lab, course):
    cells = list(CHARTS.values()) + list(EXPLORERS.values())
    path = _probe(course, "probe-chart-gallery", SETUP, cells)
    with _lab_at_laptop_size(chromium, lab, path, "chart-gallery", len(cells)) as page:
        problems = layout_problems(page)
        _screenshot_each_chart(page, "chart-gallery")
        assert problems == []


def _screenshot_each_chart(page, name: str) -> None:
    """``test-artifacts/<name>-NN.png`` for each chart's output, in the width the layout was
    checked at; the window grows taller for a chart taller than a laptop screen."""
    outputs = page.locator(CHART_OUTPUT)
    for index in range(outputs.count()):
        output = outputs.nth(index)
        height = output.evaluate("o => o.getBoundingClientRect().height")
        page.set_viewport_size(
            {"width": LAPTOP["width"], "height": max(LAPTOP["height"], int(height) + 300)}
        )
        output.scroll_into_view_if_needed()
        output.screenshot(path=str(ARTIFACTS / f"{name}-{index + 1:02d}.png"))
    page.set_viewport_size(LAPTOP)


def test_the_layout_check_reports_each_broken_chart_under_its_rule_and_nothing_else(
    chromium, lab, course
):
    setup = (
        "import altair as alt\nimport pandas as pd\nimport balancing_act as ba\nba.setup()\n"
        "from balancing_act.charts.accessibility import describe"
    )
    cells = [
        f"describe({code}, {title!r}, 'A chart broken on purpose for the layout check.')"
        for title, (code, _) in BROKEN.items()
    ]
    path = _probe(course, "probe-broken-charts", setup, cells)
    with _lab_at_laptop_size(chromium, lab, path, "chart-broken", len(BROKEN)) as page:
        reported = layout_problems(page)
        _screenshot_each_chart(page, "chart-broken")
    expected = [f"{title}: {rule}: " for title, (_, rule) in BROKEN.items()]
    missing = [start for start in expected if not any(line.startswith(start) for line in reported)]
    unexpected = [line for line in reported if not line.startswith(tuple(expected))]
    assert (missing, unexpected) == ([], []), "\n".join(reported)

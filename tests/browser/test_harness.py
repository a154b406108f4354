"""The browser check itself: a notebook whose chart or widget cannot render must FAIL it.

Each probe notebook draws one good chart and then breaks in one way a student could meet: a chart
Vega cannot draw, or a widget whose front end JupyterLab does not have. ``assert_renders`` (the
check the lesson tests end with) must fail, name the cause, and leave a screenshot.
"""

from __future__ import annotations

import time

import nbformat
import pytest

from .lab import ARTIFACTS
from .student import CHART_SVG, assert_renders, open_notebook, run_all_cells

SETUP = """import altair as alt
import ipywidgets as widgets
import traitlets

import balancing_act as ba

ba.setup()
points = alt.Data(values=[{"year": 1991, "events": 3}, {"year": 1994, "events": 5}])"""

GOOD_CHART = """alt.JupyterChart(
    alt.Chart(points, description="Two points: 3 events in 1991 and 5 in 1994.")
    .mark_point()
    .encode(x="year:O", y="events:Q"),
    embed_options={"renderer": "svg", "actions": False},
)"""

BROKEN = {
    # Vega-Lite has no mark called "no_such_mark": the chart widget loads, Vega cannot draw.
    "invalid-chart-spec": """chart = alt.JupyterChart(alt.Chart(points).mark_point().encode(x="year:O"))
chart.spec = {"mark": "no_such_mark", "data": {"values": [{"year": 1991}]}}
chart""",
    # A widget whose JavaScript module is not installed: JupyterLab cannot build its view.
    "missing-widget-front-end": """class Missing(widgets.DOMWidget):
    _view_name = traitlets.Unicode("MissingView").tag(sync=True)
    _view_module = traitlets.Unicode("balancing-act-missing-front-end").tag(sync=True)
    _view_module_version = traitlets.Unicode("1.0.0").tag(sync=True)
    _model_name = traitlets.Unicode("MissingModel").tag(sync=True)
    _model_module = traitlets.Unicode("balancing-act-missing-front-end").tag(sync=True)
    _model_module_version = traitlets.Unicode("1.0.0").tag(sync=True)

Missing()""",
}

EXPECTED_CAUSE = {
    "invalid-chart-spec": "a chart failed to draw",
    "missing-widget-front-end": "widget(s) show JupyterLab's error view",
}


def write_probe(folder, name: str, cells: list[str]) -> str:
    notebook = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    (folder / "probes").mkdir(exist_ok=True)
    nbformat.write(notebook, folder / "probes" / f"{name}.ipynb")
    return f"probes/{name}.ipynb"


@pytest.mark.parametrize("breakage", sorted(BROKEN))
def test_the_check_fails_with_a_screenshot_when_a_widget_cannot_render(course, lab, page, breakage):
    base, token = lab
    path = write_probe(course, breakage, [SETUP, GOOD_CHART, BROKEN[breakage]])
    shot = ARTIFACTS / f"probe-{breakage}-FAILED.png"
    shot.unlink(missing_ok=True)
    started = time.time()

    open_notebook(page, base, token, path)
    run_all_cells(page)
    with pytest.raises(AssertionError) as failure:
        assert_renders(page, f"probe-{breakage}", min_charts=2)

    message = str(failure.value)
    assert EXPECTED_CAUSE[breakage] in message, message
    assert "1 chart(s) drawn as SVG, expected at least 2" in message, message
    assert shot.exists() and shot.stat().st_mtime >= started and shot.stat().st_size > 10_000
    # The good chart did draw, with its marks: the check failed on the breakage alone.
    assert page.locator(CHART_SVG).first.locator(".role-mark > *").count() == 2

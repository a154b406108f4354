"""A student opens the start notebook in JupyterLab, runs it, and the chart and widget work."""

from __future__ import annotations

from .student import assert_renders, chart_svgs, open_notebook, run_all_cells


def test_start_notebook_draws_its_charts_and_widget_offline(lab, page):
    base, token = lab
    open_notebook(page, base, token, "lessons/00-start-here.ipynb")
    run_all_cells(page)

    charts = chart_svgs(page)
    charts.nth(1).wait_for(timeout=30_000)
    assert charts.count() >= 2, "the start notebook should draw a chart and a widget's chart"
    # Each chart is drawn as SVG, its container labelled with the description for screen readers.
    labels = page.locator(".vega-embed").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert all(label and len(label) > 20 for label in labels), labels

    widget_chart = charts.nth(1)
    before = widget_chart.evaluate("svg => svg.outerHTML")
    slider_handle = page.locator(".widget-slider .noUi-handle").first
    slider_handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Five moves, each drawn in turn (a drawing is swapped in whole, so wait for the last one):
    # the chart's title names the years the slider reached, 1996 to 2024.
    page.wait_for_function(
        """() => [...(document.querySelectorAll('.vega-embed')[1]
            ?.querySelectorAll('.role-title-text') ?? [])]
            .some(title => title.textContent.includes('1996–2024'))""",
        timeout=15_000,
    )
    assert widget_chart.evaluate("svg => svg.outerHTML") != before
    # So the kept screenshot shows the widget.
    page.locator(".vega-embed").nth(1).scroll_into_view_if_needed()

    assert page.watch.outside_requests == []
    assert page.watch.page_errors == []
    assert_renders(page, "start-notebook", min_charts=2)

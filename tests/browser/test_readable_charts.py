"""In JupyterLab, a student pointing at an event reads the event: in the oil explorer, the
timeline explorer and the claim explorer, the tooltip under the pointer is the event's, with its
title, its id and how it moved Baku; choosing an event in "Read event" shows a card that prints
its id. The checks (``newcomer_checks.py``) are shown failing on planted widgets as they were:
the oil chart's thin dashed event lines with the period bands answering the pointer, and a card
without its id. Screenshots at 1280×800 with the tooltip showing: ``test-artifacts/readable-*.png``.
"""

from __future__ import annotations

import pytest

from ..chart_gallery import EXPLORERS
from .lab import ARTIFACTS, browser_tab
from .newcomer_checks import (
    check_card_line_height,
    check_card_shows_id,
    check_event_tooltip,
    point_at,
    read_tooltip,
)
from .student import CHART_SVG, assert_renders, open_notebook, run_all_cells, widget_with
from .test_charts_in_lab import LAPTOP
from .test_harness import write_probe

SETUP = """\
import re

import ipywidgets as widgets

import balancing_act as ba
from balancing_act.charts.series import oil_policy_chart
from balancing_act.widgets.explorer import ChartExplorer

ba.setup()
events, series = ba.load_events(), ba.load_series()"""

#: The oil chart as it was: each event a thin dashed line, no pointer target above it.
THIN_LINES = """\
def thin(years):
    chart = oil_policy_chart(series, events, ["brent_usd_per_bbl"], years, ["energy"])
    for panel in chart.vconcat:
        panel.layer = panel.layer[:-1]  # the wide targets gone
    return chart

ChartExplorer(
    {"years": widgets.IntRangeSlider(value=(1991, 2024), min=1991, max=2024,
                                     description="Thin years", continuous_update=False)},
    thin, kind="planted", words=lambda controls: ("planted", "thin event lines"),
)"""

#: A timeline whose card leaves out the event's id and its own line height, as every card did.
CARD_WITHOUT_ID = """\
planted = ba.timeline_explorer(years=(1991, 2007), categories=["energy"])

def as_before(change):
    html = re.sub(r'<p class="ba-event-id">.*?</p>', "", planted.card.value)
    planted.card.value = html.replace("line-height:1.4", "")

planted.picker.observe(as_before, names="value")
planted"""


def _shot(page, widget, name: str) -> None:
    widget.evaluate("w => w.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / f"readable-{name}.png"))


def test_a_student_reads_each_events_id_and_move_where_the_pointer_rests(chromium, lab, course):
    base, token = lab
    cells = [
        SETUP,
        EXPLORERS["oil and policy explorer"],
        EXPLORERS["timeline explorer"],
        EXPLORERS["claim explorer"],
    ]
    path = write_probe(course, "readable-charts", cells)
    with browser_tab(chromium, ARTIFACTS / "readable-charts.png", LAPTOP, False) as page:
        open_notebook(page, base, token, path)
        run_all_cells(page, timeout_ms=300_000)
        assert_renders(page, "readable-charts", 3, timeout_ms=120_000)

        oil = widget_with(page, "Series")
        tooltips = check_event_tooltip(page, oil, events=8)
        assert all(t["Category"] == "energy" for t in tooltips)
        # What the student sees: the tooltip of an event line over the period band.
        point_at(page, oil.locator("g[class*='event_targets'] line").nth(3))
        read_tooltip(page)
        page.screenshot(path=str(ARTIFACTS / "readable-oil-tooltip.png"))

        timeline = widget_with(page, "Any of")
        check_event_tooltip(page, timeline, events=4)
        event_id = check_card_shows_id(page, timeline)
        assert event_id.startswith(("199", "200"))  # the explorer opens on 1991-2007
        check_card_line_height(timeline)
        card = timeline.locator(".widget-html-content", has_text="Sources:")
        card.evaluate("c => c.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(ARTIFACTS / "readable-timeline-card.png"))

        claim = widget_with(page, "Claim")
        check_event_tooltip(page, claim, events=4)
        check_card_shows_id(page, claim, index=2)
        drawn = claim.locator(CHART_SVG).first.text_content()
        assert "brief published, 14 March 2019" in drawn
        _shot(page, claim, "claim")


def test_the_checks_catch_thin_event_lines_and_a_card_without_its_id(chromium, lab, course):
    base, token = lab
    path = write_probe(course, "unreadable-charts", [SETUP, THIN_LINES, CARD_WITHOUT_ID])
    with browser_tab(chromium, ARTIFACTS / "readable-planted.png", LAPTOP, False) as page:
        open_notebook(page, base, token, path)
        run_all_cells(page, timeout_ms=300_000)
        assert_renders(page, "unreadable-charts", 2, timeout_ms=120_000)
        # Beside a dashed 1 px line, the period band behind it answers the pointer.
        with pytest.raises(AssertionError, match="the tooltip shows .*Period.* without"):
            check_event_tooltip(page, widget_with(page, "Thin years"))
        planted = widget_with(page, "Any of")
        with pytest.raises(AssertionError, match="does not print its id"):
            check_card_shows_id(page, planted, timeout_ms=4_000)
        with pytest.raises(AssertionError, match="lines are 2.* times its font size apart"):
            check_card_line_height(planted)

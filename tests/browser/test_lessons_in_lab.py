"""A student opens lessons in JupyterLab, runs them, moves controls and reads an event's sources."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import expect

from ..notebook_tools import ROOT
from .lab import ARTIFACTS
from .student import (
    CHART_SVG,
    assert_renders,
    open_notebook,
    press,
    run_all_cells,
    svg_of,
    wait_until_redrawn,
    widget_with,
)
from .test_math_in_lab import typeset_math

LESSON_2 = "lessons/02-building-the-balancing-act.ipynb"
LESSON_8 = "lessons/08-the-brief-meets-history.ipynb"


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_lesson_2_timeline_redraws_and_shows_an_events_sources(lab, page):
    base, token = lab
    open_notebook(page, base, token, LESSON_2)
    run_all_cells(page)
    # The timeline explorer, the membership explorer and the balance chart.
    assert_renders(page, "lesson-2", min_charts=3)

    timeline = widget_with(page, "Read event")
    chart = timeline.locator(CHART_SVG)
    before = svg_of(chart)
    assert "1991" in before

    # Move the lower end of the Years slider from 1991 to 1996: the chart redraws without 1991.
    press(page, timeline.locator(".noUi-handle-lower"), "ArrowRight", 5)
    after = wait_until_redrawn(page, chart, before)
    assert ">1991<" not in after and ">1996<" in after, "the axis should start at 1996"

    # Choose an event from the "Read event" list: its card appears with linked sources. The list
    # follows the slider too (wait for it: it may update a moment after the chart).
    picker = timeline.locator(".widget-dropdown", has_text="Read event").locator("select")
    expect(picker.locator("option").nth(1)).to_contain_text("1996-")
    picker.select_option(index=1)
    # ipywidgets writes option labels with non-breaking spaces.
    first_title = plain(picker.evaluate("s => s.options[s.selectedIndex].text")).split(" · ", 1)[1]
    card = timeline.locator(".widget-html-content", has_text="Sources:")
    expect(card.locator("h4")).to_have_text(first_title, timeout=15_000)
    sources = card.locator("a[href^='http']")
    assert sources.count() >= 1, "an event card lists its sources as links"
    assert all(target == "_blank" for target in sources.evaluate_all("as => as.map(a => a.target)"))

    # Click another point on the chart: the card follows the click.
    points = chart.locator(".mark-symbol.role-mark path")
    labels = points.evaluate_all("ps => ps.map(p => p.getAttribute('aria-label') || '')")
    target = next(
        index
        for index, label in enumerate(labels)
        if "Event: " in label and first_title not in label
    )
    wanted = re.search(r"Event: (.*?); Moved Baku", labels[target]).group(1)
    points.nth(target).click(force=True)  # force: a neighbouring point may overlap the edge
    card.locator("h4", has_text=wanted).wait_for(timeout=15_000)
    assert card.locator("a[href^='http']").count() >= 1
    assert wanted in plain(picker.evaluate("s => s.options[s.selectedIndex].text"))

    # This view (chart, list and card) is the README's screenshot: the test keeps docs/ current,
    # and a person looks at it before committing.
    page.mouse.move(5, 5)  # away from the chart, so no tooltip hides it
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()  # fold the files
    page.set_viewport_size({"width": 1280, "height": 800})
    chart.evaluate("svg => svg.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "lesson-2-timeline.png"))
    shutil.copyfile(ARTIFACTS / "lesson-2-timeline.png", ROOT / "docs" / "lesson-screenshot.png")
    assert_renders(page, "lesson-2-after-clicks", min_charts=3)
    assert typeset_math(page) == []  # event titles and cards quote prices in dollars


def test_lesson_8_claim_explorer_redraws_when_the_claim_changes(lab, page):
    base, token = lab
    open_notebook(page, base, token, LESSON_8)
    run_all_cells(page)
    # The 2020-2025 timeline, the claim explorer, the balance chart and the balance explorer.
    assert_renders(page, "lesson-8", min_charts=4)

    claims = widget_with(page, "Claim")
    chart = claims.locator(CHART_SVG).first
    before = svg_of(chart)
    assert "Evidence linked to C10" in before
    claims.locator(".widget-dropdown", has_text="Claim").locator("select").select_option(index=0)
    after = wait_until_redrawn(page, chart, before)
    assert "Evidence linked to C1<" in after
    # The claim's text above the chart follows the choice too.
    claim_text = claims.locator(".widget-html-content", has_text="Against:")
    assert claim_text.inner_text().startswith("C1 (")

    # The balance explorer: a weight slider moves and the index redraws.
    balance = widget_with(page, "security")
    chart = balance.locator(CHART_SVG)
    before = svg_of(chart)
    press(
        page,
        balance.locator(".widget-slider", has_text="security").locator(".noUi-handle"),
        "ArrowRight",
        3,
    )
    wait_until_redrawn(page, chart, before)
    assert_renders(page, "lesson-8-after-moves", min_charts=4)
    # The evidence tables quote event titles with prices ("at $70 oil ... below $60").
    page.locator("details.ba-evidence summary").first.click()
    assert typeset_math(page) == []

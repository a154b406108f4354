"""A state the page drew ahead, while the student read the chart before it, is the state the
controls show, drawn as the page draws it when asked (``balancing_act/widgets/drawn_ahead.js``).

Two explorers of the same chart sit in one notebook: one draws ahead (as every explorer does in a
kernel), one draws nothing ahead and starts two years later. The first is moved a year, left to
draw ahead, and moved another year: that chart must come from a drawing made ahead, and must be
the second explorer's, drawn when shown, mark for mark. A year apart, the two differ, so the
comparison can fail; and an explorer that draws nothing ahead never shows a drawing made ahead.
"""

from __future__ import annotations

from .lab import ARTIFACTS, browser_tab
from .student import assert_renders, open_notebook, press, run_all_cells, widget_with
from .test_charts_in_lab import LAPTOP
from .test_explorers_in_lab import DRAWN, SETUP, changed
from .test_harness import write_probe
from .test_redraw_speed import DRAWN as HOW_DRAWN

#: The same chart, by year, in two explorers: one draws ahead, one does not.
EXPLORER = """\
def up_to(year):
    return ba.timeline_chart(events[events["date"].dt.year <= year])

ChartExplorer(
    {{"year": widgets.IntSlider(value={year}, min=1991, max=2025, description="{label}",
                               continuous_update=False)}},
    up_to,
    kind="probe",
    words=lambda controls: ("move a year", "events up to a year"),
    ahead={ahead},
)"""


def test_a_state_drawn_ahead_in_the_page_is_the_state_the_controls_show(chromium, lab, course):
    base, token = lab
    cells = [
        SETUP,
        EXPLORER.format(year=2000, label="Ahead year", ahead=4),
        EXPLORER.format(year=2002, label="Shown year", ahead=0),
    ]
    path = write_probe(course, "drawn-ahead", cells)
    with browser_tab(chromium, ARTIFACTS / "drawn-ahead.png", LAPTOP, False) as page:
        open_notebook(page, base, token, path)
        run_all_cells(page, timeout_ms=300_000)
        assert_renders(page, "drawn-ahead", 2, timeout_ms=120_000)
        ahead, shown = widget_with(page, "Ahead year"), widget_with(page, "Shown year")
        handle = ahead.locator(".widget-slider", has_text="Ahead year").locator(".noUi-handle")
        for year in (2001, 2002):
            before = ahead.evaluate(DRAWN)
            press(page, handle, "ArrowRight", 1)
            assert changed(page, ahead, before, 20), f"moving to {year} drew nothing new"
            if year == 2001:
                in_2001 = ahead.evaluate(DRAWN)
                assert ahead.evaluate(HOW_DRAWN) == "when shown"  # nothing is ahead of a first move
                page.wait_for_timeout(3000)  # the student reads; kernel and page draw ahead
        assert ahead.evaluate(HOW_DRAWN) == "ahead"
        assert shown.evaluate(HOW_DRAWN) == "when shown"
        assert in_2001 != shown.evaluate(DRAWN), "a year apart, the charts should differ"
        assert ahead.evaluate(DRAWN) == shown.evaluate(DRAWN)

"""Each of the course's seven explorers, moved in JupyterLab as a student moves it (a slider by
keyboard, a list by choosing), draws something else; and the check itself catches a control
wired to nothing: a planted explorer whose chart ignores its slider is reported as "did not
change". Each explorer is photographed at 1280×800 after its move (``test-artifacts/explorer-*.png``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..chart_gallery import EXPLORERS
from .lab import ARTIFACTS, browser_tab
from .student import assert_renders, open_notebook, press, run_all_cells, widget_with
from .test_charts_in_lab import LAPTOP
from .test_harness import write_probe

SETUP = """\
import ipywidgets as widgets

import balancing_act as ba
from balancing_act.widgets.explorer import ChartExplorer

ba.setup()
events = ba.load_events()"""

#: A control wired to nothing: the chart is the same whatever the year.
IGNORED = """\
ChartExplorer(
    {"year": widgets.IntSlider(value=2008, min=1991, max=2025, description="Ignored year",
                               continuous_update=False)},
    lambda year: ba.timeline_chart(events),
    kind="planted",
    words=lambda controls: ("move a year the chart ignores", "every event"),
)"""

#: Everything a reader or a screen reader gets from a drawn chart: its description, its title and
#: each mark's label, path and place. Clip-path ids, which change on every redraw, are left out.
DRAWN = """box => {
    const svg = box.querySelector('.vega-embed svg');
    const marks = [...svg.querySelectorAll('.role-mark > *')].map(mark =>
        ['aria-label', 'd', 'transform'].map(name => mark.getAttribute(name) || '').join(' '));
    return [svg.closest('.vega-embed').getAttribute('aria-label') || '',
            ...[...svg.querySelectorAll('.role-title-text text')].map(t => t.textContent),
            ...marks].join('\\n');
}"""

#: What the controls show: each slider's readout, each list's choice.
CONTROLS = (
    "box => [...box.querySelectorAll('.widget-readout, select')].map(c => c.value ?? c.textContent)"
)


def slide(slider: str, handle: str, times: int) -> Callable:
    """Press → on a handle of the slider labelled ``slider``, as a student using the keyboard."""

    def move(page, widget):
        found = widget.locator(".widget-slider", has_text=slider).locator(handle)
        press(page, found, "ArrowRight", times)

    return move


def choose(control: str, **option) -> Callable:
    """Choose an option (``label=...`` or ``index=...``) in the drop-down list labelled
    ``control``."""

    def move(_page, widget):
        widget.locator(".widget-dropdown", has_text=control).locator("select").select_option(
            **option
        )

    return move


@dataclass(frozen=True)
class Explorer:
    label: str | re.Pattern  # a control label only this explorer has
    code: str  # the cell that makes it
    move: Callable  # what the student does


#: The course's explorers, as the lessons open them, each with one move.
COURSE_EXPLORERS = {
    "timeline": Explorer(
        "Any of", EXPLORERS["timeline explorer"], slide("Years", ".noUi-handle-lower", 5)
    ),
    "series": Explorer(
        "Series", EXPLORERS["oil and policy explorer"], slide("Years", ".noUi-handle-lower", 5)
    ),
    "memberships": Explorer(
        re.compile(r"^Year$"), EXPLORERS["membership explorer"], slide("Year", ".noUi-handle", 3)
    ),
    "balance": Explorer(
        "security", EXPLORERS["balance explorer"], slide("security", ".noUi-handle", 3)
    ),
    "claim": Explorer("Claim", EXPLORERS["claim explorer"], choose("Claim", index=0)),
    "comparison": Explorer(
        "against", EXPLORERS["comparison explorer"], choose("against", label="Georgia (GEO)")
    ),
    "partners": Explorer(
        re.compile(r"^Partners$"),
        EXPLORERS["partner explorer"],
        slide("Years", ".noUi-handle-lower", 5),
    ),
}
PLANTED = Explorer("Ignored year", IGNORED, slide("Ignored year", ".noUi-handle", 3))


def changed(page, widget, before: str, seconds: float) -> bool:
    """Whether the chart in ``widget`` draws something other than ``before`` within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if widget.evaluate(DRAWN) != before:
            return True
        page.wait_for_timeout(250)
    return False


def test_each_explorer_redraws_when_moved_and_a_control_wired_to_nothing_is_caught(
    chromium, lab, course
):
    base, token = lab
    moved = {**COURSE_EXPLORERS, "planted": PLANTED}
    path = write_probe(course, "explorers", [SETUP] + [e.code for e in moved.values()])
    with browser_tab(chromium, ARTIFACTS / "explorers-in-lab.png", LAPTOP, False) as page:
        open_notebook(page, base, token, path)
        run_all_cells(page, timeout_ms=300_000)
        assert_renders(page, "explorers-in-lab", len(moved), timeout_ms=120_000)
        outcome, controls_moved = {}, {}
        for kind, explorer in moved.items():
            widget = widget_with(page, explorer.label)
            widget.scroll_into_view_if_needed()
            before, settings = widget.evaluate(DRAWN), widget.evaluate(CONTROLS)
            explorer.move(page, widget)
            # Long enough for the kernel to answer and Vega to draw; a chart that has not
            # changed by then is not going to.
            outcome[kind] = "changed" if changed(page, widget, before, 20) else "did not change"
            controls_moved[kind] = widget.evaluate(CONTROLS) != settings
            # What the student sees at 1280×800: the widget from its top, no tooltip over it.
            page.mouse.move(5, 5)
            widget.evaluate("w => w.scrollIntoView({block: 'start'})")
            page.screenshot(path=str(ARTIFACTS / f"explorer-{kind}.png"))
        assert controls_moved == dict.fromkeys(moved, True), "every control should have moved"
        assert outcome == {
            **dict.fromkeys(COURSE_EXPLORERS, "changed"),
            "planted": "did not change",
        }
        assert_renders(page, "explorers-in-lab-after-moves", len(moved))

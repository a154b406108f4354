"""The steps of the newcomer's walk through JupyterLab (tests/browser/test_walkthrough.py), each
returning what went wrong (an empty list when nothing did), so the walk goes on and reports all.

Every step acts as a student does: the file browser, the Run menu, the keyboard on a slider, a
radio button and the Check button, the tab's close button.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .student import error_outputs, rendering_problems, run_all_cells, widget_with
from .test_explorers_in_lab import COURSE_EXPLORERS, DRAWN, changed

#: Each ``ba.<name>(`` explorer call in a lesson, and its entry in COURSE_EXPLORERS.
EXPLORER_CALLS = {
    "timeline_explorer": "timeline",
    "oil_policy_explorer": "series",
    "membership_explorer": "memberships",
    "balance_explorer": "balance",
    "claim_explorer": "claim",
    "comparison_explorer": "comparison",
    "partner_explorer": "partners",
}
#: What the title of a tab with unsaved changes carries.
DIRTY_TAB = ".lm-TabBar-tab.jp-mod-current.jp-mod-dirty"
#: How long Lab takes, after the kernel is idle, to compare the kernel's language_info with the
#: notebook's (measured: 3-4 s on the 2-core machine; a notebook that changes is dirty by then).
SETTLE_MS = 6_000


@dataclass
class Finding:
    """What one notebook's walk found: problems by step, and how long it took."""

    name: str
    problems: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    before_you_go: list[str] | None = None  # None: the lesson has no such section yet

    def add(self, step: str, problems: list[str]) -> None:
        if problems:
            self.problems.setdefault(step, []).extend(problems)


def explorer_kinds(source: str) -> list[str]:
    """The explorers a lesson's source makes, each kind once, in order of first use."""
    kinds = []
    for name in re.findall(r"ba\.(\w+_explorer)\(", source):
        kind = EXPLORER_CALLS.get(name)
        if kind and kind not in kinds:
            kinds.append(kind)
    return kinds


# --- the file browser --------------------------------------------------------------------------


def open_folder(page, base: str, token: str, folder: str) -> None:
    page.goto(f"{base}/lab/tree/{folder}?token={token}&reset", wait_until="domcontentloaded")
    page.locator(".jp-DirListing-item").first.wait_for(timeout=60_000)


def listed(page) -> list[str]:
    """The names the file browser shows in the open folder."""
    page.locator(".jp-DirListing-item").first.wait_for(timeout=30_000)
    return page.locator(".jp-DirListing-item .jp-DirListing-itemText").all_inner_texts()


def listed_once(page, stem: str) -> list[str]:
    """Problems if anything but one file named ``stem.<suffix>`` is listed (a lesson and its
    source side by side, truncated alike, is what a student met)."""
    names = [n for n in listed(page) if n.startswith(f"{stem}.")]
    return [] if len(names) == 1 else [f"{stem} is listed {len(names)} times: {names}"]


def open_from_browser(page, name: str) -> list[str]:
    """Double-click ``name`` in the file browser; wait for its kernel."""
    page.locator(".jp-DirListing-item", has_text=name).first.dblclick()
    try:
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=60_000)
        page.wait_for_selector(
            ".jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-Notebook-ExecutionIndicator[data-status='idle']",
            timeout=90_000,
        )
    except PlaywrightTimeoutError:
        return [f"{name} did not open with an idle kernel within 90 s"]
    return []


def opens_clean(page, name: str) -> list[str]:
    """Problems if Lab marks the notebook unsaved before the student has done anything."""
    page.wait_for_timeout(SETTLE_MS)
    if page.locator(DIRTY_TAB).count():
        return [f"{name} is marked unsaved as soon as it opens (its metadata is not Lab's)"]
    return []


_IDLE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.some(p => /\\[\\d+\\]/.test(p.textContent))
      && !prompts.some(p => p.textContent.includes('*'))
      && (!status || status.getAttribute('data-status') === 'idle');
}"""


def run_until_idle(page, timeout_ms: int = 180_000) -> None:
    """Run ▸ Run All Cells and wait until the kernel stops: an exercise stops at its first
    unanswered cell (``raise NotImplementedError()``), as it does for a student."""
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has_text="Run All Cells").first.click()
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
    page.wait_for_timeout(1_000)
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)


def run_everything(page, name: str, every_cell: bool = True, timeout_ms: int = 240_000) -> list:
    """Run ▸ Run All Cells; problems: cells that did not run, tracebacks, stderr."""
    try:
        if every_cell:
            run_all_cells(page, timeout_ms=timeout_ms)
        else:
            run_until_idle(page, timeout_ms)
    except (AssertionError, PlaywrightTimeoutError) as error:
        return [f"{name}: {str(error)[:300]}"]
    problems = [
        f"a cell raised: {t.strip()[-300:]}"
        for t in page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        ).all_inner_texts()
    ]
    problems += [f"a cell wrote to stderr: {t.strip()[:300]}" for t in error_outputs(page)]
    return problems


def close_current(page, save: bool) -> list[str]:
    """Save (as autosave would) or not, then close the tab, discarding anything unsaved."""
    if save:
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1_500)
    tab = page.locator(".lm-TabBar-tab.jp-mod-current")
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    dialog = page.locator(".jp-Dialog")
    try:
        dialog.wait_for(timeout=2_000)
        dialog.get_by_role("button", name=re.compile("Discard|Don't Save", re.I)).click()
    except PlaywrightTimeoutError:
        pass
    return []


# --- what a student does in a lesson ------------------------------------------------------------


def _different_option(_page, widget, control: str) -> None:
    select = widget.locator(".widget-dropdown", has_text=control).locator("select")
    count = select.locator("option").count()
    current = select.evaluate("s => s.selectedIndex")
    select.select_option(index=(current + 1) % count)


def move_explorer(page, kind: str) -> list[str]:
    """Move the first control of the lesson's ``kind`` explorer; problems if nothing redraws."""
    explorer = COURSE_EXPLORERS[kind]
    widget = widget_with(page, explorer.label)
    try:
        widget.scroll_into_view_if_needed(timeout=15_000)
    except (PlaywrightTimeoutError, PlaywrightError):
        return [f"the {kind} explorer is not on the page"]
    before = widget.evaluate(DRAWN)
    # The comparison's next country after Armenia is Azerbaijan itself, which the explorer
    # answers with a message: its own move (Georgia) is the one that must redraw.
    if kind == "claim":
        _different_option(page, widget, "Claim")
    else:
        explorer.move(page, widget)
    if not changed(page, widget, before, 20):
        return [f"the {kind} explorer did not redraw when its first control moved"]
    return []


def answer_choice(page, key: str, options: tuple[str, ...], right: str, feedback: str) -> list:
    """Answer ``ba.choice(key)`` wrongly, read the feedback, then rightly; problems if the
    feedback is not what the check says."""
    prompt_text = None
    from balancing_act.selfcheck.checks import get

    prompt_text = get(key).prompt
    box = (
        page.locator(".widget-vbox")
        .filter(has=page.locator(".widget-radio-box"))
        .filter(has_text=prompt_text[:60])
        .last
    )
    try:
        box.scroll_into_view_if_needed(timeout=15_000)
    except (PlaywrightTimeoutError, PlaywrightError):
        return [f"the self-check {key} is not on the page"]
    wrong = next(o for o in options if o != right)
    problems = []
    for option, expected in ((wrong, "✘"), (right, "✔ Right.")):
        box.locator(".widget-radio-box label", has_text=option[:60]).first.click()
        box.get_by_role("button", name="Check").click()
        verdict = box.locator("[role='status']")
        try:
            verdict.filter(has_text=expected).wait_for(timeout=15_000)
        except PlaywrightTimeoutError:
            shown = verdict.all_inner_texts()
            problems.append(f"{key}: answering {option[:40]!r} showed {shown}, not {expected!r}")
            continue
        if option == wrong and feedback and feedback[:40] not in verdict.inner_text():
            problems.append(f"{key}: the wrong option's own feedback is not shown")
    return problems


_BEFORE_YOU_GO_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = [...panel.querySelectorAll('.jp-Cell')];
  const start = cells.findIndex(c => [...c.querySelectorAll('h2')]
      .some(h => h.textContent.replace('¶', '').trim().startsWith('Before you go')));
  if (start < 0) return null;
  let end = cells.findIndex((c, i) => i > start && c.querySelector('h2'));
  if (end < 0) end = cells.length;
  const section = cells.slice(start, end);
  return {
    outputs: section.filter(c => c.querySelector('.jp-OutputArea-output')).length,
    hrefs: section.flatMap(c => [...c.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))),
  };
}"""


def before_you_go(page, following: str | None) -> list[str] | None:
    """Problems with the lesson's last student section, ``## Before you go``: it shows the
    student's progress (an output) and links the next lesson's notebook. None if it is absent."""
    found = page.evaluate(_BEFORE_YOU_GO_JS)
    if found is None:
        return None
    problems = []
    if not found["outputs"]:
        problems.append("Before you go shows no progress output")
    if following and not any(
        h.split("?")[0].endswith(f"{following}.ipynb") for h in found["hrefs"]
    ):
        problems.append(f"Before you go links no {following}.ipynb: {found['hrefs']}")
    return problems


def timed(finding: Finding, step: str, action: Callable[[], list[str] | None]):
    """Run a step, recording its problems (or the exception it raised) on ``finding``."""
    started = time.monotonic()
    try:
        result = action()
    except Exception as error:  # a step that crashes is a finding; the walk goes on
        finding.add(step, [f"{type(error).__name__}: {str(error)[:300]}"])
        result = None
    else:
        if result:
            finding.add(step, result)
    finding.seconds += time.monotonic() - started
    return result


def page_problems(page, min_charts: int) -> list[str]:
    """What rendering_problems reports for the visible notebook."""
    return rendering_problems(page, min_charts)

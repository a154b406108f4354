"""What a newcomer must be able to read in a widget, checked as they would: by pointing at an
event and reading the tooltip, and by choosing an event and reading its card. Each check returns
what it read and raises AssertionError, naming what was missing, when the widget does not give it.

The walk-through test calls these on the lessons' own widgets; ``test_readable_charts.py`` shows
each one passing on the course's explorers and failing on a planted widget as it used to be.
"""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from balancing_act.charts.event_marks import ID_TITLE, MOVED_TITLE
from balancing_act.course.vocabulary import ALIGNMENT_WORDS

#: vega-tooltip's box, one per page, shown while the pointer rests on a mark with a tooltip.
TOOLTIP = "#vg-tooltip-element"
#: The pointer targets laid over each event line, and the timeline's points.
EVENT_MARKS = "g[class*='event_targets'] line, g[class*='role-mark events'] path"
#: Event lines drawn without a target over them (what a chart without targets offers).
EVENT_LINES = "g[class*='event_lines'] line"
#: An event's id as the codebook writes it: its year, then words joined by hyphens.
EVENT_ID = re.compile(r"\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*")


def plain(text: str) -> str:
    return text.replace("\xa0", " ").strip()


def read_tooltip(page, timeout_ms: int = 5_000) -> dict[str, str]:
    """The rows of the visible Vega tooltip, ``{title: value}``."""
    box = page.locator(f"{TOOLTIP}.visible")
    box.wait_for(state="visible", timeout=timeout_ms)
    rows = box.evaluate(
        "box => [...box.querySelectorAll('tr')].map(r => "
        "[...r.querySelectorAll('td')].map(c => c.textContent))"
    )
    return {plain(row[0]): plain(row[1]) for row in rows if len(row) == 2}


def point_at(page, mark, beside: float = 3) -> tuple[float, float]:
    """Rest the pointer ``beside`` pixels right of the middle of ``mark`` (an event line, which
    Playwright's own hover refuses: its box has no width); returns where."""
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    x, y = box["x"] + box["width"] / 2 + beside, box["y"] + box["height"] / 2
    page.mouse.move(5, 5)
    page.mouse.move(x, y, steps=3)
    return x, y


def under_pointer(page, x: float, y: float) -> str:
    """What the page has at ``x``, ``y``: the element's tag, classes and label."""
    return page.evaluate(
        """([x, y]) => { const e = document.elementFromPoint(x, y);
            return e ? `${e.tagName} ${e.getAttribute('class') || e.parentNode.getAttribute('class')}`
              + ` ${(e.getAttribute('aria-label') || '').slice(0, 60)}` : 'nothing'; }""",
        [x, y],
    )


def check_event_tooltip(page, widget, events: int = 6, beside: float = 3) -> list[dict[str, str]]:
    """Point at up to ``events`` event lines (or points) of the chart in ``widget``, each
    ``beside`` pixels to the right of the line, as an unsteady hand does, and read the tooltip:
    each must be the event's own, with its title, its id and how it moved Baku in words (not a
    period band's). Returns the tooltips read."""
    marks = widget.locator(EVENT_MARKS)
    if not marks.count():
        marks = widget.locator(EVENT_LINES)
    count = marks.count()
    assert count, "the chart draws no event a pointer can reach (no event target or point)"
    picked = sorted({round(i * (count - 1) / max(1, events - 1)) for i in range(events)})
    read, problems = [], []
    for index in picked:
        tooltip = None
        for _attempt in range(2):  # a pointer that moves on at once may leave no tooltip
            x, y = point_at(page, marks.nth(index), beside)
            try:
                tooltip = read_tooltip(page)
                break
            except PlaywrightTimeoutError:
                continue
        if tooltip is None:
            problems.append(
                f"event {index}: no tooltip, the pointer on {under_pointer(page, x, y)}"
            )
            continue
        read.append(tooltip)
        missing = [title for title in ("Event", ID_TITLE, MOVED_TITLE) if not tooltip.get(title)]
        if missing:
            problems.append(f"event {index}: the tooltip shows {tooltip} without {missing}")
            continue
        if not EVENT_ID.fullmatch(tooltip[ID_TITLE]):
            problems.append(f"event {index}: {tooltip[ID_TITLE]!r} is not an event id")
        if tooltip[MOVED_TITLE] not in ALIGNMENT_WORDS.values():
            problems.append(f"event {index}: moved Baku {tooltip[MOVED_TITLE]!r}, not in words")
    page.mouse.move(5, 5)
    assert not problems, "; ".join(problems)
    return read


def check_card_shows_id(page, widget, index: int = 1, timeout_ms: int = 15_000) -> str:
    """Choose the ``index``-th event in the widget's "Read event" list and read its card: the card
    must print the event's id ("id: 2016-..."), the one the list names. Returns the id."""
    picker = widget.locator(".widget-dropdown", has_text="Read event").locator("select")
    picker.select_option(index=index)
    label = plain(picker.evaluate("s => s.options[s.selectedIndex].text"))
    event_id = label.split(" · ", 1)[0]
    assert EVENT_ID.fullmatch(event_id), f"the list names the event {label!r}, without its id"
    card = widget.locator(".widget-html-content", has_text="Sources:")
    expect(card).to_be_visible(timeout=timeout_ms)
    try:
        expect(card).to_contain_text(f"id: {event_id}", timeout=timeout_ms)
    except AssertionError as error:
        raise AssertionError(f"the card of {event_id} does not print its id") from error
    return event_id


#: The loosest line height a card's paragraphs may have, as a multiple of their font size
#: (ipywidgets' HTML box sets 28 px on a 13 px font, 2.15).
LOOSEST_LINE = 1.6


def check_card_line_height(widget) -> float:
    """The line height of the summary paragraph on the event card shown in ``widget``, as a
    multiple of its font size; fails when it is looser than ``LOOSEST_LINE``."""
    card = widget.locator(".widget-html-content", has_text="Sources:")
    ratio = (
        card.locator("p")
        .nth(2)
        .evaluate(
            "p => { const s = getComputedStyle(p); "
            "return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }"
        )
    )
    assert ratio <= LOOSEST_LINE, f"the card's lines are {ratio:.2f} times its font size apart"
    return ratio

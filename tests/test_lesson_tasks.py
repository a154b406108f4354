"""Tasks the lessons set can be done with the widgets they set them on.

A task that says "type a word in the search box" must find what the lesson asks about: lesson
02's task once asked for ``pipeline``, which misses the Novorossiysk route and the dual-route
decision because their texts never use the word.
"""

import re

import nbformat
import pytest

import balancing_act as ba
from tests.notebook_tools import ROOT

#: The export routes of 1995-2003 that lesson 02's search task asks the student to find.
ROUTE_EVENTS = {
    "1995-aioc-dual-early-oil-routes",
    "1996-baku-novorossiysk-transit-agreement",
    "1999-baku-supsa-pipeline-opens",
    "1999-btc-istanbul-agreements",
}


def search_term(lesson: str, cell_id: str) -> str:
    """The word a lesson's task tells the student to type in the search box."""
    notebook = nbformat.read(ROOT / "lessons" / f"{lesson}.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    found = re.search(r"type `([^`]+)` in the search", "".join(cell.source).replace("\n", " "))
    assert found, f"{lesson} cell {cell_id} no longer sets a search task"
    return found.group(1)


def routes_missed(term: str) -> set[str]:
    """Route events the lesson 02 explorer (years 1991-2003, every category) does not find."""
    found = ba.filter_events(ba.load_events(), years=(1991, 2003), text=term)
    return ROUTE_EVENTS - set(found["id"])


def test_lesson02_search_task_finds_every_route():
    assert routes_missed(search_term("02-building-the-balancing-act", "lesson02-03")) == set()


@pytest.mark.parametrize("weak_term", ["pipeline", "BTC"])
def test_a_word_that_misses_routes_is_caught(weak_term):
    # "pipeline" misses the early-oil routes; "BTC" finds the one route alone
    assert routes_missed(weak_term)


def cell_text(lesson: str, cell_id: str) -> str:
    notebook = nbformat.read(ROOT / "lessons" / f"{lesson}.ipynb", as_version=4)
    return " ".join(next(c for c in notebook.cells if c.get("id") == cell_id).source.split())


def test_lesson02_task_two_can_be_done_after_task_one():
    """Task 1 narrows the categories to integration and security; task 2's events of 4-5 May
    1994 are not all in those, so the task must say to select every category again first."""
    events = ba.load_events()
    may = events[events["date"].between("1994-05-04", "1994-05-05")]
    assert len(may) == 2 and not may["category"].isin(["integration", "security"]).all()
    text = cell_text("02-building-the-balancing-act", "lesson02-03")
    second = text.split("(2)", 1)[1].split("(3)", 1)[0]
    assert "every category again" in second.split("4 and 5 May")[0]


def where_the_id_is_told(text: str) -> bool:
    """Whether a task or hint that asks for an event's id says where the student reads it: the
    line after 'id:' on the event's card (and the tooltip, the Read event list), or the table's
    `id` column."""
    return "id:" in text or "`id` is the first column" in text


def test_every_task_and_hint_that_asks_for_an_id_says_where_it_is_shown():
    from balancing_act.selfcheck.checks import get

    task = cell_text("01-between-great-powers", "lesson01-24")
    assert "type its id" in task and where_the_id_is_told(task)
    hint = " ".join(get("l01-balancing-energy-event").hints)
    assert where_the_id_is_told(hint)
    assignment = nbformat.read(
        ROOT / "solutions" / "a1-periods-timeline" / "a1-periods-timeline.ipynb", as_version=4
    )
    task6 = next(c.source for c in assignment.cells if "## Task 6" in c.source)
    assert where_the_id_is_told(" ".join(task6.split()))
    released = nbformat.read(
        ROOT / "exercises" / "a1-periods-timeline" / "a1-periods-timeline.ipynb", as_version=4
    )
    assert task6 in [c.source for c in released.cells]  # make release has carried it over


def test_the_id_rule_catches_a_task_that_only_says_printed_on_the_card():
    assert not where_the_id_is_told("Then type its id below. The id is printed on the card.")


def control_labels(widget) -> set[str]:
    """Every label a student sees on a widget's controls: descriptions and option labels."""
    labels, stack = set(), [widget]
    while stack:
        item = stack.pop()
        if getattr(item, "description", ""):
            labels.add(str(item.description))
        for option in getattr(item, "options", ()) or ():
            labels.add(str(option[0] if isinstance(option, tuple) else option))
        stack.extend(getattr(item, "children", ()))
    return labels


@pytest.mark.parametrize(
    ("lesson", "cell_id", "explorer", "named"),
    [
        (
            "02-building-the-balancing-act",
            "lesson02-03",
            lambda: ba.timeline_explorer(years=(1991, 2003)),
            ["Categories", "Read event", "integration", "security"],
        ),
        (
            "04-the-west-steps-back",
            "lesson04-70",
            lambda: ba.partner_explorer(),
            ["Count", "each event", "each episode once", "Weight 1 to 3", "Partners"],
        ),
    ],
)
def test_a_task_names_controls_as_the_widget_labels_them(lesson, cell_id, explorer, named):
    labels = control_labels(explorer())
    text = cell_text(lesson, cell_id)
    assert [name for name in named if name not in labels] == []
    assert [name for name in named if name not in text] == []


def test_the_control_rule_catches_a_label_the_widget_does_not_show():
    assert "untick" not in control_labels(ba.partner_explorer())
    assert "row" not in control_labels(ba.partner_explorer())  # the toggle says "each event"

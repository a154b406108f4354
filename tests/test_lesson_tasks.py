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

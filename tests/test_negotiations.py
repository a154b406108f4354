"""Lesson 7's negotiating frame: its events exist, its elements are sourced, each side's terms."""

import doctest

import pytest

import balancing_act as ba
from balancing_act.analysis import negotiations
from balancing_act.analysis.negotiations import (
    BAKU,
    ELEMENTS,
    FRAME_EVENTS,
    SIDES,
    YEREVAN,
    answered_terms_of,
    basic_principles,
    frame_events,
)


def test_doctests():
    assert doctest.testmod(negotiations).failed == 0


def test_every_frame_event_is_in_the_table_and_shown_in_date_order():
    events = ba.load_events()
    frame = frame_events(events)
    assert list(frame["id"]) == list(FRAME_EVENTS)
    assert frame["date"].is_monotonic_increasing


def test_a_missing_frame_event_is_named():
    events = ba.load_events()
    without = events[events["id"] != "1993-unsc-resolution-874"]
    with pytest.raises(KeyError, match="1993-unsc-resolution-874"):
        frame_events(without)


def test_the_six_elements_are_sourced_keyed_once_and_given_to_a_side():
    source_ids = set(ba.load_sources()["id"])
    keys = [e.key for e in ELEMENTS]
    assert len(keys) == len(set(keys)) == 6
    for element in ELEMENTS:
        assert element.answered in SIDES
        assert element.sources and set(element.sources) <= source_ids, element.key
        assert (
            "armenianclub-2009-laquila-statement" in element.sources
        )  # the element as made public


def test_each_side_s_terms_split_the_elements():
    baku, yerevan = answered_terms_of(BAKU), answered_terms_of(YEREVAN)
    assert baku == {"territories", "return"}
    assert not baku & yerevan and baku | yerevan == {e.key for e in ELEMENTS}
    with pytest.raises(KeyError, match="the sides are"):
        answered_terms_of("Moscow")


def test_the_table_has_one_row_per_element():
    table = basic_principles()
    assert list(table["key"]) == [e.key for e in ELEMENTS]
    assert set(table["answered"]) == set(SIDES)

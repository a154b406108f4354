"""Every chart that draws events lets a student read, where the pointer rests, the event's id and
how it moved Baku; periods carry their codes; the brief's publication is marked where lessons
split the events there. Each check is shown catching the chart as it was before."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts.event_marks import (
    BRIEF_LABEL,
    NO_PARTNER_STEP,
    brief_inside,
    partner_steps,
)
from balancing_act.charts.series import oil_policy_chart
from balancing_act.widgets.cards import event_card
from balancing_act.widgets.explorers import _event_options, claim_explorer, timeline_explorer
from tests.chart_tools import drawn_text
from tests.event_mark_tools import (
    brief_marked,
    event_problems,
    is_event_layer,
    period_label_problems,
    rows,
    views,
)


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


@pytest.fixture(scope="module")
def oil(events):
    series = ba.load_series()
    return oil_policy_chart(
        series, events, ["brent_usd_per_bbl", "azn_per_usd_avg"], (1991, 2024), ["energy"]
    ).to_dict()


@pytest.fixture(scope="module")
def timeline(events):
    return ba.timeline_chart(events).to_dict()


def test_partner_steps_read_in_the_codebooks_words():
    rows = pd.DataFrame(
        {
            "to_russia": [1.0, None, -1.0],
            "to_west": [-1.0, None, None],
            "to_turkey": [None, None, 1],
        }
    )
    assert list(partner_steps(rows)) == [
        "closer to Russia, further from the West",
        NO_PARTNER_STEP,
        "further from Russia, closer to Turkey",
    ]


def test_every_event_tooltip_gives_the_id_and_how_it_moved_baku(oil, timeline):
    assert event_problems(oil) == [] and event_problems(timeline) == []
    # The tooltips carry the row's words, not codes.
    panel = next(views(oil))
    rules = [layer for layer in panel if is_event_layer(layer)]
    assert len(rules) == 2  # the dashed rules and their pointer targets


def test_an_event_tooltip_without_its_id_is_caught(timeline):
    planted = copy.deepcopy(timeline)
    points = next(layer for layer in planted["layer"] if is_event_layer(layer))
    points["encoding"]["tooltip"] = [
        t for t in points["encoding"]["tooltip"] if t["title"] not in {"Event id", "Moved Baku"}
    ]
    assert event_problems(planted) == [
        "layer 3: an event's tooltip without 'Event id'",
        "layer 3: an event's tooltip without 'Moved Baku'",
    ]


def test_events_under_the_bands_or_without_a_wide_target_are_caught(oil):
    # The oil chart as it was: one dashed 1 px rule per event, which the pointer almost never
    # reaches, so the band behind answers instead (31 hovers of 32).
    thin = copy.deepcopy(oil)
    for panel in thin["vconcat"]:
        panel["layer"] = panel["layer"][:-1]
    assert "event lines with no wide target above them" in " ".join(event_problems(thin))
    # Bands drawn last cover the events.
    covered = copy.deepcopy(oil)
    for panel in covered["vconcat"]:
        panel["layer"] = panel["layer"][1:] + panel["layer"][:1]
    assert any("under the period bands" in p for p in event_problems(covered))


def test_the_event_targets_are_drawn_last_and_hardly_visible(oil):
    for layers in views(oil):
        top = layers[-1]
        assert is_event_layer(top) and top["mark"]["strokeWidth"] >= 6
        assert top["mark"]["strokeOpacity"] < 0.05


def test_periods_are_named_by_their_codes_on_every_chart_with_bands(oil, timeline, events):
    assert period_label_problems(oil) == [] and period_label_problems(timeline) == []
    partners = ba.partner_chart(events).to_dict()
    assert period_label_problems(partners) == []
    assert "shift · 2008–2014: the West steps back" in drawn_text(ba.timeline_chart(events))
    assert rows(timeline, timeline["layer"][0])  # the bands' rows are read
    planted = copy.deepcopy(timeline)
    for row in rows(planted, planted["layer"][0]):
        row["label"] = row["label"].split(" · ", 1)[1]
    assert period_label_problems(planted)[0] == (
        "period band labelled '1988–1990: before independence' without its code"
    )


def test_the_brief_is_marked_on_every_timeline_that_spans_it(timeline, events):
    assert brief_marked(timeline)
    assert BRIEF_LABEL == "brief published, 14 March 2019"
    assert BRIEF_LABEL in drawn_text(ba.timeline_chart(events))
    # The claim explorer's chart, where lessons 4, 5 and 8 split the evidence at the brief.
    explorer = claim_explorer("C10")
    assert brief_marked(explorer.build(**explorer.values).to_dict())
    # A chart of years without the day does not draw it; a planted chart without it is caught.
    recent = ba.timeline_chart(events[events["year"] >= 2020], years=(2020, 2025)).to_dict()
    assert not brief_inside(2020, 2025) and not brief_marked(recent)
    removed = copy.deepcopy(timeline)
    removed["layer"] = [layer for layer in removed["layer"] if "layer" not in layer]
    assert not brief_marked(removed)


def test_the_event_card_and_the_read_event_list_show_the_id(events):
    sources, claims = ba.load_sources(), ba.load_claims()
    event_id = events["id"].iloc[100]
    html = event_card(event_id, events, sources, claims)
    assert f"id: <code>{event_id}</code>" in html
    options = _event_options(events[events["year"] == 2016])
    assert all(label.startswith(value + " · ") for label, value in options[1:])
    # The card keeps a paragraph's line height and a date on one line.
    assert "line-height:1.4" in html and '<strong style="white-space:nowrap">' in html


def test_the_timeline_explorer_card_shows_the_id_of_the_event_picked():
    explorer = timeline_explorer(years=(1991, 2007), categories=["energy"])
    label, event_id = explorer.picker.options[1]
    explorer.picker.value = event_id
    assert f"id: <code>{event_id}</code>" in explorer.card.value
    assert event_id in label


def test_no_claim_is_cut_short_in_the_claim_explorer():
    explorer = claim_explorer("C1")
    claims = ba.load_claims().set_index("id")["claim"]
    (control,) = explorer.controls.values()
    for label, claim_id in control.options:
        assert not label.endswith("…") and label == f"{claim_id}: {claims[claim_id]}"

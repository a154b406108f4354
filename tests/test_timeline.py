"""Filtering events, the timeline chart, event cards, and the timeline widget."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.charts.timeline import PICKED
from balancing_act.course.errors import EmptySelection
from balancing_act.course.periods import period_table

from .chart_tools import axes, legends, reading_problems


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


def test_filter_by_years_is_inclusive(events):
    chosen = ba.filter_events(events, years=(2008, 2008))
    assert not chosen.empty and set(chosen["year"]) == {2008}
    assert len(chosen) == int((events["year"] == 2008).sum())


def test_filter_by_category_and_actor_and_text(events):
    chosen = ba.filter_events(events, categories=["energy"], actors=["RU"], text="gas")
    assert not chosen.empty
    assert set(chosen["category"]) == {"energy"}
    assert chosen["actors"].str.split(";").map(lambda codes: "RU" in codes).all()
    text = chosen["title"] + " " + chosen["summary"]
    assert text.str.contains("gas", case=False).all()


def test_actor_filter_matches_whole_codes_not_substrings(events):
    # 'EU' must not match 'EAEU'
    chosen = ba.filter_events(events, actors=["EU"])
    assert chosen["actors"].str.split(";").map(lambda codes: "EU" in codes).all()


def test_empty_category_list_keeps_nothing_and_none_keeps_everything(events):
    assert ba.filter_events(events, categories=[]).empty
    assert len(ba.filter_events(events, categories=None)) == len(events)


def test_text_search_is_literal_not_a_regular_expression(events):
    # As regular expressions "(" would be broken and "u.s." would also match "uses" or "u-s-".
    for needle in ("(", "u.s."):
        literal = events[
            (events["title"] + "\n" + events["summary"]).map(
                lambda text, n=needle: n in text.lower()
            )
        ]
        assert list(ba.filter_events(events, text=needle)["id"]) == list(literal["id"])
    as_pattern = (events["title"] + "\n" + events["summary"]).str.contains("u.s.", case=False)
    assert as_pattern.sum() > len(ba.filter_events(events, text="u.s."))  # the check discriminates
    assert ba.filter_events(events, text="zzzz-not-there").empty


def test_timeline_chart_is_accessible_and_counts_its_points(events):
    chart = ba.timeline_chart(events)
    assert accessibility_problems(chart) == []
    assert f"Timeline of {len(events)} events" in chart.to_dict()["description"]


def test_empty_timeline_is_a_message(events):
    with pytest.raises(EmptySelection, match="No events match"):
        ba.timeline_chart(events.iloc[0:0])


def test_event_card_shows_sources_with_links_and_claims(events):
    sources, claims = ba.load_sources(), ba.load_claims()
    row = events[events["claims"] != ""].iloc[0]
    card = ba.event_card(row["id"], events, sources, claims)
    first_source = ba.split_ids(row["sources"])[0]
    url = sources.set_index("id").loc[first_source, "url"]
    assert f'href="{url}"' in card.replace("&amp;", "&")
    assert ba.split_ids(row["claims"])[0] in card


def test_event_card_for_an_unknown_id_raises(events):
    with pytest.raises(KeyError, match="no-such-event"):
        ba.event_card("no-such-event", events, ba.load_sources(), ba.load_claims())


def test_widget_redraws_on_each_control(events):
    widget = ba.timeline_explorer()
    full = widget.chart.spec["description"]
    widget.controls["years"].value = (2014, 2019)
    assert widget.chart.spec["description"] != full
    widget.controls["text"].value = "gas"
    gas = widget.chart.spec["description"]
    expected = len(ba.filter_events(events, (2014, 2019), None, (), "gas"))
    assert f"Timeline of {expected} events" in gas
    widget.controls["actors"].value = ("RU",)
    assert widget.chart.spec["description"] != gas


def test_widget_with_no_category_shows_a_message_and_recovers():
    widget = ba.timeline_explorer()
    widget.controls["categories"].value = ()
    assert "Pick at least one category" in widget.message.value
    assert widget.chart.layout.display == "none"
    widget.controls["categories"].value = ("energy",)
    assert widget.chart.layout.display is None


def test_filters_that_match_nothing_show_a_message():
    widget = ba.timeline_explorer()
    widget.controls["text"].value = "zzzz-not-there"
    assert "No events match" in widget.message.value


def test_choosing_an_event_shows_its_card(events):
    widget = ba.timeline_explorer()
    event_id = events["id"].iloc[5]
    widget.picker.value = event_id
    assert events["title"].iloc[5].split("'")[0][:20] in widget.card.value.replace("&#x27;", "'")


def test_clicking_a_point_in_the_chart_picks_the_event(events):
    """A click arrives from the browser as a selection; the widget must show that event."""
    widget = ba.timeline_explorer()
    event_id = events["id"].iloc[10]
    widget.chart._vl_selections = {
        PICKED: {"value": {"vlPoint": {"or": [{"id": event_id}]}}, "store": []}
    }
    assert widget.picker.value == event_id
    assert "Sources:" in widget.card.value


def test_picker_lists_exactly_the_filtered_events(events):
    widget = ba.timeline_explorer()
    widget.controls["years"].value = (1991, 1993)
    listed = [value for _, value in widget.picker.options if value]
    assert listed == list(ba.filter_events(events, (1991, 1993), None, (), "")["id"])
    assert isinstance(events["date"].iloc[0], pd.Timestamp)


# --- What a reader sees ----------------------------------------------------------------------


def test_the_timeline_names_categories_and_alignments_in_words_with_one_legend_each(events):
    chart = ba.timeline_chart(events)
    assert reading_problems(chart) == []
    drawn = {g.title: g.labels for g in legends(chart)}
    assert list(drawn) == ["Period", "Event moved Baku"]
    assert drawn["Event moved Baku"] == ("toward Russia", "toward the West", "balancing", "neutral")
    (category,) = [a for a in axes(chart) if a.title == "Category"]
    assert "soft power" in category.labels


def test_a_timeline_of_one_period_lists_only_that_period(events):
    recent = events[events["year"] >= 2020]
    chart = ba.timeline_chart(recent, years=(2020, 2025))
    (period,) = [g for g in legends(chart) if g.title == "Period"]
    assert period.labels == ("after_brief · 2020–2025: the brief meets history",)


def test_counts_are_horizontal_bars_labelled_with_the_periods_codes_and_words(events):
    chart = ba.count_chart(events, by="alignment")
    encoding = chart.to_dict()["encoding"]
    assert encoding["y"]["field"] == "period_label" and encoding["x"]["type"] == "quantitative"
    (period,) = [a for a in axes(chart) if a.title == "Period"]
    # Each period's code (the name lessons use: `shift`) on the line above its words.
    table = period_table()
    assert period.labels == tuple(
        f"{key} {label}" for key, label in zip(table["period"], table["label"], strict=True)
    )
    assert reading_problems(chart) == []

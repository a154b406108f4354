"""The partner chart (``charts/partners.py``) and the partner explorer around it."""

from __future__ import annotations

import pytest

import balancing_act as ba
from balancing_act.analysis.partners import PARTNERS, partner_index
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.charts.partners import PARTNER_TITLE, partner_chart
from balancing_act.course.errors import EmptySelection, UnknownPartner
from balancing_act.course.vocabulary import INDEPENDENCE_YEAR
from balancing_act.widgets.explorers import partner_explorer

from .chart_tools import legends, reading_problems


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


def _line_layer(chart) -> dict:
    return next(layer for layer in chart.to_dict()["layer"] if layer["mark"]["type"] == "line")


def test_one_line_per_partner_in_its_colour_titled_described_and_labelled(events):
    chart = partner_chart(events, ["russia", "west", "turkey"], years=(2001, 2011))
    assert accessibility_problems(chart) == [] and reading_problems(chart) == []
    encoding = _line_layer(chart)["encoding"]
    assert encoding["color"]["scale"]["domain"] == ["Russia", "the West", "Turkey"]
    assert encoding["color"]["scale"]["range"] == [p.colour for p in PARTNERS[:3]]
    assert encoding["y"]["title"] == PARTNER_TITLE
    assert [g.title for g in legends(chart)] == ["Period", "Partner"]
    spec = chart.to_dict()
    assert "2001–2011" in spec["title"]["text"]
    assert "3 partner(s)" in spec["description"] and "each event weighted" in spec["description"]


def test_the_chart_draws_the_index_of_the_analysis(events):
    chart = partner_chart(events, ["iran"], by="episode", weighted=False)
    # The chart shows the state's years by default; the prologue before them adds nothing.
    from_1991 = events[events["year"] >= INDEPENDENCE_YEAR]
    index = partner_index(from_1991, ["iran"], by="episode", weighted=False)
    spec = chart.to_dict()
    drawn = spec["datasets"][_line_layer(chart)["data"]["name"]]
    assert [row["value"] for row in drawn if row.get("value") is not None] == list(index["index"])
    assert "Counted by episode, each episode counting 1" in str(chart.to_dict()["title"])


def test_an_empty_choice_or_empty_years_is_a_message_and_an_unknown_partner_an_error(events):
    with pytest.raises(EmptySelection, match="at least one partner"):
        partner_chart(events, [])
    with pytest.raises(EmptySelection, match="no events from 1950 to 1960"):
        partner_chart(events, None, years=(1950, 1960))
    with pytest.raises(UnknownPartner, match="'armenia'"):
        partner_chart(events, ["armenia"])


def test_the_widget_redraws_and_shows_a_message_not_a_traceback_when_nothing_is_chosen(events):
    widget = partner_explorer(years=(1991, 2025))
    before = widget.chart.spec
    widget.controls["years"].value = (2005, 2010)
    assert widget.chart.spec != before and "2005–2010" in str(widget.chart.spec["title"])
    widget.controls["partners"].value = ()
    assert "Pick at least one partner" in widget.message.value
    assert widget.chart.layout.display == "none"
    widget.controls["partners"].value = ("china",)
    assert widget.message.layout.display == "none" and widget.chart.layout.display is None
    widget.controls["by"].value = "episode"
    widget.controls["weighted"].value = False
    checked = partner_chart(events, ["china"], by="episode", weighted=False, years=(2005, 2010))
    assert widget.chart.spec == checked.to_dict()  # the widget shows what the builder draws


def test_the_widget_says_what_it_shows_in_words():
    widget = partner_explorer(partners=["russia", "turkey"], by="episode", weighted=False)
    purpose, shown = widget.in_words()
    assert "running total" in purpose
    assert "toward Russia and Turkey from 1991 to 2025" in shown
    assert "counting each episode once, each counting 1" in shown
    widget.controls["partners"].value = tuple(p.code for p in PARTNERS)
    widget.controls["weighted"].value = True
    assert (
        "toward every partner" in widget.in_words()[1] and "weighted 1 to 3" in widget.in_words()[1]
    )

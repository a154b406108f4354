"""The one builder of yearly lines, on rows made up for it: what a reader sees of each line."""

from __future__ import annotations

import pandas as pd
import pytest

from balancing_act.charts.lines import DASHES, yearly_lines
from balancing_act.course.vocabulary import BLACK, BLUE, VERMILLION

from .chart_tools import legends, line_runs, reading_problems

#: Two groups over 2000-2005; the second has no value for 2002 and 2003.
ROWS = pd.DataFrame(
    {
        "name": ["North"] * 6 + ["South"] * 4,
        "year": [2000, 2001, 2002, 2003, 2004, 2005, 2000, 2001, 2004, 2005],
        "value": [1.0, 2.0, 3.0, 2.0, 1.0, 2.0, 5.0, 4.0, 3.0, 4.0],
    }
)


def _lines_spec(chart) -> dict:
    return next(layer for layer in chart.to_dict()["layer"] if layer["mark"]["type"] == "line")


def test_each_group_has_its_colour_and_dash_under_one_legend_and_breaks_at_a_gap():
    chart = yearly_lines(
        ROWS,
        (2000, 2005),
        {"North": BLUE, "South": VERMILLION},
        group_title="Region",
        value_title="Score",
    )
    encoding = _lines_spec(chart)["encoding"]
    assert encoding["color"]["scale"]["range"] == [BLUE, VERMILLION]
    assert encoding["strokeDash"]["scale"]["range"] == [list(d) for d in DASHES[:2]]
    assert [g.title for g in legends(chart)] == ["Period", "Region"]
    assert legends(chart)[1].labels == ("North", "South")
    assert sorted(line_runs(chart)) == [1, 2]
    assert reading_problems(chart) == []


def test_a_panel_of_one_line_has_no_legend_of_its_own():
    one = ROWS[ROWS["name"] == "South"]
    chart = yearly_lines(
        one,
        (2000, 2005),
        {"South": BLACK},
        group_title="Region",
        value_title="Score",
        legend=False,
    )
    mark = _lines_spec(chart)["mark"]
    assert mark["color"] == BLACK and "color" not in _lines_spec(chart)["encoding"]
    assert [g.title for g in legends(chart)] == ["Period"]
    assert line_runs(chart) == [2]
    with pytest.raises(ValueError, match="one line"):
        yearly_lines(
            ROWS,
            (2000, 2005),
            {"North": BLUE, "South": BLACK},
            group_title="Region",
            value_title="Score",
            legend=False,
        )


def test_a_year_end_level_is_drawn_on_the_last_day_of_its_year():
    chart = yearly_lines(
        ROWS,
        (2000, 2005),
        {"North": BLUE, "South": VERMILLION},
        group_title="Region",
        value_title="Score",
        year_end={"South"},
    )
    drawn = chart.layer[1].data.dropna(subset=["value"])
    days = {name: set(one["date"].dt.strftime("%m-%d")) for name, one in drawn.groupby("name")}
    assert days == {"North": {"07-01"}, "South": {"12-31"}}

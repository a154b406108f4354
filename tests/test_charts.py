"""Charts look like the course's, explain themselves, and are drawn and saved with no network."""

from __future__ import annotations

import re
from html import escape

import altair as alt
import pandas as pd
import pytest

from balancing_act.charts.accessibility import accessibility_problems, describe, in_words
from balancing_act.charts.axes import (
    CHARACTER_WIDTH,
    alignment_colour,
    fit_title,
    period_bands,
    with_gaps,
    year_axis,
    year_label_step,
    year_x,
    yearly_positions,
)
from balancing_act.charts.offline import setup
from balancing_act.charts.theme import THEME_NAME, save_chart
from balancing_act.course.periods import period_table
from balancing_act.course.vocabulary import ALIGNMENT_COLOURS, ALIGNMENT_WORDS, OKABE_ITO

from .chart_gallery import CHARTS, EXPLORERS, build
from .chart_tools import axes, legends, line_runs, reading_problems, runs_of_years


def _line(title_x="Year", title_y="Value"):
    data = pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})
    return (
        alt.Chart(data)
        .mark_line()
        .encode(x=alt.X("year:O", title=title_x), y=alt.Y("value:Q", title=title_y))
    )


def test_describe_sets_title_and_screen_reader_text():
    chart = describe(_line(), "A title", "A line rising from 1 to 2.")
    assert accessibility_problems(chart) == []
    spec = chart.to_dict()
    assert spec["description"] == "A line rising from 1 to 2."


def test_a_chart_without_description_is_refused():
    with pytest.raises(ValueError, match="description"):
        describe(_line(), "A title", "  ")


@pytest.mark.parametrize(
    ("chart", "problem"),
    [
        (_line().properties(description="d"), "no title"),
        (_line().properties(title="t"), "no description for screen readers"),
        (
            _line(title_y=None).properties(title="t", description="d"),
            "y axis of field 'value' has no title",
        ),
    ],
)
def test_accessibility_check_names_what_is_missing(chart, problem):
    assert problem in accessibility_problems(chart)


def test_palette_is_okabe_ito_and_alignment_colours_come_from_it_or_grey():
    with alt.theme.enable(THEME_NAME):
        config = alt.Chart().mark_point().to_dict()["config"]
    assert config["range"]["category"] == list(OKABE_ITO)
    for colour in ALIGNMENT_COLOURS.values():
        assert colour in OKABE_ITO or colour == "#999999"


def test_setup_switches_to_the_offline_jupyter_renderer():
    setup()
    assert alt.renderers.active == "jupyter"
    assert alt.JupyterChart._is_offline
    assert alt.theme.active == THEME_NAME


def test_setup_shows_tables_with_full_text_that_pandas_would_cut():
    """The claims table (and any table a lesson asks students to read) shows each claim whole:
    pandas' default cuts a cell at 50 characters with "..."."""
    import pandas as pd

    import balancing_act as ba

    claims = ba.load_claims()
    longest = max(claims["claim"], key=len)
    assert len(longest) > 50
    with pd.option_context("display.max_colwidth", 50):  # pandas' default: the text is cut
        assert longest not in claims._repr_html_() and "..." in claims._repr_html_()
        setup()
        assert pd.get_option("display.max_colwidth") is None
        html = claims._repr_html_()
        assert all(
            text in html.replace("&#x27;", "'") or escape(text) in html for text in claims["claim"]
        )


def test_offline_widget_code_fetches_nothing_from_a_cdn():
    setup()
    source = alt.JupyterChart(_line())._esm
    remote_imports = re.findall(r"""import\s*\(?\s*["'](https?://[^"']+)""", source)
    assert remote_imports == []
    assert "cdn.jsdelivr" not in source


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_save_chart_writes_a_real_file_offline(tmp_path, suffix):
    chart = describe(_line(), "Saved", "A saved line.")
    path = save_chart(chart, tmp_path / f"chart{suffix}")
    content = path.read_bytes()
    if suffix == ".svg":
        assert b"<svg" in content and b"Saved" in content
    else:
        assert content.startswith(b"\x89PNG")


def test_save_chart_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match=".svg or .png"):
        save_chart(_line(), tmp_path / "chart.pdf")


def test_period_bands_clip_to_the_years_shown():
    # The bands carry their rows as Altair serialises them (dates as ISO text).
    bands = pd.DataFrame(period_bands(2010, 2016).data.values)
    bands[["start", "end"]] = bands[["start", "end"]].apply(pd.to_datetime)
    assert list(bands["period"]) == ["shift", "pacification"]
    assert bands["start"].min() == pd.Timestamp(2010, 1, 1)
    assert bands["end"].max() == pd.Timestamp(2017, 1, 1)  # the end of 31 December 2016


# --- What a reader sees: no cut text, codes in words, one legend each, years as years, gaps ---

ALIGNED = pd.DataFrame(
    {
        "x": [1, 2, 3, 4],
        "y": [1, 2, 3, 4],
        "alignment": ["toward_russia", "toward_west", "balancing", "neutral"],
    }
)


def _by_alignment(**legend) -> alt.Chart:
    colour = alignment_colour(ALIGNED["alignment"])
    if legend:
        colour = colour.legend(**{"labelExpr": in_words(ALIGNMENT_WORDS), **legend})
    chart = alt.Chart(ALIGNED).mark_point().encode(x="x:Q", y="y:Q", color=colour)
    return describe(chart, "Aligned", "Four points, one per alignment.")


def test_the_theme_puts_legends_below_and_cuts_no_label_or_title():
    with alt.theme.enable(THEME_NAME):
        config = alt.Chart().mark_point().to_dict()["config"]
    assert config["legend"] | {"orient": "bottom", "direction": "vertical"} == config["legend"]
    for part in ("legend", "axis"):
        assert config[part]["labelLimit"] == 0 and config[part]["titleLimit"] == 0
    (legend,) = legends(_by_alignment())
    assert legend.title == "Event moved Baku"


def test_a_legend_title_cut_short_is_caught():
    clipped = _by_alignment(titleLimit=80)  # what 1280 px with the file browser open looked like
    assert reading_problems(clipped) == ["cuts text short: 'Event mov…'"]
    assert reading_problems(_by_alignment()) == []


def test_codes_are_drawn_in_words_and_a_drawn_code_is_caught():
    (legend,) = legends(_by_alignment())
    assert legend.labels == ("toward Russia", "toward the West", "balancing", "neutral")
    raw = _by_alignment(labelExpr="datum.label")
    assert "draws a code: 'toward_russia'" in reading_problems(raw)


def test_a_code_beside_its_words_is_meant_and_a_code_alone_is_caught():
    # A period's code before its label and an organisation's after its name, as the lessons
    # name them; the same codes alone, or an alignment code, are codes drawn instead of words.
    def labelled(*texts):
        rows = pd.DataFrame({"y": list(texts), "x": range(len(texts))})
        chart = alt.Chart(rows).mark_point().encode(x="x:Q", y=alt.Y("y:N", title="Label"))
        return describe(chart, "Labels", "One point per label.")

    meant = labelled("shift · 2008–2014: the West steps back", "CST / CSTO (CST_CSTO)")
    assert reading_problems(meant) == []
    for alone in ("after_brief", "(CST_CSTO)", "toward_russia · toward Russia", "x (toward_russia"):
        assert reading_problems(labelled(alone)) == [f"draws a code: {alone!r}"], alone


def test_in_words_falls_back_to_spaces_for_codes_it_does_not_name():
    data = pd.DataFrame({"kind": ["soft_power", "energy"], "n": [1, 2]})
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("kind:N", title="Category", axis=alt.Axis(labelExpr=in_words({}))),
            x=alt.X("n:Q", title="Events"),
        )
    )
    labels = [axis.labels for axis in axes(chart) if axis.title == "Category"]
    assert labels == [("energy", "soft power")]


def _years_line(x: alt.X, years=(2010, 2011, 2012)) -> alt.Chart:
    data = pd.DataFrame({"year": years, "value": range(len(years))})
    data["date"] = yearly_positions(data["year"])
    return alt.Chart(data).mark_line().encode(x=x, y=alt.Y("value:Q", title="Value"))


def test_the_year_axis_labels_years_and_a_month_label_is_caught():
    on_year_axis = _years_line(year_x("date", 2010, 2012))
    (year_axis,) = [axis for axis in axes(on_year_axis) if axis.title == "Year"]
    assert year_axis.labels == ("2010", "2011", "2012")
    assert reading_problems(on_year_axis) == []
    plain_time_axis = _years_line(alt.X("date:T", title="Year"))  # Vega's own ticks
    assert any("not years" in p for p in reading_problems(plain_time_axis))


@pytest.mark.parametrize(
    ("first", "last", "step"), [(2015, 2015, 1), (2010, 2019, 1), (1991, 2025, 5)]
)
def test_the_year_axis_labels_fewer_years_on_longer_spans(first, last, step):
    assert year_label_step(first, last) == step
    values = year_axis(first, last).to_dict()["values"]
    assert all(v["month"] == 1 and v["date"] == 1 and v["year"] % step == 0 for v in values) or (
        first == last
    )


def test_yearly_values_sit_in_their_year_and_year_end_levels_at_its_end():
    years = pd.Series([2015, 2015])
    positions = yearly_positions(years, pd.Series([False, True]))
    assert list(positions) == [pd.Timestamp(2015, 7, 1), pd.Timestamp(2015, 12, 31)]


def test_a_line_breaks_at_missing_years_and_an_unbroken_one_is_caught():
    years = (2007, 2008, 2009, 2015, 2016)
    rows = pd.DataFrame({"series": "s", "year": years, "value": [1.0, 2, 3, 4, 5]})
    filled = with_gaps(rows, "series")
    assert list(filled["year"]) == list(range(2007, 2017))
    assert filled["value"].isna().sum() == 5
    filled["date"] = yearly_positions(filled["year"])
    broken = alt.Chart(filled).mark_line().encode(x="date:T", y="value:Q")
    assert line_runs(broken) == [runs_of_years(years)] == [2]
    rows["date"] = yearly_positions(rows["year"])
    across = alt.Chart(rows).mark_line().encode(x="date:T", y="value:Q")
    assert line_runs(across) == [1]  # what the check would catch: a line across 2010-2014


def test_period_bands_list_only_the_periods_on_screen():
    (legend,) = legends(period_bands(2020, 2024))
    assert legend.labels == ("after_brief · 2020–2025: the brief meets history",)
    (legend,) = legends(period_bands(2007, 2009))
    assert legend.labels == (
        "balancing · 1991–2008: the balancing act",
        "shift · 2008–2014: the West steps back",
    )
    (legend,) = legends(period_bands(1988, 1994))
    assert legend.labels == (
        "prologue · 1988–1990: before independence",
        "balancing · 1991–2008: the balancing act",
    )
    # A fill scale over all the periods, as the bands once had, lists what is not on screen.
    all_five = period_bands(2020, 2024).encode(
        fill=alt.Fill("label:N", scale=alt.Scale(domain=list(period_table()["label"])))
    )
    assert len(legends(all_five)[0].labels) == 5


def test_two_legends_for_one_field_are_caught():
    data = pd.DataFrame({"x": [1, 2, 1, 2], "y": [1, 2, 2, 3], "name": list("aabb")})
    sorted_colour = alt.Color("name:N", title="Series", sort=["b", "a"])
    twice = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x="x:Q",
            y="y:Q",
            color=sorted_colour,
            strokeDash=alt.StrokeDash("name:N", title="Series"),
        )
    )
    assert "2 legends titled 'Series'" in reading_problems(twice)


def test_a_long_axis_title_is_wrapped_to_the_room_it_has():
    assert fit_title("US$ per barrel", 180) == "US$ per barrel"
    lines = fit_title("Personal remittances, received (% of GDP)", 180)
    assert isinstance(lines, list) and len(lines) == 2
    assert all(len(line) * CHARACTER_WIDTH * 13 <= 180 for line in lines)


# --- Every chart the course draws ----------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_the_course_draws_reads_as_a_person_expects(name):
    chart = build(CHARTS[name])
    assert reading_problems(chart) == []
    assert accessibility_problems(chart) == []


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_draws_a_chart_that_reads_as_a_person_expects(name):
    widget = build(EXPLORERS[name])
    assert widget.chart.spec, f"{name} drew nothing"
    assert reading_problems(widget.chart.spec) == []

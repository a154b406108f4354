"""Charts look like the course's, explain themselves, and are drawn and saved with no network."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest

from balancing_act import charts


def _line(title_x="Year", title_y="Value"):
    data = pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})
    return (
        alt.Chart(data)
        .mark_line()
        .encode(x=alt.X("year:O", title=title_x), y=alt.Y("value:Q", title=title_y))
    )


def test_describe_sets_title_and_screen_reader_text():
    chart = charts.describe(_line(), "A title", "A line rising from 1 to 2.")
    assert charts.accessibility_problems(chart) == []
    spec = chart.to_dict()
    assert spec["description"] == "A line rising from 1 to 2."


def test_a_chart_without_description_is_refused():
    with pytest.raises(ValueError, match="description"):
        charts.describe(_line(), "A title", "  ")


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
    assert problem in charts.accessibility_problems(chart)


def test_palette_is_okabe_ito_and_alignment_colours_come_from_it_or_grey():
    with alt.theme.enable(charts.THEME_NAME):
        config = alt.Chart().mark_point().to_dict()["config"]
    assert config["range"]["category"] == list(charts.OKABE_ITO)
    for colour in charts.ALIGNMENT_COLOURS.values():
        assert colour in charts.OKABE_ITO or colour == "#999999"


def test_setup_switches_to_the_offline_jupyter_renderer():
    charts.setup()
    assert alt.renderers.active == "jupyter"
    assert alt.JupyterChart._is_offline
    assert alt.theme.active == charts.THEME_NAME


def test_offline_widget_code_fetches_nothing_from_a_cdn():
    charts.setup()
    source = alt.JupyterChart(_line())._esm
    remote_imports = re.findall(r"""import\s*\(?\s*["'](https?://[^"']+)""", source)
    assert remote_imports == []
    assert "cdn.jsdelivr" not in source


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_save_chart_writes_a_real_file_offline(tmp_path, suffix):
    chart = charts.describe(_line(), "Saved", "A saved line.")
    path = charts.save_chart(chart, tmp_path / f"chart{suffix}")
    content = path.read_bytes()
    if suffix == ".svg":
        assert b"<svg" in content and b"Saved" in content
    else:
        assert content.startswith(b"\x89PNG")


def test_save_chart_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match=".svg or .png"):
        charts.save_chart(_line(), tmp_path / "chart.pdf")


def test_period_bands_clip_to_the_years_shown():
    bands = charts.period_bands(2010, 2016).data
    assert list(bands["period"]) == ["shift", "pacification"]
    assert bands["start"].min() == pd.Timestamp(2010, 1, 1)
    assert bands["end"].max() == pd.Timestamp(2016, 12, 31)

"""The explorer's serialisation shortcut, which leans on Altair's internals, still works as meant.

``balancing_act.explorer`` swaps ``to_dict`` on Altair's chart classes for one that skips the
Vega-Lite schema check, for the length of a redraw (``_schema_checked_elsewhere``), and its
``_RedrawnChart`` wraps ``JupyterChart._on_change_chart`` in that block. An Altair upgrade that
renames either, or stops serialising through ``to_dict``, fails here instead of in a lesson.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from balancing_act.widgets import explorer


def _invalid_chart() -> alt.Chart:
    """A chart the Vega-Lite schema refuses (a width must be a number or "container"), set
    after construction, where Altair checks nothing until the chart is serialised."""
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_point().encode(x="a:Q")
    chart.width = "wide"
    return chart


def test_an_invalid_chart_fails_altairs_schema_check_outside_the_block():
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        _invalid_chart().to_dict()


def test_inside_the_block_charts_serialise_unchecked_and_afterwards_checked_again():
    originals = (alt.TopLevelMixin.to_dict, alt.Chart.to_dict)
    with explorer._schema_checked_elsewhere():
        assert (alt.TopLevelMixin.to_dict, alt.Chart.to_dict) != originals
        assert _invalid_chart().to_dict()["width"] == "wide"
        layered = alt.layer(_invalid_chart(), _invalid_chart())
        assert len(layered.to_dict()["layer"]) == 2
    assert (alt.TopLevelMixin.to_dict, alt.Chart.to_dict) == originals
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        _invalid_chart().to_dict()


def test_the_patch_is_undone_when_the_block_raises():
    originals = (alt.TopLevelMixin.to_dict, alt.Chart.to_dict)
    with pytest.raises(RuntimeError, match="redraw failed"):
        with explorer._schema_checked_elsewhere():
            raise RuntimeError("redraw failed")
    assert (alt.TopLevelMixin.to_dict, alt.Chart.to_dict) == originals


def test_a_valid_chart_serialises_the_same_with_and_without_the_check():
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_point().encode(x="a:Q")
    checked = chart.to_dict()
    with explorer._schema_checked_elsewhere():
        assert chart.to_dict() == checked


def test_the_redrawn_chart_skips_the_check_where_altairs_jupyter_chart_makes_it():
    assert "_on_change_chart" in vars(alt.JupyterChart), "Altair renamed the method we wrap"
    redrawn = explorer._RedrawnChart(alt.Chart().mark_point())
    redrawn.chart = _invalid_chart()
    assert redrawn.spec["width"] == "wide"
    plain = alt.JupyterChart(alt.Chart().mark_point())
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        plain.chart = _invalid_chart()
    assert alt.Chart.to_dict is alt.Chart.__dict__["to_dict"]  # nothing left patched

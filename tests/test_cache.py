"""The on-disk cache saves repeated work but never hides a change."""

from __future__ import annotations

import shutil

import altair as alt
import pytest

from balancing_act.charts import offline
from balancing_act.course import cache
from balancing_act.tables import validation

from .notebook_tools import ROOT


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_validated_folder_is_remembered_and_a_later_break_is_still_caught(
    tmp_path, private_cache
):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    validation.validate(folder)
    assert len(list((private_cache / "validated").iterdir())) == 1
    events = folder / "events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace(",energy,", ",sport,", 1), encoding="utf-8"
    )
    with pytest.raises(validation.DataValidationError, match="sport"):
        validation.validate(folder)


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV_VAR, str(blocker / "cache"))
    validation.validate(ROOT / "data")  # no error although nothing can be cached


def test_cached_chart_bundle_is_the_one_altair_builds(private_cache, monkeypatch):
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    offline.go_offline()  # builds and stores the bundle
    built = alt.JupyterChart._esm
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", "online code")
    offline.go_offline()  # reads it back
    assert alt.JupyterChart._esm == built and alt.JupyterChart._is_offline
    assert "cdn.jsdelivr" not in built


def test_keys_differ_when_any_part_differs():
    assert cache.content_key("a", b"b") != cache.content_key("ab", b"")
    assert cache.content_key("a") == cache.content_key("a")

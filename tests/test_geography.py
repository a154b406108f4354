"""The regional map draws from the committed, sourced geography and breaks loudly when it is wrong."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

import balancing_act as ba
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.tables import validation
from balancing_act.tables.load import load_pipelines, load_places

from .chart_tools import legends, reading_problems
from .notebook_tools import ROOT


def test_map_is_titled_and_described():
    assert accessibility_problems(ba.region_map()) == []


def test_the_map_has_one_legend_per_encoding_in_words():
    chart = ba.region_map()
    assert [g.title for g in legends(chart)] == ["Country", "Pipeline (schematic)", "Place"]
    assert reading_problems(chart) == []


def test_every_route_point_is_a_known_place_and_routes_start_near_baku():
    routes = load_pipelines()
    assert set(routes["pipeline"]) == {"BTC", "SCP", "Baku-Supsa", "Baku-Novorossiysk"}
    starts = routes[routes["order"] == 1]
    assert set(starts["place_id"]) == {"sangachal"}
    assert routes["lat"].notna().all()


def test_places_lie_in_the_region_shown():
    places = load_places()
    caucasus = places[places["kind"].isin(["city", "base"])]
    assert caucasus["lat"].between(38, 46).all() and caucasus["lon"].between(36, 51).all()


def test_map_file_holds_the_three_states_and_their_neighbours():
    topo = json.loads((ROOT / "data" / "geo" / "south-caucasus.topo.json").read_text())
    names = {g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"Azerbaijan", "Armenia", "Georgia", "Russia", "Iran", "Turkey"} <= names


def test_a_route_through_an_unknown_place_is_named(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "geo" / "pipelines.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[1]["place_id"] = "atlantis"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(validation.DataValidationError) as caught:
        validation.validate(folder)
    assert any(
        str(p).startswith("data/geo/pipelines.csv, row 3, column 'place_id'")
        for p in caught.value.problems
    ), caught.value

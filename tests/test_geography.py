"""The regional map draws from the committed, sourced geography and breaks loudly when it is wrong."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

import balancing_act as ba
from balancing_act.analysis.countries import countries_crossed, country_at, map_countries
from balancing_act.authoring.external_data import routes as route_data
from balancing_act.authoring.site.drawings import PHONE_PLOT_WIDTH, phone_spec
from balancing_act.charts import geography
from balancing_act.charts.accessibility import accessibility_problems
from balancing_act.tables import validation
from balancing_act.tables.load import load_pipelines, load_places, load_routes

from .chart_tools import legends, reading_problems
from .notebook_tools import ROOT


def test_map_is_titled_and_described():
    assert accessibility_problems(ba.region_map()) == []


def test_the_map_has_one_legend_per_encoding_in_words():
    chart = ba.region_map()
    assert [g.title for g in legends(chart)] == ["Country", "Pipeline", "Place"]
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


# --- the routes follow their real course through the countries they cross ---------------------

SANGACHAL, NOVOROSSIYSK = (49.48, 40.20), (37.75, 44.72)
EXPECTED = {spec["pipeline"]: spec["countries"] for spec in route_data.ROUTES}


def _line(routes, pipeline):
    rows = routes[routes["pipeline"] == pipeline].sort_values("order")
    return list(zip(rows["lon"], rows["lat"], strict=True))


def _topo():
    return json.loads((ROOT / "data" / "geo" / "south-caucasus.topo.json").read_text())


def test_the_map_draws_every_route_the_pipelines_table_names():
    assert set(load_routes()["pipeline"]) == set(load_pipelines()["pipeline"]) == set(EXPECTED)


@pytest.mark.parametrize("pipeline", sorted(EXPECTED))
def test_each_drawn_route_crosses_exactly_the_countries_its_row_names(pipeline):
    line = _line(load_routes(), pipeline)
    assert tuple(countries_crossed(line, map_countries())) == EXPECTED[pipeline]


def test_baku_novorossiysk_runs_through_russia_not_across_georgia():
    crossed = countries_crossed(_line(load_routes(), "Baku-Novorossiysk"), map_countries())
    assert "Russia" in crossed and "Georgia" not in crossed and "Armenia" not in crossed


def test_no_route_enters_armenia_or_iran():
    routes = load_routes()
    for pipeline in EXPECTED:
        crossed = countries_crossed(_line(routes, pipeline), map_countries())
        assert not {"Armenia", "Iran"} & set(crossed), pipeline


def test_a_straight_baku_novorossiysk_line_is_caught():
    # The map before GEM's geometry: one straight segment over the Caucasus ridge.
    assert "Georgia" in countries_crossed([SANGACHAL, NOVOROSSIYSK], map_countries())


def test_the_derivation_refuses_a_straight_line_for_baku_novorossiysk(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "gem-pipeline-routes", raw / "gem-pipeline-routes")
    straight = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [SANGACHAL, NOVOROSSIYSK]},
            }
        ],
    }
    (raw / "gem-pipeline-routes" / "P0645.geojson").write_text(json.dumps(straight))
    lines, problems = route_data.read_routes(raw, _topo())
    assert "Baku-Novorossiysk" not in lines and set(lines) == set(EXPECTED) - {"Baku-Novorossiysk"}
    assert len(problems) == 1, problems
    assert "P0645.geojson" in str(problems[0])
    assert "crosses Azerbaijan, Georgia, Russia, not Azerbaijan, Russia" in str(problems[0])


def test_the_committed_routes_are_what_the_raw_geometry_derives():
    lines, problems = route_data.read_routes(ROOT / "data" / "raw", _topo())
    assert problems == []
    committed = (ROOT / "data" / "geo" / "routes.csv").read_text(encoding="utf-8")
    assert route_data.routes_table(lines) == committed


def test_simplifying_keeps_the_ends_drops_collinear_points_and_keeps_a_corner():
    straight = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0)]
    assert route_data.simplify(straight) == [(0.0, 0.0), (2.0, 0.0)]
    corner = [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]
    assert route_data.simplify(corner) == corner


def test_a_gem_route_in_sections_is_joined_into_one_line():
    sections = {
        "type": "FeatureCollection",
        "features": [
            {"geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]]}},
            {"geometry": {"type": "LineString", "coordinates": [[1, 1], [2, 1]]}},
        ],
    }
    assert route_data.route_line(sections) == [(0.0, 0.0), (1.0, 1.0), (2.0, 1.0)]


def test_points_are_placed_in_the_right_country():
    shapes = map_countries()
    assert country_at(49.88, 40.40, shapes) == "Azerbaijan"  # Baku
    assert country_at(44.52, 40.18, shapes) == "Armenia"  # Yerevan
    assert country_at(44.78, 41.72, shapes) == "Georgia"  # Tbilisi
    assert country_at(37.75, 44.72, shapes) == "Russia"  # Novorossiysk
    assert country_at(50.5, 41.0, shapes) is None  # the Caspian


# --- country names and the licence on the map ------------------------------------------------


def _layers(chart):
    return chart.to_dict()["layer"]


def test_the_six_countries_are_named_on_the_map_inside_their_borders():
    names = [layer for layer in _layers(ba.region_map()) if layer["encoding"].get("text")]
    written = {
        row["country"]
        for layer in names
        for row in (layer.get("data", {}).get("values") or [])
        if "country" in row
    }
    assert {"RUSSIA", "TURKEY", "IRAN", "GEORGIA", "ARMENIA", "AZERBAIJAN"} <= written
    shapes = map_countries()
    for name, lon, lat in geography.COUNTRY_LABELS:
        assert country_at(lon, lat, shapes) == name


def test_labels_neither_collide_nor_run_off_the_map():
    assert geography.label_problems(geography.labelled_places()) == []


def test_on_a_phone_the_whole_region_shrinks_and_labels_stay_clear():
    # The site redraws the map PHONE_PLOT_WIDTH wide (a 390 px screen): the projection's scale
    # follows the width, so the same region is shown, and only capitals keep their names.
    spec = phone_spec(ba.region_map().to_dict())
    assert spec["width"] == PHONE_PLOT_WIDTH
    assert "width" in spec["projection"]["scale"]["expr"]
    assert geography.label_problems(geography.labelled_places(), PHONE_PLOT_WIDTH) == []


def test_a_label_planted_on_another_is_caught(monkeypatch):
    yerevan = load_places().set_index("id").loc["yerevan"]
    monkeypatch.setattr(
        geography,
        "COUNTRY_LABELS",
        (*geography.COUNTRY_LABELS, ("Armenia", yerevan["lon"] - 0.2, yerevan["lat"] + 0.1)),
    )
    monkeypatch.setattr(geography, "LEFT_LABELS", frozenset({"gyumri-base"}))
    problems = geography.label_problems(geography.labelled_places())
    assert any("'ARMENIA' overlaps 'Yerevan'" in p for p in problems), problems


def test_a_label_beyond_the_frame_is_caught(monkeypatch):
    monkeypatch.setattr(geography, "COUNTRY_LABELS", (("Kazakhstan", 56.0, 45.0),))
    assert geography.label_problems(load_places().iloc[:0]) == ["'KAZAKHSTAN' runs off the map"]


def test_the_route_licence_is_credited_on_the_map_and_in_its_description():
    spec = ba.region_map().to_dict()
    for needed in ("Global Energy Monitor", "CC BY 4.0"):
        assert needed in spec["description"]
        assert needed in spec["title"]["subtitle"]

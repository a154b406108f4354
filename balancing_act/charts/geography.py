"""The region on a map: country shapes, places and schematic pipeline routes, all offline."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt

from ..course.paths import data_dir
from ..course.vocabulary import BLACK, DARK_GREY, MAP_HIGHLIGHT, PALE_GREY, PIPELINE_COLOURS
from ..tables.load import load_pipelines, load_places
from .accessibility import describe, in_words

#: Kinds of place in words, where the code alone would not say it.
PLACE_WORDS = {"base": "military base"}


def _countries(folder: Path) -> dict:
    return json.loads((folder / "geo" / "south-caucasus.topo.json").read_text(encoding="utf-8"))


def region_map(folder: Path | None = None) -> alt.LayerChart:
    """The South Caucasus and its neighbours, with capitals, bases and the export pipelines."""
    folder = Path(folder) if folder is not None else data_dir()
    topo = alt.Data(
        values=_countries(folder), format=alt.TopoDataFormat(type="topojson", feature="countries")
    )
    countries = (
        alt.Chart(topo)
        .mark_geoshape(stroke=DARK_GREY, strokeWidth=0.7)
        .encode(
            # Fill, not colour: the routes' colour and dash share one legend of their own.
            fill=alt.condition(
                alt.FieldOneOfPredicate(field="properties.name", oneOf=list(MAP_HIGHLIGHT)),
                alt.Fill(
                    "properties.name:N",
                    title="Country",
                    scale=alt.Scale(domain=list(MAP_HIGHLIGHT), range=list(MAP_HIGHLIGHT.values())),
                ),
                alt.value(PALE_GREY),
            ),
            tooltip=[alt.Tooltip("properties.name:N", title="Country")],
        )
    )
    routes = load_pipelines(folder)
    lines = (
        alt.Chart(routes)
        .mark_line(strokeWidth=3, opacity=0.85)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            order="order:Q",
            color=alt.Color(
                "pipeline:N",
                title="Pipeline (schematic)",
                scale=alt.Scale(
                    domain=list(PIPELINE_COLOURS), range=list(PIPELINE_COLOURS.values())
                ),
            ),
            strokeDash=alt.StrokeDash(
                "pipeline:N",
                title="Pipeline (schematic)",
                scale=alt.Scale(domain=list(PIPELINE_COLOURS)),
            ),
            tooltip=[
                alt.Tooltip("pipeline:N", title="Pipeline"),
                alt.Tooltip("name:N", title="Point"),
            ],
        )
    )
    places = load_places(folder)
    shown = places[places["kind"] != "pipeline_point"].copy()
    shown["kind_words"] = shown["kind"].map(lambda kind: PLACE_WORDS.get(kind, kind))
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=60, color=BLACK)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            shape=alt.Shape(
                "kind:N", title="Place", legend=alt.Legend(labelExpr=in_words(PLACE_WORDS))
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Place"),
                alt.Tooltip("kind_words:N", title="Kind"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
    )
    labels = (
        alt.Chart(shown[shown["kind"].isin(["capital", "base", "port"])])
        .mark_text(align="left", dx=6, dy=-6, fontSize=11)
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
    )
    chart = (
        alt.layer(countries, lines, points, labels)
        .project(type="mercator", center=[44.5, 41.5], scale=2000)
        .properties(width=700, height=480)
    )
    return describe(
        chart,
        "The South Caucasus: states, bases and export routes",
        "Map of Azerbaijan, Armenia and Georgia between Russia to the north, Iran to the south and "
        f"Turkey to the west, with {len(shown)} places (capitals, cities, bases, ports) and four "
        "schematic pipeline routes from Sangachal near Baku: BTC to Ceyhan, the South Caucasus "
        "gas pipeline to Erzurum, Baku-Supsa to Georgia's coast and Baku-Novorossiysk to Russia's.",
        subtitle="Pipeline lines join named points; they are not surveyed routes.",
    )

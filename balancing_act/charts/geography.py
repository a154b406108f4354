"""The region on a map: country shapes and names, places and the export pipelines' routes, all
offline. The routes follow Global Energy Monitor's route geometry (CC BY 4.0), simplified; see
data/geo/README.md."""

from __future__ import annotations

import json
import math
from pathlib import Path

import altair as alt

from ..course.paths import data_dir
from ..course.vocabulary import BLACK, DARK_GREY, MAP_HIGHLIGHT, PALE_GREY, PIPELINE_COLOURS
from ..tables.load import load_places, load_routes
from .accessibility import describe, in_words

#: Kinds of place in words, where the code alone would not say it.
PLACE_WORDS = {"base": "military base"}

#: The credit the route geometry's licence (CC BY 4.0) asks for, shown under the map's title.
ROUTE_CREDIT = (
    "Pipeline routes: Global Energy Monitor, GOIT/GGIT pipeline routes, CC BY 4.0 "
    "(simplified). Borders: Natural Earth."
)

#: Where each country's name is written: a point inside the country, clear of the routes and of
#: the places' labels at the map's size (tests/test_geography.py checks both).
COUNTRY_LABELS = (
    ("Russia", 43.9, 45.6),
    ("Georgia", 43.3, 42.68),
    ("Armenia", 45.6, 40.25),
    ("Azerbaijan", 48.4, 39.45),
    ("Turkey", 39.2, 38.7),
    ("Iran", 47.3, 37.2),
)
#: Places whose names are written to the left of their points, to keep clear of others.
LEFT_LABELS = frozenset({"gyumri-base", "yerevan"})
COUNTRY_FONT = 13
PLACE_FONT = 11
#: Below this width (the site's phone drawing) the whole map shrinks, country names get smaller
#: and only the capitals keep their names: every other name would cover its neighbours.
PHONE_BELOW = 400
PHONE_COUNTRY_FONT = 9
PHONE_PLACE_FONT = 8

#: The map's projection and size: shapes, points, lines and labels share them.
CENTER, SCALE, WIDTH, HEIGHT = (44.5, 41.5), 2000, 700, 480


def to_pixels(lon: float, lat: float) -> tuple[float, float]:
    """Where a point falls on the drawn map, in pixels from its top left (Vega's mercator)."""

    def north(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = WIDTH / 2 + SCALE * math.radians(lon - CENTER[0])
    y = HEIGHT / 2 - SCALE * (north(lat) - north(CENTER[1]))
    return x, y


def label_boxes(places, width: float = WIDTH) -> list[tuple[str, tuple]]:
    """Each text label's rough box (left, top, right, bottom, in pixels) on the map drawn
    ``width`` pixels wide, from an average glyph width: enough to tell labels that collide from
    labels that clear."""
    shrink, phone = width / WIDTH, width < PHONE_BELOW
    country_font = PHONE_COUNTRY_FONT if phone else COUNTRY_FONT
    place_font = PHONE_PLACE_FONT if phone else PLACE_FONT
    boxes = []
    for name, lon, lat in COUNTRY_LABELS:
        x, y = (shrink * c for c in to_pixels(lon, lat))
        half = 0.34 * country_font * len(name)
        boxes.append(
            (name.upper(), (x - half, y - country_font / 2, x + half, y + country_font / 2))
        )
    for row in places.itertuples():
        if phone and row.kind != "capital":
            continue
        x, y = (shrink * c for c in to_pixels(row.lon, row.lat))
        text = 0.5 * place_font * len(row.name)
        left = x - 6 - text if row.id in LEFT_LABELS else x + 6
        boxes.append((row.name, (left, y - 6 - place_font, left + text, y - 6)))
    return boxes


def label_problems(places, width: float = WIDTH) -> list[str]:
    """Labels that overlap another or run off the map's frame (empty when all are clear), on
    the map drawn ``width`` pixels wide."""
    boxes = label_boxes(places, width)
    height = HEIGHT * width / WIDTH
    problems = []
    for i, (name, (left, top, right, bottom)) in enumerate(boxes):
        if left < 0 or top < 0 or right > width or bottom > height:
            problems.append(f"{name!r} runs off the map")
        for other, (left2, top2, right2, bottom2) in boxes[i + 1 :]:
            if left < right2 and left2 < right and top < bottom2 and top2 < bottom:
                problems.append(f"{name!r} overlaps {other!r}")
    return problems


def labelled_places(folder: Path | None = None):
    """The places whose names the map writes beside their points: capitals, bases and ports
    inside the frame (Moscow, Ankara and Tehran lie beyond it)."""
    places = load_places(folder)
    kept = places[places["kind"].isin(["capital", "base", "port"])]
    inside = [
        0 <= x <= WIDTH and 0 <= y <= HEIGHT
        for x, y in (to_pixels(lon, lat) for lon, lat in zip(kept["lon"], kept["lat"], strict=True))
    ]
    return kept[inside]


def _countries(folder: Path) -> dict:
    return json.loads((folder / "geo" / "south-caucasus.topo.json").read_text(encoding="utf-8"))


def region_map(folder: Path | None = None) -> alt.LayerChart:
    """The South Caucasus and its neighbours, with capitals, bases and the export pipelines."""
    folder = Path(folder) if folder is not None else data_dir()
    phone = f"width < {PHONE_BELOW}"
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
    routes = load_routes(folder)
    lines = (
        alt.Chart(routes)
        .mark_line(opacity=0.85)
        .encode(
            strokeWidth=alt.condition(phone, alt.value(1.5), alt.value(3)),
            longitude="lon:Q",
            latitude="lat:Q",
            order="order:Q",
            color=alt.Color(
                "pipeline:N",
                title="Pipeline",
                scale=alt.Scale(
                    domain=list(PIPELINE_COLOURS), range=list(PIPELINE_COLOURS.values())
                ),
            ),
            strokeDash=alt.StrokeDash(
                "pipeline:N",
                title="Pipeline",
                scale=alt.Scale(domain=list(PIPELINE_COLOURS)),
            ),
            tooltip=[
                alt.Tooltip("pipeline:N", title="Pipeline"),
                alt.Tooltip("source:N", title="Route geometry"),
            ],
        )
    )
    places = load_places(folder)
    shown = places[places["kind"] != "pipeline_point"].copy()
    shown["kind_words"] = shown["kind"].map(lambda kind: PLACE_WORDS.get(kind, kind))
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, color=BLACK)
        .encode(
            size=alt.condition(phone, alt.value(18), alt.value(60)),
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
    named = labelled_places(folder)
    labels = [
        alt.Chart(named[named["id"].isin(LEFT_LABELS) == (align == "right")])
        .mark_text(align=align, dx=6 if align == "left" else -6, dy=-6)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            text="name:N",
            size=alt.condition(phone, alt.value(PHONE_PLACE_FONT), alt.value(PLACE_FONT)),
            opacity=alt.condition(
                f"{phone} && datum.kind !== 'capital'", alt.value(0), alt.value(1)
            ),
        )
        for align in ("left", "right")
    ]
    names = (
        alt.Chart(
            alt.Data(
                values=[
                    {"country": name.upper(), "lon": lon, "lat": lat}
                    for name, lon, lat in COUNTRY_LABELS
                ]
            )
        )
        .mark_text(fontWeight="bold", color=DARK_GREY, opacity=0.8)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            text="country:N",
            size=alt.condition(phone, alt.value(PHONE_COUNTRY_FONT), alt.value(COUNTRY_FONT)),
        )
    )
    chart = (
        alt.layer(countries, names, lines, points, *labels)
        # The scale follows the width, so a narrower drawing shows the same region, smaller.
        .project(
            type="mercator", center=list(CENTER), scale=alt.ExprRef(f"{SCALE} * width / {WIDTH}")
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    return describe(
        chart,
        "The South Caucasus: states, bases and export routes",
        "Map of Azerbaijan, Armenia and Georgia between Russia to the north, Iran to the south and "
        f"Turkey to the west, each named on the map, with {len(shown)} places (capitals, cities, "
        "bases, ports) and the routes of four export pipelines from the Baku area: BTC across "
        "Georgia and eastern Turkey to Ceyhan; the South Caucasus gas pipeline beside it to the "
        "Georgia-Turkey border; Baku-Supsa to Georgia's Black Sea coast; and Baku-Novorossiysk "
        "north along the Caspian through Dagestan and west across southern Russia, not through "
        f"Georgia. {ROUTE_CREDIT}",
        subtitle=ROUTE_CREDIT,
    )

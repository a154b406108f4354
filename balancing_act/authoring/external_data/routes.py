"""Global Energy Monitor's pipeline route geometry -> ``geo/routes.csv``, the map's route lines.

Each raw file is one route of GEM's pipeline-route repository, kept byte for byte as fetched.
The course draws a simplified copy: the line thinned with the Douglas-Peucker rule (the
drawn line stays within ``TOLERANCE`` degrees of GEM's) and rounded to three decimals. The derivation refuses a route whose drawn
line crosses a country its row does not name, or misses one it does, so the map can never draw
a route through a country it does not cross.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...analysis.countries import countries_crossed, country_rings
from .cells import csv_text, raw_label, short
from .course_links import Problem

#: Degrees (about 2 km): under a pixel at the map's scale, so the thinned line looks the same.
TOLERANCE = 0.02

#: The routes the map draws: the course's pipeline code, the raw file, the countries the line
#: crosses in order (GEM's own ``CountriesOrAreas`` where the file gives it), and the source id.
ROUTES = (
    {
        "pipeline": "BTC",
        "file": "gem-pipeline-routes/P0644.geojson",
        "countries": ("Azerbaijan", "Georgia", "Turkey"),
        "source": "gem-pipeline-routes",
    },
    {
        "pipeline": "SCP",
        "file": "gem-pipeline-routes/P0759.geojson",
        "countries": ("Azerbaijan", "Georgia"),
        "source": "gem-pipeline-routes",
    },
    {
        "pipeline": "Baku-Supsa",
        "file": "gem-pipeline-routes/P0643.geojson",
        "countries": ("Azerbaijan", "Georgia"),
        "source": "gem-pipeline-routes",
    },
    {
        "pipeline": "Baku-Novorossiysk",
        "file": "gem-pipeline-routes/P0645.geojson",
        "countries": ("Azerbaijan", "Russia"),
        "source": "gem-pipeline-routes",
    },
)
HEADER = ["pipeline", "order", "lon", "lat", "source"]

Line = list[tuple[float, float]]


def route_line(geojson: dict) -> Line:
    """One line through every feature of a route file, in file order (GEM splits some routes
    into sections, each starting where the last ends)."""
    points: Line = []
    for feature in geojson.get("features") or []:
        geometry = feature.get("geometry") or {}
        parts = geometry.get("coordinates") or []
        if geometry.get("type") == "LineString":
            parts = [parts]
        for part in parts:
            for position in part:
                point = (float(position[0]), float(position[1]))
                if not points or point != points[-1]:
                    points.append(point)
    return points


def _distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(line: Line, tolerance: float = TOLERANCE) -> Line:
    """The Douglas-Peucker thinning of a line: its ends and every vertex needed to stay within
    ``tolerance`` of the original."""
    if len(line) < 3:
        return list(line)
    keep = {0, len(line) - 1}
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(line[i], line[first], line[last])
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [line[i] for i in sorted(keep)]


def _rounded(line: Line) -> Line:
    points: Line = []
    for x, y in line:
        point = (round(x, 3), round(y, 3))
        if not points or point != points[-1]:
            points.append(point)
    return points


def read_routes(raw: Path, topo: dict) -> tuple[dict[str, Line], list[Problem]]:
    """Each route's simplified line, by pipeline code, and the problems found on the way."""
    shapes = country_rings(topo)
    lines, problems = {}, []
    for spec in ROUTES:
        label, path = raw_label(spec["file"]), raw / spec["file"]
        if not path.is_file():
            problems.append(Problem(label, None, None, "missing"))
            continue
        try:
            line = route_line(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, IndexError, AttributeError) as error:
            problems.append(Problem(label, None, None, f"not a GeoJSON route: {error}"))
            continue
        if len(line) < 2:
            problems.append(Problem(label, None, None, "holds no line to draw"))
            continue
        line = _rounded(simplify(line))
        crossed = tuple(countries_crossed(line, shapes))
        if crossed != spec["countries"]:
            problems.append(
                Problem(
                    label,
                    None,
                    None,
                    f"the {spec['pipeline']} line crosses {', '.join(crossed) or 'no country'}, "
                    f"not {', '.join(spec['countries'])} as its row names",
                )
            )
            continue
        lines[spec["pipeline"]] = line
    return lines, problems


def routes_table(lines: dict[str, Line]) -> str:
    rows = []
    for spec in ROUTES:
        for order, (lon, lat) in enumerate(lines[spec["pipeline"]], start=1):
            rows.append([spec["pipeline"], order, short(lon, 3), short(lat, 3), spec["source"]])
    return csv_text(HEADER, rows)

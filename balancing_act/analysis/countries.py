"""Which country a point on the map lies in, and which countries a line crosses.

The map's country shapes (``data/geo/south-caucasus.topo.json``) are decoded from TopoJSON here,
without a geometry library: a point is in a country when it is inside an odd number of that
country's rings (the even-odd rule, which holes and islands obey alike). A line is followed in
short steps, so a route that cuts a corner of a country is caught even between its vertices.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..course.paths import data_dir

#: How far apart, in degrees, a line is sampled (about 2 km): finer than any border detail the
#: 1:50m shapes keep, so a crossing is not stepped over.
STEP = 0.02

Ring = list[tuple[float, float]]
Box = tuple[float, float, float, float]
#: A country's rings, each with its bounding box (west, south, east, north), so that a point
#: is tested only against the rings whose box holds it.
Shapes = dict[str, list[tuple[Box, Ring]]]


def _arcs(topo: dict) -> list[Ring]:
    """Every arc as absolute longitude/latitude pairs (TopoJSON stores quantized deltas)."""
    transform = topo.get("transform")
    decoded = []
    for arc in topo["arcs"]:
        if transform is None:
            decoded.append([(float(x), float(y)) for x, y in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _box(ring: Ring) -> Box:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def country_rings(topo: dict, feature: str = "countries") -> Shapes:
    """Each country's rings (with their boxes), by its name, from a TopoJSON topology."""
    arcs = _arcs(topo)
    shapes: Shapes = {}
    for geometry in topo["objects"][feature]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        shapes.setdefault(geometry["properties"]["name"], []).extend(
            (_box(ring), ring) for ring in rings if ring
        )
    return shapes


@lru_cache(maxsize=2)
def _map_countries(path: str) -> Shapes:
    return country_rings(json.loads(Path(path).read_text(encoding="utf-8")))


def map_countries(folder: Path | None = None) -> Shapes:
    """The rings of the countries on the course's regional map."""
    folder = Path(folder) if folder is not None else data_dir()
    return _map_countries(str(folder / "geo" / "south-caucasus.topo.json"))


def _inside(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def country_at(lon: float, lat: float, shapes: Shapes) -> str | None:
    """The name of the country the point lies in, or None (sea, or a country not on the map)."""
    for name, rings in shapes.items():
        crossings = sum(
            _inside(lon, lat, ring)
            for (west, south, east, north), ring in rings
            if west <= lon <= east and south <= lat <= north
        )
        if crossings % 2:
            return name
    return None


def countries_crossed(
    line: list[tuple[float, float]], shapes: Shapes, step: float = STEP
) -> list[str]:
    """The countries a line (longitude, latitude pairs) passes through, in the order it meets
    them, each once; sea and countries not on the map are left out."""
    crossed: list[str] = []
    for (x1, y1), (x2, y2) in zip(line, line[1:], strict=False):
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) / step))
        for i in range(steps + 1):
            name = country_at(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps, shapes)
            if name is not None and name not in crossed:
                crossed.append(name)
    return crossed

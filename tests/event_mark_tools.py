"""What a chart that draws events must give a student, read from its Vega-Lite spec: each event's
tooltip with its id and how it moved Baku, the events above the period bands (and event lines
with a target wide enough to hover), periods named by their codes, and the brief's publication
marked where a lesson splits the events there."""

from __future__ import annotations

from collections.abc import Iterator

from balancing_act.charts.event_marks import BRIEF_LABEL, BRIEF_VIEW, ID_TITLE, MOVED_TITLE
from balancing_act.course.periods import PERIOD_KEYS

#: A rule narrower than this many pixels is hard to reach with a pointer.
REACHABLE_WIDTH = 6


def views(spec: dict) -> Iterator[list[dict]]:
    """Each layered view of ``spec`` (a panel of a concatenation, or the chart itself) as its list
    of layers, nested layers flattened in drawing order."""
    if "layer" in spec:
        yield list(_flat(spec["layer"]))
    for key in ("vconcat", "hconcat", "concat"):
        for part in spec.get(key, []):
            yield from views(part)


def _flat(layers: list[dict], data: dict | None = None) -> Iterator[dict]:
    for layer in layers:
        if "layer" in layer:  # its children share its data unless they have their own
            yield from _flat(layer["layer"], layer.get("data", data))
        else:
            yield layer if "data" in layer or data is None else {**layer, "data": data}


def _mark(layer: dict) -> dict:
    mark = layer.get("mark", {})
    return mark if isinstance(mark, dict) else {"type": mark}


def _tooltip_titles(layer: dict) -> list[str]:
    tooltip = layer.get("encoding", {}).get("tooltip", [])
    tooltip = tooltip if isinstance(tooltip, list) else [tooltip]
    return [t.get("title", t.get("field")) for t in tooltip if isinstance(t, dict)]


def is_band_layer(layer: dict) -> bool:
    fill = layer.get("encoding", {}).get("fill", {})
    return _mark(layer).get("type") == "rect" and fill.get("title") == "Period"


def is_event_layer(layer: dict) -> bool:
    return "Event" in _tooltip_titles(layer)


def event_problems(spec: dict) -> list[str]:
    """What keeps a student from reading an event where the pointer rests (empty when nothing)."""
    problems = []
    for layers in views(spec):
        bands = [i for i, layer in enumerate(layers) if is_band_layer(layer)]
        events = [i for i, layer in enumerate(layers) if is_event_layer(layer)]
        for i in events:
            titles = _tooltip_titles(layers[i])
            for wanted in (ID_TITLE, MOVED_TITLE):
                if wanted not in titles:
                    problems.append(f"layer {i}: an event's tooltip without {wanted!r}")
            if bands and i < max(bands):
                problems.append(f"layer {i}: events drawn under the period bands")
        rules = [i for i in events if _mark(layers[i]).get("type") == "rule"]
        if rules and not any(
            _mark(layers[i]).get("strokeWidth", 1) >= REACHABLE_WIDTH
            and "strokeDash" not in _mark(layers[i])
            and i == max(events)
            for i in rules
        ):
            problems.append(
                "event lines with no wide target above them: the band answers the pointer"
            )
    return problems


def rows(spec: dict, layer: dict) -> list[dict]:
    """A layer's rows, inline or in the chart's named data sets."""
    data = layer.get("data", {})
    return data.get("values") or spec.get("datasets", {}).get(data.get("name"), [])


def period_label_problems(spec: dict) -> list[str]:
    """Period bands whose labels do not start with the period's code."""
    problems = []
    for layers in views(spec):
        for layer in layers:
            if not is_band_layer(layer):
                continue
            for row in rows(spec, layer):
                if (
                    not row["label"].startswith(f"{row['period']} · ")
                    or row["period"] not in PERIOD_KEYS
                ):
                    problems.append(f"period band labelled {row['label']!r} without its code")
    return problems


def brief_marked(spec: dict) -> bool:
    """Whether the chart draws the rule at the brief's publication and its label."""
    marks = set()
    for layers in views(spec):
        for layer in layers:
            if str(layer.get("name", "")).startswith(BRIEF_VIEW):
                values = rows(spec, layer)
                if values and values[0].get("label") == BRIEF_LABEL:
                    marks.add(_mark(layer).get("type"))
    return {"rule", "text"} <= marks

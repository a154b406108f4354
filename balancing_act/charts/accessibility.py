"""What a chart says to a reader who cannot see it: its title, its description, its axis titles,
and legends in words rather than codes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import altair as alt


def describe(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str | None = None):
    """Give a chart its title and the text a screen reader reads instead of the picture."""
    return chart.properties(**described(title, description, subtitle))


def described(title: str, description: str, subtitle: str | None = None) -> dict:
    """What :func:`describe` gives a chart, as keyword arguments for the chart's constructor:
    ``alt.layer(bands, points, **described(...))``. A widget's builders use this, because each
    ``properties()`` of a layered chart builds it again, deep-copying every layer twice (a
    third of a widget's new state went to such copies)."""
    if not description.strip():
        raise ValueError("A chart needs a description for readers who cannot see it.")
    heading = alt.Title(title, subtitle=subtitle) if subtitle else alt.Title(title)
    return {"title": heading, "description": description}


def accessibility_problems(chart: alt.TopLevelMixin) -> list[str]:
    """What a chart lacks of a title, a description and axis titles (empty when complete)."""
    spec = chart.to_dict()
    problems = []
    if not spec.get("title"):
        problems.append("no title")
    if not str(spec.get("description", "")).strip():
        problems.append("no description for screen readers")
    for encoding in _encodings(spec):
        for channel in ("x", "y"):
            field = encoding.get(channel)
            if not isinstance(field, dict) or "field" not in field or field.get("axis", {}) is None:
                continue  # no field on this channel, or its axis is deliberately hidden
            if not (field.get("title") or (field.get("axis") or {}).get("title")):
                problems.append(f"{channel} axis of field {field['field']!r} has no title")
    return problems


def _encodings(spec: dict):
    if "encoding" in spec:
        yield spec["encoding"]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _encodings(part)
    if "spec" in spec:
        yield from _encodings(spec["spec"])


def in_words(words: Mapping[str, str]) -> str:
    """A Vega ``labelExpr`` that draws each code in ``words`` as its words, and any other code
    with spaces for its underscores, so no legend or axis shows ``toward_russia``.

    >>> print(in_words({"toward_west": "toward the West"}))
    datum.label === "toward_west" ? "toward the West" : replace(datum.label, regexp('_', 'g'), ' ')
    """
    expression = "replace(datum.label, regexp('_', 'g'), ' ')"
    for code, word in reversed(list(words.items())):
        expression = f"datum.label === {json.dumps(code)} ? {json.dumps(word)} : {expression}"
    return expression

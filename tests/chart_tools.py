"""What a chart draws, read from the SVG that Vega renders offline (vl-convert), so tests check
the words and lines a reader sees rather than how the spec happens to be written."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import altair as alt
import vl_convert
from altair.utils._importers import vl_version_for_vl_convert

from balancing_act.charts import theme as charts
from balancing_act.course.periods import PERIOD_KEYS

SVG = "{http://www.w3.org/2000/svg}"
#: Text a reader should never see: a code with an underscore (``toward_russia``); a function a
#: reader is told to call (``ba.reset_progress()``) is meant to be read as code.
RAW_CODE = re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b(?!\()")
YEAR = re.compile(r"\d{4}")
#: A code drawn on purpose beside its words, because the lessons and tables name it: a period's
#: code before its label ("shift · 2008–2014: the West steps back", or on the line above it), an
#: organisation's in brackets after its name ("CST / CSTO (CST_CSTO)"). Alone, it is a code.
CODE_BESIDE_WORDS = re.compile(
    rf"^(?:{'|'.join(PERIOD_KEYS)})(?: ·)? (?=\S)|(?<=\S )\([A-Za-z0-9_]+\)"
)


@dataclass(frozen=True)
class Guide:
    """A legend or an axis as drawn: its title and its visible labels."""

    title: str
    labels: tuple[str, ...]


def rendered(chart: alt.TopLevelMixin | dict) -> ET.Element:
    """The chart (or a widget's spec) drawn by Vega in the course's theme, as an SVG tree."""
    if isinstance(chart, dict):
        spec = chart
    else:
        with alt.theme.enable(charts.THEME_NAME):
            spec = chart.to_dict()
    svg = vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())
    return ET.fromstring(svg)


def _text(element: ET.Element) -> str:
    """A text element's words; a title wrapped onto lines reads as one line."""
    return " ".join(part.strip() for part in element.itertext() if part.strip())


def _visible(element: ET.Element) -> bool:
    return element.get("opacity") != "0"  # Vega hides labels that would overlap with opacity 0


def _groups(root: ET.Element, role: str):
    for group in root.iter(f"{SVG}g"):
        if f"role-{role}" in (group.get("class") or "").split():
            yield group


def _texts_in(group: ET.Element, role: str) -> tuple[str, ...]:
    return tuple(
        _text(text)
        for inner in _groups(group, role)
        for text in inner.iter(f"{SVG}text")
        if _visible(text)
    )


def drawn_text(chart: alt.TopLevelMixin) -> list[str]:
    """Every piece of text the chart draws: titles, axis and legend titles and labels (after
    their ``labelExpr``), mark labels."""
    return [_text(t) for t in rendered(chart).iter(f"{SVG}text") if _visible(t) and _text(t)]


def legends(chart: alt.TopLevelMixin) -> list[Guide]:
    root = rendered(chart)
    return [
        Guide(" ".join(_texts_in(legend, "legend-title")), _texts_in(legend, "legend-label"))
        for legend in _groups(root, "legend")
    ]


def axes(chart: alt.TopLevelMixin) -> list[Guide]:
    """Axes with labels (grid-only axes, which Vega draws apart, are left out)."""
    root = rendered(chart)
    found = []
    for axis in _groups(root, "axis"):
        labels = _texts_in(axis, "axis-label")
        if labels:
            found.append(Guide(" ".join(_texts_in(axis, "axis-title")), labels))
    return found


def line_runs(chart: alt.TopLevelMixin) -> list[int]:
    """For each line drawn, how many separate stretches it has (a gap starts a new one)."""
    runs = []
    for group in _groups(rendered(chart), "mark"):
        if "mark-line" in (group.get("class") or ""):
            for path in group.iter(f"{SVG}path"):
                runs.append(path.get("d", "").count("M"))
    return runs


def reading_problems(chart: alt.TopLevelMixin) -> list[str]:
    """What a careful editor would send back (empty when none): codes drawn instead of words
    (a code beside its words, ``CODE_BESIDE_WORDS``, is meant),
    text cut short with "…", two legends with one title, a Year axis labelled with anything but
    years."""
    problems = []
    for text in drawn_text(chart):
        if RAW_CODE.search(CODE_BESIDE_WORDS.sub("", text)):
            problems.append(f"draws a code: {text!r}")
        if text.endswith("…"):
            problems.append(f"cuts text short: {text!r}")
    titles = [legend.title for legend in legends(chart)]
    for title in sorted({t for t in titles if titles.count(t) > 1}):
        problems.append(f"{titles.count(title)} legends titled {title!r}")
    for axis in axes(chart):
        if axis.title == "Year":
            odd = [label for label in axis.labels if not YEAR.fullmatch(label)]
            if odd:
                problems.append(f"Year axis labels that are not years: {odd}")
    return problems


def runs_of_years(years) -> int:
    """How many stretches of consecutive years ``years`` holds (2009, 2010, 2015 hold two)."""
    ordered = sorted(set(int(y) for y in years))
    return sum(1 for i, year in enumerate(ordered) if i == 0 or year != ordered[i - 1] + 1)

"""A chart of the course drawn for the site: inline SVG that scales to its box, and, when the
chart is wider than a phone, a second drawing made for a phone.

A lesson's chart is drawn for JupyterLab's width. Shrunk onto a 390 px screen its 12 px labels
would become unreadable, so the site redraws a wide chart from its Vega-Lite spec with a
narrower plot, wrapped titles and legends stacked below (:func:`phone_spec`); the page's style
sheet shows that drawing below its breakpoint. The chart modules are not changed for the site:
everything here works on the spec the lesson produced.
"""

from __future__ import annotations

import copy
import re
import textwrap
from html import escape

#: The widest chart (in CSS pixels) drawn at full size on a phone: a 390 px screen less margins.
PHONE_CHART_WIDTH = 340
#: The plot area a phone chart starts from, before axes, labels and legends are added.
PHONE_PLOT_WIDTH = 240
#: Narrowest plot area a phone chart is squeezed to when its labels are long.
PHONE_PLOT_MINIMUM = 120
_TITLE_CHARACTERS = 32  # a 16 px title line that fits PHONE_CHART_WIDTH
_SUBTITLE_CHARACTERS = 44


def render_svg(spec: dict) -> str:
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_convert.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())


def svg_size(svg: str) -> tuple[float, float]:
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    width, height = (
        float(re.search(rf'\b{side}="([\d.]+)"', root).group(1)) for side in ("width", "height")
    )
    return width, height


def _with_size(svg: str, size: str) -> str:
    """The SVG with its root's width, height and style replaced by ``size`` (a format string
    of ``width`` and ``height``, as drawn) and a viewBox of the drawn size."""
    width, height = svg_size(svg)
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    attributes = re.sub(r'\s(?:width|height|viewBox|style)="[^"]*"', "", root[4:-1])
    sized = size.format(width=f"{width:g}", height=f"{height:g}")
    new_root = f'<svg viewBox="0 0 {width:g} {height:g}" {sized}{attributes}>'
    return svg.replace(root, new_root, 1)


def responsive_svg(svg: str) -> str:
    """The SVG scaled to its box: a viewBox, 100 % wide, never wider than it was drawn."""
    return _with_size(svg, 'width="100%" style="max-width: {width}px; height: auto"')


def _wrapped(text, characters: int):
    if isinstance(text, str) and len(text) > characters:
        return textwrap.wrap(text, characters)
    return text


def _narrowed(spec: dict, plot_width: int) -> dict:
    """One view of a spec (and, recursively, its layers and panels) at a phone's width."""
    width = spec.get("width")
    if isinstance(width, dict) or (isinstance(width, int | float) and width > plot_width):
        if "projection" in spec and isinstance(width, int | float) and "height" in spec:
            spec["height"] = round(spec["height"] * plot_width / width)  # a map keeps its shape
        spec["width"] = plot_width  # a fixed width, or one step per bar, becomes the phone's
    title = spec.get("title")
    if isinstance(title, dict):
        title["text"] = _wrapped(title.get("text"), _TITLE_CHARACTERS)
        if "subtitle" in title:
            title["subtitle"] = _wrapped(title["subtitle"], _SUBTITLE_CHARACTERS)
    elif title is not None:
        spec["title"] = _wrapped(title, _TITLE_CHARACTERS)
    for channel in (spec.get("encoding") or {}).values():
        legend = channel.get("legend") if isinstance(channel, dict) else None
        if isinstance(legend, dict):  # the phone's legends stack in one column below the chart
            for key in ("orient", "columns", "direction", "legendX", "legendY"):
                legend.pop(key, None)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for part in spec.get(key, []):
            _narrowed(part, plot_width)
    if isinstance(spec.get("spec"), dict):
        _narrowed(spec["spec"], plot_width)
    return spec


def phone_spec(spec: dict, plot_width: int = PHONE_PLOT_WIDTH) -> dict:
    """The chart redrawn for a phone: a narrower plot, titles wrapped, legends in a column below.

    Text keeps its size, so at a phone's width the chart is shown at 1:1 and stays legible.
    """
    phone = _narrowed(copy.deepcopy(spec), plot_width)
    config = phone.setdefault("config", {})
    config.setdefault("view", {})["continuousWidth"] = plot_width
    config.setdefault("legend", {}).update(
        {
            "orient": "bottom",
            "direction": "vertical",
            "columns": 1,
            "layout": {"bottom": {"direction": "vertical", "anchor": "start"}},
        }
    )
    return phone


def phone_svg(spec: dict) -> str:
    """The phone drawing, its plot narrowed further if axis labels or legends make it too wide."""
    svg = render_svg(phone_spec(spec))
    excess = svg_size(svg)[0] - PHONE_CHART_WIDTH
    if excess > 0:
        svg = render_svg(phone_spec(spec, max(PHONE_PLOT_MINIMUM, int(PHONE_PLOT_WIDTH - excess))))
    return svg


def without_pointer_hints(spec: dict) -> dict:
    """The spec without a subtitle that tells the reader to hover or click: a drawing on the
    site has no tooltips and no selection."""
    title = spec.get("title")
    subtitle = title.get("subtitle") if isinstance(title, dict) else None
    if isinstance(subtitle, str) and re.match(r"(?:hover|click)\b", subtitle, re.IGNORECASE):
        spec = {**spec, "title": {key: value for key, value in title.items() if key != "subtitle"}}
    return spec


def _views(spec: dict, encoding: dict | None = None):
    """Each view of a spec (itself, its layers and panels) with the encoding it inherits."""
    encoding = {**(encoding or {}), **(spec.get("encoding") or {})}
    yield spec, encoding
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for part in spec.get(key, []):
            yield from _views(part, encoding)
    if isinstance(spec.get("spec"), dict):
        yield from _views(spec["spec"], encoding)


def labels_in_cells(spec: dict) -> bool:
    """Whether the chart writes text inside the cells of a grid (a text mark on a nominal or
    ordinal x axis, as the membership chart does): narrowed for a phone, its cells would cut
    their words, so the site shows it at its own size in a box that scrolls sideways instead."""
    for view, encoding in _views(spec):
        mark = view.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        x = encoding.get("x")
        if kind == "text" and isinstance(x, dict) and x.get("type") in ("nominal", "ordinal"):
            return True
    return False


def is_map(spec: dict) -> bool:
    """Whether the chart is a map (a view with a projection): narrowed for a phone, its place
    and country names would fall under the smallest legible size or cover each other, so the
    site shows it at its own size in a box that scrolls sideways instead."""
    return "projection" in spec or any("projection" in view for view, _ in _views(spec))


def full_size_svg(svg: str) -> str:
    """The SVG at the size it was drawn (for a box that scrolls sideways), with its viewBox."""
    return _with_size(svg, 'width="{width}" height="{height}" style="max-width: none"')


#: The box a chart or table scrolls sideways in: the page's style sheet draws its cue (a shadow
#: at the edge that has more to show), and a keyboard can reach it to scroll it.
SCROLL_BOX = '<div class="{classes} ba-scroll" tabindex="0" role="region" aria-label="{label}">'


#: The words above a chart that scrolls sideways, shown where the phone's drawings are (below
#: the style sheet's breakpoint): a chart's own colours would hide a shadow behind it.
SCROLL_HINT = (
    '<p class="ba-scroll-hint" aria-hidden="true" data-pagefind-ignore>'
    "Wider than a phone's screen: scroll the chart sideways →</p>"
)


def chart_figure(spec: dict) -> str:
    """A chart as a figure captioned with its description: its own drawing for wide screens and,
    when that is wider than a phone, a phone's drawing shown instead below the site's breakpoint;
    or, for a grid with words in its cells or a map, its own drawing at full size in a box that scrolls
    sideways with a visible cue."""
    spec = without_pointer_hints(spec)
    description = escape(str(spec.get("description", "")))
    wide = render_svg(spec)
    drawings = f'<div class="ba-chart-wide">{responsive_svg(wide)}</div>'
    if svg_size(wide)[0] > PHONE_CHART_WIDTH and (labels_in_cells(spec) or is_map(spec)):
        box = SCROLL_BOX.format(classes="ba-chart-wide", label="Chart, scrolls sideways")
        drawings = f"{SCROLL_HINT}{box}{full_size_svg(wide)}</div>"
    elif svg_size(wide)[0] > PHONE_CHART_WIDTH:
        drawings = (
            f'<div class="ba-chart-wide ba-has-phone">{responsive_svg(wide)}</div>'
            f'<div class="ba-chart-phone">{responsive_svg(phone_svg(spec))}</div>'
        )
    return (
        f'<figure class="ba-chart" role="img" aria-label="{description}">{drawings}'
        f"<figcaption>{description}</figcaption></figure>"
    )

"""The course's look for every chart: fonts, axes, legends, the palette, the width of time charts.

Registered as an Altair theme; :func:`balancing_act.charts.offline.setup` enables it in
notebooks and :func:`save_chart` when writing files.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt

from ..course.vocabulary import OKABE_ITO

THEME_NAME = "balancing_act"

#: Width of every chart with a time axis, in pixels (the year labels are centred for it).
TIME_WIDTH = 640


@alt.theme.register(THEME_NAME, enable=False)
def course_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": "sans-serif",
            "title": {"fontSize": 16, "anchor": "start", "subtitleColor": "#444444"},
            # No limits: a label or title is never cut short to "Event moved Ba…"; builders keep
            # their titles short or wrap them (see fit_title) instead.
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "grid": True,
                "gridColor": "#e6e6e6",
                "labelLimit": 0,
                "titleLimit": 0,
            },
            # Legends below the plot, each a column, so a narrow notebook never squeezes them.
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "orient": "bottom",
                "direction": "vertical",
                "labelLimit": 0,
                "titleLimit": 0,
            },
            "range": {"category": list(OKABE_ITO)},
            "view": {"continuousWidth": 640, "continuousHeight": 300, "stroke": None},
        }
    }


def save_chart(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path`` as SVG or PNG (by its suffix), offline."""
    path = Path(path)
    if path.suffix not in {".svg", ".png"}:
        raise ValueError(f"Charts are saved as .svg or .png, not {path.suffix or 'no suffix'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with alt.theme.enable(THEME_NAME):
        if path.suffix == ".png":
            chart.save(path, scale_factor=scale)
        else:
            chart.save(path)
    return path

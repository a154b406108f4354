"""The states of a widget's controls one move away from the present one, likeliest first.

A student moves an explorer a step at a time: a slider's handle one step by the keyboard or a
short drag, a list to the next option, a box ticked or unticked. :func:`neighbours` lists the
states such a move reaches, so that :class:`~balancing_act.widgets.explorer.ChartExplorer` can
draw them while the student reads the chart, and the next move costs a look-up. The control
just moved comes first, a step further the same way before a step back; then the other
controls in the order they are shown, each a step up before a step down. Multiple choices and
free text have too many next states to guess, and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets

#: Controls whose value is a number on a scale with a step.
_SCALES = (widgets.IntSlider, widgets.FloatSlider)
_RANGES = (widgets.IntRangeSlider, widgets.FloatRangeSlider)
#: Controls whose value is one of a list of options.
_CHOICES = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select)


def _on_scale(control, value):
    """``value`` rounded as the control's step is, or None if it falls off the scale."""
    if isinstance(control.step, float):
        value = round(value, 10)
    return value if control.min <= value <= control.max else None


def _option_values(control) -> list:
    return [option[1] if isinstance(option, tuple) else option for option in control.options]


def steps(control, value) -> list:
    """The values one move of ``control`` reaches from ``value``: up first, then down."""
    if isinstance(control, _SCALES):
        found = [_on_scale(control, value + control.step), _on_scale(control, value - control.step)]
        return [v for v in found if v is not None]
    if isinstance(control, _RANGES):
        low, high = value
        found = []
        for new_low, new_high in (
            (low + control.step, high),
            (low, high + control.step),
            (low - control.step, high),
            (low, high - control.step),
        ):
            new_low, new_high = _on_scale(control, new_low), _on_scale(control, new_high)
            if new_low is not None and new_high is not None and new_low <= new_high:
                found.append((new_low, new_high))
        return found
    if isinstance(control, _CHOICES):
        values = _option_values(control)
        if value not in values:
            return []
        at = values.index(value)
        return [values[i] for i in (at + 1, at - 1) if 0 <= i < len(values)]
    if isinstance(control, widgets.Checkbox):
        return [not value]
    return []


def _same_way(old, new, candidate) -> bool:
    """Whether ``candidate`` continues the move from ``old`` to ``new`` (either handle of a
    range, a number, or the next option after the one chosen)."""
    if isinstance(new, tuple) and isinstance(old, tuple) and len(old) == len(new) == 2:
        return any(
            (n - o) * (c - n) > 0 for o, n, c in zip(old, new, candidate, strict=True) if o != n
        )
    if isinstance(new, int | float) and isinstance(old, int | float) and not isinstance(new, bool):
        return (new - old) * (candidate - new) > 0
    return False


def neighbours(
    controls: Mapping[str, widgets.ValueWidget],
    values: Mapping,
    moved: tuple[str, object, object] | None = None,
) -> list[dict]:
    """The states one move from ``values`` (each a full dict of the controls' values), the
    likeliest first. ``moved`` is the last move, ``(control name, old value, new value)``."""
    order = list(controls)
    if moved is not None and moved[0] in controls:
        order.remove(moved[0])
        order.insert(0, moved[0])
    found = []
    for name in order:
        reached = steps(controls[name], values[name])
        if moved is not None and name == moved[0]:
            reached.sort(key=lambda value: not _same_way(moved[1], moved[2], value))
        found += [{**values, name: value} for value in reached]
    return found

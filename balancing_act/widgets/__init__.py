"""The course's widgets: each a thin :class:`~balancing_act.widgets.explorer.ChartExplorer`
over a pure, tested chart builder, and the HTML cards they show."""

from .._former import folder_getattr

# Names of the module this folder replaced answer, with a warning, for a term.
__getattr__ = folder_getattr("widgets")

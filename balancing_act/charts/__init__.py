"""Every chart of the course: its theme, offline drawing, words for readers who cannot see it,
the shared axes, and one builder per kind of chart. Imports ``course``, ``tables``, ``analysis``."""

from .._former import folder_getattr

# Names of the module this folder replaced answer, with a warning, for a term.
__getattr__ = folder_getattr("charts")

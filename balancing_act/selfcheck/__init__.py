"""Self-checks: the keyed questions of each lesson, how an answer is judged, what the student
is told, their progress, and the assertions of the assignments' visible tests."""

from .._former import folder_getattr

# Names of the module this folder replaced answer, with a warning, for a term.
__getattr__ = folder_getattr("selfcheck")

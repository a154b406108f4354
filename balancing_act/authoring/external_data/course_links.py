"""Everything this builder takes from the rest of ``balancing_act``, in one place.

The builder is authoring tooling on top of the course package: a broken raw file is reported
with the same ``Problem`` (file, row, column, what) as a broken table, and the command's default
folder is the course's own ``data/``. Keeping both imports here means a move of either module
changes one line.
"""

from __future__ import annotations

from ...course.paths import data_dir
from ...tables.validation import DataValidationError, Problem

__all__ = ["DataValidationError", "Problem", "data_dir"]

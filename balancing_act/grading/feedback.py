"""Feedback without hidden tests: nbgrader's ``generate_feedback`` with one more preprocessor.

The course's graded notebooks never hold hidden tests (see :mod:`.gradebook`). This
preprocessor is the second lock, for a notebook graded any other way (plain ``nbgrader
autograde``, say): it removes hidden tests and replaces what a failing one printed, since
nbgrader's own feedback shows both, and the tracebacks quote the test.
"""

from __future__ import annotations

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import ClearHiddenTests
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets import List

from .assignment import HIDDEN_BEGIN


class HideHiddenTests(ClearHiddenTests):
    # The exporter configures display_data_priority for every preprocessor; nbgrader's base
    # class re-declares it without config=True, so each `make feedback` warned "not recognized".
    # Configurable again, as nbgrader's own GetGrades declares it.
    display_data_priority = List(
        NbGraderPreprocessor.class_traits()["display_data_priority"].default()
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        had_hidden = HIDDEN_BEGIN in cell.get("source", "")
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if had_hidden and cell.cell_type == "code":
            failed = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            message = (
                "A hidden test in this cell did not pass." if failed else "Hidden tests passed."
            )
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=message + "\n")]
            cell.source = "# Hidden tests (not shown)"
        return cell, resources


class OfflineFeedbackExporter(HTMLExporter):
    """The exporter of feedback pages alone (``GenerateFeedback.exporter_class``).

    Its template is set in ``nbgrader_config.py`` under this class's name: set on nbconvert's
    ``HTMLExporter``, the same setting would reach every HTML page the Jupyter server renders,
    the Formgrader's submission page included, which then cannot find its own template.
    """

"""Feedback pages: nbgrader's ``generate_feedback`` with two more preprocessors.

:class:`HideHiddenTests`: the course's graded notebooks never hold hidden tests (see
:mod:`.gradebook`). This preprocessor is the second lock, for a notebook graded any other way
(plain ``nbgrader autograde``, say): it removes hidden tests and replaces what a failing one
printed, since nbgrader's own feedback shows both, and the tracebacks quote the test.

:class:`ShowStudentWorkInert`: nothing a student wrote or printed can run in the page.
"""

from __future__ import annotations

import re

import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbgrader.preprocessors import ClearHiddenTests
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets import Any, Bool, List, Unicode

from .assignment import HIDDEN_BEGIN

# What a notebook's text and outputs need, and nothing that acts: no script, style, form,
# frame, object or event attribute (bleach allows no attribute it is not told to).
TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del"),
    *("div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li"),
    *("ol", "p", "pre", "s", "samp", "small", "span", "strong", "sub", "sup", "table"),
    *("tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
}
ATTRIBUTES = {
    "*": ["class", "title"],
    "a": ["href", "title"],
    "ol": ["start"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan"],
}
INERT_CLASS = "student-markdown"
BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
# pandas writes a small style sheet before each table; a style element is never allowed, so it
# would be shown as text above every table. Only one with no markup inside is dropped.
PANDAS_STYLE = re.compile(r"<style scoped>[^<]*</style>")


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


class ShowStudentWorkInert(SanitizeHTML):
    """Whatever the student wrote or printed is shown, and none of it can act in the page.

    The feedback page is opened by the student and, to check it, by the teacher. nbgrader's
    template renders a written (markdown) answer and every cell output as HTML, so a
    ``<script>``, an ``onerror`` attribute or a ``javascript:`` link in either ran in the
    reader's browser. After this preprocessor:

    - markdown cells (written answers, and any cell the student added) are rendered here, then
      sanitised by nbconvert's :class:`~nbconvert.preprocessors.SanitizeHTML` (bleach) with the
      tags a notebook needs (:data:`TAGS`) and links to http, https and mailto only; the page
      receives that HTML as the cell's source, which the template passes on unchanged;
    - outputs keep text, PNG and JPEG images (checked to be base64), SVG (drawn as an image,
      where scripts do not run) and sanitised HTML; Markdown output becomes sanitised HTML;
      JavaScript, widgets and every other kind are dropped, as is output metadata (file names,
      isolation frames);
    - what bleach does not allow is shown escaped, as text: the reader sees what was tried.

    The template adds a content security policy that allows no script at all, the second lock.
    """

    # nbconvert's preprocessors are off unless enabled, and nbgrader registers them as they
    # are: without this, naming the class in GenerateFeedback.preprocessors did nothing.
    enabled = Bool(True).tag(config=True)
    tags = List(Unicode(), default_value=sorted(TAGS)).tag(config=True)
    attributes = Any(default_value=ATTRIBUTES).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown":
            cell.source = self.inert_markdown(cell.source)
            cell.pop("attachments", None)
        elif cell.cell_type == "code":
            cell.outputs = [self.inert_output(output) for output in cell.get("outputs", [])]
        else:
            cell.source = self.sanitize_html_tags(cell.source)
        return cell, resources

    def inert_markdown(self, source: str) -> str:
        """The Markdown rendered and sanitised, as one HTML block Markdown leaves untouched."""
        from nbconvert.filters import markdown2html

        rendered = self.sanitize_html_tags(markdown2html(source))
        # A blank line would end the HTML block and hand the rest back to Markdown: every line
        # break becomes a character reference, which HTML shows as the same line break.
        one_line = re.sub(r"\r\n|\r|\n", "&#10;", rendered)
        return f'<div class="{INERT_CLASS}">{one_line}</div>'

    def inert_output(self, output):
        if output.get("output_type") not in ("display_data", "execute_result"):
            return output  # stream and error text: the template escapes it
        output["metadata"] = {}
        data = output.get("data", {})
        kept = {}
        for mimetype, value in data.items():
            text = "".join(value) if isinstance(value, list) else value
            if not isinstance(text, str):
                continue
            if mimetype in ("text/plain", "image/svg+xml"):
                kept[mimetype] = text
            elif mimetype in ("image/png", "image/jpeg") and BASE64.fullmatch(text):
                kept[mimetype] = text
            elif mimetype == "text/html":
                kept[mimetype] = self.sanitize_html_tags(PANDAS_STYLE.sub("", text))
            elif mimetype == "text/markdown" and "text/html" not in data:
                from nbconvert.filters import markdown2html

                kept["text/html"] = self.sanitize_html_tags(markdown2html(text))
        output["data"] = kept
        return output

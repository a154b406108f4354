"""nbgrader configuration for the Balancing Act course (used by `make release/grade/...`)."""

import os

import nbgrader

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "balancing-act"
# An absolute root, wherever nbgrader is started from (nbgrader warns about relative ones).
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Instructor notebooks (with solutions and hidden tests) live in solutions/; the student
# versions nbgrader generates from them are committed in exercises/.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# A notebook cell that runs longer than this is stopped and scored as failed, so one endless
# loop cannot hold up the class.
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60

# Student versions keep the course's placeholder convention.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# nbgrader's own autograder (and the Formgrader's Autograde button) runs tests in the student's
# kernel: it refuses here, pointing to `make grade`, the course's sandboxed grader.
c.Autograde.sanitize_preprocessors = ["balancing_act.grading.guard.RefuseUnsafeAutograde"]

# Feedback pages work offline: nbgrader's feedback template, with MathJax (fetched from a CDN in
# nbgrader's page) left out by the course's template; the course's text holds no math. Set on
# the feedback's own exporter only: on nbconvert's HTMLExporter it would reach every page the
# Jupyter server renders, and the Formgrader could no longer open a submission (HTTP 500).
c.GenerateFeedback.exporter_class = "balancing_act.grading.feedback.OfflineFeedbackExporter"
c.OfflineFeedbackExporter.template_name = "offline-feedback"
c.OfflineFeedbackExporter.extra_template_basedirs = [
    os.path.join(
        os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"
    ),
    os.path.join(c.CourseDirectory.root, "balancing_act", "grading", "templates"),
]

# No heading gets an id in the pages the Jupyter server renders: the Formgrader finds each score
# box by its id (the answer's grade id), and a student's heading with the same text would take
# it, leaving that answer impossible to mark.
c.HTMLExporter.exclude_anchor_links = True

# Students do not see hidden tests, nor what their failures print, in their feedback; nothing
# a student wrote or printed can run in the page (the template adds a policy against scripts).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "balancing_act.grading.feedback.HideHiddenTests",
    "balancing_act.grading.feedback.ShowStudentWorkInert",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# `make export` writes reports/grades.csv with the course's writer: every field quoted, no cell a
# spreadsheet would compute (nbgrader's own quotes nothing).
c.ExportApp.plugin_class = "balancing_act.grading.spreadsheets.GradesCsvExport"

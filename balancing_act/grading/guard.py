"""A lock on nbgrader's own autograder, which runs tests inside the student's kernel.

nbgrader's documentation says its autograder is not secure against malicious students; the
course grades with ``make grade`` instead. The course's ``nbgrader_config.py`` puts this
preprocessor first in ``nbgrader autograde`` (and the Formgrader's *Autograde* button), so that
path stops with a pointer to the safe one instead of grading in the open.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor


class UseTheCourseGrader(Exception):
    pass


class RefuseUnsafeAutograde(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        raise UseTheCourseGrader(
            "This course does not grade with nbgrader's own autograder, which runs the tests in "
            "the student's kernel. Grade with `make grade A=<assignment>` in the course folder "
            "(see instructor/README.md)."
        )

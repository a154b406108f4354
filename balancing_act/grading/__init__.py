"""The course's grader: nbgrader's gradebook, exchange and feedback, with verdicts it can trust.

``make grade A=<assignment>`` (``python -m balancing_act.grading``) grades a class. Each
submission runs alone in a sandbox (:mod:`.sandbox`, :mod:`.run`); its answers leave as data
(:mod:`.answers`); the tests run outside, in a trusted process (:mod:`.verdicts`); the gradebook
and graded notebooks are written by the grader alone (:mod:`.gradebook`); what was found is
reported (:mod:`.findings`, :mod:`.report`), in the teacher's words (:mod:`.phrasing`). :mod:`.inspect` reads submissions as hostile input,
:mod:`.assignment` reads the trusted solutions, :mod:`.course` keeps the trusted copy.

Nothing is imported here: the sandbox imports :mod:`.answers` inside a student's kernel, and
should not pay for nbgrader.
"""

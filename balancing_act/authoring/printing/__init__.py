"""Printed copies of the course: lesson handouts and the teacher's answer key, as PDF.

``make handouts`` (``python -m balancing_act.authoring.printing handouts``) prints every
lesson; ``make answer-key`` (``python -m balancing_act.authoring.printing answer-key``) prints
each assignment's rubric, model answers and solution notebook, marked "For teachers only" on
every page.

Each notebook is run once from a fresh kernel in the course's static mode (every chart an inline
SVG with its description as caption, :mod:`balancing_act.charts`), converted to HTML by
nbconvert, given the print style sheet in ``instructor/print/`` and laid out by WeasyPrint
(:mod:`.pdf`). Nothing is fetched: charts stay vector graphics, and the links of a page become
footnotes, or stay printed in full in the lesson's list of sources.
"""

"""A picture of the class for the grading report: which task the class missed, at a glance.

Three charts, each with a text description and a table that says the same in words:

- the **scores**: how many students earned each autograded score;
- the **pass rate of every test**: the share of graded students whose test cell earned its full
  points, in the notebook's order, visible and hidden tests told apart;
- the **most frequent messages** of failed visible tests (hidden tests' messages are never
  shown), with how many students got each, in the teacher's words (:mod:`.phrasing`: "nothing
  answered", "answer missing: ... never defined", "wrong answer; the student was told ...")
  rather than the advice the student read.

Everything comes from what the grader wrote itself, for the whole class and not only the
students of this run: the gradebook (scores and points per test cell) and, for the messages,
the verdicts it keeps beside each graded notebook (:data:`.gradebook.MARKER`). A student who
submitted no notebook counts as failing every test, as the gradebook scores them.

The charts are drawn in the course's theme (:mod:`balancing_act.charts`) and converted to SVG
offline by vl-convert.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .assignment import AssignmentSpec
from .escaping import visible
from .gradebook import MARKER
from .phrasing import teacher_message

MESSAGES_SHOWN = 8
MESSAGE_CHARACTERS = 90
VISIBLE, HIDDEN = "visible test", "hidden test"


@dataclass(frozen=True)
class ItemRate:
    """One graded test cell: how many of the graded students earned its full points."""

    grade_id: str
    notebook: str
    points: float
    hidden: bool
    passed: int
    students: int

    @property
    def rate(self) -> float:
        return self.passed / self.students if self.students else 0.0

    @property
    def kind(self) -> str:
        return HIDDEN if self.hidden else VISIBLE


@dataclass(frozen=True)
class FrequentMessage:
    grade_id: str
    message: str
    students: int


@dataclass
class ClassPicture:
    assignment: str
    max_score: float
    scores: dict[str, float] = field(default_factory=dict)  # student -> autograded score
    items: list[ItemRate] = field(default_factory=list)
    messages: list[FrequentMessage] = field(default_factory=list)
    # In an assignment with cases: each graded student's case (key), and each case in words.
    cases: dict[str, str] = field(default_factory=dict)
    case_words: dict[str, str] = field(default_factory=dict)
    # Each graded student's autograded points on each test cell, (notebook, grade id) -> points:
    # what the item statistics (:mod:`.item_report`) are computed from.
    earned: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    def by_case(self) -> list[tuple[str, list[float]]]:
        """Each case (in the assignment's order) with its students' scores, lowest first."""
        return [
            (key, sorted(s for student, s in self.scores.items() if self.cases.get(student) == key))
            for key in self.case_words
        ]


@dataclass(frozen=True)
class Chart:
    """A chart ready for the report: its name, title, description and SVG."""

    name: str
    title: str
    description: str
    svg: str


def read(course: Path, spec: AssignmentSpec, url: str) -> ClassPicture:
    """The class as the gradebook and the graded notebooks' verdicts have it."""
    from nbgrader.api import Gradebook, MissingEntry

    tests = [(notebook.stem, test) for notebook in spec.notebooks for test in notebook.tests]
    picture = ClassPicture(spec.name, sum(test.points for _, test in tests))
    full_marks: Counter[tuple[str, str]] = Counter()
    with Gradebook(url) as gradebook:
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(spec.name, student.id)
            except MissingEntry:
                continue
            picture.scores[student.id] = float(submission.code_score or 0.0)
            earned = picture.earned.setdefault(student.id, {})
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    earned[(notebook.name, grade.name)] = float(grade.auto_score or 0.0)
                    if grade.auto_score is not None and grade.auto_score >= grade.max_score > 0:
                        full_marks[(notebook.name, grade.name)] += 1
    graded = len(picture.scores)
    # A test worth 0 points (a visible test that teaches without marking) scores 0 passed or
    # failed, so the gradebook cannot tell: its passes are read from the verdicts.
    unmarked = {(stem, test.grade_id) for stem, test in tests if not test.points}
    for student in picture.scores:
        for verdict in _verdicts(course, spec.name, student):
            for key in unmarked:
                if verdict.get("grade_id") == key[1] and verdict.get("passed"):
                    full_marks[key] += 1
    picture.items = [
        ItemRate(
            test.grade_id, stem, test.points, test.hidden, full_marks[(stem, test.grade_id)], graded
        )
        for stem, test in tests
    ]
    visible = {test.grade_id for _, test in tests if not test.hidden}
    counts: Counter[tuple[str, str]] = Counter()
    for student in picture.scores:
        for verdict, answered in _verdicts(course, spec.name, student, with_answered=True):
            if verdict.get("grade_id") in visible and not verdict.get("passed"):
                counts[(verdict["grade_id"], teacher_message(verdict, answered))] += 1
    picture.messages = [
        FrequentMessage(grade_id, message, n)
        for (grade_id, message), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return picture


def _verdicts(course: Path, assignment: str, student: str, with_answered: bool = False) -> list:
    """The verdicts kept beside a student's graded notebooks; with ``with_answered``, each
    paired with whether its notebook answered anything (a marker from before that was
    recorded counts as answered)."""
    marker = course / "autograded" / student / assignment / MARKER
    try:
        kept = json.loads(marker.read_text(encoding="utf-8"))
        notebooks = kept.get("verdicts", {})
        answered = kept.get("answered", {})
        if not isinstance(answered, dict):
            answered = {}
    except (OSError, ValueError, AttributeError):
        return []
    pairs = [
        (v, answered.get(name, True) is not False)
        for name, verdicts in notebooks.items()
        for v in verdicts
        if isinstance(v, dict)
    ]
    return pairs if with_answered else [v for v, _ in pairs]


# --- descriptions ------------------------------------------------------------------------


def _points(value: float) -> str:
    return f"{value:g}"


def _percent(rate: float) -> str:
    return f"{round(100 * rate)}%"


def describe_scores(picture: ClassPicture) -> str:
    scores = sorted(picture.scores.values())
    if not scores:
        return "No student has been graded yet."
    full = sum(s >= picture.max_score for s in scores)
    zero = sum(s == 0 for s in scores)
    return (
        f"Bar chart of the autograded scores of {len(scores)} students, out of "
        f"{_points(picture.max_score)}: the median is {_points(statistics.median(scores))}, the "
        f"lowest {_points(scores[0])} and the highest {_points(scores[-1])}; {full} "
        f"{'student has' if full == 1 else 'students have'} full marks and {zero} scored 0."
    )


def describe_items(picture: ClassPicture) -> str:
    if not picture.items:
        return "This assignment has no autograded tests."
    ranked = sorted(picture.items, key=lambda item: (item.rate, item.grade_id))
    lowest = ", ".join(f"{i.grade_id} ({_percent(i.rate)})" for i in ranked[:3])
    highest = ranked[-1]
    return (
        f"Bar chart of the share of {ranked[0].students} students who passed each of "
        f"{len(ranked)} tests, visible and hidden. The least passed: {lowest}. The most "
        f"passed: {highest.grade_id} ({_percent(highest.rate)})."
    )


def describe_messages(picture: ClassPicture) -> str:
    if not picture.messages:
        return "No visible test failed for any student."
    shown = picture.messages[:MESSAGES_SHOWN]
    top = shown[0]
    return (
        f"Bar chart of the {len(shown)} most frequent reasons visible tests failed, by the "
        f"number of students each reached. The most frequent, from {top.grade_id}, reached "
        f'{top.students} {"student" if top.students == 1 else "students"}: "{_short(top.message)}".'
    )


def _short(message: str) -> str:
    """One line of a message for a chart label or a description, control characters shown."""
    line = visible(" ".join(message.split()))
    return line if len(line) <= MESSAGE_CHARACTERS else line[: MESSAGE_CHARACTERS - 1] + "…"


# --- charts ------------------------------------------------------------------------------


def charts(picture: ClassPicture) -> list[Chart]:
    """The class's charts as SVG, each with its title and description (none for no data)."""
    drawn = []
    if picture.scores:
        drawn.append(_score_chart(picture))
    if picture.items and picture.scores:
        drawn.append(_item_chart(picture))
    if picture.messages:
        drawn.append(_message_chart(picture))
    return drawn


def _svg(name: str, chart, title: str, description: str) -> Chart:
    from ..charts.offline import described_svg

    try:
        svg = described_svg(chart, title, description)
    except ValueError as error:
        raise ValueError(f"the {name} chart is incomplete: {error}") from error
    return Chart(name, title, description, svg)


def _whole_numbers(largest: int):
    """An axis of counts: whole-number ticks only, at most about eight of them."""
    import altair as alt

    step = max(1, math.ceil(largest / 8))
    return alt.Axis(values=list(range(0, largest + step, step)), format="d")


def _score_chart(picture: ClassPicture) -> Chart:
    import altair as alt
    import pandas as pd

    from ..course.vocabulary import OKABE_ITO

    top = math.ceil(picture.max_score)
    counts = Counter(min(math.floor(score), top) for score in picture.scores.values())
    table = pd.DataFrame({"score": range(top + 1), "students": [counts[s] for s in range(top + 1)]})
    chart = (
        alt.Chart(table)
        .mark_bar(color=OKABE_ITO[4])
        .encode(
            x=alt.X(
                "score:O",
                title=f"Autograded score (out of {_points(picture.max_score)})",
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("students:Q", title="Students", axis=_whole_numbers(max(counts.values()))),
            tooltip=[
                alt.Tooltip("score:O", title="Score"),
                alt.Tooltip("students:Q", title="Students"),
            ],
        )
        .properties(width=560, height=220)
    )
    title = f"Autograded scores of {len(picture.scores)} students"
    return _svg("scores", chart, title, describe_scores(picture))


def _item_chart(picture: ClassPicture) -> Chart:
    import altair as alt
    import pandas as pd

    from ..course.vocabulary import LABEL_TEXT, OKABE_ITO

    table = pd.DataFrame(
        [
            {
                "test": item.grade_id,
                "kind": item.kind,
                "rate": item.rate,
                "label": f"{item.passed}/{item.students}",
            }
            for item in picture.items
        ]
    )
    order = [item.grade_id for item in picture.items]
    # Both layers carry the same axis: a layer without one would hide the other's.
    share = alt.X(
        "rate:Q",
        title="Share of students passing",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
    )
    base = alt.Chart(table).encode(
        y=alt.Y(
            "test:N", title="Test cell (notebook order)", sort=order, axis=alt.Axis(labelLimit=260)
        ),
    )
    bars = base.mark_bar().encode(
        x=share,
        color=alt.Color(
            "kind:N",
            title="Test",
            scale=alt.Scale(domain=[VISIBLE, HIDDEN], range=[OKABE_ITO[1], OKABE_ITO[4]]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("test:N", title="Test"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("label:N", title="Passed"),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=LABEL_TEXT).encode(
        x=share, text=alt.Text("label:N")
    )
    chart = (bars + labels).properties(width=480, height=max(120, 22 * len(order)))
    return _svg("tests", chart, "Share of the class passing each test", describe_items(picture))


def _message_chart(picture: ClassPicture) -> Chart:
    import altair as alt
    import pandas as pd

    from ..course.vocabulary import OKABE_ITO

    shown = picture.messages[:MESSAGES_SHOWN]
    table = pd.DataFrame(
        [{"message": f"{m.grade_id}: {_short(m.message)}", "students": m.students} for m in shown]
    )
    order = list(table["message"])
    chart = (
        alt.Chart(table)
        .mark_bar(color=OKABE_ITO[5])
        .encode(
            y=alt.Y(
                "message:N",
                title="Failed visible test: what happened",
                sort=order,
                # Above the labels, not across them: the labels are long.
                axis=alt.Axis(
                    labelLimit=520, titleAngle=0, titleAlign="right", titleY=-8, titleX=0
                ),
            ),
            x=alt.X("students:Q", title="Students", axis=_whole_numbers(shown[0].students)),
            tooltip=[
                alt.Tooltip("message:N", title="What happened"),
                alt.Tooltip("students:Q", title="Students"),
            ],
        )
        .properties(width=260, height=max(80, 26 * len(order)))
    )
    return _svg("messages", chart, "Why visible tests failed", describe_messages(picture))

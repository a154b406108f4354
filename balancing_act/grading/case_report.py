"""Cases in the grading report: who was graded on which case, the answers that fit another
case better (evidence for the teacher, never a verdict), and the scores by case, so that a case
harder than the others shows up (:mod:`.cases`, :mod:`balancing_act.analysis.cases`)."""

from __future__ import annotations

import statistics

from .escaping import markdown as _cell
from .picture import Chart, ClassPicture, _points, _svg


def lines(outcome) -> list[str]:
    """Each student's case, and the answers that fit another case better (evidence only)."""
    cased = [r for r in outcome.students if getattr(r, "case", None) and not r.skipped]
    if not cased:
        return []
    lines = [
        "",
        "## Cases",
        "",
        "Each student is graded on their own case (`reports/"
        f"{outcome.assignment}-cases.csv` lists the class). *Named in the notebook* is what the "
        "student wrote in `MY_CASE`; a different case there usually means a typing slip or a "
        "case never passed on: give the right one by hand (instructor guide, *Cases*) if the "
        "student should be graded on it.",
        "",
        "| student | graded on case | how | named in the notebook |",
        "|---|---|---|---|",
    ]
    for result in cased:
        declared = result.declared_case or "nothing"
        mark = "" if result.declared_case == result.case.case.key else " (differs)"
        how = result.case.how + (f": {result.case.by_hand}" if result.case.by_hand else "")
        lines.append(
            f"| {_cell(result.student)} | {_cell(result.case.case.key)} | {_cell(how)} "
            f"| {_cell(declared)}{mark} |"
        )
    fitting = [r for r in cased if r.fits_better]
    lines += ["", "### Answers that fit another case better than the student's own", ""]
    if not fitting:
        lines.append(
            "None: every student's answers fit their own case at least as well as any other."
        )
        return lines
    lines += [
        "Evidence to look at, **not a verdict**: the hidden tests pass more often on another "
        "case than on the student's own. It is what copying a classmate with that case looks "
        "like, and also what a student who worked on the wrong case looks like (compare the "
        "case named in the notebook above), so talk to the student before concluding anything.",
        "",
        "| student | own case: hidden points | fits better: case, hidden points |",
        "|---|---|---|",
    ]
    for result in fitting:
        own = result.fits_better[0]
        better = "; ".join(
            f"{_cell(fit.key)}: {fit.points:g} of {fit.hidden_points:g}"
            for fit in result.fits_better
        )
        lines.append(
            f"| {_cell(result.student)} | {_cell(result.case.case.key)}: "
            f"{own.own_points:g} of {own.hidden_points:g} | {better} |"
        )
    return lines


def describe(picture: ClassPicture) -> str:
    rows = [(key, scores) for key, scores in picture.by_case() if scores]
    if not rows:
        return "No student with a case has been graded yet."
    means = {key: statistics.mean(scores) for key, scores in rows}
    low, high = min(means, key=means.get), max(means, key=means.get)
    return (
        f"Dot chart of the autograded scores of {sum(len(s) for _, s in rows)} students by their "
        f"case, out of {_points(picture.max_score)}: {len(rows)} cases have graded students; the "
        f"lowest mean is {low}'s ({means[low]:.1f}, {_students(len(dict(rows)[low]))}), the "
        f"highest {high}'s ({means[high]:.1f}, {_students(len(dict(rows)[high]))}). A case "
        "whose students all score low may be harder than the others: look at its tasks."
    )


def _students(count: int) -> str:
    return f"{count} student" + ("" if count == 1 else "s")


def table(picture: ClassPicture) -> str:
    """The scores by case as a Markdown table (the chart's data, for every reader)."""
    rows = [
        "| case | in words | students | mean | lowest | highest |",
        "|---|---|---|---|---|---|",
    ]
    for key, scores in picture.by_case():
        summary = (
            f"{sum(scores) / len(scores):.1f} | {min(scores):g} | {max(scores):g}"
            if scores
            else " | |"
        )
        rows.append(
            f"| {_cell(key)} | {_cell(picture.case_words[key])} | {len(scores)} | {summary} |"
        )
    return "\n".join(rows)


def chart(picture: ClassPicture) -> Chart:
    """Each student's score as a dot in their case's row, the case's mean as a tick."""
    import altair as alt
    import pandas as pd

    from ..course.vocabulary import OKABE_ITO

    rows = [{"case": key, "score": score} for key, scores in picture.by_case() for score in scores]
    order = list(picture.case_words)  # keys only: the table beside the chart gives the words
    table = pd.DataFrame(rows, columns=["case", "score"])
    score_scale = alt.Scale(domain=[0, picture.max_score])
    y = alt.Y("case:N", title="Case", sort=order, scale=alt.Scale(domain=order))
    score_title = f"Autograded score (out of {_points(picture.max_score)})"
    x = alt.X(
        "score:Q",
        title=score_title,
        scale=score_scale,
    )
    dots = (
        alt.Chart(table)
        .mark_circle(size=60, opacity=0.7, color=OKABE_ITO[4])
        .encode(
            x=x,
            y=y,
            tooltip=[alt.Tooltip("case:N", title="Case"), alt.Tooltip("score:Q", title="Score")],
        )
    )
    means = (
        alt.Chart(table)
        .mark_tick(thickness=3, size=18, color=OKABE_ITO[7])
        .encode(x=alt.X("mean(score):Q", scale=score_scale, title=score_title), y=y)
    )
    drawing = alt.layer(dots, means).properties(width=480, height=28 * max(1, len(order)))
    title = "Autograded scores by case (dots: students; dark ticks: each case's mean)"
    return _svg("cases", drawing, title, describe(picture))

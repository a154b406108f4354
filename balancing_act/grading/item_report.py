"""Item statistics in the grading report: ``reports/<assignment>-items.csv`` and the section
"Items" of the picture of the class, in the teacher's words (issue 27).

Every test cell worth points is an item (a test worth 0 teaches without marking). Its figures
are computed by :mod:`.items` from the points the gradebook holds for each graded student on
each test cell, as :mod:`.picture` reads them for the whole class, this run's students and
earlier ones'; a student who handed in no notebook earned 0 on its tests, as the gradebook
scores them. The rest an item is compared with is the assignment's other autograded items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import items as item_analysis
from .escaping import markdown as _cell
from .escaping import visible
from .picture import ClassPicture, ItemRate

CSV_COLUMNS = [
    "grade_id",
    "notebook",
    "points",
    "students",
    "facility",
    "discrimination",
    "flags",
]
DECIMALS = 3  # in the CSV; the report shows percentages and r to two decimals
# Below this many graded students the report says the figures are noisy (one student moves a
# facility by several points and can turn r around); a rough line, the course's choice.
SMALL = 30
ADVICE = "read a flag as a reason to look at the task, not a verdict on it."


@dataclass(frozen=True)
class ItemFigures:
    """One item's statistics beside its pass count (:class:`.picture.ItemRate`)."""

    item: ItemRate
    facility: float
    discrimination: float  # NaN when undefined: ``undefined`` says why
    undefined: str
    flags: tuple[str, ...]
    by_case: dict[str, float] = field(default_factory=dict)  # case key -> facility (NaN: none)


def figures(picture: ClassPicture) -> list[ItemFigures]:
    """Every item of the assignment with its statistics over the graded students (none when no
    student has been graded)."""
    import pandas as pd

    tests = [item for item in picture.items if item.points > 0]
    students = list(picture.scores)
    if not tests or not students:
        return []
    earned = pd.DataFrame(
        [
            [picture.earned.get(s, {}).get((i.notebook, i.grade_id), 0.0) for i in tests]
            for s in students
        ],
        index=students,
        columns=range(len(tests)),
    )
    keys = list(picture.case_words)
    table = item_analysis.item_statistics(
        earned,
        {n: item.points for n, item in enumerate(tests)},
        {s: picture.cases.get(s) for s in students} if keys else None,
        keys if keys else None,
    )
    return [
        ItemFigures(
            item,
            float(row["facility"]),
            float(row["discrimination"]),
            str(row["undefined"]),
            tuple(row["flags"]),
            {key: float(row[item_analysis.case_column(key)]) for key in keys},
        )
        for item, (_, row) in zip(tests, table.iterrows(), strict=True)
    ]


def csv_rows(picture: ClassPicture, found: list[ItemFigures]) -> list[list]:
    """The items CSV: :data:`CSV_COLUMNS`, then a facility column per case; an undefined
    figure is an empty cell (the flags say why)."""
    keys = list(picture.case_words)
    rows: list[list] = [CSV_COLUMNS + [item_analysis.case_column(key) for key in keys]]
    for figure in found:
        item = figure.item
        rows.append(
            [
                visible(item.grade_id),
                visible(item.notebook),
                item.points,
                item.students,
                _rounded(figure.facility),
                _rounded(figure.discrimination),
                "; ".join(_flag_name(flag, figure) for flag in figure.flags),
            ]
            + [_rounded(figure.by_case[key]) for key in keys]
        )
    return rows


def _rounded(value: float) -> float | str:
    return "" if math.isnan(value) else round(value, DECIMALS)


def _flag_name(flag: str, figure: ItemFigures) -> str:
    if flag == item_analysis.FLAG_NO_DISCRIMINATION and figure.undefined:
        return f"{flag} ({figure.undefined})"
    return flag


# --- in the teacher's words ---------------------------------------------------------------


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


def _r(value: float) -> str:
    return f"{value:.2f}"


def discrimination_words(figure: ItemFigures) -> str:
    """The discrimination as the report's table shows it: r, or why there is none."""
    if figure.undefined:
        return f"none ({figure.undefined})"
    return _r(figure.discrimination)


def flag_words(figure: ItemFigures) -> list[str]:
    """Each flag of an item as a sentence for the teacher (none for an item without one)."""
    item, said = figure.item, []
    full = f"{item.passed} of {item.students} students with full marks"
    for flag in figure.flags:
        if flag == item_analysis.FLAG_TOO_EASY:
            said.append(f"**too easy**: {_percent(figure.facility)} of its points earned, {full}")
        elif flag == item_analysis.FLAG_TOO_HARD:
            said.append(f"**too hard**: {_percent(figure.facility)} of its points earned, {full}")
        elif flag == item_analysis.FLAG_NO_DISCRIMINATION:
            said.append("**does not discriminate**: " + _why_not(figure))
        elif flag.startswith(item_analysis.FLAG_HARD_ON_CASE):
            key = flag.removeprefix(item_analysis.FLAG_HARD_ON_CASE).strip()
            said.append(
                f"**too hard on case {_cell(key)}**: {_percent(figure.by_case[key])} of its "
                f"points earned by that case's students, against {_percent(figure.facility)} "
                "overall; look at the task with that case's data"
            )
    return said


def _why_not(figure: ItemFigures) -> str:
    if figure.undefined == item_analysis.SAME_ON_ITEM:
        return "everyone earned the same on it, so it cannot tell students apart"
    if figure.undefined == item_analysis.SAME_ON_REST:
        return (
            "everyone scored the same on the rest of the assignment, so there is nothing to "
            "compare it with"
        )
    if round(figure.discrimination, 2) < 0:
        return (
            f"r = {_r(figure.discrimination)}, so students who did well on the rest of the "
            "assignment did worse on it: check the test and what it expects"
        )
    return (
        f"r = {_r(figure.discrimination)}, so students who did well on the rest of the "
        "assignment did hardly better on it"
    )


def blocks(picture: ClassPicture, found: list[ItemFigures], csv_name: str) -> list[str]:
    """The section "Items" of the picture of the class: what the figures mean, every item
    (flagged ones first), and with cases the facility of each item by case."""
    heading = "### Items: facility, discrimination and flags"
    if not found:
        return [heading, "No student has been graded yet, or no test is worth points."]
    students = found[0].item.students
    intro = (
        f"For each test worth points, over the {students} graded students: its **facility**, "
        "the share of its points the class earned on average, and its **discrimination**, the "
        "correlation (Pearson's r, from -1 to 1) between a student's points on it and their "
        "points on the rest of the assignment's autograded tests. A test is flagged **too "
        f"easy** when its facility is {_percent(item_analysis.TOO_EASY)} or more, **too "
        f"hard** at {_percent(item_analysis.TOO_HARD)} or less, and **does not discriminate** "
        f"when r is under {item_analysis.DISCRIMINATES:g} or cannot be computed (everyone the "
        "same). "
        + (
            f"With {students} students these figures are noisy: {ADVICE}"
            if students < SMALL
            else ADVICE[0].upper() + ADVICE[1:]
        )
        + " "
        f"`{csv_name}` has the same figures."
    )
    flagged = [f for f in found if f.flags]
    order = flagged + [f for f in found if not f.flags]
    summary = (
        f"{len(flagged)} of {len(found)} tests flagged, listed first."
        if flagged
        else f"None of the {len(found)} tests is flagged."
    )
    rows = [
        "| test | notebook | points | facility | discrimination | flag |",
        "|---|---|---|---|---|---|",
    ]
    rows += [
        f"| {_cell(f.item.grade_id)} | {_cell(f.item.notebook)} | {f.item.points:g} "
        f"| {_percent(f.facility)} | {discrimination_words(f)} "
        f"| {'; '.join(flag_words(f)) or 'none'} |"
        for f in order
    ]
    result = [heading, intro, summary, "\n".join(rows)]
    if picture.case_words:
        result += by_case_blocks(picture, found)
    return result


def by_case_blocks(picture: ClassPicture, found: list[ItemFigures]) -> list[str]:
    """Each item's facility among each case's students: an item hard on one case shows."""
    counts = {
        key: sum(1 for s in picture.scores if picture.cases.get(s) == key)
        for key in picture.case_words
    }
    header = (
        "| test | all students | "
        + " | ".join(f"{_cell(key)} ({counts[key]})" for key in picture.case_words)
        + " |"
    )
    rows = [header, "|---|---|" + "---|" * len(picture.case_words)]
    for figure in found:
        cells = []
        for key in picture.case_words:
            share = figure.by_case[key]
            if math.isnan(share):
                cells.append("—")
            elif share <= item_analysis.TOO_HARD:
                cells.append(f"**{_percent(share)}**")
            else:
                cells.append(_percent(share))
        rows.append(
            f"| {_cell(figure.item.grade_id)} | {_percent(figure.facility)} | "
            + " | ".join(cells)
            + " |"
        )
    return [
        "#### Facility of each test by case",
        "The share of each test's points earned by the students of each case (how many in "
        f"brackets; — for a case nobody has). In **bold**, {_percent(item_analysis.TOO_HARD)} "
        "or less: a test hard on one case but not on the others may ask more of that case's "
        "data. With a few students per case, one student moves a figure a lot.",
        "\n".join(rows),
    ]

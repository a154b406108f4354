"""Item statistics after grading (issue 27): facility, discrimination and flags, checked against
figures computed by hand on a small class (balancing_act/grading/items.py), and how the grading
report says them (balancing_act/grading/item_report.py). A real `make grade` run is checked in
test_grading_cases.py."""

from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd
import pytest

from balancing_act.grading import item_report, items, spreadsheets
from balancing_act.grading.picture import ClassPicture, ItemRate

# Five students, three items worth 2, 1 and 3 points, scored all or nothing as test cells are.
#
#            A (2)  B (1)  C (3)   total
#   s1         2      1      3       6
#   s2         2      0      3       5
#   s3         0      1      0       1
#   s4         2      1      0       3
#   s5         0      0      0       0
STUDENTS = ["s1", "s2", "s3", "s4", "s5"]
EARNED = pd.DataFrame(
    {"A": [2, 2, 0, 2, 0], "B": [1, 0, 1, 1, 0], "C": [3, 3, 0, 0, 0]}, index=STUDENTS
)
MAXIMA = {"A": 2, "B": 1, "C": 3}

# Facility, the mean share of the item's points:
#   A: (2 + 2 + 0 + 2 + 0) / 5 / 2 = 6 / 10 = 0.600
#   B: (1 + 0 + 1 + 1 + 0) / 5 / 1 = 3 / 5  = 0.600
#   C: (3 + 3 + 0 + 0 + 0) / 5 / 3 = 6 / 15 = 0.400
FACILITY = {"A": 0.600, "B": 0.600, "C": 0.400}

# Discrimination, Pearson's r of the item x with the rest y = total - x:
#   r = sum(dx * dy) / sqrt(sum(dx^2) * sum(dy^2)), dx and dy the deviations from the means.
#
# A: x = 2 2 0 2 0, mean 1.2, dx = 0.8 0.8 -1.2 0.8 -1.2
#    y = B + C = 4 3 1 1 0, mean 9/5 = 1.8, dy = 2.2 1.2 -0.8 -0.8 -1.8
#    sum(dx*dy) = 1.76 + 0.96 + 0.96 - 0.64 + 2.16 = 5.2
#    sum(dx^2) = 3(0.64) + 2(1.44) = 4.8;  sum(dy^2) = 4.84 + 1.44 + 0.64 + 0.64 + 3.24 = 10.8
#    r = 5.2 / sqrt(4.8 * 10.8) = 5.2 / sqrt(51.84) = 5.2 / 7.2 = 0.722
# B: x = 1 0 1 1 0, mean 0.6, dx = 0.4 -0.6 0.4 0.4 -0.6
#    y = A + C = 5 5 0 2 0, mean 12/5 = 2.4, dy = 2.6 2.6 -2.4 -0.4 -2.4
#    sum(dx*dy) = 1.04 - 1.56 - 0.96 - 0.16 + 1.44 = -0.2
#    sum(dx^2) = 3(0.16) + 2(0.36) = 1.2;  sum(dy^2) = 6.76 + 6.76 + 5.76 + 0.16 + 5.76 = 25.2
#    r = -0.2 / sqrt(1.2 * 25.2) = -0.2 / sqrt(30.24) = -0.2 / 5.4991 = -0.036
# C: x = 3 3 0 0 0, mean 1.2, dx = 1.8 1.8 -1.2 -1.2 -1.2
#    y = A + B = 3 2 1 3 0, mean 9/5 = 1.8, dy = 1.2 0.2 -0.8 1.2 -1.8
#    sum(dx*dy) = 2.16 + 0.36 + 0.96 - 1.44 + 2.16 = 4.2
#    sum(dx^2) = 2(3.24) + 3(1.44) = 10.8;  sum(dy^2) = 1.44 + 0.04 + 0.64 + 1.44 + 3.24 = 6.8
#    r = 4.2 / sqrt(10.8 * 6.8) = 4.2 / sqrt(73.44) = 4.2 / 8.5697 = 0.490
DISCRIMINATION = {"A": 0.722, "B": -0.036, "C": 0.490}

# The mistake these figures catch: correlating the item with the total *including* it. For A,
# y = total = 6 5 1 3 0, mean 3, dy = 3 2 -2 0 -3: sum(dx*dy) = 2.4 + 1.6 + 2.4 + 0 + 3.6 = 10,
# sum(dy^2) = 26, r = 10 / sqrt(4.8 * 26) = 10 / 11.171 = 0.895, not 0.722; for B it is
# 1.0 / sqrt(1.2 * 26) = 0.179, not -0.036. The assertion on A's discrimination in
# check_hand_figures fails first (test_the_check_catches_the_item_total_correlation).


def check_hand_figures(table: pd.DataFrame) -> None:
    for item in "ABC":
        assert round(table.loc[item, "facility"], 3) == FACILITY[item], item
    assert round(table.loc["A", "discrimination"], 3) == DISCRIMINATION["A"]
    assert round(table.loc["B", "discrimination"], 3) == DISCRIMINATION["B"]
    assert round(table.loc["C", "discrimination"], 3) == DISCRIMINATION["C"]


def test_facility_and_discrimination_match_the_hand_computation():
    table = items.item_statistics(EARNED, MAXIMA)
    check_hand_figures(table)
    assert list(table.index) == ["A", "B", "C"]
    assert list(table["points"]) == [2.0, 1.0, 3.0]
    assert set(table["students"]) == {5}
    assert set(table["undefined"]) == {""}
    # B's r of -0.036 is under 0.2: it does not discriminate; A and C are not flagged.
    assert table.loc["A", "flags"] == ()
    assert table.loc["B", "flags"] == (items.FLAG_NO_DISCRIMINATION,)
    assert table.loc["C", "flags"] == ()


def test_the_check_catches_the_item_total_correlation(monkeypatch):
    """Planted: the item correlated with the total including itself. The check above fails."""

    def item_total(item, rest):
        return float(np.corrcoef(item, rest + item)[0, 1]), ""

    monkeypatch.setattr(items, "_item_rest", item_total)
    wrong = items.item_statistics(EARNED, MAXIMA)
    assert round(wrong.loc["A", "discrimination"], 3) == 0.895  # the hand figure above
    with pytest.raises(AssertionError):
        check_hand_figures(wrong)


def test_an_item_everyone_got_is_too_easy_and_one_nobody_got_too_hard_both_undefined():
    # D (1 point): everyone 1, facility 5/5 = 1.0; E (1 point): everyone 0, facility 0.0.
    # Neither varies, so neither has a discrimination. Adding a constant to everyone's rest
    # changes no deviation, so A, B and C keep the figures computed by hand.
    earned = EARNED.assign(D=1, E=0)
    table = items.item_statistics(earned, {**MAXIMA, "D": 1, "E": 1})
    check_hand_figures(table)
    assert table.loc["D", "facility"] == 1.0
    assert table.loc["E", "facility"] == 0.0
    for item in "DE":
        assert math.isnan(table.loc[item, "discrimination"])
        assert table.loc[item, "undefined"] == items.SAME_ON_ITEM == "everyone the same on it"
    assert table.loc["D", "flags"] == (items.FLAG_TOO_EASY, items.FLAG_NO_DISCRIMINATION)
    assert table.loc["E", "flags"] == (items.FLAG_TOO_HARD, items.FLAG_NO_DISCRIMINATION)


def test_a_rest_without_variance_leaves_the_discrimination_undefined():
    # X varies; its rest is Y, which everyone got: nothing to correlate X with.
    earned = pd.DataFrame({"X": [1, 0, 1, 0], "Y": [2, 2, 2, 2]})
    table = items.item_statistics(earned, {"X": 1, "Y": 2})
    assert math.isnan(table.loc["X", "discrimination"])
    assert table.loc["X", "undefined"] == items.SAME_ON_REST
    assert table.loc["X", "flags"] == (items.FLAG_NO_DISCRIMINATION,)  # facility 0.5: no other
    assert table.loc["Y", "undefined"] == items.SAME_ON_ITEM


@pytest.mark.parametrize(
    ("full", "flags"),
    [
        (9, (items.FLAG_TOO_EASY,)),  # 9 of 10: facility 0.9, at the line
        (8, ()),  # 0.8
        (3, ()),  # 0.3
        (2, (items.FLAG_TOO_HARD,)),  # 0.2, at the line
    ],
)
def test_the_facility_lines_are_inclusive(full, flags):
    # The item goes with the rest exactly (r = 1), so only the facility can flag it.
    got = [1] * full + [0] * (10 - full)
    earned = pd.DataFrame({"item": got, "rest": got})
    table = items.item_statistics(earned, {"item": 1, "rest": 1})
    assert table.loc["item", "discrimination"] == pytest.approx(1.0)
    assert table.loc["item", "flags"] == flags
    assert (items.TOO_EASY, items.TOO_HARD, items.DISCRIMINATES) == (0.9, 0.2, 0.2)


def test_facility_by_case_and_an_item_hard_on_one_case():
    # north: s1, s2, s3; south: s4, s5; east: nobody.
    #   A north (2 + 2 + 0) / 3 / 2 = 0.667, south (2 + 0) / 2 / 2 = 0.500
    #   B north (1 + 0 + 1) / 3     = 0.667, south (1 + 0) / 2     = 0.500
    #   C north (3 + 3 + 0) / 3 / 3 = 0.667, south (0 + 0) / 2 / 3 = 0.000: hard on south,
    #     though 0.400 overall
    cases = {"s1": "north", "s2": "north", "s3": "north", "s4": "south", "s5": "south"}
    table = items.item_statistics(EARNED, MAXIMA, cases, ["north", "south", "east"])
    check_hand_figures(table)
    north, south, east = (items.case_column(k) for k in ("north", "south", "east"))
    assert list(table.columns[-3:]) == [north, south, east]
    assert [round(table.loc[i, north], 3) for i in "ABC"] == [0.667, 0.667, 0.667]
    assert [round(table.loc[i, south], 3) for i in "ABC"] == [0.5, 0.5, 0.0]
    assert table[east].isna().all()
    assert table.loc["C", "flags"] == (f"{items.FLAG_HARD_ON_CASE} south",)
    # An item too hard for everyone is not flagged again for each case.
    earned = EARNED.assign(E=0)
    table = items.item_statistics(earned, {**MAXIMA, "E": 1}, cases, ["north", "south"])
    assert table.loc["E", "flags"] == (items.FLAG_TOO_HARD, items.FLAG_NO_DISCRIMINATION)


def test_a_missing_score_counts_as_0_and_a_test_worth_nothing_is_refused():
    missing = EARNED.astype(float).copy()
    missing.loc["s5", "A"] = math.nan  # s5 earned 0 on A
    check_hand_figures(items.item_statistics(missing, MAXIMA))
    with pytest.raises(ValueError, match="maximum above 0"):
        items.item_statistics(EARNED, {**MAXIMA, "B": 0})


# --- in the grading report ----------------------------------------------------------------


def _picture(with_cases: bool = False) -> ClassPicture:
    """The hand-computed class, plus D (everyone) and E (nobody), as the grader's picture."""
    earned = EARNED.assign(D=1, E=0)
    points = {**MAXIMA, "D": 1, "E": 1}
    picture = ClassPicture("a9-test", float(sum(points.values())))
    picture.items = [
        ItemRate(
            f"t-{item}",
            "a9-test",
            float(points[item]),
            True,
            int((earned[item] >= points[item]).sum()),
            len(STUDENTS),
        )
        for item in points
    ]
    for student in STUDENTS:
        picture.scores[student] = float(earned.loc[student].sum())
        picture.earned[student] = {
            ("a9-test", f"t-{item}"): float(earned.loc[student, item]) for item in points
        }
    if with_cases:
        picture.cases = {"s1": "north", "s2": "north", "s3": "north", "s4": "south"}
        picture.cases["s5"] = "south"
        picture.case_words = {"north": "the north", "south": "the south", "east": "the east"}
    return picture


def test_the_report_names_each_flag_in_the_teachers_words_flagged_items_first():
    picture = _picture()
    found = item_report.figures(picture)
    text = "\n\n".join(item_report.blocks(picture, found, "a9-test-items.csv"))
    rows = [line for line in text.splitlines() if line.startswith("| t-")]
    assert [row.split(" | ")[0] for row in rows] == ["| t-B", "| t-D", "| t-E", "| t-A", "| t-C"]
    by_item = {row.split(" | ")[0][2:]: row for row in rows}
    assert "| 100% | none (everyone the same on it) |" in by_item["t-D"]
    assert (
        "**too easy**: 100% of its points earned, 5 of 5 students with full marks"
        in (by_item["t-D"])
    )
    assert (
        "**too hard**: 0% of its points earned, 0 of 5 students with full marks" in (by_item["t-E"])
    )
    assert (
        "| -0.04 | **does not discriminate**: r = -0.04, so students who did well"
        in (by_item["t-B"])
    )
    assert by_item["t-A"].endswith("| 60% | 0.72 | none |")
    assert "3 of 5 tests flagged, listed first." in text
    assert "nan" not in text.lower()


def test_the_items_csv_has_a_row_per_item_signed_numbers_and_a_column_per_case(tmp_path):
    picture = _picture(with_cases=True)
    found = item_report.figures(picture)
    path = spreadsheets.write(
        tmp_path / "items.csv", item_report.csv_rows(picture, found), signed_numbers=True
    )
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == item_report.CSV_COLUMNS + [
        "facility_north",
        "facility_south",
        "facility_east",
    ]
    got = {row["grade_id"]: row for row in rows}
    assert list(got) == ["t-A", "t-B", "t-C", "t-D", "t-E"]
    assert got["t-B"]["discrimination"] == "-0.036"  # a number, not "'-0.036"
    assert got["t-A"]["facility"] == "0.6" and got["t-A"]["discrimination"] == "0.722"
    assert got["t-C"]["facility_south"] == "0.0" and got["t-C"]["facility_east"] == ""
    assert got["t-C"]["flags"] == "too hard on case south"
    assert got["t-D"]["discrimination"] == ""
    assert got["t-D"]["flags"] == "too easy; does not discriminate (everyone the same on it)"
    # The text cells are still neutralised: only numbers keep a leading minus.
    assert spreadsheets.neutralise("-0.036") == "'-0.036"


def test_the_report_shows_the_facility_by_case_with_the_hard_case_in_bold():
    picture = _picture(with_cases=True)
    found = item_report.figures(picture)
    text = "\n\n".join(item_report.blocks(picture, found, "a9-test-items.csv"))
    table = text.split("#### Facility of each test by case", 1)[1]
    assert "| test | all students | north (3) | south (2) | east (0) |" in table
    assert "| t-C | 40% | 67% | **0%** | — |" in table
    assert "**too hard on case south**: 0% of its points earned by that case's students" in text

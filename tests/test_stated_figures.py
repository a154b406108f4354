"""Figures the lessons state in words agree with the data they describe.

A number written into prose does not follow the data when a table changes, so the ones a
reviewer found wrong once (issue 23) are checked here against the tables.
"""

from __future__ import annotations

import re

import pandas as pd

import balancing_act as ba
from balancing_act.course.paths import course_root, data_dir


def lesson(name: str) -> str:
    text = next((course_root() / "lessons").glob(f"{name}*.md")).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", text)


def test_lesson_3_counts_the_world_banks_fuel_export_shares_rightly():
    stated = re.search(r"(\d+) values in `data/indicators.csv`", lesson("03-"))
    assert stated, "lesson 3 should say how many yearly export shares the course keeps"
    table = pd.read_csv(data_dir() / "indicators.csv")
    rows = table[
        (table["country"] == "AZE") & (table["indicator"] == "fuel_exports_pct_merchandise_exports")
    ]
    assert int(stated.group(1)) == len(rows)


def test_lesson_9_gives_turkeys_last_window_with_its_base():
    text = lesson("09-")
    stated = re.search(
        r"about (\d+) TIV out of a total under (\d+), against some ([\d,]+) TIV", text
    )
    assert stated, "lesson 9 should give Turkey's share of 2020-2023 with its TIV base"
    turkey_tiv, total_bound, russia_tiv = (int(g.replace(",", "")) for g in stated.groups())
    last = ba.arms_supplier_shares("Azerbaijan", (2020, 2023)).set_index("supplier")
    first = ba.arms_supplier_shares("Azerbaijan", (2010, 2014)).set_index("supplier")
    assert abs(last.loc["Turkiye", "tiv"] - turkey_tiv) < 1
    assert last["total_tiv"].iloc[0] < total_bound
    assert abs(first.loc["Russia", "tiv"] - russia_tiv) <= 50

"""The instructor guide's syllabi: every lesson taught, every assignment released and due, and
every reading a scholarly row of data/sources.csv or a page of the reader."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from balancing_act.course.contents import lesson_names
from tests.notebook_tools import ROOT

SYLLABUS = ROOT / "instructor" / "syllabus.md"
SCHOLARLY = {"book", "article", "chapter"}


def sections(text: str) -> dict[str, str]:
    """The two syllabi's tables, by heading ("Six weeks", "Twelve weeks")."""
    parts = re.split(r"^## ", text, flags=re.M)[1:]
    return {p.split("\n", 1)[0].split(" (")[0]: p for p in parts if "weeks" in p.split("\n", 1)[0]}


def problems(text: str) -> list[str]:
    kinds = pd.read_csv(ROOT / "data" / "sources.csv").set_index("id")["kind"]
    found = []
    for cited in sorted(set(re.findall(r"\(`([a-z0-9-]+-\d{4}-[a-z0-9-]+)`\)", text))):
        if kinds.get(cited) not in SCHOLARLY:
            found.append(f"reading {cited} is not a book, article or chapter of sources.csv")
    for page in sorted(set(re.findall(r"\]\(\.\./reader/([^)#]+)\)", text))):
        if not (ROOT / "reader" / page).exists():
            found.append(f"reader page {page} does not exist")
    tables = sections(text)
    if set(tables) != {"Six weeks", "Twelve weeks"}:
        found.append(f"syllabi found: {sorted(tables)}")
    for name, table in tables.items():
        for lesson in lesson_names():
            if f"`{lesson}`" not in table:
                found.append(f"{name}: lesson {lesson} is not taught")
        for n in range(1, 7):
            for verb in ("released", "due"):
                together = (
                    rf"\*\*a{n}\*\*(?: and \*\*a\d\*\*)? {verb}|\*\*a\d\*\* and \*\*a{n}\*\* {verb}"
                )
                if not re.search(together, table):
                    found.append(f"{name}: a{n} is never {verb}")
    return found


def test_the_syllabi_teach_every_lesson_and_read_real_works():
    assert problems(SYLLABUS.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "break_it, message",
    [
        (
            lambda s: s.replace("`walt-1987-origins-of-alliances`", "`walt-1988-origins`"),
            "walt-1988",
        ),
        (lambda s: s.replace("`10-the-other-capitals`", "lesson ten"), "10-the-other-capitals"),
        (
            lambda s: s.replace("../reader/1994-bishkek-protocol.md", "../reader/1994-bishkek.md"),
            "bishkek",
        ),
        (lambda s: s.replace("**a6** due", "**a6** set"), "a6 is never due"),
    ],
)
def test_a_broken_syllabus_is_caught(break_it, message):
    assert any(message in p for p in problems(break_it(SYLLABUS.read_text(encoding="utf-8"))))

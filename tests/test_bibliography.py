"""The scholarly sources' records hold their form: a book, chapter or article names its authors
and year, and its DOI or ISBN is well formed with a right check digit. Each break is named by
file, row and column (``balancing_act.tables.bibliography``); the records themselves were read
on a publisher's, DOI or catalogue page (the codebook's *Books and articles*)."""

from __future__ import annotations

import csv
import shutil

import pytest

from balancing_act.course.vocabulary import SCHOLARLY_KINDS
from balancing_act.tables import validation
from balancing_act.tables.bibliography import isbn_is_valid
from balancing_act.tables.load import load_sources

from .notebook_tools import ROOT

DATA = ROOT / "data"


def _with_row(tmp_path, **cells) -> list[str]:
    """The problems of a copy of the data with one source row added."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = list(csv.DictReader(handle).fieldnames)
    row = {
        "id": "doe-2001-planted",
        "title": "A Planted Book",
        "publisher": "Nowhere Press",
        "date": "2001",
        "url": "https://example.org/planted",
        "kind": "book",
        "standing": "research",
        "authors": "Doe, Jane",
        "identifier": "isbn:9780306406157",
    } | cells
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header).writerow(row)
    return [str(p) for p in validation.problems_in(folder)]


def test_every_scholarly_record_has_authors_a_year_and_a_sound_identifier():
    sources = load_sources()
    scholarly = sources[sources["kind"].isin(SCHOLARLY_KINDS)]
    assert not scholarly.empty
    for row in scholarly.itertuples():
        assert row.authors and row.date[:4].isdigit(), row.id
        if row.identifier.startswith("isbn:"):
            assert isbn_is_valid(row.identifier[5:]), row.id


def test_a_sound_planted_book_passes(tmp_path):
    assert _with_row(tmp_path) == []


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"authors": ""}, "authors", "names its authors"),
        ({"authors": "Jane Doe"}, "authors", "breaks the rule"),
        ({"date": ""}, "date", "gives its year"),
        ({"identifier": "isbn:9780306406158"}, "identifier", "check digit is wrong"),
        ({"identifier": "isbn:978-0-306-40615-7"}, "identifier", "breaks the rule"),
        ({"identifier": "10.1177/0022002715595700"}, "identifier", "breaks the rule"),
        ({"kind": "monograph"}, "kind", "breaks the rule"),
    ],
)
def test_a_bad_record_is_named_by_file_row_and_column(tmp_path, cells, column, words):
    problems = _with_row(tmp_path, **cells)
    assert len(problems) == 1, problems
    assert "data/sources.csv" in problems[0] and f"'{column}'" in problems[0]
    assert words in problems[0]


def test_an_article_needs_authors_too(tmp_path):
    problems = _with_row(tmp_path, kind="article", authors="", identifier="doi:10.1000/x")
    assert [p for p in problems if "'authors'" in p]


def test_isbn_check_digits():
    assert isbn_is_valid("0306406152") and isbn_is_valid("9780306406157")
    assert not isbn_is_valid("0306406153") and not isbn_is_valid("9780306406150")
    assert not isbn_is_valid("978030640615")

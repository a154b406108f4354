"""The scholarly sources' records hold their form: a book, chapter or article names its authors
and year, and its DOI or ISBN is well formed with a right check digit. Each break is named by
file, row and column (``balancing_act.tables.bibliography``); the records themselves were read
on a publisher's, DOI or catalogue page (the codebook's *Books and articles*)."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from balancing_act.course.contents import lesson_sources
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


# Every lesson's argument uses the field's scholarship: at least two books, chapters or
# peer-reviewed articles are cited in its prose (named and linked where the argument uses them,
# before "Read further" and the sources list, which alone would not count), and the lesson ends
# with a short annotated "Read further" placed just before "Sources for this lesson".

PROSE_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```", flags=re.M | re.S)
TAIL = re.compile(r"^## (Read further|Sources for this lesson)\b", flags=re.M)


def scholarly_cited_in_prose(markdown: str, kinds_by_url: dict[str, str]) -> set[str]:
    """The urls of the books, chapters and articles a lesson links in its prose: everything
    before its "Read further" and "Sources for this lesson" sections, code cells left out."""
    prose = TAIL.split(CODE_CELL.sub("", markdown), maxsplit=1)[0]
    return {url for url in PROSE_LINK.findall(prose) if kinds_by_url.get(url) in SCHOLARLY_KINDS}


def read_further_problems(markdown: str) -> list[str]:
    """What a lesson's "Read further" lacks: present, 2 to 4 annotated works, and followed
    directly by "Sources for this lesson" (one cell marker between them at most)."""
    parts = re.split(r"^## Read further\s*$", markdown, maxsplit=1, flags=re.M)
    if len(parts) < 2:
        return ["no 'Read further' section"]
    section, _, rest = parts[1].partition("## Sources for this lesson")
    if not _:
        return ["'Read further' is not followed by 'Sources for this lesson'"]
    if re.search(r"^## ", section, flags=re.M):
        return ["another section sits between 'Read further' and the sources"]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    if not 2 <= len(items) <= 4:
        return [f"'Read further' lists {len(items)} works, not 2 to 4"]
    return []


@pytest.fixture(scope="module")
def kinds_by_url() -> dict[str, str]:
    sources = load_sources()
    return dict(zip(sources["url"], sources["kind"], strict=True))


@pytest.mark.parametrize("path", lesson_sources(), ids=lambda p: p.stem)
def test_every_lesson_cites_two_scholarly_works_in_its_prose(path, kinds_by_url):
    cited = scholarly_cited_in_prose(path.read_text(encoding="utf-8"), kinds_by_url)
    assert len(cited) >= 2, f"{path.name} cites {len(cited)} book(s) or article(s) in its prose"


@pytest.mark.parametrize("path", lesson_sources(), ids=lambda p: p.stem)
def test_every_lesson_ends_with_a_short_read_further(path):
    assert read_further_problems(path.read_text(encoding="utf-8")) == [], path.name


PLANTED = """# Lesson 99 — Planted

Walt argued so ([Walt, 1987](https://example.org/walt)), and the news agreed
([Agency, 2020](https://example.org/news)).

```{{code-cell}}
:id: x

"[in code](https://example.org/kuik)"
```

## Read further

- Kuik, 2016 ([Kuik](https://example.org/kuik)). Hedging.
{extra}
## Sources for this lesson

- Walt, 1987 <https://example.org/walt> (`walt`)
"""
PLANTED_KINDS = {
    "https://example.org/walt": "book",
    "https://example.org/news": "news",
    "https://example.org/kuik": "article",
}


def test_a_lesson_citing_one_book_in_its_prose_falls_short():
    """One book in the prose, a news story beside it, and a second scholarly work only in
    code and under "Read further": one counts, so the lesson fails the rule."""
    cited = scholarly_cited_in_prose(PLANTED.format(extra=""), PLANTED_KINDS)
    assert cited == {"https://example.org/walt"}
    fixed = PLANTED.replace(
        "the news agreed", "Kuik disagreed ([Kuik](https://example.org/kuik)) and the news agreed"
    )
    assert len(scholarly_cited_in_prose(fixed.format(extra=""), PLANTED_KINDS)) == 2


def test_a_read_further_that_is_too_short_or_misplaced_is_named():
    assert read_further_problems(PLANTED.format(extra="")) == [
        "'Read further' lists 1 works, not 2 to 4"
    ]
    assert read_further_problems(PLANTED.format(extra="- Ross, 2012. Oil.\n")) == []
    misplaced = PLANTED.format(extra="- Ross, 2012. Oil.\n\n## For teachers\n")
    assert read_further_problems(misplaced) == [
        "another section sits between 'Read further' and the sources"
    ]
    assert read_further_problems(PLANTED.split("## Read further")[0]) == [
        "no 'Read further' section"
    ]

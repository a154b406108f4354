"""The primary-source reader (reader/, balancing_act.tables.reader) and the glossary
(glossary.md, balancing_act.tables.glossary): every document complete, sourced and linked from a
lesson; every lesson linking the glossary at an anchor that exists. Each check is also run on a
page or a lesson broken on purpose, where it must fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from balancing_act.course import contents
from balancing_act.tables import glossary, reader
from balancing_act.tables.load import load_events, load_sources

from .notebook_tools import ROOT

LESSONS = contents.lesson_sources(ROOT)


@pytest.fixture(scope="module")
def known():
    return set(load_sources()["id"]), set(load_events()["id"])


def test_the_reader_has_at_least_twelve_documents_from_1992_to_2025():
    docs = reader.documents(ROOT)
    assert len(docs) >= 12
    years = [int(doc.date[:4]) for doc in docs]
    assert min(years) == 1992 and max(years) == 2025


def test_every_document_is_complete_sourced_listed_and_linked_from_a_lesson(known):
    sources, events = known
    index = (ROOT / "reader" / "README.md").read_text(encoding="utf-8")
    assert reader.reader_problems(reader.documents(ROOT), sources, events, LESSONS, index) == []


def test_every_document_has_its_excerpt_questions_source_and_licence(known):
    sources, _ = known
    for doc in reader.documents(ROOT):
        assert doc.excerpt.startswith('"'), doc.id  # a quotation, marked as one
        assert 3 <= len(doc.questions) <= 4, doc.id
        assert doc.source in sources, doc.id
        assert len(doc.licence) > 20, doc.id


GOOD = """---
title: A statement
date: 2020-11-10
issuer: Three leaders
kind: statement
source: paper-id
licence: Official text; its terms of reuse were not verified (unverified).
---

# A statement

## About this document

What it is, in the course's words.

## Excerpt

> "A short quotation."

## Guiding questions

1. One?
2. Two?
3. Three?
"""


def _doc(tmp_path: Path, text: str, name: str = "2020-a-statement") -> reader.Document:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return reader.read_document(path)


def test_a_complete_page_passes(tmp_path):
    assert reader.document_problems(_doc(tmp_path, GOOD), {"paper-id"}, set()) == []


@pytest.mark.parametrize(
    "edit, problem",
    [
        (lambda t: t.replace("source: paper-id", "source: no-such-page"), "not a row of"),
        (lambda t: t.replace("licence: Official", "licence: ''\nx: Official"), "lacks 'licence'"),
        (lambda t: t.replace('> "A short quotation."', "No quotation here."), "block-quote"),
        (lambda t: t.replace("3. Three?\n", ""), "2 guiding questions"),
        (lambda t: t.replace("## Excerpt", "## Extract"), "no '## Excerpt' section"),
        (lambda t: t.replace("kind: statement", "kind: blog post"), "kind 'blog post'"),
        (lambda t: t.replace("date: 2020-11-10", "date: 2019-11-10"), "file's year"),
        (lambda t: t.replace("A short quotation.", "word " * 200), "quote at most"),
        (lambda t: t.replace("---\ntitle", "title", 1), "no front matter"),
    ],
)
def test_the_reader_check_catches_an_incomplete_page(tmp_path, edit, problem):
    problems = reader.document_problems(_doc(tmp_path, edit(GOOD)), {"paper-id"}, set())
    assert any(problem in found for found in problems), problems


def test_the_reader_check_catches_an_unlinked_page_and_a_wrong_index(tmp_path):
    doc = _doc(tmp_path, GOOD)
    lesson = tmp_path / "07-lesson.md"
    lesson.write_text("See [a page](../reader/2019-missing.md).", encoding="utf-8")
    problems = reader.reader_problems([doc], {"paper-id"}, set(), [lesson], "nothing listed")
    assert "reader/2020-a-statement.md: no lesson links to it" in problems
    assert any("2019-missing.md, which does not exist" in found for found in problems)
    assert any(found.startswith("reader/README.md: lists") for found in problems)
    lesson.write_text("See [it](../reader/2020-a-statement.md#excerpt).", encoding="utf-8")
    index = "[A statement](2020-a-statement.md)"
    assert reader.reader_problems([doc], {"paper-id"}, set(), [lesson], index) == []


def test_every_lesson_links_the_glossary_at_an_anchor_that_exists():
    text = glossary.glossary_path(ROOT).read_text(encoding="utf-8")
    assert glossary.glossary_problems(text, LESSONS) == []
    for anchor in ("cis", "cst-csto", "osce-minsk-group", "section-907", "tripp", "place-names"):
        assert anchor in glossary.anchors(text)


def test_the_glossary_check_catches_a_missing_link_a_wrong_anchor_and_a_twin(tmp_path):
    text = '<a id="cis"></a>**CIS** and <a id="nam"></a>**NAM**, <a id="nam"></a>again'
    unlinked, wrong = tmp_path / "01-a.md", tmp_path / "02-b.md"
    unlinked.write_text("No link here.", encoding="utf-8")
    wrong.write_text("The [CSTO](../glossary.md#csto) and [CIS](../glossary.md#cis).", "utf-8")
    problems = glossary.glossary_problems(text, [unlinked, wrong])
    assert "lessons/01-a.md: no link to the glossary (glossary.md)" in problems
    assert "lessons/02-b.md: links glossary.md#csto, no such entry" in problems
    assert "glossary.md: the anchor 'nam' is written 2 times" in problems

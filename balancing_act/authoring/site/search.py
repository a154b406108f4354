"""The site's offline search: Pagefind (the binary the ``pagefind-bin`` package ships) indexes the
written site into ``pagefind/``, which the search page reads in the reader's browser.

Only what a reader searches for is indexed: the lessons' text and outputs, the event pages, the
sources, the reader and the glossary; code, chart drawings, navigation and the "¶" of each
heading's anchor are left out. Pagefind must run silently: the build prints nothing but its
summary line, so a warning of Pagefind's fails it rather than scroll past.

**Ranking.** A reader who types "Crimea" wants the lesson that treats Crimea before the dozens of
event pages and source rows that merely mention it. Pagefind ranks by where a word appears as
well as how often: each element may carry a weight (``data-pagefind-weight``, 1 by default),
which multiplies the word's count. So the index is told where a subject is *treated*:

- a lesson's title, first paragraph and objectives (what the lesson says it is about) weigh most,
  its section headings next, its running text 1, and its outputs (charts' descriptions, event
  cards, tables) less; its back matter (*For teachers*, *Read further*, *Sources for this
  lesson*) names other works and weighs least (:func:`weigh_lesson`);
- an event page's title and summary weigh as running text, the claims and sources it lists as
  mentions; the sources page, a list of titles, weighs as mentions throughout (the templates,
  through :data:`WEIGHTS`);

and the search page asks Pagefind (:data:`RANKING`) to count words more than their density, so a
long lesson that treats a subject is not outranked by a short page that names it once.

**Kinds.** Every indexed page says what it is (``data-pagefind-meta="kind:Lesson"``, ``Event``,
``Sources``, ``Reader``, ``Glossary``), which the search page shows beside each result.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: Parts of a page the search index leaves out: code, chart drawings, navigation, and the "¶"
#: that nbconvert puts in every heading as its anchor link (it would end every result's title).
SEARCH_EXCLUDES = (
    ".jp-InputArea-editor",
    "svg",
    "nav",
    ".ba-site-header",
    ".ba-site-footer",
    "a.anchor-link",
)

#: What each kind of indexed page is called beside its search results.
KINDS = ("Lesson", "Event", "Sources", "Reader", "Glossary")

#: How much a word weighs by where it stands (Pagefind's ``data-pagefind-weight``; running
#: text is 1, Pagefind's own default for headings is 7 for h1 down to 2 for h6).
WEIGHTS = {
    "lesson_title": 10.0,  # a lesson's "# Lesson N — ..." heading
    "lesson_intro": 5.0,  # its first paragraph and objectives
    "lesson_heading": 8.0,  # its section headings (## and ###)
    "lesson_output": 0.5,  # what its code cells show: chart descriptions, cards, tables
    "back_matter": 0.2,  # For teachers, Read further, Sources for this lesson
    "page_title": 3.0,  # the title of an event's or a reader document's page
    "mention": 0.2,  # claims and sources an event lists; the sources page's rows
}

#: The sections at the end of a lesson that name other works rather than treat its subject.
BACK_MATTER = ("For teachers", "Read further", "Sources for this lesson")

#: Pagefind's ranking options, given to its search UI (search.js) and to the tests that query
#: the index. ``termFrequency`` below 1 ranks by the weighted count of a word more than by its
#: share of the page, and a low ``pageLength`` stops a long page being marked down for its
#: length. A word in a page's title earns no bonus of its own (Pagefind's default ``title``
#: weight is 5): every event page has a short, specific title, and that bonus put an event that
#: names "gas" in its title above the lesson that treats gas; titles weigh through their
#: headings' weights above instead. The ``kind`` label earns nothing either, so "lesson" or
#: "event" in a query does not lift every page of that kind.
RANKING = {"termFrequency": 0.2, "pageLength": 0.1, "metaWeights": {"title": 0.0, "kind": 0.0}}

_CELL = re.compile(r'<div(?=[^>]*\bclass="jp-Cell (?P<classes>[^"]*)")(?P<attrs>[^>]*)>')
_HEADING = re.compile(r"<h(?P<level>[1-6])\b(?P<attrs>[^>]*)>(?P<text>.*?)</h(?P=level)>", re.S)
_TAG = re.compile(r"<[^>]+>")


def weight(value: float) -> str:
    """The attribute that gives an element's words ``value`` times their weight."""
    return f'data-pagefind-weight="{value:g}"'


def heading_text(html: str) -> str:
    """A heading's words, without its tags or its anchor link's "¶"."""
    return _TAG.sub("", html).replace("¶", "").strip()


def weigh_lesson(html: str) -> str:
    """A lesson page (nbconvert's cell markup) with each cell weighted for search by where it
    stands: the title cell (title, first paragraph, objectives), the body (headings, text,
    outputs), the back matter. A cell belongs to the section of the last heading above it."""
    starts = [match.start() for match in _CELL.finditer(html)]
    if not starts:
        return html
    pieces = [html[: starts[0]]]
    section = "body"
    for start, end in zip(starts, [*starts[1:], len(html)], strict=True):
        cell = html[start:end]
        markdown = "jp-MarkdownCell" in _CELL.match(cell)["classes"]
        first = _HEADING.search(cell) if markdown else None
        if first and first["level"] == "1":
            section = "intro"
        elif first and first["level"] == "2":
            section = "back" if heading_text(first["text"]) in BACK_MATTER else "body"
        pieces.append(_weigh_cell(cell, section, markdown))
    return "".join(pieces)


def _weigh_cell(cell: str, section: str, markdown: bool) -> str:
    if section == "back":
        return _mark_cell(cell, WEIGHTS["back_matter"])
    if section == "intro" and markdown:
        cell = _mark_cell(cell, WEIGHTS["lesson_intro"])
        return _mark_headings(cell, {"1": WEIGHTS["lesson_title"]})
    if markdown:
        heading = WEIGHTS["lesson_heading"]
        return _mark_headings(cell, {"1": WEIGHTS["lesson_title"], "2": heading, "3": heading})
    return cell.replace(
        'class="jp-OutputArea jp-Cell-outputArea"',
        f'class="jp-OutputArea jp-Cell-outputArea" {weight(WEIGHTS["lesson_output"])}',
    )


def _mark_cell(cell: str, value: float) -> str:
    return _CELL.sub(lambda found: found.group(0)[:-1] + f" {weight(value)}>", cell, count=1)


def _mark_headings(cell: str, values: dict[str, float]) -> str:
    def mark(found: re.Match) -> str:
        if found["level"] not in values:
            return found.group(0)
        level = found["level"]
        return f"<h{level}{found['attrs']} {weight(values[level])}>{found['text']}</h{level}>"

    return _HEADING.sub(mark, cell)


def index_for_search(folder: Path) -> None:
    """Pagefind's index and its search UI, written into ``folder/pagefind``."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(folder), "--quiet"]
    for selector in SEARCH_EXCLUDES:
        command += ["--exclude-selectors", selector]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or run.stdout.strip() or run.stderr.strip():
        raise SystemExit(f"pagefind failed or warned:\n{run.stdout}\n{run.stderr}")

"""The primary-source reader: one Markdown page per key document in ``reader/``, its facts in
the page's front matter, and the check that every page is complete.

A page is ``reader/<year>-<slug>.md``. Its YAML front matter holds the document's metadata, the
one place it is written (the site and the index read it from there)::

    ---
    title: The trilateral statement of 10 November 2020
    date: 2020-11-10
    issuer: President of Azerbaijan, Prime Minister of Armenia and President of Russia
    kind: statement
    source: azmfa-2020-trilateral-statement-text   # the full text: a row of data/sources.csv
    also: primeminister-am-2020-trilateral-statement   # further pages read (optional)
    events: 2020-trilateral-ceasefire-russian-peacekeepers   # events it belongs to (optional)
    licence: >-
      What the course verified about the text's licence or status, and what it did not.
    ---

and its body three sections: "About this document" (the course's own words), "Excerpt" (a
short quotation of the official text, as a Markdown block quote: the one place the course quotes
a source at length) and "Guiding questions" (three or four, numbered). ``reader/README.md``
lists every document in date order, and each document is linked from at least one lesson with a
relative link (``[the trilateral statement](../reader/2020-trilateral-statement.md)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..course.paths import course_root

#: The folder of the reader, under the course's root.
READER_FOLDER = "reader"
#: The kinds of document the reader holds.
KINDS = (
    "law",
    "resolution",
    "protocol",
    "statement",
    "treaty",
    "declaration",
    "court order",
    "draft treaty",
)
REQUIRED = ("title", "date", "issuer", "kind", "source", "licence")
SECTIONS = ("About this document", "Excerpt", "Guiding questions")
#: At most this many words of quotation: an excerpt, not a copy.
MAX_EXCERPT_WORDS = 160
_ID = re.compile(r"^(?P<year>\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*$")
#: A relative link from a lesson (``lessons/``) to a reader page.
LESSON_LINK = re.compile(r"\]\(\.\./reader/(?P<id>\d{4}-[^)#\s]+)\.md(?:#[^)\s]*)?\)")


@dataclass
class Document:
    """One page of the reader."""

    id: str  # the file's stem, e.g. 2020-trilateral-statement
    meta: dict
    body: str
    also: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def __getattr__(self, name: str):
        if name in REQUIRED:
            return str(self.meta.get(name, "") or "").strip()
        raise AttributeError(name)

    def section(self, heading: str) -> str:
        """The text under ``## heading`` (empty if the page has no such section)."""
        parts = re.split(r"^## +(.+?)\s*$", self.body, flags=re.MULTILINE)
        for title, text in zip(parts[1::2], parts[2::2], strict=True):
            if title.strip() == heading:
                return text.strip()
        return ""

    @property
    def heading(self) -> str:
        found = re.search(r"^# +(.+?)\s*$", self.body, flags=re.MULTILINE)
        return found.group(1) if found else self.title

    @property
    def excerpt(self) -> str:
        """The quotation: the block-quote lines of the Excerpt section, joined."""
        lines = self.section("Excerpt").splitlines()
        return " ".join(line[1:].strip() for line in lines if line.startswith(">")).strip()

    @property
    def questions(self) -> list[str]:
        return re.findall(r"^\d+\. +(.+)$", self.section("Guiding questions"), flags=re.MULTILINE)


def split_list(value) -> list[str]:
    """A front-matter list: YAML's own list, or ids separated by ``;``."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def read_document(path: Path) -> Document:
    """A reader page from its file; its front matter as a dict (a date as ``YYYY-MM-DD``)."""
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    body = text
    found = re.match(r"^---\n(.*?)\n---\n", text, flags=re.DOTALL)
    if found:
        loaded = yaml.safe_load(found.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        body = text[found.end() :]
    if isinstance(meta.get("date"), date):
        meta["date"] = meta["date"].isoformat()
    return Document(
        id=path.stem,
        meta=meta,
        body=body,
        also=split_list(meta.get("also")),
        events=split_list(meta.get("events")),
    )


def reader_folder(root: Path | None = None) -> Path:
    return (root or course_root()) / READER_FOLDER


def documents(root: Path | None = None) -> list[Document]:
    """Every document of the reader, in date order."""
    pages = sorted(reader_folder(root).glob("[0-9][0-9][0-9][0-9]-*.md"))
    return sorted((read_document(path) for path in pages), key=lambda doc: (doc.date, doc.id))


def document_problems(doc: Document, sources: set[str], events: set[str]) -> list[str]:
    """What is missing or wrong in one page, each as a sentence naming the page."""
    problems = []
    where = f"reader/{doc.id}.md"
    if not doc.meta:
        return [f"{where}: no front matter (a '---' block with title, date, issuer...)"]
    for name in REQUIRED:
        if not getattr(doc, name):
            problems.append(f"{where}: front matter lacks '{name}'")
    matched = _ID.match(doc.id)
    if not matched:
        problems.append(f"{where}: the file name must be <year>-<slug>.md")
    if doc.date:
        try:
            when = date.fromisoformat(doc.date)
        except ValueError:
            problems.append(f"{where}: date '{doc.date}' is not YYYY-MM-DD")
        else:
            if matched and int(matched["year"]) != when.year:
                problems.append(f"{where}: the file's year is not the document's ({when.year})")
    if doc.kind and doc.kind not in KINDS:
        problems.append(f"{where}: kind '{doc.kind}' is not one of {', '.join(KINDS)}")
    for source_id in ([doc.source] if doc.source else []) + doc.also:
        if source_id not in sources:
            problems.append(f"{where}: source '{source_id}' is not a row of data/sources.csv")
    for event_id in doc.events:
        if event_id not in events:
            problems.append(f"{where}: event '{event_id}' is not in data/events.csv")
    for heading in SECTIONS:
        if not doc.section(heading):
            problems.append(f"{where}: no '## {heading}' section (or it is empty)")
    if doc.section("Excerpt") and not doc.excerpt:
        problems.append(f"{where}: the excerpt must be a quotation, in '>' block-quote lines")
    words = len(doc.excerpt.split())
    if words > MAX_EXCERPT_WORDS:
        problems.append(
            f"{where}: the excerpt has {words} words; quote at most {MAX_EXCERPT_WORDS}"
        )
    if doc.section("Guiding questions") and not 3 <= len(doc.questions) <= 4:
        problems.append(f"{where}: {len(doc.questions)} guiding questions; give three or four")
    return problems


def lesson_links(lessons: list[Path]) -> dict[str, list[str]]:
    """For each reader page a lesson links to, the lessons (file stems) that link to it."""
    linked: dict[str, list[str]] = {}
    for path in lessons:
        for found in LESSON_LINK.finditer(path.read_text(encoding="utf-8")):
            names = linked.setdefault(found["id"], [])
            if path.stem not in names:
                names.append(path.stem)
    return linked


def reader_problems(
    docs: list[Document],
    sources: set[str],
    events: set[str],
    lessons: list[Path],
    index: str,
) -> list[str]:
    """Every problem of the reader: each page's, a page no lesson links to, a lesson link to
    a page that does not exist, and an index (``reader/README.md``) that does not list every
    page in date order."""
    problems = [problem for doc in docs for problem in document_problems(doc, sources, events)]
    ids = [doc.id for doc in docs]
    linked = lesson_links(lessons)
    for doc_id in ids:
        if doc_id not in linked:
            problems.append(f"reader/{doc_id}.md: no lesson links to it")
    for doc_id, names in linked.items():
        if doc_id not in ids:
            problems.append(
                f"{', '.join(names)}: links to reader/{doc_id}.md, which does not exist"
            )
    listed = re.findall(r"\]\((\d{4}-[^)#\s]+)\.md\)", index)
    if sorted(set(listed)) != sorted(ids):
        missing = sorted(set(ids) - set(listed))
        extra = sorted(set(listed) - set(ids))
        problems.append(
            f"reader/README.md: lists {extra or 'none'} extra, lacks {missing or 'none'}"
        )
    elif listed != ids:
        problems.append("reader/README.md: the documents are not listed in date order")
    return problems

"""The primary-source reader and the glossary on the reader's site, and the links between them
and the lessons.

The repository's own Markdown is the source: ``reader/README.md`` becomes ``reader/index.html``,
each ``reader/<id>.md`` a page of its own (its front matter as a table of facts, its full text
and further sources linked, the lessons and events that use it), and ``glossary.md``
``glossary.html``. A relative link written in the repository (a lesson's
``[the trilateral statement](../reader/2020-trilateral-statement.md)``, the glossary's
``reader/...md``, a reader page's ``../glossary.md#cis``) becomes the link to the site's page; a
link to a repository file the site does not hold becomes its text with the file's path, so no
page links to nothing.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

from markupsafe import Markup
from nbconvert.filters import markdown2html

from ...course import contents
from ...course.paths import course_root
from ...tables import glossary, reader
from .course_data import CourseData, date_words

#: The site's folder of reader pages (the same name as the repository's).
READER_SITE_FOLDER = reader.READER_FOLDER
GLOSSARY_PAGE = "glossary.html"

_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.DOTALL)
_ANCHOR = re.compile(r'<a id="(?P<id>[^"]+)"\s*(?:/>|></a>)')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", re.IGNORECASE)


def site_path(repo_path: str) -> str | None:
    """Where a file of the repository (a path from its root) is on the site, or None."""
    if repo_path == glossary.GLOSSARY_FILE:
        return GLOSSARY_PAGE
    folder, _, name = repo_path.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    if folder == reader.READER_FOLDER and suffix == "md":
        return f"{READER_SITE_FOLDER}/{'index' if stem == 'README' else stem}.html"
    if folder == "lessons" and suffix in ("md", "ipynb") and re.match(r"^\d\d[a-z]?-", stem):
        return f"{stem}.html"
    return None


def site_links(html: str, repo_folder: str, site_folder: str) -> str:
    """``html`` rendered from a file in ``repo_folder`` (of the repository) and shown at
    ``site_folder`` (of the site), with its relative links to the repository's files made into
    links to the site's pages, or into plain text where the site has no such page; and its HTML
    anchors (``<a id>``) made into spans, which every browser parses alike."""

    def relink(found: re.Match) -> str:
        href = found["href"]
        if _EXTERNAL.match(href):
            return found.group(0)
        path, hash_, fragment = href.partition("#")
        if not path.endswith((".md", ".ipynb")):
            return found.group(0)
        repo_path = posixpath.normpath(posixpath.join(repo_folder, path))
        target = site_path(repo_path)
        if target is None:
            return f"{found['text']} (<code>{repo_path}</code>)"
        relative = posixpath.relpath(target, site_folder or ".")
        return f'<a href="{relative}{hash_}{fragment}"{found["rest"]}>{found["text"]}</a>'

    html = _LINK.sub(relink, html)
    return _ANCHOR.sub(lambda found: f'<span id="{found["id"]}"></span>', html)


def _markdown(text: str, repo_folder: str, site_folder: str) -> Markup:
    return Markup(site_links(markdown2html(text), repo_folder, site_folder))


def reader_pages(environment, lessons: list, data: CourseData, root: Path | None = None):
    """The reader's index, one page per document and the glossary, by their site paths."""
    root = root or course_root()
    docs = reader.documents(root)
    titles = {lesson.path.stem: lesson.title for lesson in lessons}
    used_in = reader.lesson_links(contents.lesson_sources(root))
    sources = data.sources.set_index("id")
    events = data.events.set_index("id")
    pages = {}
    index = (root / reader.READER_FOLDER / "README.md").read_text(encoding="utf-8")
    pages[f"{READER_SITE_FOLDER}/index.html"] = environment.get_template(
        "reader_index.html.j2"
    ).render(
        root="../",
        intro=_markdown(index, reader.READER_FOLDER, READER_SITE_FOLDER),
        count=len(docs),
    )
    template = environment.get_template("reader_document.html.j2")
    for position, doc in enumerate(docs):
        body = re.sub(r"^# .*\n", "", doc.body, count=1, flags=re.MULTILINE)
        pages[f"{READER_SITE_FOLDER}/{doc.id}.html"] = template.render(
            root="../",
            doc=doc,
            date=date_words(date.fromisoformat(doc.date), "day"),
            source=(doc.source, sources.loc[doc.source]),
            also=[(source_id, sources.loc[source_id]) for source_id in doc.also],
            events=[(event_id, events.loc[event_id]) for event_id in doc.events],
            lessons=[(stem, titles.get(stem, stem)) for stem in used_in.get(doc.id, [])],
            body=_markdown(body, reader.READER_FOLDER, READER_SITE_FOLDER),
            previous=docs[position - 1] if position > 0 else None,
            next=docs[position + 1] if position + 1 < len(docs) else None,
        )
    text = glossary.glossary_path(root).read_text(encoding="utf-8")
    body = re.sub(r"^# .*\n", "", text, count=1, flags=re.MULTILINE)
    pages[GLOSSARY_PAGE] = environment.get_template("glossary.html.j2").render(
        root="", body=_markdown(body, "", "")
    )
    return pages

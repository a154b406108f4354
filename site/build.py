"""Build the reader's site: every lesson run once and turned into a plain, offline HTML page.

    python site/build.py [--out site/_build] [--jobs 2]      (or: make site)

Steps, one function each:

1. ``execute`` runs a lesson from a fresh kernel with ``BALANCING_ACT_STATIC=1``. In that mode the
   course package draws every chart as an inline SVG ``<figure>`` captioned with its description
   and shows each widget as its first chart with a note (balancing_act/charts.py, explorer.py).
2. ``render_lesson`` converts it with nbconvert and the template in ``site/templates/``, which
   adds navigation (all lessons, previous, next, this lesson's sources) and inlines one small
   style sheet. The page loads nothing: no script, no web font, no CDN.
3. ``render_index`` writes the front page listing every lesson and a link to its sources.
4. ``external_resources`` checks every page before it is written: a page that would load
   anything (a script, a style sheet, an image, a font) from outside the site fails the build.

Why nbconvert and not Jupyter Book: see site/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html

from balancing_act import contents

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "balancing_act"
# nbconvert gives a markdown heading this id ("## Sources for this lesson"); every lesson ends so.
SOURCES_HEADING = "Sources for this lesson"
SOURCES_ANCHOR = SOURCES_HEADING.replace(" ", "-")


@dataclass
class Lesson:
    path: Path  # lessons/NN-slug.ipynb
    title: str  # the notebook's first heading
    summary: str  # its first paragraph, as HTML
    sources: int  # how many links its "Sources for this lesson" section has
    charts: int = 0  # how many chart figures the built page has
    sources_anchor: str = SOURCES_ANCHOR

    @property
    def href(self) -> str:
        return self.path.stem + ".html"


def read_lesson(path: Path) -> Lesson:
    """Title, summary and source count from the notebook's markdown (before it is run)."""
    notebook = nbformat.read(path, as_version=4)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    first = markdown[0].strip().splitlines()
    if not first or not first[0].startswith("# "):
        raise ValueError(f"{path.name}: the first cell must start with a '# ' title")
    paragraphs = "\n".join(first[1:]).strip().split("\n\n")
    heading = re.compile(rf"^## {SOURCES_HEADING}\s*$", flags=re.MULTILINE)
    sources = [heading.split(text)[-1] for text in markdown if heading.search(text)]
    if len(sources) != 1:
        raise ValueError(f"{path.name}: needs exactly one '## {SOURCES_HEADING}' heading")
    return Lesson(
        path=path,
        title=first[0][2:].strip(),
        summary=markdown2html(paragraphs[0]),
        sources=len(re.findall(r"<https?://|\]\(https?://", sources[0])),
    )


def execute(path: Path) -> str:
    """Run the lesson top to bottom in static mode; any failing cell stops the build."""
    os.environ["BALANCING_ACT_STATIC"] = "1"  # the kernel inherits this process's environment
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        allow_errors=False,
        store_widget_state=False,  # no widget state: nothing on the page would use it
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nbformat.writes(notebook)


def render_lesson(notebook: nbformat.NotebookNode, lessons: list[Lesson], index: int) -> str:
    lesson = lessons[index]
    exporter = HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )

    def link(other: int):
        if 0 <= other < len(lessons):
            return {"href": lessons[other].href, "title": lessons[other].title}
        return None

    site = {
        "title": lesson.title,
        "source": f"lessons/{lesson.path.name}",
        "previous": link(index - 1),
        "next": link(index + 1),
        "sources_anchor": SOURCES_ANCHOR,
    }
    html, _resources = exporter.from_notebook_node(notebook, resources={"site": site})
    return html


def render_index(lessons: list[Lesson]) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / TEMPLATE), autoescape=True
    )
    for lesson in lessons:  # the summary is HTML made by markdown2html from our own notebooks
        lesson.summary = jinja2.utils.markupsafe.Markup(lesson.summary)
    return environment.get_template("contents.html.j2").render(lessons=lessons)


# A tag attribute or CSS reference that makes the browser fetch something when the page loads.
_LOADS = re.compile(
    r"""<script\b[^>]*>"""  # any script at all: the site has none
    r"""|<(?:link|img|iframe|source|embed|object|video|audio)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?([^"'\s>]+)"""
    r"""|url\(\s*["']?(?!data:)([^"')]+)"""
    r"""|@import\s+["']?([^"';\s]+)""",
    re.IGNORECASE,
)


def external_resources(html: str) -> list[str]:
    """What a page would load from outside itself (empty for an offline page).

    Links a reader clicks (``<a href>``, the sources) are fine; anything the browser fetches by
    itself is not, unless it is a ``data:`` URL or a file beside the page.
    """
    found = []
    for match in _LOADS.finditer(html):
        target = next((group for group in match.groups() if group), None)
        if target is None:
            found.append(match.group(0)[:80])  # a <script> tag
        elif re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.IGNORECASE) and not (
            target.lower().startswith("data:")
        ):
            found.append(target)
    return found


def build(out: Path, jobs: int = 2) -> list[Lesson]:
    started = time.monotonic()
    lessons = [read_lesson(path) for path in contents.lesson_notebooks(ROOT)]
    if not lessons:
        raise SystemExit(f"no lessons found in {LESSONS}")
    # Kernels run in separate processes anyway; two at a time keeps a two-core machine busy.
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = list(pool.map(execute, [lesson.path for lesson in lessons]))
    pages = {}
    for index, (lesson, text) in enumerate(zip(lessons, executed, strict=True)):
        html = render_lesson(nbformat.reads(text, as_version=4), lessons, index)
        lesson.charts = len(re.findall(r'<figure\b[^>]*class="ba-chart"', html))
        pages[lesson.href] = html
    pages["index.html"] = render_index(lessons)
    problems = {name: found for name, html in pages.items() if (found := external_resources(html))}
    if problems:
        raise SystemExit(f"pages would load from outside the site: {problems}")
    # Write only once everything has built, so a failed build never leaves half a site.
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, html in pages.items():
        (out / name).write_text(html, encoding="utf-8")
    charts = sum(lesson.charts for lesson in lessons)
    print(
        f"site: {len(lessons)} lessons, {charts} charts, written to {out} "
        f"in {time.monotonic() - started:.0f} s; open {out / 'index.html'}"
    )
    return lessons


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "_build")
    parser.add_argument("--jobs", type=int, default=2, help="lessons executed at once")
    args = parser.parse_args(argv)
    build(args.out.resolve(), args.jobs)


if __name__ == "__main__":
    sys.exit(main())

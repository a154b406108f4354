"""A lesson as the site's front page and navigation know it, read from its notebook before it
runs: its title, its first paragraph and how many sources it links.

A lesson that lacks what the site links to (a ``# `` title, one "Sources for this lesson"
section) is refused here, before minutes are spent running it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert.filters import markdown2html

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

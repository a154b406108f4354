"""Lessons as text: each lesson's MyST Markdown source and the notebook generated from it.

Authors edit ``lessons/NN-slug.md`` (jupytext's MyST format: prose as Markdown, code in
```` ```{code-cell} ```` blocks, each cell's id in its metadata); the committed
``lessons/NN-slug.ipynb``, which Binder, the Hub and a double-click open, is generated from it,
byte for byte the same every time::

    python -m balancing_act.authoring notebooks            # every lesson: .md -> .ipynb (make notebooks)
    python -m balancing_act.authoring notebooks --check    # say which notebooks are stale, change nothing
    python -m balancing_act.authoring markdown lessons/04-the-west-steps-back.ipynb
                                                           # a notebook -> its .md source

The last command is for a notebook edited as a notebook (after a merge, say): it writes the
``.md`` from it, and then ``make notebooks`` regenerates the same notebook.

Cell ids are part of the source: tests and the browser name cells by id (``lesson02-03``), and
nbformat would otherwise give every generated cell a random one. The notebook's metadata is
always the kernelspec and ipykernel's ``language_info`` less the Python version; outputs are
always empty. That is the notebook as git keeps it (``generated_notebook``); on disk it carries
this Python's version too (``notebook_filter.smudge``), as JupyterLab would write it, so a
lesson opened and closed untouched stays saved.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

from ..course.contents import lesson_sources
from .notebook_filter import LANGUAGE_INFO, smudge

TEXT_FORMAT = "md:myst"
NBFORMAT_MINOR = 5
#: What nbformat 4.5 allows as a cell id.
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


class LessonSourceError(ValueError):
    """A lesson's Markdown source cannot become its notebook (the message names file and cell)."""


def notebook_to_text(notebook: nbformat.NotebookNode) -> str:
    """The MyST Markdown source of ``notebook``: its cells, each id kept in the cell's metadata."""
    import jupytext

    text_notebook = copy.deepcopy(notebook)
    for cell in text_notebook.cells:
        cell.metadata = {"id": cell.pop("id"), **cell.metadata}
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
    text_notebook.metadata = {"kernelspec": notebook.metadata["kernelspec"]}
    return jupytext.writes(text_notebook, fmt=TEXT_FORMAT)


def text_to_notebook(text: str, origin: str = "<text>") -> nbformat.NotebookNode:
    """The notebook a MyST Markdown source describes: ids from the cells' metadata, no outputs."""
    import jupytext

    notebook = jupytext.reads(text, fmt=TEXT_FORMAT)
    kernelspec = notebook.metadata.get("kernelspec")
    if not isinstance(kernelspec, dict) or "language" not in kernelspec:
        raise LessonSourceError(f"{origin}: the front matter needs a kernelspec with its language")
    seen: dict[str, int] = {}
    for index, cell in enumerate(notebook.cells):
        cell_id = cell.metadata.pop("id", None)
        where = f"{origin}: {cell.cell_type} cell {index + 1} ({_opening(cell.source)!r})"
        if not isinstance(cell_id, str) or not CELL_ID.match(cell_id):
            raise LessonSourceError(
                f"{where} has no valid id: give it one in its metadata, for a Markdown cell "
                f'`+++ {{"id": "{_free_id(seen, notebook)}"}}` on the line above it, for a code '
                f"cell `:id: {_free_id(seen, notebook)}` as the block's first line"
            )
        if cell_id in seen:
            raise LessonSourceError(f"{where} repeats the id {cell_id!r} of cell {seen[cell_id]}")
        seen[cell_id] = index + 1
        cell.id = cell_id
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata = {
        "kernelspec": kernelspec,
        "language_info": (
            copy.deepcopy(LANGUAGE_INFO)
            if kernelspec["language"] == "python"
            else {"name": kernelspec["language"]}
        ),
    }
    notebook.nbformat, notebook.nbformat_minor = 4, NBFORMAT_MINOR
    nbformat.validate(notebook)
    return notebook


def _opening(source: str) -> str:
    return (source.strip().splitlines() or [""])[0][:50]


def _free_id(seen: dict[str, int], notebook) -> str:
    """A suggestion for a missing id: the lesson's prefix with the next unused number."""
    ids = list(seen) + [c.metadata.get("id") for c in notebook.cells if c.metadata.get("id")]
    numbered = [re.fullmatch(r"(.*-)(\d+)", str(i)) for i in ids]
    numbered = [m for m in numbered if m]
    if not numbered:
        return "lessonNN-00"
    prefix = numbered[0].group(1)
    taken = {int(m.group(2)) for m in numbered if m.group(1) == prefix}
    return f"{prefix}{max(taken) + 1:02d}"


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The notebook's file contents exactly as ``nbformat.write`` leaves them."""
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def generated_notebook(source: Path) -> str:
    """The text of the notebook that ``source`` (a lesson's ``.md``) generates, as git keeps it."""
    return notebook_text(text_to_notebook(source.read_text(encoding="utf-8"), str(source)))


def notebook_on_disk(source: Path) -> str:
    """The generated notebook as it is written beside ``source``: with this Python's version in
    its ``language_info`` (what JupyterLab would write), byte for byte the same every time."""
    return smudge(generated_notebook(source))


def stale_notebooks(sources: list[Path]) -> list[Path]:
    """The notebooks beside ``sources`` that differ from what those sources generate."""
    stale = []
    for source in sources:
        notebook = source.with_suffix(".ipynb")
        if not notebook.is_file() or notebook.read_text(encoding="utf-8") != notebook_on_disk(
            source
        ):
            stale.append(notebook)
    return stale


def write_notebook(source: Path) -> bool:
    """Regenerate the notebook beside ``source``; True when its text changed."""
    target = source.with_suffix(".ipynb")
    text = notebook_on_disk(source)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def write_markdown(notebook_path: Path) -> Path:
    """Write the ``.md`` source beside a lesson's notebook, from the notebook."""
    notebook = nbformat.read(notebook_path, as_version=4)
    missing = [i + 1 for i, cell in enumerate(notebook.cells) if not cell.get("id")]
    if missing:
        raise LessonSourceError(f"{notebook_path}: cells {missing} have no id (nbformat < 4.5)")
    target = notebook_path.with_suffix(".md")
    target.write_text(notebook_to_text(notebook), encoding="utf-8")
    return target


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.authoring",
        description="Generate lesson notebooks from their MyST Markdown sources, or the reverse.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    notebooks = commands.add_parser("notebooks", help="lessons/*.md -> lessons/*.ipynb")
    notebooks.add_argument("sources", nargs="*", type=Path, help="default: every lesson")
    notebooks.add_argument("--check", action="store_true", help="report stale notebooks only")
    markdown = commands.add_parser("markdown", help="a lesson's .ipynb -> its .md source")
    markdown.add_argument("notebooks", nargs="*", type=Path)
    markdown.add_argument(
        "--every-lesson", action="store_true", help="every lesson in lessons/_toc.yml"
    )
    commands.add_parser("timing", help="each lesson's stated minutes beside its measured estimate")
    args = parser.parse_args(argv)
    if args.command == "timing":
        from .timing import timing_table

        print(timing_table(lesson_sources()))
        return 0
    if args.command == "markdown" and args.every_lesson:
        args.notebooks = [source.with_suffix(".ipynb") for source in lesson_sources()]
    if args.command == "markdown" and not args.notebooks:
        parser.error("name the notebooks to convert, or --every-lesson")
    try:
        if args.command == "markdown":
            for path in args.notebooks:
                target = write_markdown(path)
                same = notebook_text(nbformat.read(path, as_version=4)) == notebook_on_disk(target)
                rewrite = "" if same else f" (make notebooks will rewrite {_shown(path)})"
                print(f"wrote {_shown(target)}{rewrite}")
            return 0
        sources = args.sources or lesson_sources()
        if args.check:
            stale = stale_notebooks(sources)
            for path in stale:
                print(f"stale: {_shown(path)} differs from its .md source; run make notebooks")
            return 1 if stale else 0
        changed = [source for source in sources if write_notebook(source)]
        for source in changed:
            print(f"wrote {_shown(source.with_suffix('.ipynb'))}")
        print(f"{len(sources)} lesson notebooks, {len(changed)} regenerated")
        return 0
    except (LessonSourceError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

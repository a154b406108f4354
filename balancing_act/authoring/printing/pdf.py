"""From a notebook to a printed page: run it, convert it, lay it out with WeasyPrint.

The steps, one function each: :func:`execute` runs the notebook in static mode; :func:`body`
converts it with nbconvert's ``basic`` template (the cells' HTML, no page around it);
:func:`print_links` turns the links a reader would click into printed addresses; :func:`page`
wraps the body with the style sheets of ``instructor/print/``; :func:`write_pdf` lays it out.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import nbformat

from ..runner import NotebookFailed, run_notebook

STYLES = Path("instructor") / "print"
CELL_SECONDS = 180
# vl-convert lays chart text out with Liberation Sans metrics; the SVG only asks for
# "sans-serif", which this machine's fontconfig may give as a wider face.
CHART_FONT = 'font-family="Liberation Sans, Arimo, Arial, sans-serif"'


# Libraries whose WARNING-level notes (a CSS property WeasyPrint ignores, a font table fontTools
# leaves out of a subset) a teacher cannot act on: `make handouts` shows their errors only.
NOISY_LOGGERS = ("weasyprint", "fontTools")


def quiet_libraries() -> None:
    """Only errors from the layout libraries reach the terminal (never their notes): called
    by the printing command and in each process that prints."""
    import logging

    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


class PrintError(RuntimeError):
    """A document could not be printed (the message names it and says why)."""


def execute(path: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom from a fresh kernel in static mode, in its own folder."""
    try:
        return run_notebook(path, timeout=CELL_SECONDS, static=True)
    except NotebookFailed as error:
        raise PrintError(f"not printed, because {error}") from error


def body(notebook: nbformat.NotebookNode) -> str:
    """The cells as HTML, without prompts: the page around them is :func:`page`'s. What a
    kernel printed to stderr (warnings) is left out: a cell with nothing else shows no result
    box (``print.css`` labels each cell's results "Result")."""
    from nbconvert import HTMLExporter

    notebook = nbformat.from_dict(notebook)  # a copy: the caller's notebook keeps its outputs
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]

    exporter = HTMLExporter(
        template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True
    )
    html, _ = exporter.from_notebook_node(notebook)
    return html.replace('font-family="sans-serif"', CHART_FONT)


_LINK = re.compile(r'<a\s+href="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)


def print_links(html: str, listed_from: str | None = None) -> str:
    """Links as a printed page shows them: a footnote with the address, or, from the element
    whose id is ``listed_from`` on (a list of sources), the address printed after the link."""
    split = html.find(f'id="{listed_from}"') if listed_from else -1
    if split < 0:
        split = len(html)
    split = html.rfind("<", 0, split) if split < len(html) else split

    def footnote(match: re.Match) -> str:
        url, text = match.group(1), match.group(3)
        if _same_address(url, text):
            return match.group(0)
        return f'{match.group(0)}<span class="footnote">{escape(url, quote=False)}</span>'

    def listed(match: re.Match) -> str:
        url, text = match.group(1), match.group(3)
        if _same_address(url, text):
            return match.group(0)
        return f'{match.group(0)} <span class="address">{escape(url, quote=False)}</span>'

    return _LINK.sub(footnote, html[:split]) + _LINK.sub(listed, html[split:])


def _same_address(url: str, text: str) -> bool:
    shown = re.sub(r"<[^>]+>", "", text).strip()
    return shown.rstrip("/") == url.rstrip("/") or shown.rstrip("/") == url.split("://", 1)[
        -1
    ].rstrip("/")


def page(course: Path, title: str, content: str, stylesheets: list[str], classes: str = "") -> str:
    """A whole HTML document: the print style sheets inlined, the PDF's title set."""
    from pygments.formatters import HtmlFormatter

    styles = [(course / STYLES / name).read_text(encoding="utf-8") for name in stylesheets]
    styles.append(HtmlFormatter(style="default").get_style_defs(".highlight"))
    css = "\n".join(styles)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{css}</style></head>"
        f'<body class="{escape(classes)}">{content}</body></html>\n'
    )


def write_pdf(html: str, out: Path) -> int:
    """Lay the document out as ``out``; return its number of pages. A printed page loads
    nothing: a reference to anything but a ``data:`` URL stops the printing."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Offline(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"{out.name} would load {url[:100]}")

    try:
        document = weasyprint.HTML(string=html, url_fetcher=Offline()).render()
    except FatalURLFetchingError as error:
        raise PrintError(f"not printed: {error}; printed pages load nothing") from error
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out)
    return len(document.pages)

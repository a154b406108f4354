"""A student's markup, made inert in the graded notebook that every grading page shows.

The graded notebook (``autograded/<student>/<assignment>/``) is what the Formgrader renders
inside the teacher's own Jupyter session, with the teacher's rights over every file and grade,
and what ``make feedback`` turns into pages. Its student content is made inert here, once,
where the grader writes it, rather than by each page's template: nbgrader's Formgrader
template renders a written answer's HTML as it stands (it honours nbconvert's
``sanitize_html`` for outputs only), nbconvert passes ``javascript:`` links and ```` ```mermaid
```` blocks through unescaped, and another nbgrader's templates may differ again. A notebook
with nothing active in it is safe under all of them.

- **Outputs**: HTML, Markdown and SVG are shown as text, as JupyterLab shows an untrusted
  notebook's: the output's plain-text form is kept (a table's text, say), or the markup itself
  as text when it has none. Plain text and PNG pictures stay. Nothing is left to a sanitiser's
  allow-list, so there is no allow-list to get wrong.
- **Written answers** (markdown cells) stay exactly as written when they are plain Markdown:
  text, emphasis, headings, lists, tables, code, math, and links to web or mail addresses. An
  answer with anything more (HTML, a picture, which the teacher's browser would fetch on
  opening the page, a link of another kind, a diagram block) is shown as text, in a code block,
  under a line saying why.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from nbconvert.filters.markdown_mistune import MarkdownWithMath

# Kept in an output's bundle: text, which every page escapes, and PNG data, which pages put
# in an image's address (escaped) and browsers only decode.
INERT_MIME_TYPES = ("text/plain", "image/png")
# Shown as text: a page would render these as markup.
MARKUP_MIME_TYPES = ("text/html", "text/markdown", "image/svg+xml")

# The parts of nbconvert's Markdown that it renders with everything escaped. Any other part,
# including one a later nbconvert adds, makes the answer shown as text.
PLAIN_MARKDOWN = {
    "paragraph", "text", "emphasis", "strong", "codespan", "linebreak", "softbreak",
    "blank_line", "heading", "list", "list_item", "task_list_item", "block_text",
    "block_quote", "thematic_break", "strikethrough", "table", "table_head", "table_body",
    "table_row", "table_cell", "def_list", "def_list_head", "def_list_item", "block_math",
    "inline_math", "latex_environment", "block_code", "link",
}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto"}
SHOWN_AS_TEXT = (
    "*Shown as text: this answer holds markup (HTML, a picture or a link of another kind) "
    "that grading pages do not render.*"
)


def inert_outputs(outputs: list[dict]) -> list[dict]:
    """Outputs with their markup shown as text (see the module's docstring)."""
    result = []
    for output in outputs:
        data = output.get("data")
        if isinstance(data, dict) and any(kind in data for kind in MARKUP_MIME_TYPES):
            kept = {kind: data[kind] for kind in INERT_MIME_TYPES if kind in data}
            if "text/plain" not in kept:
                kept["text/plain"] = "\n".join(
                    str(data[kind]) for kind in MARKUP_MIME_TYPES if kind in data
                )
            output = {**output, "data": kept}
        result.append(output)
    return result


def inert_markdown(source: str) -> str:
    """A written answer as written if it is plain Markdown, otherwise shown as text."""
    if _plain(MarkdownWithMath(renderer=None)(source)):
        return source
    # A fence longer than any run of backquotes in the answer, so the answer cannot close it.
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{SHOWN_AS_TEXT}\n\n{fence}\n{source}\n{fence}\n"


def _plain(tokens: list[dict]) -> bool:
    for token in tokens:
        kind = token.get("type")
        if kind not in PLAIN_MARKDOWN:
            return False
        attrs = token.get("attrs") or {}
        if kind == "link" and not _web_or_mail(str(attrs.get("url", ""))):
            return False
        # nbconvert draws a ```mermaid block as a diagram, its text unescaped.
        if kind == "block_code" and str(attrs.get("info") or "").strip().startswith("mermaid"):
            return False
        if not _plain(token.get("children") or []):
            return False
    return True


def _web_or_mail(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in LINK_SCHEMES
    except ValueError:  # an address that does not parse, such as "http://[x"
        return False

"""Text a student chose (an id, a file name, a message), made safe for each place it is shown.

Student ids and file names reach the grading report as Markdown, as HTML and on the terminal
(``make grade`` prints the report). Each format has one function here, and every student-chosen
string goes through it:

- :func:`visible` shows what cannot be seen or would act on the reader: control characters
  (CR, LF, ESC and the rest of C0 and C1, DEL), Unicode's direction overrides and invisible
  characters, and bytes that are not UTF-8 (a file name read with ``surrogateescape``) are
  written as Python writes them in a string, ``\\r``, ``\\x1b``, ``\\u202e``. A carriage return
  cannot pull a classmate out of a table, an escape sequence cannot recolour or clear the
  teacher's terminal, and a name that is not UTF-8 can be written to a UTF-8 file.
- :func:`markdown` is :func:`visible` with every character that Markdown (as nbconvert renders
  it) reads as markup backslash-escaped: no HTML, link, image, autolink, emphasis, code span or
  table cell boundary can come from the text.
- :func:`html` is :func:`visible` with HTML's special characters escaped, quotes included.
- :func:`terminal` is :func:`visible` that keeps line breaks, for text printed as a whole.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

# Characters that change how the text around them is shown without being seen themselves:
# bidirectional embeddings, overrides and isolates, marks, zero-width characters and the line
# and paragraph separators. A name holding U+202E can show "txt.exe" as "exe.txt".
INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Markdown's inline markup, as nbconvert's renderer (mistune) reads it: escapes, code spans,
# emphasis and strikethrough, links and images, raw HTML and entities, table cells, and the
# colon of a bare "http://" address, which it turns into a link.
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~]|:(?=/))")
# What only counts at the start of a line: headings, lists, quotes, setext underlines.
MARKDOWN_LINE_START = re.compile(r"^(\d*)([#+\-=>]|(?<=\d)[.)])")


def _shown(character: str) -> str:
    code = ord(character)
    if character in SHORT_ESCAPES:
        return SHORT_ESCAPES[character]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _hidden(character: str) -> bool:
    category = unicodedata.category(character)
    # Cc: C0, DEL and C1 controls; Cs: lone surrogates (undecodable bytes); Cf/Zl/Zp: listed.
    return category in ("Cc", "Cs") or character in INVISIBLE


def visible(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every control, invisible or undecodable character written as an escape."""
    return "".join(
        _shown(ch) if _hidden(ch) and not (keep_newlines and ch == "\n") else ch for ch in str(text)
    )


def markdown(text: object) -> str:
    """``text`` as literal Markdown inline text: shown as it is, never markup."""
    escaped = MARKDOWN_INLINE.sub(r"\\\1", visible(text))
    return MARKDOWN_LINE_START.sub(r"\1\\\2", escaped)


def html(text: object) -> str:
    """``text`` as literal HTML text or attribute value."""
    return _html.escape(visible(text), quote=True)


def terminal(text: object) -> str:
    """``text`` for the terminal: line breaks kept, no escape sequence or control character."""
    return visible(text, keep_newlines=True)

"""The scholarly sources' records: what a book, a chapter or an article must say of itself.

The descriptor checks each cell's form (an author list, a DOI or ISBN pattern); what it cannot
say is checked here: a scholarly source names its authors and its year, and an ISBN's check digit
is right, so a mistyped number (the commonest slip in copying a record) is caught. The record
itself (that the book exists as cited) is read on a publisher's, DOI or catalogue page by whoever
adds the row: see "Books and articles" in the codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..course.vocabulary import SCHOLARLY_KINDS

YEAR = re.compile(r"^\d{4}")


@dataclass(frozen=True)
class Break:
    file: str
    row: int
    column: str
    message: str


def isbn_is_valid(digits: str) -> bool:
    """Whether a 10- or 13-character ISBN (no hyphens) has the right check digit.

    >>> isbn_is_valid("9780306406157"), isbn_is_valid("9780306406158")
    (True, False)
    """
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        return total % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        values = [10 if d == "X" else int(d) for d in digits]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False


def bibliography_breaks(rows: list[dict[str, str]], file: str = "data/sources.csv") -> list[Break]:
    """Each way a source row falls short of a scholarly record (empty when none does)."""
    breaks = []
    for row_number, row in enumerate(rows, start=2):
        identifier = (row.get("identifier") or "").strip()
        digits = identifier.removeprefix("isbn:")
        # A malformed number is the descriptor's to report; only a well-formed one is summed.
        well_formed = re.fullmatch(r"\d{9}[\dX]|97[89]\d{10}", digits)
        if identifier.startswith("isbn:") and well_formed and not isbn_is_valid(digits):
            breaks.append(
                Break(
                    file,
                    row_number,
                    "identifier",
                    f"'{identifier}' is not an ISBN: its check digit is wrong (copy it again "
                    "from the publisher's or catalogue's record, digits only)",
                )
            )
        if row.get("kind") not in SCHOLARLY_KINDS:
            continue
        if not (row.get("authors") or "").strip():
            breaks.append(
                Break(
                    file,
                    row_number,
                    "authors",
                    f"a {row['kind']} names its authors ('Family, Given; Family, Given')",
                )
            )
        if not YEAR.match(row.get("date") or ""):
            breaks.append(
                Break(file, row_number, "date", f"a {row['kind']} gives its year of publication")
            )
    return breaks

"""The CSV handling every dataset reader shares.

The CSV extracts are read as text, not with pandas, so that a problem can name the line a
spreadsheet shows (a quoted cell may span lines) and so that ``cut`` can copy the records it
keeps byte for byte. The tables are written as plain CSV with ``\\n`` line ends, so a re-derived
table compares equal to the committed one as text.
"""

from __future__ import annotations

import csv
import io
import math


def raw_label(relative: str) -> str:
    """How a problem names a raw file: by its path in the course, whichever copy was read."""
    return f"data/raw/{relative}"


def number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def whole(text: str) -> int | None:
    value = number(text)
    return int(value) if value is not None and value == int(value) else None


def short(value: float, places: int = 4) -> str:
    """A number rounded to ``places`` decimals, without trailing zeros (``0`` not ``0.0000``)."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def csv_text(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def records(text: str):
    """(line number, fields, raw text) for each CSV record, line numbers as a spreadsheet counts."""
    lines = text.split("\n")
    pieces = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    reader = csv.reader(pieces)
    consumed = 0
    for fields in reader:
        start = consumed + 1
        raw = "".join(pieces[consumed : reader.line_num])
        consumed = reader.line_num
        yield start, fields, raw

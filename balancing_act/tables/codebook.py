"""How the tables' cells are written: lists of ids in one cell, actor codes in words.

The loaders, the validator and the analyses read cells through these, so the format is parsed
in one place.
"""

from __future__ import annotations

from ..course.vocabulary import ACTOR_NAMES


def actor_names(cell: str) -> str:
    """An ``actors`` cell ("AZ;EU") in words ("Azerbaijan, European Union").

    >>> actor_names("AZ;EU")
    'Azerbaijan, European Union'
    """
    return ", ".join(ACTOR_NAMES.get(code, code) for code in split_ids(cell))


def split_ids(cell: str) -> list[str]:
    """The ids in a ``;``-separated cell.

    >>> split_ids("AZ;RU;CIS")
    ['AZ', 'RU', 'CIS']
    >>> split_ids("")
    []
    """
    return [part for part in (cell or "").split(";") if part]

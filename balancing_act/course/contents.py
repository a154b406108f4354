"""The course's table of contents: which lessons there are, and in what order.

``lessons/_toc.yml`` lists them; everything that walks through the lessons (the reader's site,
the handouts, the benchmarks, the tests, the start notebook's map of the course) asks
:func:`lesson_names` or :func:`lesson_notebooks` instead of listing the folder, so adding a
lesson is one line in one file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .paths import course_root

TOC_FILE = Path("lessons") / "_toc.yml"
#: A lesson's name: its number (two digits, and a letter for a lesson placed after the one of that
#: number, as the prologue ``01a`` follows lesson 1), a dash and a slug, as in
#: ``03-oil-pipelines-leverage`` or ``01a-prologue-1988-1993``.
LESSON_NAME = re.compile(r"^(\d\d[a-z]?)-[a-z0-9]+(?:-[a-z0-9]+)*$")


def lesson_number(name: str) -> str:
    """The number part of a lesson's name (``"03"``, ``"01a"``), which its check keys
    (``l01a-...``), cell ids (``lesson01a-00``) and check module (``lesson01a``) carry.

    >>> lesson_number("01a-prologue-1988-1993")
    '01a'
    """
    match = LESSON_NAME.match(name)
    if not match:
        raise ValueError(f"{name!r} is not a lesson name such as 03-oil-pipelines-leverage")
    return match.group(1)


class TableOfContentsError(ValueError):
    """``lessons/_toc.yml`` is missing, malformed or names a lesson wrongly."""


def lesson_names(course: Path | None = None) -> list[str]:
    """The lessons' names (``00-start-here``...), in teaching order, from ``lessons/_toc.yml``."""
    path = (course or course_root()) / TOC_FILE
    try:
        toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TableOfContentsError(f"{path} is missing: it lists the course's lessons") from None
    except yaml.YAMLError as error:
        raise TableOfContentsError(f"{path} is not valid YAML: {error}") from None
    names = toc.get("lessons") if isinstance(toc, dict) else None
    if not isinstance(names, list) or not names:
        raise TableOfContentsError(f"{path}: needs a 'lessons:' list with one name per line")
    for row, name in enumerate(names, start=1):
        if not isinstance(name, str) or not LESSON_NAME.match(name):
            raise TableOfContentsError(
                f"{path}: lesson {row} is {name!r}, not a name such as 03-oil-pipelines-leverage"
            )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise TableOfContentsError(f"{path}: listed twice: {', '.join(repeated)}")
    return names


def lesson_notebooks(course: Path | None = None) -> list[Path]:
    """Each lesson's notebook, ``lessons/<name>.ipynb``, in teaching order."""
    folder = (course or course_root()) / "lessons"
    return [folder / f"{name}.ipynb" for name in lesson_names(course)]


def lesson_sources(course: Path | None = None) -> list[Path]:
    """Each lesson's MyST Markdown source, ``lessons/<name>.md``, in teaching order."""
    folder = (course or course_root()) / "lessons"
    return [folder / f"{name}.md" for name in lesson_names(course)]

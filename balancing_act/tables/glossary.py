"""The course's glossary (``glossary.md`` at the root): each entry's anchor, and the check that
every lesson links the glossary and that every link's anchor exists.

An entry starts with an HTML anchor, ``<a id="cis"></a>**CIS** — ...``, which GitHub,
JupyterLab and the reader's site all honour; a lesson links the first use of a term with a
relative link, ``[CIS](../glossary.md#cis)``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..course.paths import course_root

GLOSSARY_FILE = "glossary.md"
ANCHOR = re.compile(r'<a id="([a-z0-9][a-z0-9-]*)"></a>')
#: A relative link from a lesson (``lessons/``) to the glossary, with its anchor if any.
LESSON_LINK = re.compile(r"\]\(\.\./glossary\.md(?:#(?P<anchor>[^)\s]*))?\)")


def glossary_path(root: Path | None = None) -> Path:
    return (root or course_root()) / GLOSSARY_FILE


def anchors(text: str) -> list[str]:
    """The glossary's anchors, in the order they appear."""
    return ANCHOR.findall(text)


def glossary_problems(text: str, lessons: list[Path]) -> list[str]:
    """A lesson that never links the glossary, a link to an anchor the glossary lacks, and an
    anchor written twice."""
    found = anchors(text)
    problems = [
        f"{GLOSSARY_FILE}: the anchor '{anchor}' is written {count} times"
        for anchor, count in Counter(found).items()
        if count > 1
    ]
    for path in lessons:
        links = list(LESSON_LINK.finditer(path.read_text(encoding="utf-8")))
        if not links:
            problems.append(f"lessons/{path.name}: no link to the glossary ({GLOSSARY_FILE})")
        for link in links:
            anchor = link["anchor"]
            if anchor and anchor not in found:
                problems.append(
                    f"lessons/{path.name}: links {GLOSSARY_FILE}#{anchor}, no such entry"
                )
    return problems

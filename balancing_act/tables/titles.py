"""A source's title as a reader meets it: the page's own title, or an honest stand-in.

Every place that shows a source (an event's card, the site's event and source pages, a lesson's
"Sources for this lesson") prints the ``title`` cell as it is, so the rule lives in the data:
where the page that was read showed no title, the cell holds the course's description of the
page followed by :data:`NOT_RECORDED`, and never a bracketed placeholder such as
``[title not shown]`` that reads like an error. See ``title`` under ``sources.csv`` in the
codebook.
"""

from __future__ import annotations

from .bibliography import Break

#: Ends a title that is the course's description of a page whose own title was not seen.
NOT_RECORDED = "(title not recorded)"

#: Placeholders a reader must never see, in any letter case.
PLACEHOLDERS = ("[title not shown]", "[no title]", "[untitled]", "title not shown")


def title_is_recorded(title: str) -> bool:
    """Whether ``title`` is the page's own title (not the course's description of the page).

    >>> title_is_recorded("Kremlin regrets closure"), title_is_recorded("X (title not recorded)")
    (True, False)
    """
    return not title.rstrip().endswith(NOT_RECORDED)


def title_problem(title: str) -> str | None:
    """What is wrong with a source's title as a reader would meet it, or None."""
    text = (title or "").strip()
    lowered = text.lower()
    if not text:
        return "a source needs a title: the page's own, or a description ending " + NOT_RECORDED
    for placeholder in PLACEHOLDERS:
        if placeholder in lowered:
            return (
                f"'{placeholder}' is a placeholder, not a title: give the page's own title, or "
                f"the course's description of the page followed by '{NOT_RECORDED}'"
            )
    if NOT_RECORDED in text and not text.endswith(NOT_RECORDED):
        return f"'{NOT_RECORDED}' closes the description it marks: put it at the end"
    if text == NOT_RECORDED:
        return f"'{NOT_RECORDED}' needs the course's description of the page before it"
    return None


def title_breaks(rows: list[dict[str, str]], file: str = "data/sources.csv") -> list[Break]:
    """Each source row whose title a reader should not see as it stands (empty when none)."""
    breaks = []
    for row_number, row in enumerate(rows, start=2):
        problem = title_problem(row.get("title") or "")
        if problem:
            breaks.append(Break(file, row_number, "title", f"'{row.get('id')}': {problem}"))
    return breaks

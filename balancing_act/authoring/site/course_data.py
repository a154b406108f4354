"""The course's tables as the site's pages and panels use them, and how the site names an
event's page and words its date.

Loaded once per build and once per lesson's worker (the panels of a lesson need the events and
claims too); the actors' names come from the codebook, their one home.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...course.paths import data_dir
from ...tables.load import load_claims, load_events, load_sources

#: The folder of the site that holds one page per event.
EVENTS_FOLDER = "events"


@dataclass
class CourseData:
    """The tables the site's own pages and panels are made from."""

    events: object
    sources: object
    claims: object
    actors: dict[str, str]  # actor code -> name, from the codebook

    @classmethod
    def load(cls) -> CourseData:
        return cls(load_events(), load_sources(), load_claims(), actor_names())

    def event_href(self, event_id: str, root: str = "") -> str:
        return f"{root}{EVENTS_FOLDER}/{event_id}.html"


def actor_names(codebook: Path | None = None) -> dict[str, str]:
    """The actors' names from the codebook's table of actor codes (data/README.md, beside the
    tables the site reads)."""
    text = (codebook or data_dir() / "README.md").read_text(encoding="utf-8")
    section = text.split("### Actors (`events.actors`)", 1)[1].split("\n### ", 1)[0]
    return dict(re.findall(r"\|\s*`([A-Za-z]+)`\s*\|\s*([^|`]+?)\s*(?=\|)", section))


def date_words(date, precision: str) -> str:
    """An event's date as precisely as the data knows it, and saying so when it knows less."""
    if precision == "year":
        return f"{date.year} (the month and day are not known)"
    if precision == "month":
        return f"{date:%B %Y} (the day is not known)"
    return f"{date.day} {date:%B %Y}"

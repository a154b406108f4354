"""How a chart marks an event, the same on every chart that draws events.

A student asked for an event's id, or for how it moved Baku, reads both where the pointer rests:
each event's tooltip gives its id, its title, its date, its alignment in the course's words and
the partner coding's steps ("closer to Russia, further from the West"). A thin event line is hard
to reach over the period band behind it (a dashed 1 px rule is hit almost nowhere, and the band
answers instead), so a wide, all but invisible copy of each line is drawn on top to carry the
tooltip. Where a lesson splits the events at the brief's publication, the chart draws that day
as a labelled rule.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..analysis.claims import BRIEF_PUBLISHED
from ..course.vocabulary import ALIGNMENT_WORDS, DARK_GREY, PARTNER_COLUMNS, PARTNER_NAMES
from .axes import year_x

#: The tooltip's title of an event's id: the words a lesson's task points the student to.
ID_TITLE = "Event id"
#: The tooltip's title of an event's alignment in words.
MOVED_TITLE = "Moved Baku"
#: The tooltip's title of the partner coding's steps in words.
PARTNERS_TITLE = "Partner steps"
#: What an event with no partner step shows there.
NO_PARTNER_STEP = "none coded"
#: Width, in pixels, of the pointer's target along an event line.
HIT_WIDTH = 10
#: The day the brief was published, as the charts write it.
BRIEF_DAY = f"{BRIEF_PUBLISHED.day} {BRIEF_PUBLISHED:%B %Y}"
#: The label of the rule at the brief's publication.
BRIEF_LABEL = f"brief published, {BRIEF_DAY}"
#: The name of the brief's rule layer, so a test and a reader of the spec can find it.
BRIEF_VIEW = "brief_published"


def partner_steps(events: pd.DataFrame) -> pd.Series:
    """Each event's partner coding in words, "closer to Russia, further from the West", in the
    codebook's order of partners; ``NO_PARTNER_STEP`` where no partner column is filled."""
    parts = []
    for code, column in PARTNER_COLUMNS.items():
        if column not in events:
            continue
        values = pd.to_numeric(events[column], errors="coerce").to_numpy()
        name = PARTNER_NAMES[code]
        parts.append(
            np.where(
                values > 0, f"closer to {name}", np.where(values < 0, f"further from {name}", "")
            )
        )
    joined = (
        [
            ", ".join(step for step in steps if step) or NO_PARTNER_STEP
            for steps in zip(*parts, strict=True)
        ]
        if parts
        else [NO_PARTNER_STEP] * len(events)
    )
    return pd.Series(joined, index=events.index, dtype=object)


def with_event_words(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` with the columns an event's tooltip reads: ``moved_baku`` (the alignment in
    words) and ``partner_steps``."""
    shown = events.copy()
    shown["moved_baku"] = shown["alignment"].astype(str).map(ALIGNMENT_WORDS)
    shown["partner_steps"] = partner_steps(events)
    return shown


def event_tooltip(*more: alt.Tooltip, date_format: str = "%d %b %Y") -> list[alt.Tooltip]:
    """An event's tooltip: its date, title, how it moved Baku, its partner steps and its id, then
    ``more``. "Event" comes just before "Moved Baku", as a screen reader hears the point."""
    return [
        alt.Tooltip("date:T", title="Date", format=date_format),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("moved_baku:N", title=MOVED_TITLE),
        alt.Tooltip("partner_steps:N", title=PARTNERS_TITLE),
        alt.Tooltip("id:N", title=ID_TITLE),
        *more,
    ]


def event_hit_rules(events: pd.DataFrame, first: int, last: int, tooltip: list) -> alt.Chart:
    """A wide, all but transparent rule on each event, drawn above everything else, so the
    pointer anywhere near an event line reads the event's tooltip rather than the band's."""
    return (
        alt.Chart(events, name="event_targets")
        .mark_rule(strokeWidth=HIT_WIDTH, strokeOpacity=0.01, color=DARK_GREY)
        .encode(x=year_x("date", first, last), tooltip=tooltip)
    )


def brief_inside(first: int, last: int) -> bool:
    """Whether the brief's publication lies in the years ``first`` to ``last``."""
    return first <= BRIEF_PUBLISHED.year <= last


def brief_rule(first: int, last: int) -> alt.LayerChart:
    """A solid rule at the brief's publication, labelled "brief published, 14 March 2019" at the
    top of the plot, with the same words as its tooltip."""
    day = alt.InlineData(
        values=[{"date": BRIEF_PUBLISHED.strftime("%Y-%m-%d"), "label": BRIEF_LABEL}]
    )
    at = {
        "x": year_x("date", first, last),
        "tooltip": [alt.Tooltip("label:N", title="Marked")],
    }
    # The label reads away from the nearer edge of the plot, so it never runs past it.
    share = (BRIEF_PUBLISHED - pd.Timestamp(first, 1, 1)) / (
        pd.Timestamp(last + 1, 1, 1) - pd.Timestamp(first, 1, 1)
    )
    side = {"align": "right", "dx": -4} if share > 0.5 else {"align": "left", "dx": 4}
    rule = alt.Chart(day, name=BRIEF_VIEW).mark_rule(color=DARK_GREY, strokeWidth=1.5).encode(**at)
    label = (
        alt.Chart(day, name=f"{BRIEF_VIEW}_label")
        # The size of the axes' labels: the site's phone drawing scales a timeline by about 0.95,
        # and 11 px would then fall under the 11 px the site holds as the smallest legible text.
        .mark_text(baseline="top", y=2, fontSize=12, color=DARK_GREY, **side)
        .encode(text=alt.Text("label:N"), **at)
    )
    return alt.layer(rule, label)

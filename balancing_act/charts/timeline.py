"""The timeline of events: filtering, the chart, and an event's card with its sources."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..course.errors import EmptySelection
from ..course.vocabulary import (
    ALIGNMENT_TITLE,
    ALIGNMENT_WORDS,
    CATEGORIES,
    CATEGORY_WORDS,
    PARTNER_COLUMNS,
)
from ..tables.codebook import actor_names
from .accessibility import describe, described, in_words
from .axes import (
    PERIOD_LINES,
    alignment_colour,
    period_bands,
    period_words,
    shown_alignments,
    year_x,
)
from .event_marks import BRIEF_DAY, brief_inside, brief_rule, event_tooltip, with_event_words
from .theme import TIME_WIDTH

#: Name of the click selection on the timeline; the widget listens to it.
PICKED = "picked"
#: Name of the timeline's layer of events, which the selection ``picked`` belongs to. Named, so
#: Altair does not name it by hashing the text of its whole table on each build.
EVENTS_VIEW = "events"


def timeline_chart(
    events: pd.DataFrame, title: str | None = None, years: tuple[int, int] | None = None
) -> alt.LayerChart:
    """Events as points by date and category, coloured by how they moved Baku, over the periods.

    Clicking a point selects it (selection name ``picked``), which the timeline widget reads.
    """
    if events.empty:
        raise EmptySelection(
            "No events match these filters. Widen the years or pick more categories."
        )
    first = int(events["year"].min()) if years is None else years[0]
    last = int(events["year"].max()) if years is None else years[1]
    shown = events[
        [
            "id",
            "date",
            "date_precision",
            "title",
            "category",
            "alignment",
            "actors",
            "sources",
            "claims",
        ]
        + [column for column in PARTNER_COLUMNS.values() if column in events]
    ].astype({"category": str, "alignment": str, "date_precision": str})
    shown = with_event_words(shown).drop(columns=list(PARTNER_COLUMNS.values()), errors="ignore")
    shown["category_words"] = shown["category"].map(lambda code: CATEGORY_WORDS.get(code, code))
    shown["actor_names"] = shown["actors"].map(actor_names)
    picked = alt.selection_point(name=PICKED, fields=["id"], on="click", empty=False)
    points = (
        alt.Chart(shown, name=EVENTS_VIEW)
        # A transparent stroke widens where the pointer finds a point: a hand 3 px off a small
        # triangle still gets the event's tooltip, not the period band's beneath it.
        .mark_point(filled=True, size=90, opacity=0.85, stroke="transparent", strokeWidth=8)
        .encode(
            x=year_x("date", first, last),
            y=alt.Y(
                "category:N",
                title="Category",
                sort=list(CATEGORIES),
                axis={"labelExpr": in_words(CATEGORY_WORDS)},  # a dict: see charts.axes
            ),
            color=alignment_colour(shown["alignment"]),
            # Shape repeats colour, so the coding reads in greyscale and for every colour vision;
            # the same field and title make one legend of the two.
            shape=alt.Shape(
                "alignment:N",
                title=ALIGNMENT_TITLE,
                scale={"domain": shown_alignments(shown["alignment"])},
                legend={"labelExpr": in_words(ALIGNMENT_WORDS)},
            ),
            # A typed channel around the condition (see period_bands): a picked point grows.
            size=alt.SizeValue(**alt.condition(picked, alt.value(260), alt.value(90))),
            tooltip=event_tooltip(
                alt.Tooltip("date_precision:N", title="Date known to the"),
                alt.Tooltip("category_words:N", title="Category"),
                alt.Tooltip("actor_names:N", title="Actors"),
                alt.Tooltip("sources:N", title="Sources (ids)"),
                alt.Tooltip("claims:N", title="Claims"),
            ),
        )
        .add_params(picked)
    )
    counts = shown["alignment"].value_counts()
    summary = ", ".join(f"{counts.get(a, 0)} {words}" for a, words in ALIGNMENT_WORDS.items())
    brief = brief_inside(first, last)
    return alt.layer(
        period_bands(first, last),
        *([brief_rule(first, last)] if brief else []),
        points,
        height=260,
        width=TIME_WIDTH,
        **described(
            title or f"Events {first}–{last}",
            f"Timeline of {len(shown)} events from {first} to {last}, one row per category, each "
            f"point coloured and shaped by how it moved Baku ({summary}), over the course's period "
            "bands"
            + (f"; a vertical line marks the brief's publication, {BRIEF_DAY}." if brief else "."),
            subtitle="Hover for details; click a point to read its sources.",
        ),
    )


def count_chart(events: pd.DataFrame, by: str = "category") -> alt.Chart:
    """Stacked horizontal bars: how many events each period has, split by ``category`` or
    ``alignment``, one bar per period labelled in words."""
    if by not in {"category", "alignment"}:
        raise ValueError("count_chart splits by 'category' or 'alignment'")
    if events.empty:
        raise EmptySelection("No events to count.")
    counts = events.groupby(["period", by], observed=True).size().rename("events").reset_index()
    counts = counts.astype({"period": str, by: str})
    labels = period_words()
    counts["period_label"] = counts["period"].map(labels)
    words = ALIGNMENT_WORDS if by == "alignment" else CATEGORY_WORDS
    counts["split_words"] = counts[by].map(lambda code: words.get(code, code.replace("_", " ")))
    # Stacked in the legend's order.
    counts["stack_order"] = counts[by].map(list(events[by].cat.categories).index)
    colour = (
        alignment_colour(counts["alignment"])
        if by == "alignment"
        else alt.Color(
            "category:N",
            title="Category",
            sort=list(CATEGORIES),
            legend=alt.Legend(labelExpr=in_words(CATEGORY_WORDS)),
        )
    )
    order = [labels[p] for p in events["period"].cat.categories if p in set(counts["period"])]
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            # Each period's code above its label (the lessons name periods by their codes).
            y=alt.Y("period_label:N", title="Period", sort=order, axis={"labelExpr": PERIOD_LINES}),
            x=alt.X("events:Q", title="Number of events"),
            color=colour,
            order=alt.Order("stack_order:Q"),
            tooltip=[
                alt.Tooltip("period_label:N", title="Period"),
                alt.Tooltip("split_words:N", title=by.title()),
                alt.Tooltip("events:Q", title="Events"),
            ],
        )
        .properties(width=480, height=alt.Step(36))
    )
    per_period = counts.groupby("period_label", sort=False)["events"].sum().reindex(order)
    return describe(
        chart,
        f"Events per period, by {by}",
        "Stacked bars counting events in each period ("
        + ", ".join(f"{p}: {n}" for p, n in per_period.items())
        + f"), split by {by}.",
    )

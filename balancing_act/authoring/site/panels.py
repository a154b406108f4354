"""What the site shows for a widget, and the links it adds to event cards.

A widget cannot move on a static page, so the site says in a sentence what it lets a student do
in JupyterLab and what it shows here. Those words are the widget's own
(:meth:`balancing_act.widgets.explorer.ChartExplorer.in_words`, captured by
:mod:`.kernel_setup`), so a widget renamed or added needs nothing here. What a page can add is
the course's data behind the widget: a claim explorer gets its claim, what would bear it out and
what would not, and its events; a timeline lists its events; each event links to its page.
"""

from __future__ import annotations

import re
from html import escape

from ...analysis.claims import BRIEF_PUBLISHED, both_ways, claim_evidence
from ...analysis.events import filter_events
from ...course.vocabulary import ALIGNMENT_EXPLAINED
from .course_data import CourseData, date_words
from .drawings import chart_figure


def words(code: str) -> str:
    """A code of the data as words (``energy_deal`` as "energy deal")."""
    return str(code).replace("_", " ")


def widget_note(widget: dict) -> str:
    """A plain sentence: what the widget lets a student do in JupyterLab, and what it shows here
    (the widget's own words)."""
    return (
        '<p class="ba-widget-note"><strong>Interactive in JupyterLab:</strong> this widget lets '
        f"you {escape(widget['purpose'])}. Shown here: {escape(widget['shown'])}.</p>"
    )


def widget_html(widget: dict, data: CourseData) -> str:
    """A captured widget (:func:`.kernel_setup._capture_widget`) as the site shows it: its note,
    its chart as it was first drawn (or its message), and the panel its kind calls for."""
    values = widget["values"]
    body = chart_figure(widget["chart"]) if widget["chart"] else (widget["message"] or "")
    if widget["kind"] == "claim":
        body += claim_panel(values["claim_id"], data)
    elif widget["kind"] == "timeline":
        body += timeline_listing(filter_events(data.events, **values), data)
    return widget_note(widget) + body


def timeline_listing(events, data: CourseData) -> str:
    """The events a timeline shows, in order of date, each linked to its page (folded away)."""
    items = "".join(_event_item(row, data) for row in events.sort_values("date").itertuples())
    return (
        f'<details class="ba-listing"><summary>The {len(events)} events on this timeline, '
        f"each with its page</summary><ul>{items}</ul></details>"
    )


def _event_item(event, data: CourseData, root: str = "") -> str:
    return (
        f'<li><a href="{data.event_href(event.id, root)}">{escape(event.title)}</a>'
        f" — {escape(date_words(event.date, str(event.date_precision)))}; "
        f"{escape(words(event.category))}; moved Baku "
        f"<strong>{escape(ALIGNMENT_EXPLAINED[str(event.alignment)])}</strong></li>"
    )


def claim_panel(claim_id: str, data: CourseData) -> str:
    """A claim of the brief, what would bear it out and what would not, and its linked events
    (those the brief could see, then those after it), each linked to its event's page."""
    claim = data.claims.set_index("id").loc[claim_id]
    for_it, against = both_ways(claim["test"])
    evidence = claim_evidence(claim_id, data.events, data.claims).sort_values("date")
    seen, after = evidence[evidence["seen_by_brief"]], evidence[~evidence["seen_by_brief"]]
    published = f"{BRIEF_PUBLISHED.day} {BRIEF_PUBLISHED:%B %Y}"

    def listing(rows) -> str:
        items = "".join(_event_item(row, data) for row in rows.itertuples())
        return f"<ul>{items}</ul>" if items else "<p>None.</p>"

    return (
        f'<section class="ba-claim" aria-label="Claim {escape(claim_id)}">'
        f"<p><strong>Claim {escape(claim_id)}</strong> ({escape(claim['kind'])}, from the "
        f"brief's bullet {claim['bullet']}): {escape(claim['claim'])}</p>"
        f"<ul><li><strong>For:</strong> {escape(for_it)}</li>"
        f"<li><strong>Against:</strong> {escape(against)}</li></ul>"
        f"<h3>{len(seen)} linked events the brief could see (to {published})</h3>{listing(seen)}"
        f"<h3>{len(after)} linked events after it</h3>{listing(after)}</section>"
    )


# The card's own div may carry classes (tex2jax_ignore, for JupyterLab's MathJax).
_CARD = re.compile(r"<div(?: class=\"[^\"]*\")?><h4>(?P<title>[^<]+)</h4>")


def link_event_cards(html: str, titles: dict[str, str], data: CourseData) -> str:
    """Mark each event card (balancing_act.widgets.cards.event_card) and link its title to its
    page; ``titles`` maps each event's escaped title to its id."""

    def linked(match: re.Match) -> str:
        event_id = titles.get(match.group("title"))
        if event_id is None:
            return match.group(0)
        return (
            f'<div class="ba-event-card"><h4><a href="{data.event_href(event_id)}">'
            f"{match.group('title')}</a></h4>"
        )

    return _CARD.sub(linked, html)

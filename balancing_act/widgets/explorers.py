"""The course's widgets: each one a :class:`ChartExplorer` over a pure, tested chart builder."""

from __future__ import annotations

from functools import partial
from html import escape

import ipywidgets as widgets

from ..analysis.balance_index import EQUAL_WEIGHTS
from ..analysis.claims import both_ways, claim_evidence
from ..analysis.events import filter_events
from ..analysis.measures import MEASURES
from ..analysis.partners import PARTNERS
from ..charts.balance import balance_chart
from ..charts.comparison import comparison_chart
from ..charts.event_marks import BRIEF_DAY
from ..charts.memberships import membership_chart
from ..charts.partners import partner_chart
from ..charts.series import oil_policy_chart
from ..charts.timeline import PICKED, timeline_chart
from ..course.errors import EmptySelection
from ..course.vocabulary import (
    ACTOR_CODES,
    ACTOR_NAMES,
    CATEGORIES,
    CATEGORY_WORDS,
    COUNTRY_NAMES,
    COURSE_YEARS,
    FIRST_YEAR,
    LAST_YEAR,
    SERIES_TITLES,
    STATE_YEARS,
)
from ..tables.load import load_claims, load_events, load_memberships, load_series, load_sources
from . import words
from .cards import NO_WRAP, event_card
from .cards import card as as_card
from .explorer import ChartExplorer

_WIDE = {"width": "30em"}
_LABEL = {"description_width": "initial"}


def year_range_slider(value, first=FIRST_YEAR, last=LAST_YEAR) -> widgets.IntRangeSlider:
    """The Years control every explorer uses (one look, redrawn only when released)."""
    return widgets.IntRangeSlider(
        value=value, min=first, max=last, description="Years", continuous_update=False, layout=_WIDE
    )


def _event_options(chosen) -> list[tuple[str, str | None]]:
    """The "Read event" list: a prompt, then each event as "id · title", in date order, the id
    (which starts with the event's year) being what a lesson's task asks for (made by column, not
    row by row: the list is remade on every move of the timeline)."""
    labels = chosen["id"] + " · " + chosen["title"]
    return [("(choose an event)", None), *zip(labels, chosen["id"], strict=True)]


def timeline_explorer(years=COURSE_YEARS, categories=None, actors=(), text=""):
    """Filter the events by years, categories, actors and words; pick one to read its sources."""
    events, sources, claims = load_events(), load_sources(), load_claims()
    controls = {
        "years": year_range_slider(years),
        "categories": widgets.SelectMultiple(
            options=[(CATEGORY_WORDS.get(code, code), code) for code in CATEGORIES],
            value=list(categories or CATEGORIES),
            description="Categories",
            rows=8,
        ),
        "actors": widgets.SelectMultiple(
            options=sorted(((ACTOR_NAMES[code], code) for code in ACTOR_CODES), key=str),
            value=list(actors),
            description="Any of",
            rows=8,
        ),
        "text": widgets.Text(value=text, description="Search", placeholder="e.g. export"),
    }
    picker = widgets.Dropdown(description="Read event", style=_LABEL, layout={"width": "48em"})
    card = widgets.HTML(
        "<p><em>Click a point on the chart, or choose an event above, to read it.</em></p>"
    )

    def list_events(years, categories, actors, text):
        picker.options = _event_options(filter_events(events, years, categories, actors, text))

    def build(years, categories, actors, text):
        if not categories:
            raise EmptySelection("Pick at least one category to see events.")
        return timeline_chart(filter_events(events, years, categories, actors, text), years=years)

    def show(event_id):
        if event_id:
            card.value = event_card(event_id, events, sources, claims)

    picker.observe(lambda change: show(change.new), names="value")
    explorer = ChartExplorer(
        controls,
        build,
        extra=widgets.VBox([picker, card]),
        kind="timeline",
        words=words.timeline_words,
        follow=list_events,
    )
    explorer.on_select(PICKED, lambda rows: rows and setattr(picker, "value", rows[0]["id"]))
    explorer.picker, explorer.card = picker, card
    return explorer


def balance_explorer(weights=None):
    """Sliders for the weight of each category; the balance index redraws as they move."""
    events = load_events()
    start = dict(EQUAL_WEIGHTS if weights is None else weights)
    controls = {
        category: widgets.FloatSlider(
            value=start.get(category, 0.0),
            min=0.0,
            max=3.0,
            step=0.5,
            description=category.replace("_", " "),
            continuous_update=False,
            style=_LABEL,
        )
        for category in CATEGORIES
    }
    return ChartExplorer(
        controls, lambda **w: balance_chart(events, w), kind="balance", words=words.balance_words
    )


def membership_explorer(year=2008):
    """A year slider over who belonged to what."""
    memberships = load_memberships()
    controls = {
        "year": widgets.IntSlider(
            value=year,
            min=FIRST_YEAR,
            max=LAST_YEAR,
            description="Year",
            continuous_update=False,
            layout=_WIDE,
        )
    }
    return ChartExplorer(
        controls,
        partial(membership_chart, memberships),
        kind="memberships",
        words=words.membership_words,
    )


def oil_policy_explorer(names=("brent_usd_per_bbl",), years=(1991, 2024), categories=("energy",)):
    """Series chosen by the student over a year range, with events of chosen categories marked."""
    series, events = load_series(), load_events()
    available = [name for name in SERIES_TITLES if name in set(series["series"])]
    first, last = int(series["first_year"].min()), int(series["last_year"].max())
    controls = {
        "names": widgets.SelectMultiple(
            options=[(SERIES_TITLES[n], n) for n in available],
            value=[n for n in names if n in available],
            description="Series",
            rows=len(available),
            layout={"width": "34em"},
        ),
        "years": year_range_slider(
            (max(first, years[0]), min(last, years[1])), max(first, FIRST_YEAR), last
        ),
        "categories": widgets.SelectMultiple(
            options=[(CATEGORY_WORDS.get(code, code), code) for code in CATEGORIES],
            value=list(categories),
            description="Events",
            rows=4,
        ),
    }
    return ChartExplorer(
        controls,
        partial(oil_policy_chart, series, events),
        kind="series",
        words=words.series_words,
    )


def claim_explorer(claim_id="C1"):
    """Pick a claim: its linked events on the timeline, what would bear it out, what would not."""
    events, sources, claims = load_events(), load_sources(), load_claims()
    text = widgets.HTML()
    controls = {
        "claim_id": widgets.Dropdown(
            # The whole claim: the list opens as wide as its longest line.
            options=[(f"{row.id}: {row.claim}", row.id) for row in claims.itertuples()],
            value=claim_id,
            description="Claim",
            layout={"width": "60em"},
        )
    }

    picker = widgets.Dropdown(description="Read event", style=_LABEL, layout={"width": "48em"})
    card = widgets.HTML()
    by_id = claims.set_index("id")

    def show_claim(claim_id):
        claim = by_id.loc[claim_id]
        evidence = claim_evidence(claim_id, events, claims)
        for_it, against = both_ways(claim["test"])
        before, after = (
            int(evidence["seen_by_brief"].sum()),
            int((~evidence["seen_by_brief"]).sum()),
        )
        text.value = as_card(
            f"<p><strong>{escape(claim_id)} ({escape(str(claim['kind']))}, bullet {claim['bullet']}):</strong> "
            f"{escape(claim['claim'])}</p><ul><li><strong>For:</strong> {escape(for_it)}</li>"
            f"<li><strong>Against:</strong> {escape(against)}</li></ul>"
            f"<p>{before} linked events the brief could see (to "
            f'<span style="{NO_WRAP}">{BRIEF_DAY}</span>), {after} after it: the solid line '
            "on the chart marks the day.</p>"
        )
        picker.options = _event_options(evidence)

    def build(claim_id):
        evidence = claim_evidence(claim_id, events, claims)
        return timeline_chart(evidence, title=f"Evidence linked to {claim_id}", years=STATE_YEARS)

    explorer = ChartExplorer(
        controls,
        build,
        extra=widgets.VBox([text, picker, card]),
        kind="claim",
        words=words.claim_words,
        follow=show_claim,
    )
    picker.observe(
        lambda change: (
            change.new and setattr(card, "value", event_card(change.new, events, sources, claims))
        ),
        names="value",
    )
    explorer.on_select(PICKED, lambda rows: rows and setattr(picker, "value", rows[0]["id"]))
    explorer.text, explorer.picker, explorer.card = text, picker, card
    return explorer


def comparison_explorer(key="distance_to_rus", a="AZE", b="ARM", years=(1991, 2024)):
    """Pick a measure, two countries and the years: the two lines redraw as the controls move."""
    countries = [(f"{name} ({code})", code) for code, name in sorted(COUNTRY_NAMES.items())]
    controls = {
        "key": widgets.Dropdown(
            options=[(m.title, k) for k, m in MEASURES.items()],
            value=key,
            description="Measure",
            layout={"width": "40em"},
        ),
        "a": widgets.Dropdown(options=countries, value=a, description="Country"),
        "b": widgets.Dropdown(options=countries, value=b, description="against"),
        "years": year_range_slider(years, 1991, 2024),
    }
    return ChartExplorer(
        controls, comparison_chart, kind="comparison", words=words.comparison_words
    )


def partner_explorer(partners=None, by="row", weighted=True, years=STATE_YEARS):
    """Pick partners, count by row or by episode, weighted or not, over chosen years: one running
    total per partner redraws as the controls move."""
    events = load_events()
    controls = {
        "partners": widgets.SelectMultiple(
            options=[(p.name, p.code) for p in PARTNERS],
            value=[p.code for p in PARTNERS] if partners is None else list(partners),
            description="Partners",
            rows=len(PARTNERS),
        ),
        "by": widgets.ToggleButtons(
            options=[("each event", "row"), ("each episode once", "episode")],
            value=by,
            description="Count",
        ),
        "weighted": widgets.Checkbox(value=weighted, description="Weight 1 to 3", indent=False),
        "years": year_range_slider(years),
    }

    def build(partners, by, weighted, years):
        if not partners:
            raise EmptySelection("Pick at least one partner to see its line.")
        return partner_chart(events, list(partners), by=by, weighted=weighted, years=years)

    return ChartExplorer(controls, build, kind="partners", words=words.partner_words)

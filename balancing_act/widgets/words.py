"""Each explorer's purpose and present state in plain words.

A reader of the static site has no kernel to move a control, so the site says, for each widget,
what it lets a student do in JupyterLab and what it is showing now. The widget answers that
itself (:meth:`ChartExplorer.in_words`) from its own controls, so renaming a control or adding
a widget changes these sentences here, beside the widgets, and nothing in the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from ..course.vocabulary import CATEGORY_WORDS

Controls = Mapping[str, widgets.ValueWidget]


def _words(code: str) -> str:
    return CATEGORY_WORDS.get(str(code), str(code).replace("_", " "))


def listed(items: Iterable) -> str:
    """ "a", "a and b", "a, b and c".

    >>> listed(["energy", "security", "economy"])
    'energy, security and economy'
    """
    items = [str(item) for item in items]
    if not items:
        return "nothing"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def timeline_words(controls: Controls) -> tuple[str, str]:
    first, last = controls["years"].value
    chosen = controls["categories"]
    picked = list(chosen.value)
    categories = (
        "every category"
        if len(picked) == len(chosen.options)
        else "the " + listed(_words(c) for c in picked) + " categories"
        if len(picked) > 1
        else "the " + _words(picked[0]) + " category"
        if picked
        else "no category"
    )
    actors = controls["actors"].value
    text = controls["text"].value
    return (
        "narrow the events down by years, category, actor and a word in their title or summary, "
        "and click a point to read an event and its sources",
        f"the events from {first} to {last} in {categories}, "
        + (f"involving any of {listed(actors)}" if actors else "whoever the actors")
        + (f', whose title or summary contains "{text}"' if text else ", with no search word"),
    )


def series_words(controls: Controls) -> tuple[str, str]:
    first, last = controls["years"].value
    events = controls["categories"].value
    return (
        "choose which of the course's series to plot, over which years, and which kinds of "
        "event to mark on it as vertical lines",
        f"{listed(controls['names'].label)} from {first} to {last}, "
        + (
            f"with {listed(_words(c) for c in events)} events marked"
            if events
            else "with no events marked"
        ),
    )


def membership_words(controls: Controls) -> tuple[str, str]:
    return (
        "move a year slider and see which organisations Azerbaijan, Armenia and Georgia "
        "belonged to at the end of that year",
        f"the memberships at the end of {controls['year'].value}",
    )


def balance_words(controls: Controls) -> tuple[str, str]:
    weights = {name: control.value for name, control in controls.items()}
    if len(set(weights.values())) == 1:
        weight = f"{next(iter(weights.values())):g}"
        shown = f"every category of event counting the same (weight {weight})"
    else:
        shown = "these weights: " + ", ".join(f"{_words(k)} {v:g}" for k, v in weights.items())
    return (
        "set how much each category of event counts, from 0 to 3, and watch the balance index "
        "redraw",
        shown,
    )


def claim_words(controls: Controls) -> tuple[str, str]:
    claim = controls["claim_id"]
    return (
        f"pick any of the brief's {len(claim.options)} claims and see the events linked to it on "
        "the timeline; click a point to read an event",
        f"claim {claim.value}, with its tests and linked events listed below the chart",
    )


def comparison_words(controls: Controls) -> tuple[str, str]:
    first, last = controls["years"].value
    return (
        "pick one of the outside measures (UN votes and ideal points, arms suppliers, World Bank "
        "indicators) and two countries, and see both countries' lines over the years",
        f"{controls['key'].label} for {controls['a'].label} against "
        f"{controls['b'].label}, {first} to {last}",
    )


def partner_words(controls: Controls) -> tuple[str, str]:
    first, last = controls["years"].value
    chosen = controls["partners"]
    names = [label for label, code in chosen.options if code in chosen.value]
    partners = (
        "every partner"
        if len(names) == len(chosen.options)
        else listed(names)
        if names
        else "no partner"
    )
    counting = "each episode once" if controls["by"].value == "episode" else "each event"
    weight = "weighted 1 to 3" if controls["weighted"].value else "each counting 1"
    return (
        "pick which of Baku's partners to follow, whether a visit of several rows counts once, "
        "whether turning points count more, and the years, and see each partner's running total",
        f"the running total of Baku's steps toward {partners} from {first} to {last}, "
        f"counting {counting}, {weight}",
    )

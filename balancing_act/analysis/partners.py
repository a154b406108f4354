"""Baku's steps toward each partner apart: the partner coding counted and added up per partner.

Each event's partner columns (``to_russia`` ... ``to_china``) say whether Baku's step brought it
closer (1) to that partner, took it further (-1) or had no bearing (empty); ``weight`` says how
much the step mattered (1 routine, 2 notable, 3 turning point). A step scores its direction,
times its weight when ``weighted``.

**By row or by episode.** One visit or summit can fill several rows. Counted ``by="episode"``,
an episode counts once per partner: its direction is the sign of the sum of its rows'
directions toward that partner (0 when they cancel), its weight the largest weight among its rows
that bear on that partner, and its year the year of its first row.

The single axis of the course's first coding (``alignment``) folds these partners into "Russia"
and "the West"; :func:`axis_beside_partners` sets its verdict beside theirs. Pure pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from ..course.errors import EmptySelection, UnknownPartner
from ..course.periods import STATE_PERIOD_KEYS, assign_periods
from ..course.vocabulary import PARTNER_CODES, PARTNER_COLOURS, PARTNER_COLUMNS, PARTNER_NAMES
from .balance_index import ALIGNMENT_SCORES


class Partner(NamedTuple):
    code: str
    name: str
    column: str
    colour: str


#: The six partners, in the codebook's order.
PARTNERS = tuple(
    Partner(code, PARTNER_NAMES[code], PARTNER_COLUMNS[code], PARTNER_COLOURS[code])
    for code in PARTNER_CODES
)
#: Ways of counting.
COUNTINGS = ("row", "episode")


def chosen_partners(partners: Iterable[str] | None = None) -> list[Partner]:
    """The partners named by code (``"russia"``), in the codebook's order; ``None`` is all six.

    An empty choice is an :class:`EmptySelection`, an unknown code an :class:`UnknownPartner`
    listing the codes.
    """
    if partners is None:
        return list(PARTNERS)
    if isinstance(partners, str):
        partners = [partners]
    wanted = list(partners)
    unknown = [code for code in wanted if code not in PARTNER_COLUMNS]
    if unknown:
        raise UnknownPartner(
            f"{', '.join(map(repr, unknown))} is not a partner of the coding. "
            f"Use any of: {', '.join(PARTNER_CODES)}"
        )
    if not wanted:
        raise EmptySelection("Pick at least one partner.")
    return [p for p in PARTNERS if p.code in wanted]


def _check(events: pd.DataFrame, by: str) -> None:
    if by not in COUNTINGS:
        raise ValueError(f"by is 'row' or 'episode', not {by!r}")
    if events.empty:
        raise EmptySelection("There are no events in this selection: widen the years.")


def _steps(events: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per step and partner it bears on: year, partner, direction, weight, period."""
    parts = []
    for partner in PARTNERS:
        direction = pd.to_numeric(events[partner.column], errors="coerce")
        bearing = events[direction.notna()]
        parts.append(
            pd.DataFrame(
                {
                    "id": bearing["id"].to_numpy(),
                    "episode": bearing["episode"].to_numpy(),
                    "date": bearing["date"].to_numpy(),
                    "partner": partner.code,
                    "direction": direction[direction.notna()].astype(int).to_numpy(),
                    "weight": bearing["weight"].astype(int).to_numpy(),
                }
            )
        )
    steps = pd.concat(parts, ignore_index=True)
    if by == "episode":
        first = events.groupby("episode")["date"].min()
        steps = (
            steps.groupby(["episode", "partner"], sort=False)
            .agg(direction=("direction", "sum"), weight=("weight", "max"))
            .reset_index()
        )
        steps["direction"] = steps["direction"].clip(-1, 1)
        steps["date"] = steps["episode"].map(first)
    steps["date"] = pd.to_datetime(steps["date"])
    steps["year"] = steps["date"].dt.year
    return steps


def partner_scores(events: pd.DataFrame, by: str = "row", weighted: bool = True) -> pd.DataFrame:
    """One row per step (a row, or an episode with ``by="episode"``) and partner it bears on:
    ``year``, ``partner`` (code) and ``score`` (direction, times weight when ``weighted``)."""
    _check(events, by)
    steps = _steps(events, by)
    score = steps["direction"] * (steps["weight"] if weighted else 1)
    return pd.DataFrame(
        {"year": steps["year"].astype(int), "partner": steps["partner"], "score": score.astype(int)}
    )


def partner_index(
    events: pd.DataFrame,
    partners: Iterable[str] | None = None,
    by: str = "row",
    weighted: bool = True,
) -> pd.DataFrame:
    """One row per year (first to last year of ``events``) and partner: ``net`` (that year's
    summed scores) and ``index`` (the running total), with the partner's ``name``.

    >>> from balancing_act.tables.load import load_events
    >>> partner_index(load_events(), ["russia"]).columns.tolist()
    ['year', 'partner', 'name', 'net', 'index']
    """
    chosen = chosen_partners(partners)
    scores = partner_scores(events, by, weighted)
    years = range(int(events["year"].min()), int(events["year"].max()) + 1)
    tables = []
    for partner in chosen:
        mine = scores[scores["partner"] == partner.code]
        net = mine.groupby("year")["score"].sum().reindex(years, fill_value=0)
        tables.append(
            pd.DataFrame(
                {
                    "year": list(years),
                    "partner": partner.code,
                    "name": partner.name,
                    "net": net.to_numpy().astype(int),
                    "index": net.cumsum().to_numpy().astype(int),
                }
            )
        )
    return pd.concat(tables, ignore_index=True)


def partner_counts(events: pd.DataFrame, by: str = "row", per_period: bool = False) -> pd.DataFrame:
    """How many steps brought Baku ``closer`` to each partner and how many took it ``further``
    (by episode, an episode whose rows cancel counts in neither), per period if asked."""
    _check(events, by)
    steps = _steps(events, by)
    keys = ["partner"]
    if per_period:
        steps["period"] = assign_periods(steps["date"]).astype(str)
        keys = ["period", "partner"]
    steps["closer"] = (steps["direction"] > 0).astype(int)
    steps["further"] = (steps["direction"] < 0).astype(int)
    counts = steps.groupby(keys)[["closer", "further"]].sum()
    full = (
        pd.MultiIndex.from_product([STATE_PERIOD_KEYS, PARTNER_CODES], names=keys)
        if per_period
        else pd.Index(PARTNER_CODES, name="partner")
    )
    counts = counts.reindex(full, fill_value=0).reset_index()
    counts["name"] = counts["partner"].map(PARTNER_NAMES)
    return counts[[*keys, "name", "closer", "further"]]


def axis_beside_partners(
    events: pd.DataFrame, by: str = "row", weighted: bool = False
) -> pd.DataFrame:
    """Per period: the single axis's net (``alignment``: +1 toward the West, -1 toward Russia,
    each event once) beside each partner's net (one column per partner code), so the two frames'
    verdicts can be read side by side."""
    _check(events, by)
    axis = (
        events["alignment"]
        .astype(str)
        .map(ALIGNMENT_SCORES)
        .groupby(events["period"].astype(str))
        .sum()
    )
    counts = partner_counts(events, by, per_period=True)
    if weighted:
        scores = _steps(events, by)
        scores["period"] = assign_periods(scores["date"]).astype(str)
        scores["score"] = scores["direction"] * scores["weight"]
        nets = scores.pivot_table("score", "period", "partner", aggfunc="sum", fill_value=0)
    else:
        counts["net"] = counts["closer"] - counts["further"]
        nets = counts.pivot_table("net", "period", "partner", aggfunc="sum", fill_value=0)
    table = nets.reindex(index=list(STATE_PERIOD_KEYS), columns=list(PARTNER_CODES), fill_value=0)
    table.insert(0, "single_axis", axis.reindex(list(STATE_PERIOD_KEYS), fill_value=0).to_numpy())
    table = table.astype({"single_axis": float}).astype(int)
    table.columns.name = None
    return table.rename_axis("period").reset_index()


def partner_steps(events: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Baku's coded steps toward one partner, oldest first: ``date``, ``id``, ``title``,
    ``step`` (``"closer"`` or ``"further"``) and ``weight``; the rows that leave the partner's
    column empty are not steps and are left out.

    >>> from balancing_act.tables.load import load_events
    >>> partner_steps(load_events(), "china").columns.tolist()
    ['date', 'id', 'title', 'step', 'weight']
    """
    (chosen,) = chosen_partners([partner])
    if events.empty:
        raise EmptySelection("There are no events in this selection: widen the years.")
    direction = pd.to_numeric(events[chosen.column], errors="coerce")
    steps = events[direction.notna()].assign(
        step=direction[direction.notna()].map({1: "closer", -1: "further"})
    )
    steps = steps.sort_values(["date", "id"], kind="stable")
    table = steps[["date", "id", "title", "step", "weight"]].reset_index(drop=True)
    return table.astype({"weight": int})

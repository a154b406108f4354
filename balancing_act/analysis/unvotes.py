"""How close states stood in the UN General Assembly: vote agreement, ideal points, key votes.

Two measures from data nobody on the course coded:

* **vote agreement** (Voeten's roll calls, 1992-2019): of the roll calls in which both states
  cast a vote, the share in which they cast the same one (yes, no or abstain);
* **ideal-point distance** (Bailey, Strezhnev & Voeten, 1991-2024): how far apart two states'
  ideal points lie, year by year. Ideal points are relative: when the distance shrinks, look at
  which of the two moved.

Every function reads the course's tables unless it is handed them (``votes=``, ``roll_calls=``,
``points=``), which is how the tests give them small tables of their own.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..course.errors import EmptySelection, UnknownResolution
from ..course.vocabulary import check_country, country_name

#: The roll calls that matter to Baku's balancing, by resolution symbol, with what each was about.
KEY_RESOLUTIONS = {
    "A/RES/62/243": "Azerbaijan's occupied territories",
    "A/RES/62/249": "Displaced persons from Abkhazia (Georgia)",
    "A/RES/64/296": "Displaced persons from Abkhazia and South Ossetia (Georgia)",
    "A/RES/65/287": "Displaced persons from Abkhazia and South Ossetia (Georgia)",
    "A/RES/68/262": "Territorial integrity of Ukraine",
    "A/RES/68/274": "Displaced persons from Abkhazia and South Ossetia (Georgia)",
    "A/RES/69/286": "Displaced persons from Abkhazia and South Ossetia (Georgia)",
    "A/RES/71/205": "Human rights in Crimea",
    "A/RES/72/190": "Human rights in Crimea",
    "A/RES/73/194": "Militarisation of Crimea and the Black Sea",
    "A/RES/73/263": "Human rights in Crimea",
    "A/RES/74/17": "Militarisation of Crimea and the Black Sea",
    "A/RES/74/168": "Human rights in Crimea",
}

#: Whose votes :func:`key_votes` shows unless told otherwise.
KEY_VOTE_COUNTRIES = ("AZE", "ARM", "GEO", "RUS", "UKR", "TUR", "USA")

#: What :func:`key_votes` writes where a country cast no vote.
ABSENT = "absent"

#: The columns of an ideal point's 90 % band: its 5 % and 95 % posterior quantiles.
BAND = ("ideal_point_q5", "ideal_point_q95")
#: The three verdicts of :func:`judge_change`.
MOVED_UP, MOVED_DOWN, NO_CHANGE = "moved up", "moved down", "no change beyond the noise"


def _years(years: tuple[int, int] | None, default: tuple[int, int]) -> tuple[int, int]:
    if years is None:
        return default
    first, last = (int(y) for y in years)
    if first > last:
        raise ValueError(f"A window of years runs from the earlier year: ({last}, {first}).")
    return first, last


def _paired_votes(a, b, votes, roll_calls, years):
    """One row per roll call in ``years`` in which both voted: their votes and ``same``."""
    from ..tables.load import load_un_roll_calls, load_un_votes

    votes = load_un_votes() if votes is None else votes
    roll_calls = load_un_roll_calls() if roll_calls is None else roll_calls
    for code in (a, b):
        check_country(code, votes["country"].unique())
    span = (int(roll_calls["year"].min()), int(roll_calls["year"].max()))
    first, last = _years(years, span)
    inside = roll_calls.loc[roll_calls["year"].between(first, last), ["rcid", "year"]]
    mine = votes.loc[votes["country"] == a, ["rcid", "vote"]].merge(inside, on="rcid")
    theirs = votes.loc[votes["country"] == b, ["rcid", "vote"]]
    both = mine.merge(theirs, on="rcid", suffixes=("_a", "_b"))
    if both.empty:
        raise EmptySelection(
            f"{country_name(a)} and {country_name(b)} both voted in no roll call "
            f"between {first} and {last}."
        )
    both["same"] = both["vote_a"].astype(str) == both["vote_b"].astype(str)
    return both


def votes_countries(votes: pd.DataFrame | None = None) -> list[str]:
    """The countries whose votes the table holds."""
    from ..tables.load import load_un_votes

    votes = load_un_votes() if votes is None else votes
    return sorted(votes["country"].unique())


def vote_agreement(
    a: str,
    b: str,
    years: tuple[int, int] | None = None,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> float:
    """The share (0 to 1) of roll calls in ``years`` where ``a`` and ``b`` cast the same vote.

    Only roll calls in which both cast a vote count (absences are not votes); ``years`` is a
    window ``(first, last)``, both ends included, 1992-2019 when left out.

    >>> round(vote_agreement("AZE", "TUR", (1992, 2007)), 2)
    0.76
    >>> round(vote_agreement("AZE", "USA", (2014, 2019)), 2)
    0.22
    """
    both = _paired_votes(a, b, votes, roll_calls, years)
    return float(both["same"].mean())


def yearly_vote_agreement(
    a: str,
    b: str,
    years: tuple[int, int] | None = None,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`vote_agreement` year by year: ``year``, ``agreement`` (0 to 1), ``n_votes``.

    >>> yearly_vote_agreement("AZE", "RUS", (2008, 2009))[["year", "n_votes"]].values.tolist()
    [[2008, 96], [2009, 76]]
    """
    both = _paired_votes(a, b, votes, roll_calls, years)
    yearly = both.groupby("year")["same"].agg(agreement="mean", n_votes="size").reset_index()
    return yearly.astype({"year": int, "agreement": float, "n_votes": int})


def ideal_points(
    countries: Iterable[str],
    years: tuple[int, int] | None = None,
    *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ideal points of ``countries`` (ISO codes) inside ``years``: country, year, ideal_point.

    >>> ideal_points(["AZE"], (1993, 1993))[["country", "year", "ideal_point"]].values.tolist()
    [['AZE', 1993, 0.265]]
    """
    from ..tables.load import load_un_ideal_points

    points = load_un_ideal_points() if points is None else points
    codes = [check_country(c, points["country"].unique()) for c in countries]
    if not codes:
        raise EmptySelection("Pick at least one country.")
    span = (int(points["year"].min()), int(points["year"].max()))
    first, last = _years(years, span)
    rows = points[points["country"].isin(codes) & points["year"].between(first, last)]
    if rows.empty:
        raise EmptySelection(f"No ideal points for {', '.join(codes)} between {first} and {last}.")
    order = {code: i for i, code in enumerate(codes)}
    rows = rows.assign(_order=rows["country"].map(order)).sort_values(["_order", "year"])
    band = [c for c in BAND if c in rows]
    return rows[["country", "year", "ideal_point", *band, "n_votes"]].reset_index(drop=True)


def ideal_point_distance(
    a: str,
    b: str,
    years: tuple[int, int] | None = None,
    *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each year's ideal points of ``a`` and ``b`` and the distance between them.

    Columns ``year``, ``a`` and ``b`` (named by the two codes) and ``distance`` (the absolute
    difference), for the years in which both have an estimate.

    >>> far = ideal_point_distance("AZE", "USA", (1993, 2024))
    >>> far.columns.tolist()
    ['year', 'AZE', 'USA', 'distance']
    >>> float(far.loc[far["year"] == 2024, "distance"].round(2).iloc[0])
    2.87
    """
    from ..tables.load import load_un_ideal_points

    points = load_un_ideal_points() if points is None else points
    for code in (a, b):
        check_country(code, points["country"].unique())
    span = (int(points["year"].min()), int(points["year"].max()))
    first, last = _years(years, span)
    # The two countries' rows only, unstacked (one estimate per country and year): a pivot
    # table of every country's was most of the comparison widget's redraw.
    inside = points[points["year"].between(first, last) & points["country"].isin([a, b])]
    wide = inside.set_index(["year", "country"])["ideal_point"].unstack("country").sort_index()
    if a not in wide or b not in wide or wide[[a, b]].dropna().empty:
        raise EmptySelection(
            f"{country_name(a)} and {country_name(b)} have no ideal points in the same year "
            f"between {first} and {last}."
        )
    pair = wide[[a, b]].dropna().reset_index()
    pair.columns.name = None
    pair["distance"] = (pair[a] - pair[b]).abs()
    return pair.astype({"year": int})


def key_votes(
    resolutions: Iterable[str] | None = None,
    countries: Iterable[str] = KEY_VOTE_COUNTRIES,
    *,
    votes: pd.DataFrame | None = None,
    roll_calls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How ``countries`` voted on the roll calls of ``resolutions``, one row per roll call.

    ``resolutions`` are symbols such as ``"A/RES/68/262"``, by default :data:`KEY_RESOLUTIONS`
    (Azerbaijan's occupied territories in 2008, Georgia's displaced persons, Ukraine's
    territorial integrity in 2014 and the Crimea resolutions of 2016-2019). Each country's
    column holds ``yes``, ``no``, ``abstain`` or ``absent`` (no vote cast).

    >>> crimea = key_votes(["A/RES/68/262", "A/RES/74/168"], ["AZE", "ARM", "GEO"])
    >>> crimea[["resolution", "AZE", "ARM", "GEO"]].values.tolist()
    [['A/RES/68/262', 'yes', 'no', 'yes'], ['A/RES/74/168', 'absent', 'no', 'yes']]
    """
    from ..tables.load import load_un_roll_calls, load_un_votes

    votes = load_un_votes() if votes is None else votes
    roll_calls = load_un_roll_calls() if roll_calls is None else roll_calls
    wanted = list(KEY_RESOLUTIONS if resolutions is None else resolutions)
    countries = [check_country(c, votes["country"].unique()) for c in countries]
    if not wanted or not countries:
        raise EmptySelection("Pick at least one resolution and one country.")
    missing = [r for r in wanted if r not in set(roll_calls["resolution"])]
    if missing:
        raise UnknownResolution(
            f"No roll call on {', '.join(missing)} in the table (it holds 1992-2019; symbols "
            "are written like A/RES/68/262)."
        )
    calls = roll_calls[roll_calls["resolution"].isin(wanted)]
    calls = calls[["rcid", "date", "resolution", "title"]].sort_values(["date", "rcid"])
    calls["about"] = calls["resolution"].map(KEY_RESOLUTIONS).fillna("")
    cast = votes[votes["rcid"].isin(calls["rcid"]) & votes["country"].isin(countries)]
    wide = cast.assign(vote=cast["vote"].astype(str)).pivot(
        index="rcid", columns="country", values="vote"
    )
    wide = wide.reindex(index=calls["rcid"], columns=countries).fillna(ABSENT)
    table = calls.merge(wide.reset_index(), on="rcid")
    table.columns.name = None
    return table.reset_index(drop=True)


def search_roll_calls(
    words: str,
    years: tuple[int, int] | None = None,
    *,
    roll_calls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Roll calls whose title contains ``words`` (any case), to find symbols for :func:`key_votes`.

    >>> search_roll_calls("occupied territories of Azerbaijan")["resolution"].tolist()
    ['A/RES/62/243']
    """
    from ..tables.load import load_un_roll_calls

    roll_calls = load_un_roll_calls() if roll_calls is None else roll_calls
    span = (int(roll_calls["year"].min()), int(roll_calls["year"].max()))
    first, last = _years(years, span)
    found = roll_calls[
        roll_calls["title"].str.contains(words, case=False, regex=False)
        & roll_calls["year"].between(first, last)
    ]
    if found.empty:
        raise EmptySelection(f"No roll call between {first} and {last} mentions {words!r}.")
    return found[["rcid", "date", "resolution", "title", "issue"]].reset_index(drop=True)


def distance_table(
    countries: Iterable[str],
    references: Iterable[str],
    years: Iterable[int],
    *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each country's ideal-point distance to each reference, in the chosen years: one row per
    year, one column per (country, "to" reference) pair, by name, rounded to two places.

    >>> table = distance_table(["AZE"], ["RUS", "USA"], [1993, 2024])
    >>> table.columns.tolist()
    [('Azerbaijan', 'to Russia'), ('Azerbaijan', 'to United States')]
    >>> table.index.tolist()
    [1993, 2024]
    """
    wanted = list(years)
    columns = {}
    for code in countries:
        for reference in references:
            far = ideal_point_distance(code, reference, points=points).set_index("year")
            columns[(country_name(code), f"to {country_name(reference)}")] = far["distance"]
    return pd.DataFrame(columns).reindex(wanted).round(2)


def change_noise(band_start: tuple[float, float], band_end: tuple[float, float]) -> float:
    """The noise of a change between two estimates with 90 % bands ``(low, high)``: half the
    root of the sum of the squares of the two widths (the 90 % half-width of a difference of
    two independent normal estimates).

    >>> round(change_noise((0.0, 0.3), (1.0, 1.4)), 2)
    0.25
    """
    widths = [float(high) - float(low) for low, high in (band_start, band_end)]
    if any(w < 0 for w in widths):
        raise ValueError(f"A band runs from its low end to its high end, not {widths}.")
    return 0.5 * (widths[0] ** 2 + widths[1] ** 2) ** 0.5


def judge_change(
    country: str,
    start: int,
    end: int,
    *,
    points: pd.DataFrame | None = None,
) -> dict:
    """How ``country``'s ideal point changed from year ``start`` to year ``end``, by the noise rule.

    Returns ``change`` (the end's point minus the start's), ``noise`` (:func:`change_noise` of
    the two years' bands) and ``verdict``: :data:`MOVED_UP` or :data:`MOVED_DOWN` when the
    change is larger than its noise, else :data:`NO_CHANGE` (the direction of such a change is
    not evidence of anything).

    >>> judge_change("RUS", 2019, 2024)["verdict"], judge_change("AZE", 2019, 2024)["verdict"]
    ('moved down', 'no change beyond the noise')
    """
    from ..tables.load import load_un_ideal_points

    points = load_un_ideal_points() if points is None else points
    code = check_country(country, points["country"].unique())
    missing = [c for c in BAND if c not in points]
    if missing:
        raise ValueError(f"The ideal points lack their band ({', '.join(missing)}).")
    rows = points[points["country"] == code].set_index("year")
    lacking = [y for y in (int(start), int(end)) if y not in rows.index]
    if lacking:
        raise EmptySelection(
            f"{country_name(code)} has no ideal point in {' or '.join(map(str, lacking))}."
        )
    first, last = rows.loc[int(start)], rows.loc[int(end)]
    change = float(last["ideal_point"] - first["ideal_point"])
    noise = change_noise((first[BAND[0]], first[BAND[1]]), (last[BAND[0]], last[BAND[1]]))
    if abs(change) <= noise:
        verdict = NO_CHANGE
    else:
        verdict = MOVED_UP if change > 0 else MOVED_DOWN
    return {"change": change, "noise": noise, "verdict": verdict}


def period_changes(
    country: str,
    spans: pd.DataFrame | None = None,
    *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``country``'s ideal point over each period, judged by the noise rule: one row per period.

    Each period's change runs from the last year with a point before the period (for the first
    period, its first year with one) to its last year with one, as in
    ``index_against_measures``. ``spans`` has ``period``, ``first_year`` and ``last_year``
    (the course's periods when left out). Columns: ``period``, ``start_year``, ``end_year``,
    ``change``, ``noise``, ``verdict``.

    >>> period_changes("AZE")[["period", "verdict"]].values.tolist()[:2]
    [['balancing', 'moved down'], ['shift', 'moved down']]
    """
    from ..tables.load import load_un_ideal_points

    points = load_un_ideal_points() if points is None else points
    if spans is None:
        from .measures import period_years

        spans = period_years()
    code = check_country(country, points["country"].unique())
    years = sorted(int(y) for y in points.loc[points["country"] == code, "year"])
    rows = []
    for span in spans.itertuples():
        inside = [y for y in years if span.first_year <= y <= span.last_year]
        if not inside:
            continue
        before = [y for y in years if y < span.first_year]
        start = before[-1] if before else inside[0]
        judged = judge_change(code, start, inside[-1], points=points)
        rows.append({"period": span.period, "start_year": start, "end_year": inside[-1], **judged})
    if not rows:
        raise EmptySelection(f"{country_name(code)} has no ideal point in any of the periods.")
    return pd.DataFrame(rows)

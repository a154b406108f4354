"""The course's tables as typed pandas DataFrames, validated before anyone reads them.

Every loader checks the whole data folder first (see :mod:`balancing_act.tables.validation`), so a
broken row stops the lesson with a message naming its file, row and column instead of
producing a quietly wrong chart. Validation runs once per folder state and is cached.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..course.paths import data_dir
from ..course.periods import assign_periods
from ..course.vocabulary import (
    ALIGNMENTS,
    CATEGORIES,
    CLAIM_KINDS,
    DATE_PRECISIONS,
    INDICATOR_CODES,
    MEMBERSHIP_STATUSES,
    PARTNER_COLUMNS,
    SOURCE_KINDS,
    VOTE_CHOICES,
)
from . import validation


def _state(folder: Path) -> tuple:
    """What the cache is keyed on: every file under the folder and when it last changed."""
    return tuple(
        sorted(
            (str(p.relative_to(folder)), p.stat().st_mtime_ns)
            for p in folder.rglob("*")
            if p.is_file()
        )
    )


@lru_cache(maxsize=8)
def _validated_paths(folder: Path, state: tuple) -> dict[str, Path]:
    """Each table's file, once the whole folder has passed validation."""
    validation.validate(folder)
    resources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    return {resource["name"]: folder / resource["path"] for resource in resources}


@lru_cache(maxsize=32)
def _validated_table(folder: Path, state: tuple, name: str) -> pd.DataFrame:
    # Read on first use: a notebook that needs the events does not pay for the UN votes.
    path = _validated_paths(folder, state)[name]
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _raw(name: str, folder: Path | None) -> pd.DataFrame:
    folder = Path(folder) if folder is not None else data_dir()
    return _validated_table(folder, _state(folder), name).copy()


def _typed(name: str, folder: Path | None, typing: Callable[[pd.DataFrame], pd.DataFrame]):
    """``typing`` of table ``name``, made once per folder state and handed out as a copy: the
    comparison widget reads the UN votes three times on every move, and typing them each time
    was half of its redraw."""
    folder = Path(folder) if folder is not None else data_dir()
    return _typed_table(folder, _state(folder), name, typing).copy()


@lru_cache(maxsize=8)
def _typed_table(folder: Path, state: tuple, name: str, typing: Callable) -> pd.DataFrame:
    return typing(_validated_table(folder, state, name).copy())


def load_events(folder: Path | None = None) -> pd.DataFrame:
    """Dated events, sorted by date, with the derived ``period`` and ``year``.

    >>> events = load_events()
    >>> events.loc[events["id"] == "2014-unga-crimea-vote", ["date", "period", "alignment"]].iloc[0].tolist()
    [Timestamp('2014-03-27 00:00:00'), 'pacification', 'toward_west']
    """
    events = _raw("events", folder)
    events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d")
    events["date_precision"] = pd.Categorical(events["date_precision"], DATE_PRECISIONS)
    events["category"] = pd.Categorical(events["category"], CATEGORIES)
    events["alignment"] = pd.Categorical(events["alignment"], ALIGNMENTS)
    events = _typed_codes(events)
    events["period"] = assign_periods(events["date"])
    events["year"] = events["date"].dt.year
    return events.sort_values(["date", "id"], ignore_index=True)


def _typed_codes(table: pd.DataFrame) -> pd.DataFrame:
    """The partner directions as numbers, ``NaN`` for no bearing, the weight as int.

    Floats, not pandas' nullable integers: a row of the events is an answer a student may hand
    in, and the grader reads NaN but not ``pd.NA`` (tests/test_grading_answers.py)."""
    for column in PARTNER_COLUMNS.values():
        table[column] = pd.to_numeric(table[column].replace("", None)).astype(float)
    table["weight"] = table["weight"].astype(int)
    return table


def load_coding(coder: str, folder: Path | None = None) -> pd.DataFrame:
    """One of the two independent partner codings, ``coder`` ``"a"`` or ``"b"``, typed like the
    events' partner columns and sorted by id.

    >>> load_coding("a").columns[:3].tolist()
    ['id', 'to_russia', 'to_west']
    """
    if coder not in ("a", "b"):
        raise ValueError(f"coder is 'a' or 'b', not {coder!r}")
    coding = _typed_codes(_raw(f"coder_{coder}", folder))
    coding["coded_on"] = pd.to_datetime(coding["coded_on"], format="%Y-%m-%d")
    return coding.sort_values("id", ignore_index=True)


def load_resolutions(folder: Path | None = None) -> pd.DataFrame:
    """Each cell where the two codings differ, with both values, the final one and why (strings,
    empty for no bearing, as the file writes them)."""
    return _raw("resolutions", folder).sort_values(["id", "column"], ignore_index=True)


def load_sources(folder: Path | None = None) -> pd.DataFrame:
    """Every source, indexed by nothing: ``id`` is a column like the rest."""
    sources = _raw("sources", folder)
    sources["kind"] = pd.Categorical(sources["kind"], SOURCE_KINDS)
    return sources


def load_claims(folder: Path | None = None) -> pd.DataFrame:
    """The brief's claims, paraphrased, in order C1, C2, ..."""
    claims = _raw("claims", folder)
    claims["bullet"] = claims["bullet"].astype(int)
    claims["kind"] = pd.Categorical(claims["kind"], CLAIM_KINDS)
    order = claims["id"].str[1:].astype(int)
    return claims.iloc[order.argsort()].reset_index(drop=True)


def load_series(folder: Path | None = None) -> pd.DataFrame:
    """Numeric series in long format; ``first_year``/``last_year`` unpack windows like 2014-2018.

    >>> series = load_series()
    >>> series.loc[series["year"] == "2010-2014", ["first_year", "last_year"]].iloc[0].tolist()
    [2010, 2014]
    """
    series = _raw("series", folder)
    series["value"] = series["value"].astype(float)
    bounds = series["year"].str.split("-", expand=True)
    series["first_year"] = bounds[0].astype(int)
    series["last_year"] = (bounds[1] if 1 in bounds else bounds[0]).fillna(bounds[0]).astype(int)
    return series


def load_memberships(folder: Path | None = None) -> pd.DataFrame:
    """Spells of membership; ``end`` is NaT while a spell lasts."""
    memberships = _raw("memberships", folder)
    memberships["start"] = pd.to_datetime(memberships["start"], format="%Y-%m-%d")
    memberships["end"] = pd.to_datetime(memberships["end"].replace("", None), format="%Y-%m-%d")
    memberships["status"] = pd.Categorical(memberships["status"], MEMBERSHIP_STATUSES)
    return memberships


def load_places(folder: Path | None = None) -> pd.DataFrame:
    """Named points for the regional map, with coordinates as numbers."""
    places = _raw("places", folder)
    return places.astype({"lat": float, "lon": float})


def load_pipelines(folder: Path | None = None) -> pd.DataFrame:
    """Schematic pipeline routes, one row per point, with the points' coordinates joined on."""
    pipelines = _raw("pipelines", folder).astype({"order": int})
    places = load_places(folder)[["id", "name", "lat", "lon"]].rename(columns={"id": "place_id"})
    return pipelines.merge(places, on="place_id").sort_values(
        ["pipeline", "order"], ignore_index=True
    )


def load_routes(folder: Path | None = None) -> pd.DataFrame:
    """The pipeline routes' lines as the map draws them: one row per vertex, in order."""
    routes = _raw("routes", folder).astype({"order": int, "lon": float, "lat": float})
    return routes.sort_values(["pipeline", "order"], ignore_index=True)


def load_un_ideal_points(folder: Path | None = None) -> pd.DataFrame:
    """UN General Assembly ideal points (final-passage votes), one row per country and year."""
    return _typed("un_ideal_points", folder, _typed_ideal_points)


def _typed_ideal_points(points: pd.DataFrame) -> pd.DataFrame:
    points = points.astype(
        {
            "year": int,
            "ideal_point": float,
            "ideal_point_q5": float,
            "ideal_point_q95": float,
            "n_votes": int,
        }
    )
    return points.sort_values(["country", "year"], ignore_index=True)


def load_un_roll_calls(folder: Path | None = None) -> pd.DataFrame:
    """UN General Assembly roll calls, 1992-2019, with the derived ``year`` of each vote."""
    return _typed("un_roll_calls", folder, _typed_roll_calls)


def _typed_roll_calls(calls: pd.DataFrame) -> pd.DataFrame:
    calls = calls.astype({"rcid": int, "session": int})
    calls["date"] = pd.to_datetime(calls["date"], format="%Y-%m-%d")
    calls["year"] = calls["date"].dt.year
    return calls.sort_values(["date", "rcid"], ignore_index=True)


def load_un_votes(folder: Path | None = None) -> pd.DataFrame:
    """How each of the course's countries voted in each roll call (absences are not rows)."""
    return _typed("un_votes", folder, _typed_votes)


def _typed_votes(votes: pd.DataFrame) -> pd.DataFrame:
    votes = votes.astype({"rcid": int})
    votes["vote"] = pd.Categorical(votes["vote"], VOTE_CHOICES)
    return votes


def load_arms_transfers(folder: Path | None = None) -> pd.DataFrame:
    """SIPRI's arms orders for Azerbaijan, Armenia and Georgia; ``number`` and ``tiv_delivered``
    are missing (``<NA>``, ``NaN``) where SIPRI has no figure."""
    return _typed("arms_transfers", folder, _typed_arms)


def _typed_arms(arms: pd.DataFrame) -> pd.DataFrame:
    arms = arms.astype({"order_year": int})
    arms["number"] = pd.to_numeric(arms["number"].replace("", None)).astype("Int64")
    arms["tiv_delivered"] = pd.to_numeric(arms["tiv_delivered"].replace("", None)).astype(float)
    return arms


def load_arms_deliveries(folder: Path | None = None) -> pd.DataFrame:
    """SIPRI's arms deliveries to Azerbaijan, Armenia and Georgia, one row per order and year,
    with SIPRI's own TIV delivered in that year (``tiv``, millions), 2000-2023."""
    return _typed("arms_deliveries", folder, _typed_deliveries)


def _typed_deliveries(deliveries: pd.DataFrame) -> pd.DataFrame:
    deliveries = deliveries.astype({"sipri_id": int, "order_year": int, "year": int})
    deliveries["tiv"] = pd.to_numeric(deliveries["tiv"]).astype(float)
    return deliveries


def load_indicators(folder: Path | None = None) -> pd.DataFrame:
    """World Bank indicators for Azerbaijan, Armenia and Georgia, one value per row."""
    indicators = _raw("indicators", folder).astype({"year": int, "value": float})
    indicators["indicator"] = pd.Categorical(indicators["indicator"], INDICATOR_CODES)
    return indicators


def one_series(name: str, folder: Path | None = None) -> pd.DataFrame:
    """The rows of one series, by year, or a clear error naming the series that exist.

    >>> brent = one_series("brent_usd_per_bbl").set_index("first_year")["value"]
    >>> round(float(brent[2014]), 2), round(float(brent[2015]), 2)
    (98.97, 52.32)
    """
    series = load_series(folder)
    rows = series[series["series"] == name]
    if rows.empty:
        known = ", ".join(sorted(series["series"].unique()))
        raise KeyError(f"No series called {name!r}. The data has: {known}")
    return rows.sort_values("first_year", ignore_index=True)

"""The real tables are sound and complete, and broken copies fail with a clear message."""

from __future__ import annotations

import collections
import csv
import shutil

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.course.periods import PERIOD_KEYS, STATE_PERIOD_KEYS
from balancing_act.tables import validation
from balancing_act.tables.load import (
    load_arms_transfers,
    load_indicators,
    load_un_roll_calls,
    load_un_votes,
)

from .notebook_tools import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def events():
    return ba.load_events()


def test_the_real_tables_have_no_problems():
    assert validation.problems_in(DATA) == []


def test_loaded_tables_are_typed(events):
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    for column in ("category", "alignment", "date_precision", "period"):
        assert isinstance(events[column].dtype, pd.CategoricalDtype)
    assert list(events["period"].cat.categories) == list(PERIOD_KEYS)
    assert events["date"].is_monotonic_increasing
    memberships = ba.load_memberships()
    assert pd.api.types.is_datetime64_any_dtype(memberships["end"])


def test_the_outside_evidence_loads_typed():
    points = ba.load_un_ideal_points()
    assert points["year"].dtype == int and points["ideal_point"].dtype == float
    calls = load_un_roll_calls()
    assert (
        pd.api.types.is_datetime64_any_dtype(calls["date"])
        and calls["date"].is_monotonic_increasing
    )
    assert (calls["year"] == calls["date"].dt.year).all()
    votes = load_un_votes()
    assert list(votes["vote"].cat.categories) == ["yes", "no", "abstain"]
    assert set(votes["rcid"]) <= set(calls["rcid"])
    arms = load_arms_transfers()
    assert str(arms["number"].dtype) == "Int64" and arms["tiv_delivered"].dtype == float
    assert arms["number"].isna().any()  # orders whose size SIPRI does not know stay missing
    undelivered = arms["delivery_years"] == ""
    assert undelivered.any() and (arms.loc[undelivered, "tiv_delivered"] == 0).all()
    indicators = load_indicators()
    assert isinstance(indicators["indicator"].dtype, pd.CategoricalDtype)
    assert indicators["value"].dtype == float


def test_at_least_150_events_and_25_in_each_period(events):
    assert len(events) >= 150
    counts = events["period"].value_counts()
    assert {key: int(counts[key]) for key in STATE_PERIOD_KEYS if counts[key] < 25} == {}
    # The prologue (1988-1990) is context for lesson 1a: a handful of turning points, not a period
    # of the state's policy.
    assert counts["prologue"] >= 5


def test_the_prologue_before_independence_is_context_with_no_partner_step(events):
    from balancing_act.course.vocabulary import INDEPENDENCE_YEAR, PARTNER_COLUMNS

    before = events[events["year"] < INDEPENDENCE_YEAR]
    assert not before.empty
    assert set(before["alignment"].astype(str)) == {"neutral"}
    assert before[list(PARTNER_COLUMNS.values())].isna().all().all()


def test_every_claim_is_linked_from_at_least_five_events(events):
    links = collections.Counter(c for cell in events["claims"] for c in ba.split_ids(cell))
    claims = ba.load_claims()["id"]
    assert {c: links[c] for c in claims if links[c] < 5} == {}


def test_every_event_series_value_and_membership_cites_a_source_with_a_url(events):
    sources = ba.load_sources().set_index("id")
    assert sources["url"].str.match(r"https?://").all()
    cited = [s for cell in events["sources"] for s in ba.split_ids(cell)]
    cited += list(ba.load_series()["source"])
    cited += [s for cell in ba.load_memberships()["sources"] for s in ba.split_ids(cell)]
    assert set(cited) <= set(sources.index)
    assert (events["sources"].map(ba.split_ids).map(len) >= 1).all()


def test_every_id_is_unique(events):
    for table, key in ((events, ["id"]), (ba.load_sources(), ["id"]), (ba.load_claims(), ["id"])):
        assert not table.duplicated(key).any()
    assert not ba.load_series().duplicated(["series", "year"]).any()


def test_required_series_are_there():
    series = ba.load_series()
    years = series.groupby("series")["year"].apply(set)
    assert {str(y) for y in range(1991, 2025)} <= years["brent_usd_per_bbl"]
    assert {str(y) for y in range(2010, 2018)} <= years["remittances_from_russia_usd_m"]
    assert len(years["azn_per_usd_avg"]) >= 15
    assert any(name.startswith("arms_imports_share_pct_") for name in years.index)
    assert any("-" in y for y in years["arms_imports_share_pct_russia"])  # SIPRI windows
    assert "trade_with_russia_usd_bn_az_customs" in years
    assert "trade_with_russia_usd_bn_ru_customs" in years
    assert len(years["oil_share_of_exports_pct"]) >= 1
    assert len(years["gdp_growth_pct"]) >= 25


def test_memberships_cover_three_countries_in_at_least_ten_organisations():
    memberships = ba.load_memberships()
    per_country = memberships.groupby("country")["organization"].nunique()
    assert per_country.to_dict().keys() == {"AZ", "AM", "GE"}
    assert (per_country >= 10).all(), per_country.to_dict()


# --- broken copies: each must fail with a message naming file, row and column -------------


def _broken_copy(tmp_path, table, edit):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    header, rows = edit(header, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _set(row_index, column, value):
    def edit(header, rows):
        rows[row_index][column] = value
        return header, rows

    return edit


def _messages(folder):
    with pytest.raises(validation.DataValidationError) as caught:
        validation.validate(folder)
    return [str(p) for p in caught.value.problems], str(caught.value)


def test_a_bad_date_names_file_row_and_column(tmp_path):
    folder = _broken_copy(tmp_path, "events", _set(4, "date", "2014-02-30"))
    messages, text = _messages(folder)
    assert any(m.startswith("data/events.csv, row 6, column 'date'") for m in messages), messages
    assert "2014-02-30" in text


def test_an_unknown_category_names_file_row_and_column(tmp_path):
    folder = _broken_copy(tmp_path, "events", _set(0, "category", "sport"))
    messages, _ = _messages(folder)
    assert any(
        m.startswith("data/events.csv, row 2, column 'category'") and "sport" in m for m in messages
    ), messages


def test_a_dangling_source_id_names_file_row_and_column(tmp_path):
    folder = _broken_copy(tmp_path, "events", _set(9, "sources", "no-such-source"))
    messages, _ = _messages(folder)
    assert (
        "data/events.csv, row 11, column 'sources': 'no-such-source' is not an id in data/sources.csv"
        in messages
    )


def test_a_dangling_series_source_is_caught(tmp_path):
    folder = _broken_copy(tmp_path, "series", _set(0, "source", "nowhere"))
    messages, _ = _messages(folder)
    assert any(m.startswith("data/series.csv, row 2, column 'source'") for m in messages), messages


def test_a_duplicate_id_names_file_row_and_column(tmp_path):
    def duplicate(header, rows):
        rows[3]["id"] = rows[2]["id"]
        return header, rows

    folder = _broken_copy(tmp_path, "events", duplicate)
    messages, _ = _messages(folder)
    assert any(m.startswith("data/events.csv, row 5, column 'id'") for m in messages), messages


def test_a_missing_column_is_named(tmp_path):
    def drop_alignment(header, rows):
        return [h for h in header if h != "alignment"], rows

    folder = _broken_copy(tmp_path, "events", drop_alignment)
    messages, _ = _messages(folder)
    assert any("data/events.csv" in m and "'alignment'" in m for m in messages), messages


def test_an_unknown_actor_code_is_named(tmp_path):
    folder = _broken_copy(tmp_path, "events", _set(1, "actors", "AZ;XX"))
    messages, _ = _messages(folder)
    assert any(m.startswith("data/events.csv, row 3, column 'actors': 'XX'") for m in messages)


def test_loading_a_broken_folder_raises_instead_of_returning_rows(tmp_path):
    folder = _broken_copy(tmp_path, "events", _set(0, "alignment", "sideways"))
    with pytest.raises(validation.DataValidationError, match="alignment"):
        ba.load_events(folder)


# --- the source rule (codebook: "Source standing"): each guard with a broken copy ----------


def _sources_by_standing():
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_standing = collections.defaultdict(list)
    for row in rows:
        by_standing[row["standing"]].append(row["id"])
    return by_standing


def test_every_event_and_membership_has_an_official_or_independent_source():
    problems = [str(p) for p in validation.problems_in(DATA) if "no source is" in p.message]
    assert problems == []


def test_no_event_membership_or_series_value_rests_on_a_mirror_or_a_blog():
    standing = ba.load_sources().set_index("id")["standing"]
    events = ba.load_events()
    cited = {s for cell in events["sources"] for s in ba.split_ids(cell)}
    cited |= {s for cell in ba.load_memberships()["sources"] for s in ba.split_ids(cell)}
    assert set(standing[sorted(cited)]) & {"mirror", "blog"} == set()
    assert "mirror" not in set(standing[ba.load_series()["source"]])


def test_an_event_resting_only_on_state_media_and_reposts_is_caught(tmp_path):
    weak = _sources_by_standing()
    folder = _broken_copy(
        tmp_path, "events", _set(7, "sources", f"{weak['state_media'][0]};{weak['repost'][0]}")
    )
    messages, _ = _messages(folder)
    assert any(
        m.startswith("data/events.csv, row 9, column 'sources': no source is the official record")
        and weak["state_media"][0] in m
        for m in messages
    ), messages


def test_an_event_citing_a_mirror_beside_a_strong_source_is_caught(tmp_path):
    by_standing = _sources_by_standing()
    mirror = by_standing["mirror"][0]
    folder = _broken_copy(
        tmp_path, "events", _set(3, "sources", f"{by_standing['official'][0]};{mirror}")
    )
    messages, _ = _messages(folder)
    assert f"data/events.csv, row 5, column 'sources': '{mirror}' is a mirror: " in "\n".join(
        messages
    ), messages
    assert not any("row 5" in m and "no source is" in m for m in messages)


def test_a_membership_resting_on_a_blog_is_caught(tmp_path):
    blog = _sources_by_standing()["blog"][0]
    folder = _broken_copy(tmp_path, "memberships", _set(0, "sources", blog))
    messages, _ = _messages(folder)
    assert any(
        m.startswith(f"data/memberships.csv, row 2, column 'sources': '{blog}' is a blog")
        for m in messages
    ), messages
    assert any(
        m.startswith("data/memberships.csv, row 2, column 'sources': no source is")
        for m in messages
    ), messages


def test_a_series_value_resting_on_a_mirror_is_caught(tmp_path):
    mirror = _sources_by_standing()["mirror"][0]
    folder = _broken_copy(tmp_path, "series", _set(2, "source", mirror))
    messages, _ = _messages(folder)
    assert any(
        m.startswith(f"data/series.csv, row 4, column 'source': '{mirror}' is a mirror")
        for m in messages
    ), messages


def test_a_mirror_relabelled_as_research_is_caught(tmp_path):
    def relabel(header, rows):
        row = next(r for r in rows if "wikimili.com" in r["url"])
        row["standing"] = "research"
        return header, rows

    folder = _broken_copy(tmp_path, "sources", relabel)
    messages, _ = _messages(folder)
    assert any(
        m.startswith("data/sources.csv, row ")
        and "column 'standing'" in m
        and "wikimili.com, which is mirror, not research" in m
        for m in messages
    ), messages


def test_an_unknown_standing_names_file_row_and_column(tmp_path):
    folder = _broken_copy(tmp_path, "sources", _set(0, "standing", "hearsay"))
    messages, _ = _messages(folder)
    assert any(
        m.startswith("data/sources.csv, row 2, column 'standing'") and "hearsay" in m
        for m in messages
    ), messages


def test_a_typed_table_kept_in_memory_is_each_callers_own_and_follows_the_files(tmp_path):
    # The UN tables are typed once per state of the data folder and handed out as copies.
    folder = _broken_copy(tmp_path, "un_ideal_points", _set(0, "ideal_point", "9.5"))
    first = ba.load_un_ideal_points(folder)
    (row,) = first.index[first["ideal_point"] == 9.5]
    first.loc[row, "ideal_point"] = -1.0  # a caller's change stays in the caller's copy
    assert ba.load_un_ideal_points(folder).loc[row, "ideal_point"] == 9.5
    _broken_copy(tmp_path / "again", "un_ideal_points", _set(0, "ideal_point", "7.5"))
    shutil.copy(tmp_path / "again" / "data" / "un_ideal_points.csv", folder)
    assert ba.load_un_ideal_points(folder).loc[row, "ideal_point"] == 7.5

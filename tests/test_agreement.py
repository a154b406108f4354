"""Cohen's kappa, the two coders' agreement and a student's agreement with the course's coding
(``balancing_act.analysis.agreement``)."""

from __future__ import annotations

import csv
import math
import shutil

import pandas as pd
import pytest

from balancing_act.analysis.agreement import (
    agreement_table,
    coding_agreement,
    cohens_kappa,
    my_agreement,
    sample_to_code,
)
from balancing_act.course.errors import BadCodes, UnknownPartner
from balancing_act.tables.load import load_events

from .notebook_tools import ROOT
from .test_codebook import codebook_sections

DATA = ROOT / "data"


def _from_counts(counts: dict[tuple, int]) -> tuple[list, list]:
    """Two codings whose cross-table holds ``counts`` (first coder, second coder) -> rows."""
    first, second = [], []
    for (a, b), n in counts.items():
        first += [a] * n
        second += [b] * n
    return first, second


def test_kappa_matches_a_published_worked_example():
    # easycalculation.com, "Cohen's Kappa Index" (https://www.easycalculation.com/statistics/
    # learn-cohens-kappa-index.php), read with the search tool: two doctors, 20 patients;
    # both yes 12, B yes and A no 2, B no and A yes 4, both no 2. Pr(a) = 0.7, Pr(e) = 0.62,
    # k = 0.08 / 0.38 = 0.21.
    doctor_a, doctor_b = _from_counts(
        {("yes", "yes"): 12, ("no", "yes"): 2, ("yes", "no"): 4, ("no", "no"): 2}
    )
    assert cohens_kappa(doctor_a, doctor_b) == pytest.approx(0.08 / 0.38)
    assert round(cohens_kappa(doctor_a, doctor_b), 2) == 0.21


def test_linear_weighted_kappa_worked_by_hand_and_equal_to_kappa_on_two_categories():
    # Weights 1, 1/2, 0 for 0, 1 and 2 steps apart. Rows (1,1) (2,2) (3,3) (1,2) (2,3) (3,1):
    # observed = (3 + 0.5 + 0.5 + 0) / 6 = 2/3; each coder uses each weight twice, so chance =
    # sum of w_ij / 9 = (3 + 4 * 0.5) / 9 = 5/9; kappa_w = (2/3 - 5/9) / (1 - 5/9) = 1/4.
    first, second = [1, 2, 3, 1, 2, 3], [1, 2, 3, 2, 3, 1]
    assert cohens_kappa(first, second, weights="linear", categories=(1, 2, 3)) == pytest.approx(
        0.25
    )
    # With two categories the linear weights are the identity: the weighted kappa is kappa.
    a, b = _from_counts({(1, 1): 12, (2, 1): 2, (1, 2): 4, (2, 2): 2})
    assert cohens_kappa(a, b, weights="linear") == pytest.approx(cohens_kappa(a, b))


def test_empty_is_its_own_category_and_perfect_agreement_is_one():
    assert cohens_kappa([1, None, -1, ""], [1, float("nan"), -1, None]) == 1.0
    assert cohens_kappa([1, None], [None, 1]) == pytest.approx(-1.0)


def test_one_category_only_is_undefined_not_an_error():
    assert math.isnan(cohens_kappa([None] * 5, [None] * 5))
    assert math.isnan(cohens_kappa([1, 1], [1, 1], weights="linear", categories=(1, 2, 3)))


def test_codings_of_different_events_are_refused_naming_the_ids():
    first = pd.Series([1, None], index=["a-event", "b-event"])
    second = pd.Series([1, None], index=["a-event", "c-event"])
    with pytest.raises(BadCodes, match="Only in the first: b-event.*Only in the second: c-event"):
        cohens_kappa(first, second)
    with pytest.raises(BadCodes, match="3 and 2 rows"):
        cohens_kappa([1, 1, 1], [1, 1])
    with pytest.raises(BadCodes, match="no rows"):
        cohens_kappa([], [])
    with pytest.raises(BadCodes, match="outside the scale"):
        cohens_kappa([1, 4], [1, 1], weights="linear", categories=(1, 2, 3))
    with pytest.raises(ValueError, match="'linear'"):
        cohens_kappa([1], [1], weights="quadratic")


def _coding(ids, russia, weight, episode=None):
    episode = list(ids) if episode is None else episode
    table = pd.DataFrame({"id": ids, "to_russia": russia, "weight": weight, "episode": episode})
    for column in ("to_west", "to_turkey", "to_iran", "to_israel", "to_china"):
        table[column] = None
    return table


def test_coding_agreement_has_a_row_per_partner_the_weight_and_the_episode():
    first = _coding(["x", "y", "z", "w"], [1, None, 1, -1], [1, 2, 3, 1])
    second = _coding(["w", "z", "y", "x"], [-1, -1, None, 1], [1, 3, 2, 2])  # paired on id
    table = coding_agreement(first, second).set_index("column")
    assert list(table.index) == [
        "to_russia",
        "to_west",
        "to_turkey",
        "to_iran",
        "to_israel",
        "to_china",
        "weight",
        "episode",
    ]
    assert table.loc["to_russia", "share_agreeing"] == 0.75
    assert table.loc["to_russia", "kappa"] == pytest.approx(0.6363636)
    assert math.isnan(table.loc["to_west", "kappa"]) and table.loc["to_west", "rows"] == 4
    assert table.loc["weight", "share_agreeing"] == 0.75
    assert not math.isnan(table.loc["weight", "weighted_kappa"])
    assert table.loc["episode", "share_agreeing"] == 1.0 and math.isnan(
        table.loc["episode", "kappa"]
    )
    with pytest.raises(BadCodes, match="Only in the second: v"):
        coding_agreement(first, _coding(["x", "y", "z", "v"], [1] * 4, [1] * 4))
    with pytest.raises(BadCodes, match="more than once: x"):
        coding_agreement(_coding(["x", "x"], [1, 1], [1, 1]), first)


def test_episodes_agree_when_grouped_alike_whatever_their_slugs():
    ids = ["x", "y", "z", "w"]
    first = _coding(ids, [None] * 4, [1] * 4, ["2001-01-a", "2001-01-a", "z", "w"])
    renamed = _coding(ids, [None] * 4, [1] * 4, ["2001-01-b", "2001-01-b", "z", "w"])
    regrouped = _coding(ids, [None] * 4, [1] * 4, ["2001-01-a", "2001-01-a", "2001-01-a", "w"])
    agreement = coding_agreement(first, renamed).set_index("column")
    assert agreement.loc["episode", "share_agreeing"] == 1.0
    # x, y and z are each grouped with other rows; only w keeps its companions.
    agreement = coding_agreement(first, regrouped).set_index("column")
    assert agreement.loc["episode", "share_agreeing"] == 0.25


def test_the_codebook_agreement_table_is_what_the_codings_give():
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[
        "Agreement (generated)"
    ]
    assert agreement_table(DATA) in section


def test_a_stale_agreement_table_is_caught(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "coding" / "coder_b.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first_id = lines[1].split(",")[0]
    before = lines[1].split(",")[1]
    lines[1] = lines[1].replace(
        f"{first_id},{before},", f"{first_id},{'-1' if before == '1' else '1'},", 1
    )
    path.write_text("".join(lines), encoding="utf-8")
    with (folder / "coding" / "resolutions.csv").open("a", encoding="utf-8", newline="") as handle:
        final = load_events(DATA).set_index("id").loc[first_id, "to_russia"]
        final = "" if pd.isna(final) else str(int(final))
        csv.writer(handle).writerow(
            [first_id, "to_russia", before, lines[1].split(",")[1], final, "A test."]
        )
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[
        "Agreement (generated)"
    ]
    assert agreement_table(folder) not in section


def test_the_sample_to_code_is_fixed_three_per_period_and_shows_no_codes():
    events = load_events()
    sample = sample_to_code(events)
    assert list(sample.columns) == ["id", "date", "title", "summary"]
    assert len(sample) == 12 and sample["id"].is_unique
    periods = events.set_index("id").loc[sample["id"], "period"].astype(str)
    assert periods.value_counts().tolist() == [3, 3, 3, 3]
    assert sample.equals(sample_to_code(events.sample(frac=1, random_state=1)))


def test_the_sample_stays_the_same_when_events_are_added_and_names_a_missing_one():
    events = load_events()
    added = events.iloc[[0]].assign(id="2026-planted-new-event", date=pd.Timestamp("2021-01-01"))
    grown = pd.concat([events, added], ignore_index=True)
    assert sample_to_code(grown).equals(sample_to_code(events))
    with pytest.raises(ValueError, match="2018-tanap-opens"):
        sample_to_code(events[events["id"] != "2018-tanap-opens"])


@pytest.fixture(scope="module")
def coded():
    """The course's final coding, with known codes on the sample for the test."""
    events = load_events().copy()
    ids = list(sample_to_code(events)["id"])
    codes = [1, 1, -1, None, None, 1, None, None, None, -1, 1, None]
    events["to_russia"] = events["to_russia"].astype(object)
    for event_id, code in zip(ids, codes, strict=True):
        events.loc[events["id"] == event_id, "to_russia"] = code
    return events, dict(zip(ids, codes, strict=True))


def test_a_student_who_agrees_scores_one_and_one_who_differs_less(coded):
    events, codes = coded
    mine = my_agreement(codes, "russia", events)
    assert mine["rows"] == 12 and mine["share_agreeing"] == 1.0 and mine["kappa"] == 1.0
    first = next(iter(codes))
    differing = dict(codes, **{first: None})
    mine = my_agreement(differing, "to_russia", events)
    assert mine["share_agreeing"] == pytest.approx(11 / 12) and mine["kappa"] < 1
    table = pd.DataFrame({"id": list(codes), "code": list(codes.values())})
    assert my_agreement(table, "russia", events)["kappa"] == 1.0


def test_a_students_unknown_missing_or_bad_codes_are_named(coded):
    events, codes = coded
    first = next(iter(codes))
    with pytest.raises(BadCodes, match="not in the sample to code: 1991-made-up"):
        my_agreement(dict(codes, **{"1991-made-up": 1}), "russia", events)
    with pytest.raises(BadCodes, match=f"these are missing: {first}"):
        my_agreement({k: v for k, v in codes.items() if k != first}, "russia", events)
    for bad in (2, "1", True, "closer"):
        with pytest.raises(BadCodes, match=f"not {first}: {bad!r}"):
            my_agreement(dict(codes, **{first: bad}), "russia", events)
    with pytest.raises(UnknownPartner, match="Use one of: russia, west"):
        my_agreement(codes, "armenia", events)
    with pytest.raises(BadCodes, match="'id' column"):
        my_agreement(pd.DataFrame({"event": list(codes)}), "russia", events)
    with pytest.raises(BadCodes, match="a dict"):
        my_agreement([1, 2], "russia", events)

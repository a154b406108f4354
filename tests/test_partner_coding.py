"""The partner coding's columns and its two coders' tables are held to the codebook: each break
is named by file, row and column (``balancing_act.tables.validation`` and ``tables.coding``)."""

from __future__ import annotations

import csv
import shutil

import pytest

from balancing_act.tables import validation
from balancing_act.tables.coding import coding_breaks
from balancing_act.tables.load import load_coding, load_events, load_resolutions

from .notebook_tools import ROOT

#: How many events come before the declaration of independence (the prologue's, from 1988): the
#: rows these tests edit are counted from that declaration, whatever the prologue holds.
with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as _file:
    PROLOGUE = [row["id"] for row in csv.DictReader(_file)].index("1991-independence-declaration")

DATA = ROOT / "data"


def _copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _edit(folder, table, edit):
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    rows = edit(rows) or rows
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return rows


def _set(index, column, value):
    def edit(rows):
        rows[index][column] = value

    return edit


def _broken(folder) -> list[str]:
    with pytest.raises(validation.DataValidationError) as caught:
        validation.validate(folder)
    return [str(p) for p in caught.value.problems]


def _breaks(folder) -> list[str]:
    return [
        f"{b.file}, row {b.row}, column '{b.column}': {b.message}" for b in coding_breaks(folder)
    ]


def test_the_partner_columns_load_typed():
    events = load_events()
    assert str(events["to_russia"].dtype) == "float64" and str(events["weight"].dtype) == "int64"
    assert set(events["weight"]) <= {1, 2, 3} and (events["episode"] != "").all()
    coding = load_coding("a")
    assert len(coding) == len(events) and set(coding["id"]) == set(events["id"])
    assert list(load_resolutions().columns) == [
        "id",
        "column",
        "coder_a",
        "coder_b",
        "final",
        "reason",
    ]
    with pytest.raises(ValueError, match="'a' or 'b'"):
        load_coding("c")


def test_the_real_coding_has_no_breaks():
    assert coding_breaks(DATA) == []


@pytest.mark.parametrize(
    ("column", "value"),
    [("to_russia", "2"), ("to_china", "+"), ("weight", "0"), ("weight", "4"), ("weight", "")],
)
def test_a_bad_direction_or_weight_names_file_row_and_column(tmp_path, column, value):
    folder = _copy(tmp_path)
    _edit(folder, "events", _set(4, column, value))
    problems = _broken(folder)
    assert any(p.startswith(f"data/events.csv, row 6, column '{column}'") for p in problems)


def test_an_empty_episode_names_file_row_and_column(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "events", _set(4, "episode", ""))
    assert any(p.startswith("data/events.csv, row 6, column 'episode'") for p in _broken(folder))


@pytest.mark.parametrize("slug", ["2024-putin-in-baku", "2024-13-putin-in-baku", "2024-08-Putin"])
def test_a_malformed_episode_slug_is_named(tmp_path, slug):
    folder = _copy(tmp_path)
    rows = _edit(folder, "events", _set(4, "episode", slug))
    (found,) = [b for b in _breaks(folder) if "row 6" in b]
    assert "column 'episode'" in found and "YYYY-MM-short-words" in found, rows[4]["id"]


def test_an_episode_no_other_row_shares_is_named(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "events", _set(PROLOGUE + 4, "episode", "1992-05-a-lonely-episode"))
    (found,) = _breaks(folder)
    row = PROLOGUE + 6
    assert found.startswith(f"data/events.csv, row {row}, column 'episode'") and "shared" in found


def test_two_rows_of_one_episode_within_three_weeks_pass_and_further_apart_are_named(tmp_path):
    folder = _copy(tmp_path)

    first = PROLOGUE  # the declaration of independence, 30 August 1991

    def share(rows):
        rows[first]["episode"] = rows[first + 1]["episode"] = "1991-08-independence"
        rows[first + 1]["date"] = "1991-09-20"  # 21 days after the first row's 30 August

    _edit(folder, "events", share)
    assert _breaks(folder) == []
    _edit(folder, "events", _set(first + 1, "date", "1991-09-21"))
    (found,) = _breaks(folder)
    row = first + 3
    assert found.startswith(f"data/events.csv, row {row}, column 'episode'") and "22 days" in found


def test_a_coding_that_leaves_an_event_out_or_codes_it_twice_is_named(tmp_path):
    folder = _copy(tmp_path)
    rows = _edit(folder, "coding/coder_a", lambda rows: rows[:-1])
    assert any("data/coding/coder_a.csv" in b and "is not coded" in b for b in _breaks(folder))
    _edit(folder, "coding/coder_b", lambda rows: [*rows, rows[0]])
    assert any(
        b.startswith("data/coding/coder_b.csv, row") and "more than once" in b
        for b in _breaks(folder)
    ), rows[0]


def _disagree(folder, value="1"):
    _edit(folder, "coding/coder_b", _set(4, "to_russia", value))


def _resolved_rows(folder) -> int:
    """How many resolutions the copied data hold already: appended rows come after them."""
    with (folder / "coding" / "resolutions.csv").open(encoding="utf-8", newline="") as handle:
        return len(list(csv.DictReader(handle)))


def _resolve(folder, *rows):
    path = folder / "coding" / "resolutions.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_difference_without_a_resolution_is_named(tmp_path):
    folder = _copy(tmp_path)
    _disagree(folder)
    (found,) = _breaks(folder)
    assert found.startswith("data/coding/coder_b.csv, row 6, column 'to_russia'")
    assert "no row resolving" in found


def test_a_resolution_needs_a_reason_and_one_row_only(tmp_path):
    folder = _copy(tmp_path)
    before = _resolved_rows(folder)
    _disagree(folder)
    event_id = _edit(folder, "coding/coder_b", lambda rows: None)[4]["id"]
    _resolve(folder, [event_id, "to_russia", "", "1", "", "Baku took no step; Moscow acted."])
    assert _breaks(folder) == []
    _resolve(folder, [event_id, "to_russia", "", "1", "", ""])
    (found,) = _breaks(folder)
    assert found.startswith(f"data/coding/resolutions.csv, row {before + 3}, column 'column'")
    assert "more than once" in found
    path = folder / "coding" / "resolutions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    del lines[before + 1]  # the reasoned row: the one left has no reason
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (found,) = _breaks(folder)
    assert found.startswith(f"data/coding/resolutions.csv, row {before + 2}, column 'reason'")


def test_a_resolution_whose_final_value_is_not_in_the_events_is_named(tmp_path):
    folder = _copy(tmp_path)
    before = _resolved_rows(folder)
    _disagree(folder)
    event_id = _edit(folder, "coding/coder_b", lambda rows: None)[4]["id"]
    _resolve(folder, [event_id, "to_russia", "", "1", "1", "Baku signed it."])
    (found,) = _breaks(folder)
    assert found.startswith(f"data/coding/resolutions.csv, row {before + 2}, column 'final'")
    assert "is not the value data/events.csv holds" in found


def test_a_cell_both_coders_agree_on_cannot_change_in_the_events(tmp_path):
    folder = _copy(tmp_path)
    assert _breaks(folder) == []
    _edit(folder, "events", _set(PROLOGUE + 4, "to_west", "-1"))  # both coders coded 1 here
    (found,) = _breaks(folder)
    assert found.startswith(f"data/events.csv, row {PROLOGUE + 6}, column 'to_west'")
    assert "both codings give '1'" in found


def test_episodes_agree_by_grouping_not_by_slug(tmp_path):
    folder = _copy(tmp_path)
    ids = [row["id"] for row in _edit(folder, "coding/coder_b", lambda rows: None)]
    ganja = [i for i in ids if i.startswith("1993-ganja") or "supreme-soviet-chairman" in i]

    def rename(rows):  # same two rows, another slug: still agreement
        for row in rows:
            if row["id"] in ganja:
                row["episode"] = "1993-06-another-name"

    _edit(folder, "coding/coder_b", rename)
    assert _breaks(folder) == []

    def split(rows):  # one of them on its own: a disagreement to resolve
        for row in rows:
            if row["id"] == ganja[0]:
                row["episode"] = row["id"]

    _edit(folder, "coding/coder_b", split)
    found = _breaks(folder)
    assert found and all("column 'episode'" in b and "no row resolving" in b for b in found)


def test_a_resolution_of_cells_that_agree_or_misquoting_a_coder_is_named(tmp_path):
    folder = _copy(tmp_path)
    event_id = _edit(folder, "coding/coder_b", lambda rows: None)[4]["id"]
    _resolve(folder, [event_id, "to_west", "-1", "", "", "A misquote."])
    found = _breaks(folder)
    assert any("column 'column'" in b and "agree" in b for b in found)
    assert any("column 'coder_a'" in b and "not what coder_a.csv holds" in b for b in found)

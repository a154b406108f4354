"""The outside evidence: data/raw is what PROVENANCE says, the tables re-derive from it exactly,
the issue's checkpoints hold in the raw files, and broken raw files or tables fail clearly."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from balancing_act.authoring.external_data import (
    checksums,
    cli,
    ideal_points,
    sipri,
    sipri_by_year,
    tables,
    unvotes,
    wdi,
)
from balancing_act.tables import validation

from .notebook_tools import ROOT

DATA = ROOT / "data"
RAW = DATA / "raw"

IDEAL_POINTS = RAW / ideal_points.IDEAL_POINTS_FILE
SIPRI = RAW / sipri.SIPRI_FILE
SIPRI_BY_YEAR = RAW / sipri_by_year.SIPRI_BY_YEAR_FILE
REMITTANCES = RAW / wdi.WDI_INDICATORS[0]["file"]


@pytest.fixture(scope="module")
def derived():
    return tables.derive(RAW)


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.raw_data
def test_the_committed_tables_are_exactly_what_data_raw_derives(derived):
    assert tables.differences(derived, DATA) == []


def test_every_raw_file_matches_its_sha256_and_provenance():
    assert checksums.checksum_problems(RAW) == []
    sums = dict(
        reversed(line.split("  ")) for line in (RAW / "SHA256SUMS").read_text().splitlines()
    )
    for name, digest in sums.items():
        provenance = (RAW / name.split("/")[0] / "PROVENANCE.md").read_text(encoding="utf-8")
        assert digest in provenance, f"{name}'s sha256 is not in its PROVENANCE.md"


@pytest.mark.parametrize(
    "folder",
    [
        "unga-ideal-points",
        "unvotes",
        "sipri-arms-transfers",
        "sipri-deliveries-by-year",
        "wdi",
        "gem-pipeline-routes",
    ],
)
def test_each_dataset_has_a_provenance_with_citation_licence_copy_and_vintage(folder):
    text = (RAW / folder / "PROVENANCE.md").read_text(encoding="utf-8")
    for needed in ("Citation", "Terms" if folder.startswith("sipri-") else "Licence"):
        assert f"**{needed}**" in text, (folder, needed)
    assert "Vintage" in text or "vintage" in text
    assert re.search(r"\b[0-9a-f]{40}\b", text), "no commit of the copy"
    assert re.search(r"\b[0-9a-f]{64}\b", text), "no sha256"
    assert "What was cut" in text or "what was cut" in text.lower()


def test_data_raw_stays_small():
    total = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert total < 3_000_000, f"data/raw is {total:,} bytes"


def test_sipri_credit_line_is_in_the_provenance_and_the_codebook():
    credit = "Information from the SIPRI Arms Transfers Database"
    assert credit in (RAW / "sipri-arms-transfers" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert credit in (RAW / "sipri-deliveries-by-year" / "PROVENANCE.md").read_text("utf-8")
    assert credit in (DATA / "README.md").read_text(encoding="utf-8")


def test_azerbaijans_final_passage_ideal_points_in_the_raw_file_and_the_table():
    raw = pd.read_csv(IDEAL_POINTS)
    aze = raw[raw["iso3c"] == "AZE"].set_index("year")["idealpointfp"]
    expected = {1993: 0.27, 2014: -0.41, 2024: -0.66}
    for year, value in expected.items():
        assert round(aze[year], 2) == value, year  # "about": to two decimals
    table = pd.read_csv(DATA / "un_ideal_points.csv")
    table = table[table["country"] == "AZE"].set_index("year")["ideal_point"]
    for year in expected:
        assert table[year] == pytest.approx(aze[year], abs=5e-5)


def test_the_band_is_the_final_passage_estimates_5_and_95_per_cent_quantiles():
    raw = pd.read_csv(IDEAL_POINTS).dropna(subset=["idealpointfp"])
    raw = raw.set_index(["iso3c", "year"])[["q5fp", "q95fp"]]
    table = pd.read_csv(DATA / "un_ideal_points.csv").set_index(["country", "year"])
    kept = raw.loc[table.index]
    assert table["ideal_point_q5"].to_numpy() == pytest.approx(kept["q5fp"].to_numpy(), abs=5e-5)
    assert table["ideal_point_q95"].to_numpy() == pytest.approx(kept["q95fp"].to_numpy(), abs=5e-5)


@pytest.mark.raw_data
def test_a_broken_band_names_file_row_and_column(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / ideal_points.IDEAL_POINTS_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if t.startswith("373,AZE,Azerbaijan,2014,"))
    cells = lines[line - 1].split(",")
    header = lines[0].split(",")
    q5 = header.index("q5fp")
    _edit_line(path, line, ",".join(cells[: q5 + 1]), ",".join([*cells[:q5], "low"]))
    high = header.index("q95fp")
    broken_line = next(
        i for i, t in enumerate(lines, start=1) if t.startswith("373,AZE,Azerbaijan,2013,")
    )
    cells = lines[broken_line - 1].split(",")
    cells[high] = "-9"  # below the estimate: the band does not hold it
    _edit_line(path, broken_line, lines[broken_line - 1], ",".join(cells))
    messages = _problems(folder)
    assert any(f"row {line}, column 'q5fp'" in m for m in messages), messages
    assert any(
        f"row {broken_line}, column 'q5fp'" in m and "does not hold" in m for m in messages
    ), messages


def test_the_ideal_point_column_is_the_final_passage_one():
    assert ideal_points.IDEAL_POINT_COLUMN == "idealpointfp"
    raw = pd.read_csv(IDEAL_POINTS)
    row = raw[(raw["iso3c"] == "AZE") & (raw["year"] == 2024)].iloc[0]
    assert pd.isna(row["idealpointall"])  # only the final-passage estimate reaches 2024
    assert row["nvotesfp"] == 74


def test_the_ideal_point_table_covers_the_issues_countries_and_years():
    table = pd.read_csv(DATA / "un_ideal_points.csv")
    wanted = "AZE ARM GEO RUS USA TUR UKR BLR KAZ IRN DEU FRA GBR CHN".split()
    assert set(wanted) <= set(table["country"])
    for code in ("RUS", "USA", "TUR", "DEU", "FRA", "GBR", "CHN", "IRN", "UKR", "BLR"):
        years = set(table.loc[table["country"] == code, "year"])
        assert set(range(1991, 2025)) <= years, code
    for code in ("AZE", "ARM", "KAZ"):
        assert set(range(1992, 2025)) <= set(table.loc[table["country"] == code, "year"])


def test_country_codes_are_mapped_explicitly_and_agree_with_the_files_own():
    assert len(set(ideal_points.COW_TO_ISO3.values())) == len(ideal_points.COW_TO_ISO3)
    assert set(ideal_points.COW_TO_ISO3.values()) == set(unvotes.ISO2_TO_ISO3.values())
    raw = pd.read_csv(IDEAL_POINTS, keep_default_na=False)
    kept = raw[raw["iso3c"] != ""]
    assert (kept["ccode"].map(ideal_points.COW_TO_ISO3) == kept["iso3c"]).all()


def test_the_votes_that_matter_to_baku_are_in_the_roll_calls():
    calls = pd.read_csv(DATA / "un_roll_calls.csv", keep_default_na=False)
    symbols = set(calls["resolution"])
    for symbol in ("A/RES/62/243", "A/RES/68/262", "A/RES/71/205", "A/RES/73/194", "A/RES/74/168"):
        assert symbol in symbols
    years = pd.to_datetime(calls["date"]).dt.year
    assert years.min() == 1992 and years.max() == 2019
    votes = pd.read_csv(DATA / "un_votes.csv")
    assert set(votes["vote"]) == {"yes", "no", "abstain"}
    rcid = calls.loc[calls["resolution"] == "A/RES/62/243", "rcid"].iloc[0]
    on_karabakh = votes[votes["rcid"] == rcid].set_index("country")["vote"]
    assert on_karabakh["AZE"] == "yes" and on_karabakh["ARM"] == "no"


def test_resolution_symbols_and_titles_are_normalised():
    assert unvotes.resolution_symbol("R/62/243") == "A/RES/62/243"
    assert unvotes.resolution_symbol("A/RES/74/17") == "A/RES/74/17"
    assert unvotes.resolution_symbol("R/47/52A") == "A/RES/47/52A"
    assert unvotes.resolution_symbol("R/50/38B/IV") == "A/RES/50/38B/IV"
    assert unvotes.resolution_symbol("A/RES/ES-10/19") == "A/RES/ES-10/19"
    assert unvotes.resolution_symbol(float("nan")) == ""
    assert unvotes.resolution_symbol("") == ""
    title = "Territorial integrity of Ukraine : resolution / adopted by the General Assembly"
    assert unvotes.roll_call_title("ARMED CONFLICTS PREVENTION--MEDIATION", title) == (
        "Territorial integrity of Ukraine"
    )
    assert unvotes.roll_call_title("Human rights in Crimea", "A/71/251 68c - REPORTS") == (
        "Human rights in Crimea"
    )
    assert unvotes.roll_call_title("ONLY CAPITALS", None) == "ONLY CAPITALS"


def test_the_arms_table_keeps_one_row_per_order_of_the_three_recipients():
    arms = pd.read_csv(DATA / "arms_transfers.csv", keep_default_na=False)
    assert arms["recipient"].value_counts().to_dict() == {
        "Azerbaijan": 115,
        "Georgia": 70,
        "Armenia": 46,
    }
    with SIPRI.open(encoding="latin-1", newline="") as handle:
        body = [r for r in csv.reader(handle) if r and r[0] in sipri.ARMS_RECIPIENTS]
    assert len(body) == len(arms)
    assert not arms["delivery_years"].str.contains(" ").any()


def test_the_deliveries_table_keeps_one_row_per_order_and_year_of_the_three_recipients():
    deliveries = pd.read_csv(DATA / "arms_deliveries.csv", keep_default_na=False)
    with SIPRI_BY_YEAR.open(encoding="utf-8", newline="") as handle:
        body = [r for r in csv.reader(handle) if r[2:3] and r[2] in sipri.ARMS_RECIPIENTS]
    assert len(body) == len(deliveries) == 327
    assert deliveries["recipient"].value_counts().to_dict() == {
        "Azerbaijan": 217,
        "Georgia": 79,
        "Armenia": 31,
    }
    assert deliveries["year"].between(*sipri_by_year.SIPRI_BY_YEAR_YEARS).all()
    assert deliveries["tiv"].sum() == pytest.approx(sum(float(r[15]) for r in body))
    assert "Data generated: 3 Jan 2025" in SIPRI_BY_YEAR.read_text(encoding="utf-8")


def test_indicators_carry_their_vintage_and_match_the_raw_rows():
    table = pd.read_csv(DATA / "indicators.csv")
    assert table.groupby("indicator")["vintage"].unique().map(list).to_dict() == {
        "fuel_exports_pct_merchandise_exports": ["2023-12-18"],
        "gdp_growth_annual_pct": ["2025-12-15"],
        "oil_rents_pct_gdp": ["2023-03-01"],
        "remittances_pct_gdp": ["2022-02-15"],
    }
    with REMITTANCES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(r for r in rows if r[:1] == ["Country Name"])
    azerbaijan = next(r for r in rows if r[1:2] == ["AZE"])
    raw_2014 = float(azerbaijan[header.index("2014")])
    value = table.query("country == 'AZE' and indicator == 'remittances_pct_gdp' and year == 2014")
    assert value["value"].iloc[0] == pytest.approx(raw_2014, abs=5e-5)


@pytest.mark.raw_data
def test_the_build_script_checks_without_writing(capsys):
    assert cli.main(["--check"]) == 0
    assert "as derived" in capsys.readouterr().out


def _command(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.raw_data
def test_the_command_and_the_script_check_the_course_tables(tmp_path):
    module = _command("-m", "balancing_act.authoring.external_data", "--check")
    assert module.returncode == 0, module.stderr
    assert "as derived" in module.stdout
    # The script in scripts/ works on its own checkout's data/, from whatever folder it is run.
    script = _command(str(ROOT / "scripts" / "build-external-data"), "--check", cwd=tmp_path)
    assert script.returncode == 0, script.stderr
    assert script.stdout == module.stdout


@pytest.mark.raw_data
def test_the_command_reports_a_changed_table_and_rewrites_it(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "un_votes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",yes\n", ",no\n", 1))
    check = _command(
        "-m", "balancing_act.authoring.external_data", "--data", str(folder), "--check"
    )
    assert check.returncode == 1
    assert "data/un_votes.csv differs from its derivation from line 2 on" in check.stderr
    build = _command("-m", "balancing_act.authoring.external_data", "--data", str(folder))
    assert build.returncode == 0, build.stderr
    assert "wrote data/un_votes.csv (36,090 rows)" in build.stdout
    assert path.read_bytes() == (DATA / "un_votes.csv").read_bytes()


# --- broken raw files: each fails with file, row and column ------------------------------------


def _raw_copy(tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder


def _edit_line(path, line_number, old, new, encoding="utf-8"):
    lines = path.read_bytes().decode(encoding).split("\n")
    assert old in lines[line_number - 1], lines[line_number - 1][:200]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_bytes("\n".join(lines).encode(encoding))


def _problems(folder):
    with pytest.raises(validation.DataValidationError) as caught:
        tables.derive(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.raw_data
def test_an_untouched_copy_of_data_raw_derives_the_same_tables(tmp_path, derived):
    assert tables.derive(_raw_copy(tmp_path)) == derived


@pytest.mark.raw_data
def test_a_bad_tiv_in_the_sipri_extract_names_file_row_and_column(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / sipri.SIPRI_FILE
    line = next(
        i
        for i, text in enumerate(path.read_text(encoding="latin-1").split("\n"), start=1)
        if text.startswith("Azerbaijan,Israel,2017,?,50,?,LORA,surface-to-surface")
    )
    _edit_line(path, line, ",1.7,85,85", ",1.7,85,lots", encoding="latin-1")
    messages = _problems(folder)
    assert any(
        m.startswith(
            f"data/raw/{sipri.SIPRI_FILE}, row {line}, column 'SIPRI TIV of delivered weapons'"
        )
        and '"lots"' in m
        for m in messages
    ), messages
    assert any("sha256" in m and sipri.SIPRI_FILE in m for m in messages), messages


@pytest.mark.raw_data
def test_a_sipri_row_of_another_recipient_is_refused(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / sipri.SIPRI_FILE
    first = path.read_text(encoding="latin-1").split("\n")[12].split(",")[0]
    _edit_line(path, 13, first + ",", "Chad,", encoding="latin-1")
    messages = _problems(folder)
    assert any(f"{sipri.SIPRI_FILE}, row 13, column 'Recipient'" in m for m in messages), messages


def _by_year_line(path, start):
    return next(
        i
        for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
        if text.startswith(start)
    )


@pytest.mark.raw_data
@pytest.mark.parametrize(
    ("old", "new", "column", "shown"),
    [
        (
            ",2017,Yes,New,0.6,0.6,15,No",
            ",2017,Yes,New,0.6,0.6,many,No",
            "TIV delivery values",
            '"many"',
        ),
        (
            ",2017,Yes,New,0.6,0.6,15,No",
            ",2017,Yes,New,0.6,0.6,-15,No",
            "TIV delivery values",
            '"-15"',
        ),
        ("Yes,25,Yes,2017,Yes", "Yes,25,Yes,2031,Yes", "Delivery year", '"2031"'),
        ("59701,Israel,Azerbaijan,", "59701,Israel,Chad,", "Recipient", '"Chad"'),
        ("59701,Israel,", "59701,,", "Supplier", "is empty"),
        ("59701,", "x59701,", "SIPRI AT Database ID", '"x59701"'),
    ],
)
def test_a_bad_cell_in_the_by_year_extract_names_file_row_and_column(
    tmp_path, old, new, column, shown
):
    folder = _raw_copy(tmp_path)
    path = folder / sipri_by_year.SIPRI_BY_YEAR_FILE
    line = _by_year_line(
        path, "59701,Israel,Azerbaijan,Harop,loitering munition,Missiles,2014,Yes,25,Yes,2017"
    )
    _edit_line(path, line, old, new)
    messages = _problems(folder)
    label = f"data/raw/{sipri_by_year.SIPRI_BY_YEAR_FILE}, row {line}, column '{column}'"
    assert any(m.startswith(label) and shown in m for m in messages), messages
    assert any("sha256" in m and sipri_by_year.SIPRI_BY_YEAR_FILE in m for m in messages)


@pytest.mark.raw_data
def test_a_by_year_extract_with_another_header_or_a_short_row_is_refused(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / sipri_by_year.SIPRI_BY_YEAR_FILE
    _edit_line(path, 13, ",No", "", encoding="utf-8")  # one field fewer on the first record
    messages = _problems(folder)
    assert any(
        f"{sipri_by_year.SIPRI_BY_YEAR_FILE}, row 13" in m and "fields" in m for m in messages
    )
    _edit_line(path, 12, "TIV delivery values", "TIV of delivered weapons")
    messages = _problems(folder)
    assert any("header is not SIPRI's register by year's" in m for m in messages), messages


@pytest.mark.raw_data
def test_a_broken_ideal_point_names_file_row_and_column(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / ideal_points.IDEAL_POINTS_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if t.startswith("373,AZE,Azerbaijan,2014,"))
    _edit_line(path, line, "373,AZE,Azerbaijan,2014,-0.4", "373,AZE,Azerbaijan,2014,x0.4")
    messages = _problems(folder)
    assert any(
        m.startswith(
            f"data/raw/{ideal_points.IDEAL_POINTS_FILE}, row {line}, column 'idealpointfp'"
        )
        for m in messages
    ), messages


@pytest.mark.raw_data
def test_an_iso_code_that_contradicts_the_cow_code_is_refused(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / ideal_points.IDEAL_POINTS_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if t.startswith("373,AZE,Azerbaijan,1993,"))
    _edit_line(path, line, "373,AZE,", "373,ARM,")
    messages = _problems(folder)
    assert any(f"row {line}, column 'iso3c'" in m and "AZE" in m for m in messages), messages


@pytest.mark.raw_data
def test_a_bad_world_bank_value_names_file_row_and_year_column(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / wdi.WDI_INDICATORS[0]["file"]
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if t.startswith('"Azerbaijan","AZE"'))
    _edit_line(path, line, '"3.29307669793269"', '"three"')
    messages = _problems(folder)
    assert any(
        m.startswith(f"data/raw/{wdi.WDI_INDICATORS[0]['file']}, row {line}, column '2020'")
        and '"three"' in m
        for m in messages
    ), messages


@pytest.mark.raw_data
def test_a_world_bank_file_without_its_vintage_is_refused(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / wdi.WDI_INDICATORS[1]["file"]
    _edit_line(path, 3, '"Last Updated Date","2023-03-01",', '"Last Updated Date","soon",')
    messages = _problems(folder)
    assert any(f"{wdi.WDI_INDICATORS[1]['file']}, row 3" in m and "soon" in m for m in messages)


@pytest.mark.raw_data
def test_a_corrupt_r_file_is_named(tmp_path):
    folder = _raw_copy(tmp_path)
    path = folder / unvotes.UNVOTES_FILES["un_votes"]
    path.write_bytes(path.read_bytes()[:5000])
    messages = _problems(folder)
    assert any(
        m.startswith(f"data/raw/{unvotes.UNVOTES_FILES['un_votes']}: cannot be read as R data")
        for m in messages
    ), messages


@pytest.mark.raw_data
def test_a_bad_vote_in_the_r_data_names_file_row_and_column(tmp_path, monkeypatch):
    import pyreadr

    real = pyreadr.read_r

    def with_a_bad_vote(path):
        result = real(path)
        if "un_votes" in result:
            frame = result["un_votes"]
            frame["vote"] = frame["vote"].astype(str)
            frame.loc[41, "vote"] = "maybe"
        return result

    monkeypatch.setattr(pyreadr, "read_r", with_a_bad_vote)
    messages = _problems(RAW)
    assert any(
        m.startswith(f"data/raw/{unvotes.UNVOTES_FILES['un_votes']}, row 42, column 'vote'")
        and '"maybe"' in m
        for m in messages
    ), messages


@pytest.mark.raw_data
def test_a_missing_or_unlisted_raw_file_is_named(tmp_path):
    folder = _raw_copy(tmp_path)
    (folder / sipri.SIPRI_FILE).unlink()
    (folder / "wdi" / "extra.csv").write_text("a,b\n", encoding="utf-8")
    messages = _problems(folder)
    assert f"data/raw/{sipri.SIPRI_FILE}: missing" in messages
    assert "data/raw/wdi/extra.csv: not listed in data/raw/SHA256SUMS" in messages


@pytest.mark.raw_data
def test_a_changed_table_is_reported_by_the_check(tmp_path, derived):
    folder = tmp_path / "data"
    folder.mkdir()
    tables.write(derived, folder)
    path = folder / "un_votes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",yes\n", ",no\n", 1))
    assert tables.differences(derived, folder) == [
        "data/un_votes.csv differs from its derivation from line 2 on"
    ]


def test_sha256sums_lists_what_the_sums_command_would_write(tmp_path):
    folder = _raw_copy(tmp_path)
    checksums.write_sums(folder)
    assert (folder / "SHA256SUMS").read_text() == (RAW / "SHA256SUMS").read_text()
    name = sipri.SIPRI_FILE
    digest = hashlib.sha256((RAW / name).read_bytes()).hexdigest()
    assert f"{digest}  {name}" in (RAW / "SHA256SUMS").read_text()


# --- broken tables: validated through datapackage.json like the rest -----------------------------


def _broken_table(tmp_path, table, edit):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(validation.DataValidationError) as caught:
        validation.validate(folder)
    return [str(p) for p in caught.value.problems]


def _set(index, column, value):
    def edit(rows):
        rows[index][column] = value

    return edit


@pytest.mark.parametrize(
    ("table", "index", "column", "value"),
    [
        ("un_votes", 6, "vote", "maybe"),
        ("un_votes", 3, "country", "AZ"),
        ("un_ideal_points", 0, "ideal_point", "high"),
        ("un_roll_calls", 2, "date", "2008-02-30"),
        ("un_roll_calls", 4, "resolution", "R/62/243"),
        ("arms_transfers", 5, "tiv_delivered", "-3"),
        ("arms_transfers", 1, "delivery_years", "2015; 2016"),
        ("arms_deliveries", 3, "tiv", "-1"),
        ("arms_deliveries", 4, "year", "1999"),
        ("arms_deliveries", 0, "source", "sipri-2025-trade-register"),
        ("indicators", 8, "indicator", "gdp"),
        ("indicators", 2, "source", "nowhere"),
    ],
)
def test_a_broken_outside_table_names_file_row_and_column(tmp_path, table, index, column, value):
    messages = _broken_table(tmp_path, table, _set(index, column, value))
    assert any(
        m.startswith(f"data/{table}.csv, row {index + 2}, column '{column}'") for m in messages
    ), messages


def test_a_vote_on_a_roll_call_that_does_not_exist_is_caught(tmp_path):
    messages = _broken_table(tmp_path, "un_votes", _set(0, "rcid", "999999"))
    assert any(m.startswith("data/un_votes.csv, row 2") and "rcid" in m for m in messages), messages


def test_a_second_ideal_point_for_the_same_country_and_year_is_caught(tmp_path):
    def duplicate(rows):
        rows[1]["year"] = rows[0]["year"]

    messages = _broken_table(tmp_path, "un_ideal_points", duplicate)
    assert any(m.startswith("data/un_ideal_points.csv, row 3") for m in messages), messages


def test_gdp_growth_covers_every_year_of_azerbaijan_and_matches_the_raw_row():
    """The World Bank's growth has 2001, 2003 and 2004, which the series from news reports lacks."""
    spec = next(s for s in wdi.WDI_INDICATORS if s["indicator"] == "gdp_growth_annual_pct")
    table = pd.read_csv(DATA / "indicators.csv")
    growth = table.query("country == 'AZE' and indicator == 'gdp_growth_annual_pct'")
    assert growth["year"].tolist() == list(range(1991, 2025))
    with (RAW / spec["file"]).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(r for r in rows if r[:1] == ["Country Name"])
    azerbaijan = next(r for r in rows if r[1:2] == ["AZE"])
    for year in (2001, 2003, 2004):
        raw = float(azerbaijan[header.index(str(year))])
        assert growth.set_index("year").loc[year, "value"] == pytest.approx(raw, abs=5e-5)

"""data/README.md, data/datapackage.json and the CSV files describe the same thing."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from balancing_act.course.vocabulary import ACTOR_CODES
from balancing_act.tables.validation import source_mix_table

from .notebook_tools import ROOT

DATA = ROOT / "data"


def descriptor() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def codebook_sections(text: str) -> dict[str, str]:
    """Codebook text under each '### ' heading, keyed by the heading."""
    parts = re.split(r"^#{2,3} (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def first_column(section: str) -> list[str]:
    """The backticked codes in the first column of a Markdown table."""
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)


def documented_columns(text: str, table: str) -> list[str]:
    heading = next(h for h in codebook_sections(text) if h.startswith(f"`{table}.csv`"))
    return first_column(codebook_sections(text)[heading])


def codebook_problems(text: str, package: dict) -> list[str]:
    problems = []
    for resource in package["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        documented = documented_columns(text, resource["name"])
        if documented != fields:
            problems.append(f"{resource['name']}: codebook {documented} vs datapackage {fields}")
    return problems


def test_the_codebook_lists_exactly_the_descriptors_columns():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    assert codebook_problems(text, descriptor()) == []


def test_the_files_have_exactly_the_descriptors_columns():
    for resource in descriptor()["resources"]:
        with (DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]


def test_the_descriptor_is_a_valid_data_package():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def _enum(resource: str, field: str) -> list[str]:
    res = next(r for r in descriptor()["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)["constraints"]["enum"]


@pytest.mark.parametrize(
    ("heading", "resource", "field"),
    [
        ("Categories (`events.category`)", "events", "category"),
        (
            "Alignment (`events.alignment`): how the event moved Baku's position",
            "events",
            "alignment",
        ),
        ("Source kinds (`sources.kind`)", "sources", "kind"),
        ("Source standing (`sources.standing`): what a source is", "sources", "standing"),
        ("Claim kinds (`claims.kind`)", "claims", "kind"),
        ("Membership statuses (`memberships.status`)", "memberships", "status"),
    ],
)
def test_the_codebook_lists_exactly_the_descriptors_codes(heading, resource, field):
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[heading]
    assert first_column(section) == _enum(resource, field)


def test_the_codebook_lists_exactly_the_actor_codes():
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[
        "Actors (`events.actors`)"
    ]
    codes = set(re.findall(r"\| `([A-Za-z]+)` \|", section))
    assert codes == set(ACTOR_CODES)


@pytest.mark.parametrize(
    ("heading", "table", "column"),
    [
        ("Series (`series.series`)", "series", "series"),
        ("Organisations (`memberships.organization`)", "memberships", "organization"),
    ],
)
def test_every_name_in_the_data_is_documented_and_every_documented_name_is_used(
    heading, table, column
):
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[heading]
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        used = {row[column] for row in csv.DictReader(handle)}
    assert set(first_column(section)) == used


def test_a_codebook_that_drifts_from_the_descriptor_is_caught():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    drifted = text.replace("| `date_precision` | string |", "| `precision` | string |")
    problems = codebook_problems(drifted, descriptor())
    assert len(problems) == 1 and problems[0].startswith("events:")


def test_the_codebook_source_mix_table_is_what_the_data_give():
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[
        "Source mix (generated)"
    ]
    assert source_mix_table(DATA) in section


def test_a_stale_source_mix_table_is_caught(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    rows[0]["standing"] = "blog" if rows[0]["standing"] != "blog" else "mirror"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    section = codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[
        "Source mix (generated)"
    ]
    assert source_mix_table(folder) not in section


def _section(heading: str) -> str:
    return codebook_sections((DATA / "README.md").read_text(encoding="utf-8"))[heading]


def _field(resource: str, field: str) -> dict:
    res = next(r for r in descriptor()["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)


def test_the_codebook_lists_exactly_the_indicator_codes():
    documented = first_column(_section("Indicators (`indicators.indicator`)"))
    assert sorted(documented) == sorted(_enum("indicators", "indicator"))
    with (DATA / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        assert {row["indicator"] for row in csv.DictReader(handle)} == set(documented)


def test_the_codebook_lists_exactly_the_countries_of_the_un_tables():
    section = _section("Countries (`un_ideal_points.country`, `un_votes.country`)")
    documented = set(re.findall(r"\| `([A-Z]{3})` \|", section))
    assert documented == set(_enum("un_ideal_points", "country"))
    assert documented == set(_enum("un_votes", "country"))


def test_the_codebook_lists_exactly_the_issue_codes_the_pattern_allows():
    documented = first_column(_section("Issues (`un_roll_calls.issue`)"))
    pattern = _field("un_roll_calls", "issue")["constraints"]["pattern"]
    allowed = set(re.findall(r"[a-z_]+", pattern.split(")(")[0]))
    assert set(documented) == allowed
    with (DATA / "un_roll_calls.csv").open(encoding="utf-8", newline="") as handle:
        used = {code for row in csv.DictReader(handle) for code in row["issue"].split(";") if code}
    assert used == allowed


def test_every_outside_table_names_its_licence_in_the_descriptor():
    outside = {"un_ideal_points", "un_roll_calls", "un_votes", "arms_transfers", "indicators"}
    for resource in descriptor()["resources"]:
        if resource["name"] in outside:
            assert resource.get("licenses"), resource["name"]
            assert "build-external-data" in resource["description"], resource["name"]

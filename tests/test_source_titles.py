"""What a reader sees of a source, and the yearly series' runs of years.

A source's title reaches the reader unchanged on an event's card, the site's event and source
pages and a lesson's "Sources for this lesson": so no title may be a placeholder such as
"[title not shown]", and a page whose title was not seen is described by the course and marked
"(title not recorded)". A yearly series that claims a run of years has a value in each of them
(the manat's yearly average once lacked 2010-2015).
"""

from __future__ import annotations

import csv
import re
import shutil

import pytest

import balancing_act as ba
from balancing_act.authoring.site import course_data, pages, reading
from balancing_act.tables import coverage, titles
from balancing_act.tables.validation import problems_in
from balancing_act.widgets.cards import event_card

from .notebook_tools import ROOT, lesson_notebooks

DATA = ROOT / "data"
PLACEHOLDER = "[title not shown]"
#: An event whose sources include a page whose title was not seen (`trend-2025-russian-house-note`).
EVENT = "2025-russian-house-closure"
NOT_SEEN = "trend-2025-russian-house-note"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shows_placeholder(text: str) -> bool:
    """Whether a page a reader sees carries a placeholder title."""
    lowered = text.lower()
    return any(p.startswith("[") and p in lowered for p in titles.PLACEHOLDERS)


def reader_files():
    """Every file of the course a student, a teacher or a reader opens as text."""
    for folder in ("lessons", "exercises", "reader", "instructor"):
        yield from sorted((ROOT / folder).rglob("*.md"))
        yield from sorted((ROOT / folder).rglob("*.ipynb"))
    yield ROOT / "glossary.md"


# --- The data --------------------------------------------------------------------------------


def test_no_source_title_is_a_placeholder():
    sources = rows("sources")
    assert titles.title_breaks(sources) == []
    not_recorded = [r["id"] for r in sources if not titles.title_is_recorded(r["title"])]
    assert NOT_SEEN in not_recorded
    assert all(
        r["title"].endswith(" " + titles.NOT_RECORDED) for r in sources if r["id"] in not_recorded
    )


@pytest.mark.parametrize(
    "title, fragment",
    [
        ("[title not shown] Kremlin regrets closure", "placeholder"),
        ("Kremlin regrets closure [Title Not Shown]", "placeholder"),
        ("(title not recorded) Kremlin regrets closure", "at the end"),
        ("(title not recorded)", "description"),
        ("", "needs a title"),
    ],
)
def test_a_placeholder_or_misplaced_marker_is_refused_naming_row_and_column(title, fragment):
    planted = [{"id": "a-1", "title": "Kremlin regrets closure"}, {"id": "b-2", "title": title}]
    breaks = titles.title_breaks(planted)
    assert [(b.row, b.column) for b in breaks] == [(3, "title")]
    assert fragment in breaks[0].message and "'b-2'" in breaks[0].message


def test_the_validator_refuses_a_placeholder_title_and_a_gap_in_a_yearly_run(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("raw"))
    sources = folder / "sources.csv"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "Kremlin regrets closure of Russian House in Baku (title not recorded)",
            PLACEHOLDER + " Kremlin regrets closure of Russian House in Baku",
        ),
        encoding="utf-8",
    )
    series = folder / "series.csv"
    kept = [
        line
        for line in series.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("azn_per_usd_avg,2012,")
    ]
    series.write_text("".join(kept), encoding="utf-8")
    messages = [str(p) for p in problems_in(folder)]
    assert any(
        m.startswith("data/sources.csv, row ")
        and "column 'title'" in m
        and "trend-2025-peskov-russian-house" in m
        for m in messages
    ), messages
    assert any("azn_per_usd_avg" in m and "2012" in m for m in messages), messages


# --- Where a reader meets a source -----------------------------------------------------------


def test_no_lesson_exercise_reader_page_or_teacher_file_shows_a_placeholder_title():
    shown = [
        str(p.relative_to(ROOT))
        for p in reader_files()
        if shows_placeholder(p.read_text(encoding="utf-8"))
    ]
    assert shown == []


def unmarked_source_lines(text: str, not_recorded: set[str]) -> list[str]:
    """Lines of a "Sources for this lesson" list that cite a page whose title was not seen
    without saying so (its line must carry the marker, as the card and the site do)."""
    unmarked = []
    for item in re.split(r"\n(?=- )", text.split("## Sources for this lesson", 1)[-1]):
        cited = re.search(r"\(`([a-z0-9-]+)`\)", item)
        if cited and cited.group(1) in not_recorded and titles.NOT_RECORDED not in item:
            unmarked.append(item.strip())
    return unmarked


def not_recorded_ids() -> set[str]:
    return {r["id"] for r in rows("sources") if not titles.title_is_recorded(r["title"])}


def test_every_lesson_says_which_of_its_sources_titles_were_not_recorded():
    ids = not_recorded_ids()
    unmarked = {
        path.name: unmarked_source_lines(path.read_text(encoding="utf-8"), ids)
        for path in sorted((ROOT / "lessons").glob("*.md"))
    }
    assert {name: lines for name, lines in unmarked.items() if lines} == {}


def test_a_lesson_line_without_the_marker_is_caught():
    text = (ROOT / "lessons" / "03-oil-pipelines-leverage.md").read_text(encoding="utf-8")
    planted = text.replace("2020 (title not recorded) <", "2020 <", 1)
    assert planted != text
    assert len(unmarked_source_lines(planted, not_recorded_ids())) == 1


def test_a_planted_placeholder_in_a_lesson_is_caught(tmp_path):
    lesson = (ROOT / "lessons" / "08-the-brief-meets-history.md").read_text(encoding="utf-8")
    assert not shows_placeholder(lesson)
    planted = lesson.replace("Erdogan: Turkey stands", PLACEHOLDER + " Erdogan: Turkey stands", 1)
    assert planted != lesson and shows_placeholder(planted)


def test_the_event_card_shows_the_marked_description_not_a_placeholder():
    events, sources, claims = ba.load_events(), ba.load_sources(), ba.load_claims()
    card = event_card(EVENT, events, sources, claims)
    assert titles.NOT_RECORDED in card and not shows_placeholder(card)
    broken = sources.copy()
    broken.loc[broken["id"] == NOT_SEEN, "title"] = PLACEHOLDER + " Azerbaijan sent a note"
    assert shows_placeholder(event_card(EVENT, events, broken, claims))


def test_the_sites_source_and_event_pages_show_the_marked_description_not_a_placeholder():
    data = course_data.CourseData.load()
    lesson = reading.read_lesson(lesson_notebooks()[0])
    rendered = pages.render_pages([lesson], data)
    event_page = rendered[data.event_href(EVENT)]
    for page in (rendered["sources.html"], event_page):
        assert titles.NOT_RECORDED in page and not shows_placeholder(page)
    data.sources.loc[data.sources["id"] == NOT_SEEN, "title"] = PLACEHOLDER + " A note"
    broken = pages.render_pages([lesson], data)
    assert shows_placeholder(broken["sources.html"])
    assert shows_placeholder(broken[data.event_href(EVENT)])


# --- Yearly runs -------------------------------------------------------------------------------


def test_every_yearly_series_has_a_value_in_every_year_of_its_run():
    series = rows("series")
    assert coverage.coverage_breaks(series) == []
    assert coverage.YEARLY_RUNS["azn_per_usd_avg"] == (1997, 2024)
    years = {int(r["year"]) for r in series if r["series"] == "azn_per_usd_avg"}
    assert set(range(2010, 2016)) <= years  # the peg and the two devaluations


def test_a_gap_in_a_yearly_run_is_caught_naming_the_missing_years():
    series = [
        r
        for r in rows("series")
        if not (r["series"] == "azn_per_usd_avg" and r["year"] in {"2013", "2014"})
    ]
    breaks = coverage.coverage_breaks(series)
    assert len(breaks) == 1 and "2013, 2014" in breaks[0].message
    assert breaks[0].file == "data/series.csv" and breaks[0].column == "year"


def test_each_yearly_run_is_stated_in_the_codebook():
    codebook = (DATA / "README.md").read_text(encoding="utf-8")
    for series, (first, last) in coverage.YEARLY_RUNS.items():
        line = next(line for line in codebook.splitlines() if line.startswith(f"| `{series}` |"))
        assert f"Every year {first}–{last}" in line, series


def test_the_manat_rows_of_the_devaluation_years_cite_a_source_that_was_read():
    manat = [
        r
        for r in rows("series")
        if r["series"] == "azn_per_usd_avg" and 2010 <= int(r["year"]) <= 2015
    ]
    known = {r["id"]: r for r in rows("sources")}
    assert len(manat) == 6
    for row in manat:
        assert row["source"] in known and known[row["source"]]["standing"] == "research"
        assert "one decimal" in row["unit"] and row["note"]
    assert [float(r["value"]) for r in manat] == [0.8, 0.8, 0.8, 0.8, 0.8, 1.0]

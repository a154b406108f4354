"""Bailey, Strezhnev & Voeten's UN General Assembly ideal points -> ``un_ideal_points.csv``.

The course uses the final-passage estimate (``IdealPointFP``), the only one that reaches 2024,
for the countries below, with the 5 % and 95 % quantiles of its posterior (``Q5FP``, ``Q95FP``),
the band the course reads a change against; each row is checked (its COW code, its own ISO code,
year, estimate, band and vote count) before it reaches the table.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .cells import csv_text, number, raw_label, whole
from .course_links import Problem

#: The countries the UN tables keep: the three South Caucasus states, their large neighbours,
#: Russia's two closest partners, the West's big four, China, and Israel (Baku's arms supplier).
#: Keys are Correlates of War codes (the ideal-point file's ``ccode``); values ISO 3166 alpha-3.
COW_TO_ISO3 = {
    2: "USA",
    200: "GBR",
    220: "FRA",
    255: "DEU",  # Germany since 1990 (the Federal Republic, 260, ends in 1989)
    365: "RUS",  # the Soviet Union before 1992 (COW treats Russia as its continuation)
    369: "UKR",
    370: "BLR",
    371: "ARM",
    372: "GEO",
    373: "AZE",
    630: "IRN",
    640: "TUR",
    666: "ISR",
    705: "KAZ",
    710: "CHN",
}

IDEAL_POINT_YEARS = (1991, 2024)

IDEAL_POINTS_FILE = "unga-ideal-points/IdealpointsJuly2025-course-countries.csv"
IDEAL_POINTS_SOURCE = "dataverse-2025-unga-ideal-points"
#: Final-passage votes only (Bailey, Strezhnev & Voeten's ``IdealPointFP``), and its vote count.
IDEAL_POINT_COLUMN, VOTE_COUNT_COLUMN = "idealpointfp", "nvotesfp"
#: The 5 % and 95 % posterior quantiles of the final-passage estimate: its 90 % band.
BAND_COLUMNS = ("q5fp", "q95fp")
IDEAL_POINTS_COLUMNS = (
    "ccode iso3c countryname year idealpointfp idealpointall idealpointlegacy nvotesfp qofp q5fp "
    "q10fp q50fp q90fp q95fp q100fp nvotesall qoall q5all q10all q50all q90all q95all q100all "
    "nvotesLegacy"
).split()


def read_ideal_points(raw: Path) -> tuple[list[dict], list[Problem]]:
    label = raw_label(IDEAL_POINTS_FILE)
    path = raw / IDEAL_POINTS_FILE
    if not path.is_file():
        return [], [Problem(label, None, None, "missing")]
    problems, rows, seen = [], [], {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != tuple(IDEAL_POINTS_COLUMNS):
            missing = [c for c in IDEAL_POINTS_COLUMNS if c not in (reader.fieldnames or ())]
            return [], [
                Problem(label, 1, ", ".join(missing) or None, "the header is not the file's own")
            ]
        for line, row in enumerate(reader, start=2):
            if not (row["iso3c"] or row[IDEAL_POINT_COLUMN] or row[VOTE_COUNT_COLUMN]):
                continue  # the release's legacy-only rows (one vote, no final-passage estimate)
            bad = []
            ccode = whole(row["ccode"])
            if ccode not in COW_TO_ISO3:
                bad.append(("ccode", f'"{row["ccode"]}" is not a COW code the course maps'))
            elif row["iso3c"] != COW_TO_ISO3[ccode]:
                bad.append(("iso3c", f'"{row["iso3c"]}" but COW {ccode} is {COW_TO_ISO3[ccode]}'))
            year = whole(row["year"])
            if year is None or not IDEAL_POINT_YEARS[0] <= year <= IDEAL_POINT_YEARS[1]:
                bad.append(("year", f'"{row["year"]}" is not a year in {IDEAL_POINT_YEARS}'))
            if number(row[IDEAL_POINT_COLUMN]) is None:
                bad.append((IDEAL_POINT_COLUMN, f'"{row[IDEAL_POINT_COLUMN]}" is not a number'))
            low, high = (number(row[c]) for c in BAND_COLUMNS)
            for column, value in zip(BAND_COLUMNS, (low, high), strict=True):
                if value is None:
                    bad.append((column, f'"{row[column]}" is not a number'))
            point = number(row[IDEAL_POINT_COLUMN])
            if None not in (low, high, point) and not low <= point <= high:
                bad.append(
                    (BAND_COLUMNS[0], f"the band {low}..{high} does not hold the estimate {point}")
                )
            votes = whole(row[VOTE_COUNT_COLUMN])
            if votes is None or votes < 1:
                bad.append(
                    (VOTE_COUNT_COLUMN, f'"{row[VOTE_COUNT_COLUMN]}" is not a count of votes')
                )
            key = (ccode, year)
            if not bad and key in seen:
                bad.append(
                    ("year", f"a second row for {row['iso3c']} {year} (first: row {seen[key]})")
                )
            problems += [Problem(label, line, column, text) for column, text in bad]
            if not bad:
                seen[key] = line
                rows.append(row)
    return rows, problems


def ideal_points_table(rows: list[dict]) -> str:
    out = [
        [
            COW_TO_ISO3[whole(r["ccode"])],
            whole(r["year"]),
            f"{float(r[IDEAL_POINT_COLUMN]):.4f}",
            f"{float(r[BAND_COLUMNS[0]]):.4f}",
            f"{float(r[BAND_COLUMNS[1]]):.4f}",
            whole(r[VOTE_COUNT_COLUMN]),
            IDEAL_POINTS_SOURCE,
        ]
        for r in rows
    ]
    out.sort(key=lambda r: (r[0], r[1]))
    return csv_text(
        [
            "country",
            "year",
            "ideal_point",
            "ideal_point_q5",
            "ideal_point_q95",
            "n_votes",
            "source",
        ],
        out,
    )

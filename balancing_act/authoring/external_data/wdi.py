"""Four World Bank WDI indicators for Azerbaijan, Armenia and Georgia -> ``indicators.csv``.

Each extract is the World Bank's own CSV download cut to three countries' rows, byte for byte;
its 'Last Updated Date' line is the vintage the table carries, so a file without one is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cells import csv_text, number, raw_label, records, short, whole
from .course_links import Problem

WDI_COUNTRIES = ("ARM", "AZE", "GEO")

#: The WDI extracts: file, WDI code, the course's indicator code, unit and source id. Each file
#: states its vintage in its 'Last Updated Date' line.
WDI_INDICATORS = (
    {
        "file": "wdi/API_BX.TRF.PWKR.DT.GD.ZS_DS2_en_csv_v2_3686014-south-caucasus.csv",
        "code": "BX.TRF.PWKR.DT.GD.ZS",
        "indicator": "remittances_pct_gdp",
        "unit": "% of GDP",
        "source": "worldbank-2022-wdi-remittances",
    },
    {
        "file": "wdi/API_NY.GDP.PETR.RT.ZS_DS2_en_csv_v2_5363502-south-caucasus.csv",
        "code": "NY.GDP.PETR.RT.ZS",
        "indicator": "oil_rents_pct_gdp",
        "unit": "% of GDP",
        "source": "worldbank-2023-wdi-oil-rents",
    },
    {
        "file": "wdi/API_TX.VAL.FUEL.ZS.UN_DS2_en_csv_v2_6302702-south-caucasus.csv",
        "code": "TX.VAL.FUEL.ZS.UN",
        "indicator": "fuel_exports_pct_merchandise_exports",
        "unit": "% of merchandise exports",
        "source": "worldbank-2023-wdi-fuel-exports",
    },
    {
        "file": "wdi/API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2-south-caucasus.csv",
        "code": "NY.GDP.MKTP.KD.ZG",
        "indicator": "gdp_growth_annual_pct",
        "unit": "% on the previous year",
        "source": "worldbank-2025-wdi-gdp-growth",
    },
)
WDI_HEAD = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")


def read_wdi(
    raw: Path, spec: dict
) -> tuple[list[tuple[str, int, float]], str | None, list[Problem]]:
    """(country, year, value) for each filled cell, the file's vintage, and problems."""
    label = raw_label(spec["file"])
    path = raw / spec["file"]
    if not path.is_file():
        return [], None, [Problem(label, None, None, "missing")]
    text = path.read_bytes().decode("utf-8-sig")
    problems, values, vintage, years = [], [], None, None
    for line, fields, _ in records(text):
        if fields[:1] == ["Last Updated Date"]:
            vintage = fields[1]
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", vintage):
                problems.append(Problem(label, line, None, f'"{vintage}" is not a date'))
            continue
        if tuple(fields[:4]) == WDI_HEAD:
            years = fields[4:]
            bad_years = [y for y in years if y and whole(y) is None]
            if bad_years:
                problems.append(Problem(label, line, bad_years[0], "is not a year"))
                return [], vintage, problems
            continue
        if years is None or not any(fields):
            continue
        country, code = fields[1], fields[3]
        if country not in WDI_COUNTRIES:
            problems.append(Problem(label, line, "Country Code", f'"{country}" is not kept'))
            continue
        if code != spec["code"]:
            problems.append(
                Problem(label, line, "Indicator Code", f'"{code}" is not {spec["code"]}')
            )
            continue
        if len(fields) != len(years) + 4:
            problems.append(
                Problem(label, line, None, f"{len(fields)} fields, not {len(years) + 4}")
            )
            continue
        for year, cell in zip(years, fields[4:], strict=True):
            if not year or not cell:
                continue
            value = number(cell)
            if value is None:
                problems.append(Problem(label, line, year, f'the value "{cell}" is not a number'))
            else:
                values.append((country, int(year), value))
    if years is None:
        problems.append(Problem(label, None, None, "has no header row starting 'Country Name'"))
    if vintage is None:
        problems.append(Problem(label, None, None, "states no 'Last Updated Date' (its vintage)"))
    return values, vintage, problems


def indicators_table(parts: list[tuple[dict, list, str]]) -> str:
    out = []
    for spec, values, vintage in parts:
        for country, year, value in values:
            out.append(
                [
                    country,
                    spec["indicator"],
                    year,
                    short(value),
                    spec["unit"],
                    spec["source"],
                    vintage,
                ]
            )
    out.sort(key=lambda r: (r[1], r[0], r[2]))
    return csv_text(["country", "indicator", "year", "value", "unit", "source", "vintage"], out)

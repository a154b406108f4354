"""Yearly series that claim an unbroken run of years, and the years they are missing.

A chart draws a missing year as a straight line between its neighbours, so a gap in a yearly
series hides exactly the years a student is asked about (the manat's yearly average once had no
values for 2010-2015, the devaluation years). The codebook states each run (*Series* in
``data/README.md``); the validator refuses a series with a year missing inside its run.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Yearly series that have a value for every year of their run, first and last year included.
YEARLY_RUNS: dict[str, tuple[int, int]] = {
    "brent_usd_per_bbl": (1991, 2024),
    "azn_per_usd_avg": (1997, 2024),
}


@dataclass(frozen=True)
class Break:
    file: str
    row: int | None
    column: str
    message: str


def missing_years(rows: list[dict[str, str]], series: str, run: tuple[int, int]) -> list[int]:
    """The years of ``run`` (both ends included) for which ``series`` has no row.

    >>> rows = [{"series": "x", "year": "2000"}, {"series": "x", "year": "2002"}]
    >>> missing_years(rows, "x", (2000, 2002))
    [2001]
    """
    present = {
        int(row["year"])
        for row in rows
        if row.get("series") == series and (row.get("year") or "").isdigit()
    }
    first, last = run
    return [year for year in range(first, last + 1) if year not in present]


def coverage_breaks(
    rows: list[dict[str, str]],
    runs: dict[str, tuple[int, int]] | None = None,
    file: str = "data/series.csv",
) -> list[Break]:
    """One break for each yearly series with years missing from its run (empty when none)."""
    breaks = []
    for series, run in (YEARLY_RUNS if runs is None else runs).items():
        missing = missing_years(rows, series, run)
        if missing:
            years = ", ".join(str(year) for year in missing)
            breaks.append(
                Break(
                    file,
                    None,
                    "year",
                    f"'{series}' covers {run[0]}-{run[1]} but has no value for {years}: "
                    "add the years from a source that was read, or say in the codebook "
                    "where the series stops",
                )
            )
    return breaks

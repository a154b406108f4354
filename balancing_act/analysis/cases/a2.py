"""The cases of assignment 2 (oil, money and leverage): whose growth, which years, which changes.

A case fixes four things the tasks read by name:

- ``COUNTRY`` (``COUNTRY_NAME``): the country whose real GDP growth (the World Bank's
  ``gdp_growth_annual_pct``) is set against the Brent price in Task 3. Azerbaijan, the oil
  exporter, is the course's own; Armenia and Georgia earn almost nothing from oil (their oil
  rents are about 0 % of GDP in the course's World Bank indicators), so their correlation is the
  comparison that tests what Azerbaijan's shows;
- ``LATER_FROM``: the first year of the later window of Task 3 (``r_later``);
- ``REMIT_BASE``, ``REMIT_FIRST``, ``REMIT_SECOND``: the base year and the two later years of
  the fall in money sent home from Russia to Azerbaijan (Task 2);
- ``RATE_FROM``, ``RATE_TO``: the two year-ends between which the manat's rate changed (Task 5).

A case is kept only where the data answer every task: the country has growth for every year of
Brent's, the later window holds at least ten of the shared years, every remittance year has a
value and both changes are falls, and both year-end rates exist with the dollar dearer at the
later one (as after the 2015 devaluations).

>>> first = cases()[0]
>>> first.key, first["COUNTRY"], first["LATER_FROM"], first["REMIT_BASE"], first["RATE_TO"]
('azerbaijan-2010', 'AZE', 2010, 2014, 2015)
>>> [case.key for case in cases()][1:3]
['azerbaijan-2005', 'armenia-2010']
"""

from __future__ import annotations

from functools import cache

from ..indicators import indicator_values
from . import Case

ASSIGNMENT = "a2-oil-money-leverage"

COUNTRY_NAMES = {"AZE": "Azerbaijan", "ARM": "Armenia", "GEO": "Georgia"}

#: (country, later window from, remittances: base, first, second year, manat: from, to year-end)
#: The first is the course's own case. Two cases of one country differ in every other answer.
CANDIDATES = (
    ("AZE", 2010, (2014, 2015, 2016), (2014, 2015)),
    ("AZE", 2005, (2013, 2015, 2017), (2014, 2016)),
    ("ARM", 2010, (2013, 2015, 2016), (2015, 2016)),
    ("ARM", 2014, (2014, 2016, 2017), (2014, 2017)),
    ("GEO", 2010, (2012, 2015, 2016), (2014, 2016)),
    ("GEO", 2005, (2014, 2015, 2017), (2015, 2017)),
)

MIN_LATER_YEARS = 10


def _by_year(name: str):
    from ...tables.load import one_series

    return one_series(name).set_index("first_year")["value"]


def _answerable(country, later_from, remit, rate) -> bool:
    brent = _by_year("brent_usd_per_bbl")
    growth = indicator_values("gdp_growth_annual_pct", [country]).set_index("year")["value"]
    shared = sorted(set(brent.index[1:]) & set(growth.dropna().index))
    if not set(brent.index[1:]) <= set(shared):
        return False
    later = [year for year in shared if year >= later_from]
    if len(later) < MIN_LATER_YEARS or later_from <= shared[0]:
        return False
    sent = _by_year("remittances_from_russia_usd_m").dropna()
    base, first, second = remit
    if not (base < first < second and {base, first, second} <= set(sent.index)):
        return False
    if not (sent[first] < sent[base] and sent[second] < sent[base]):
        return False
    yearend = _by_year("azn_per_usd_yearend").dropna()
    start, end = rate
    return start < end and {start, end} <= set(yearend.index) and yearend[end] > yearend[start]


@cache
def cases() -> tuple[Case, ...]:
    """The cases of assignment 2 the data can answer, the course's own first."""
    kept = []
    for country, later_from, remit, rate in CANDIDATES:
        if not _answerable(country, later_from, remit, rate):
            continue
        name = COUNTRY_NAMES[country]
        base, first, second = remit
        start, end = rate
        words = (
            f"growth in {name}, later years from {later_from}; money sent from Russia to "
            f"Azerbaijan, {base} to {first} and {second}; the manat, end-{start} to end-{end}"
        )
        names = {
            "COUNTRY": country,
            "COUNTRY_NAME": name,
            "LATER_FROM": later_from,
            "REMIT_BASE": base,
            "REMIT_FIRST": first,
            "REMIT_SECOND": second,
            "RATE_FROM": start,
            "RATE_TO": end,
        }
        kept.append(Case(ASSIGNMENT, f"{name.lower()}-{later_from}", words, names))
    return tuple(kept)

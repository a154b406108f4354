"""Every chart the course draws, as the code a lesson cell runs: the unit tests build each one and
read what it draws; the browser test puts each in a cell of a probe notebook in JupyterLab."""

from __future__ import annotations

#: Lines every gallery run starts with (a notebook's first cell).
SETUP = """\
import balancing_act as ba
from balancing_act.charts.comparison import comparison_chart
ba.setup()
events, series, memberships = ba.load_events(), ba.load_series(), ba.load_memberships()
devaluations = events[events["id"].isin(["2015-manat-first-devaluation", "2015-manat-float"])]
"""

#: Name -> the expression a lesson cell evaluates (the lessons' own arguments where they have
#: them). Explorers are widgets: their chart is what the student sees first.
CHARTS = {
    "timeline, all events": "ba.timeline_chart(events)",
    "timeline, 2020-2025": (
        'ba.timeline_chart(events[events["year"] >= 2020], title="The brief meets history", '
        "years=(2020, 2025))"
    ),
    "count by alignment": 'ba.count_chart(events, by="alignment")',
    "count by category": 'ba.count_chart(events, by="category")',
    "region map": "ba.region_map()",
    "memberships 2015": "ba.membership_chart(memberships, 2015)",
    "balance index": "ba.balance_chart(events)",
    "oil and policy, Brent": 'ba.oil_policy_chart(series, events, ["brent_usd_per_bbl"], (1991, 2024))',
    "oil and policy, manat panels": (
        'ba.oil_policy_chart(series, devaluations, ["brent_usd_per_bbl", "azn_per_usd_avg", '
        '"azn_per_usd_yearend"], (1997, 2024), categories=("economy",))'
    ),
    "oil and policy, remittances": (
        'ba.oil_policy_chart(series, events, ["remittances_from_russia_usd_m", '
        '"brent_usd_per_bbl"], (2010, 2017), categories=("economy",))'
    ),
    "series, GDP growth": (
        'ba.series_chart(series, ["gdp_growth_pct"], "Real GDP growth, % on the previous year")'
    ),
    "series, manat year-end": (
        'ba.series_chart(series, ["azn_per_usd_yearend"], '
        '"Manats per US dollar at the end of each year", years=(2010, 2019))'
    ),
    "series, two manat rates": (
        'ba.series_chart(series, ["azn_per_usd_yearend", "azn_per_usd_avg"], '
        '"The manat: yearly average and end of year")'
    ),
    "arms windows, lesson 4": (
        'ba.arms_supplier_chart("Azerbaijan", [(2005, 2009), (2010, 2014), (2014, 2018), '
        "(2016, 2020), (2020, 2023)])"
    ),
    "UN ideal points, five countries": 'ba.ideal_point_chart(["AZE", "ARM", "GEO", "RUS", "USA"])',
    "two countries compared": 'comparison_chart("distance_to_rus", "AZE", "ARM")',
    "UN ideal points": "ba.ideal_point_chart()",
    "UN vote agreement": "ba.vote_agreement_chart()",
    "arms suppliers": "ba.arms_supplier_chart()",
    "indicator, remittances": 'ba.indicator_chart("remittances_pct_gdp")',
    "indicator, oil rents": 'ba.indicator_chart("oil_rents_pct_gdp")',
    "self-check progress": "ba.progress()",
}

#: The explorers the lessons open (widgets; in JupyterLab each draws its chart).
EXPLORERS = {
    "timeline explorer": 'ba.timeline_explorer(years=(1991, 2007), categories=["energy"])',
    "balance explorer": "ba.balance_explorer()",
    "membership explorer": "ba.membership_explorer(year=1994)",
    "oil and policy explorer": "ba.oil_policy_explorer()",
    "claim explorer": 'ba.claim_explorer("C10")',
    "comparison explorer": "ba.comparison_explorer()",
    "partner explorer": "ba.partner_explorer()",
}


def build(expression: str):
    """The chart (or widget) ``expression`` makes, with the gallery's tables in scope."""
    scope: dict = {}
    exec(SETUP, scope)  # noqa: S102 - the gallery's own fixed code
    return eval(expression, scope)  # noqa: S307

"""The rubrics' common mistakes, each caught by a visible test with a message that teaches.

Each mistake replaces one answer cell of the instructor's solution; the visible test of that
task must then fail with its own message (not a NameError, not the hidden answer). The tests
run as the grader runs them: set-up cells from the release, answers, then the test cell.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import warnings

import nbformat
import pytest

from balancing_act.grading.assignment import grade_id, is_answer, is_locked, is_test

from .grading_tools import nbgrader_command, nbgrader_env
from .notebook_tools import ROOT

AFTER_ONLY = """starts = periods["start"].iloc[2:]
close = pd.Series(False, index=events.index)
for start in starts:
    close |= (events["date"] - start).dt.days.between(0, 60)
near_boundary = events[close]"""
BEFORE_ONLY = AFTER_ONLY.replace("between(0, 60)", "between(-60, 0)")
LATE_EVIDENCE = """evidence = events.loc[events["id"].isin(["2008-russia-georgia-war", "2014-unga-crimea-vote",
    "2015-manat-first-devaluation", "2016-april-war-moscow-ceasefire", "2017-btk-railway-opens",
    "2020-trilateral-ceasefire-russian-peacekeepers"]), ["id", "date", "title"]].reset_index(drop=True)
evidence["claim"] = "C5\""""

PIVOT = (
    'pivot = pd.crosstab(events["period"], events["alignment"])\n'
    'PARTNER_COLUMNS = ["to_russia", "to_west", "to_turkey", "to_iran", "to_israel", "to_china"]'
)
PARTNER_BY_ROW = """def partner_total(events, partner):
    yearly = events[f"to_{partner}"].groupby(events["year"]).sum()
    all_years = range(int(events["year"].min()), int(events["year"].max()) + 1)
    return yearly.reindex(all_years, fill_value=0).cumsum()

my_partner_total = partner_total(events, PARTNER)"""
PARTNER_NO_CUMSUM = """def partner_total(events, partner):
    column = f"to_{partner}"
    steps = events[events[column].notna()].groupby("episode")[column].sum().clip(-1, 1)
    first_year = events.groupby("episode")["date"].min().dt.year
    yearly = steps.groupby(first_year.reindex(steps.index)).sum()
    all_years = range(int(events["year"].min()), int(events["year"].max()) + 1)
    return yearly.reindex(all_years, fill_value=0)

my_partner_total = partner_total(events, PARTNER)"""

RECODE = """mine = {i: {} for i in TO_RECODE}
mine["2018-caspian-convention"] = {"to_russia": 1, "to_iran": 1}
my_codes = pd.DataFrame([{"id": i, **mine[i]} for i in TO_RECODE]).reindex(columns=["id", *PARTNERS])
course = events.set_index("id").loc[my_codes["id"], PARTNERS]
mine_cells = my_codes.set_index("id")[PARTNERS].fillna(0).to_numpy().ravel()
course_cells = course.fillna(0).to_numpy().ravel()
agreement = float((mine_cells == course_cells).mean())
kappa = cohens_kappa(list(mine_cells), list(course_cells))"""
RECODE_ZEROS = RECODE.replace(
    '.reindex(columns=["id", *PARTNERS])', '.reindex(columns=["id", *PARTNERS]).fillna(0)'
)
RECODE_NAN_DISAGREES = RECODE.replace(
    "agreement = float((mine_cells == course_cells).mean())",
    "agreement = float((my_codes.set_index('id')[PARTNERS].to_numpy() == course.to_numpy()).mean())",
)
RECODE_WORDS = RECODE.replace(
    '{"to_russia": 1, "to_iran": 1}', '{"to_russia": "closer", "to_iran": "closer"}'
)

MISTAKES = [
    (
        "a1-periods-timeline",
        "a1-russia",
        'with_russia = events[events["actors"] == "RU"]',
        "exactly 'RU'",
        "filtering on actors equal to `RU` instead of RU among several actors",
    ),
    (
        "a1-periods-timeline",
        "a1-russia",
        'with_russia = events.loc[events["actors"].str.contains("RU"), ["id", "actors"]]',
        "keep every column",
        "keeping only some columns",
    ),
    (
        "a1-periods-timeline",
        "a1-near",
        AFTER_ONLY,
        "only events after a boundary",
        "60 days after a boundary only",
    ),
    (
        "a1-periods-timeline",
        "a1-near",
        BEFORE_ONLY,
        "only events before a boundary",
        "60 days before a boundary only",
    ),
    (
        "a1-periods-timeline",
        "a1-counts",
        'by_period = events["period"].value_counts()\nby_category = events["category"].value_counts()',
        "earliest first",
        "counts by period in order of size, not of time",
    ),
    (
        "a1-periods-timeline",
        "a1-counts",
        'by_period = events.groupby("period", observed=True).size()\nby_category = events["category"].value_counts().sort_index()',
        "largest category first",
        "categories in alphabetical order",
    ),
    (
        "a1-periods-timeline",
        "a1-pivot",
        'pivot = pd.crosstab(events["period"], events["alignment"], margins=True)',
        "no totals",
        "a totals row and column (`margins=True`)",
    ),
    (
        "a1-periods-timeline",
        "a1-pivot",
        'pivot = pd.crosstab(events["alignment"], events["period"])',
        "one row per period",
        "the table the wrong way round",
    ),
    (
        "a1-periods-timeline",
        "a1-pivot",
        PIVOT + '\npartner_net = events.groupby("period", observed=True)[PARTNER_COLUMNS].sum()',
        "not 'to_russia'",
        "partner columns left named `to_russia` and so on",
    ),
    (
        "a1-periods-timeline",
        "a1-pivot",
        PIVOT
        + '\npartner_net = events.groupby("period", observed=True)[PARTNER_COLUMNS].count()'
        + '\npartner_net.columns = [c.removeprefix("to_") for c in PARTNER_COLUMNS]',
        "minus those coded -1",
        "rows bearing on a partner counted, not closer minus further",
    ),
    (
        "a1-periods-timeline",
        "a1-classify",
        'def classify(row):\n    return str(row["alignment"])\n\nclasses = events.apply(classify, axis=1)\n'
        'agreement = float((classes == events["alignment"].astype(str)).mean())\nkappa = 1.0',
        "one of the course's codes",
        "a rule that reads the alignment code itself",
    ),
    (
        "a1-periods-timeline",
        "a1-classify",
        'def classify(row):\n    return "neutral" if row["category"] == "domestic" else "toward_west"\n\n'
        "classes = events.apply(classify, axis=1)\n"
        'agreement = 100 * float((classes == events["alignment"].astype(str)).mean())\n'
        'kappa = cohens_kappa(list(classes), list(events["alignment"].astype(str)))',
        "not as a percentage",
        "the agreement given as a percentage",
    ),
    (
        "a1-periods-timeline",
        "a1-classify",
        'def classify(row):\n    return "neutral" if row["category"] == "domestic" else "west"\n\n'
        "classes = events.apply(classify, axis=1)\n"
        'agreement = float((classes == events["alignment"].astype(str)).mean())\n'
        'kappa = cohens_kappa(list(classes), list(events["alignment"].astype(str)))',
        "four alignment codes",
        "a rule that returns its own labels, not the alignment codes",
    ),
    (
        "a1-periods-timeline",
        "a1-classify",
        'def classify(row):\n    return "neutral" if row["category"] == "domestic" else "toward_west"\n\n'
        "classes = events.apply(classify, axis=1)\n"
        'agreement = float((classes == events["alignment"].astype(str)).mean())\nkappa = agreement',
        "corrects that share",
        "kappa taken to be the share agreeing",
    ),
    (
        "a2-oil-money-leverage",
        "a2-brent",
        'brent_change = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"].diff()',
        "change in dollars",
        "the change in dollars (`diff`) instead of per cent",
    ),
    (
        "a2-oil-money-leverage",
        "a2-brent",
        'brent_change = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"].pct_change()',
        "not as a fraction",
        "a fraction instead of a percentage",
    ),
    (
        "a2-oil-money-leverage",
        "a2-brent",
        '_p = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\nbrent_change = 100 * _p.diff() / _p',
        "divided by this year",
        "dividing by this year's price instead of last year's",
    ),
    (
        "a2-oil-money-leverage",
        "a2-brent",
        'brent_change = ba.one_series("brent_usd_per_bbl")["value"].pct_change() * 100',
        "not by row number",
        "indexing by row number instead of by year",
    ),
    (
        "a2-oil-money-leverage",
        "a2-remit",
        'remit = ba.one_series("remittances_from_russia_usd_m").set_index("first_year")["value"]\nremit_change_first = 100 * (remit[2015] - remit[2014]) / remit[2014]\nremit_change_second = 100 * (remit[2016] - remit[2015]) / remit[2015]',
        "measured the 2016 change from 2015",
        "the wrong base year (2016 measured from 2015)",
    ),
    (
        "a2-oil-money-leverage",
        "a2-remit",
        'remit = ba.one_series("remittances_from_russia_usd_m").set_index("first_year")["value"]\nremit_change_first = (remit[2015] - remit[2014]) / remit[2014]\nremit_change_second = (remit[2016] - remit[2014]) / remit[2014]',
        "not as a fraction",
        "a fraction instead of a percentage",
    ),
    (
        "a2-oil-money-leverage",
        "a2-remit",
        'remit = ba.one_series("remittances_from_russia_usd_m").set_index("first_year")["value"]\nremit_change_first = remit.pct_change() * 100\nremit_change_second = 0.0',
        "one number, not a Series",
        "a whole Series where one number is asked for",
    ),
    (
        "a2-oil-money-leverage",
        "a2-remit",
        'remit = ba.one_series("remittances_from_russia_usd_m").set_index("first_year")["value"]\nremit_change_first = 100 * (remit[2015] - remit[2014]) / remit[2015]\nremit_change_second = 100 * (remit[2016] - remit[2014]) / remit[2014]',
        "divided by the 2015 value",
        "dividing by the later year",
    ),
    (
        "a2-oil-money-leverage",
        "a2-corr",
        'brent = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\ngdp = ba.indicator_values("gdp_growth_annual_pct", ["AZE"]).set_index("year")["value"]\nboth = pd.concat({"brent": brent, "brent_change": brent_change, "gdp": gdp}, axis=1, join="inner").dropna().loc[2010:]\nr_all = both["brent"].corr(both["gdp"])\nr_later = r_all + 0.01\nr_change = both["brent_change"].corr(both["gdp"])',
        "not only those from 2010",
        "rows lost: the years before 2010 dropped from `both`",
    ),
    (
        "a2-oil-money-leverage",
        "a2-corr",
        'brent = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\ngdp = ba.indicator_values("gdp_growth_annual_pct", ["AZE"]).set_index("year")["value"]\nboth = pd.concat({"brent": brent, "brent_change": brent_change, "gdp": gdp}, axis=1)\nr_all = both["brent"].corr(both["gdp"])\nr_later = both.loc[2010:, "brent"].corr(both.loc[2010:, "gdp"])\nr_change = both["brent_change"].corr(both["gdp"])',
        "no NaN",
        "rows kept where one series has no value",
    ),
    (
        "a2-oil-money-leverage",
        "a2-corr",
        'brent = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\ngdp = ba.one_series("gdp_growth_pct").set_index("first_year")["value"]\nboth = pd.concat({"brent": brent, "brent_change": brent_change, "gdp": gdp}, axis=1, join="inner").dropna()\nr_all = both["brent"].corr(both["gdp"])\nr_later = both.loc[2010:, "brent"].corr(both.loc[2010:, "gdp"])\nr_change = both["brent_change"].corr(both["gdp"])',
        "take gdp from the World Bank",
        "growth from the older series of first reports, with its gaps",
    ),
    (
        "a2-oil-money-leverage",
        "a2-corr",
        'brent = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\ngdp = ba.indicator_values("gdp_growth_annual_pct", ["AZE"]).set_index("year")["value"]\nboth = pd.concat({"brent": brent, "brent_change": brent_change, "gdp": gdp}, axis=1, join="inner").dropna()\nr_all = both["brent"].corr(both["gdp"])\nr_later = both.loc[2010:, "brent"].corr(both.loc[2010:, "gdp"])\nr_change = r_all',
        "not its level",
        "the correlation on the price level given for the change",
    ),
    (
        "a2-oil-money-leverage",
        "a2-corr",
        'brent = ba.one_series("brent_usd_per_bbl").set_index("first_year")["value"]\ngdp = ba.indicator_values("gdp_growth_annual_pct", ["ARM"]).set_index("year")["value"]\nboth = pd.concat({"brent": brent, "brent_change": brent_change, "gdp": gdp}, axis=1, join="inner").dropna()\nr_all = both["brent"].corr(both["gdp"])\nr_later = both.loc[LATER_FROM:, "brent"].corr(both.loc[LATER_FROM:, "gdp"])\nr_change = both["brent_change"].corr(both["gdp"])',
        "gdp holds Armenia's growth",
        "another country's growth than the case's (copied from a classmate's case, say)",
    ),
    (
        "a2-oil-money-leverage",
        "a2-manat",
        'rate = ba.one_series("azn_per_usd_yearend").set_index("first_year")["value"]\nazn_change = 100 * (rate[2014] / rate[2015] - 1)\nmanat_value_change = -40.0',
        "azn_change should be positive",
        "the two readings of the exchange rate swapped",
    ),
    (
        "a2-oil-money-leverage",
        "a2-manat",
        'rate = ba.one_series("azn_per_usd_yearend").set_index("first_year")["value"]\nazn_change = rate[2015] / rate[2014] - 1\nmanat_value_change = rate[2014] / rate[2015] - 1',
        "not as a fraction",
        "a fraction instead of a percentage",
    ),
    (
        "a3-balance-index",
        "a3-score",
        'score = events["alignment"].astype(str).map({"toward_west": "west", "toward_russia": "russia"}).fillna("none")',
        "holds text",
        "text (`west`) instead of numbers",
    ),
    (
        "a3-balance-index",
        "a3-score",
        'score = events["alignment"].astype(str).map({"toward_west": -1, "toward_russia": 1, "balancing": 0, "neutral": 0})',
        "wrong way round",
        "the signs the wrong way round",
    ),
    (
        "a3-balance-index",
        "a3-score",
        'score = events["alignment"].astype(str).map({"toward_west": 1, "toward_russia": -1})',
        "not NaN",
        "no score for balancing and neutral events (NaN)",
    ),
    (
        "a3-balance-index",
        "a3-weighted",
        'weighted = score * events["category"].astype(str).map({"security": 2.0})',
        "each category gets its weight",
        "categories left without a weight",
    ),
    (
        "a3-balance-index",
        "a3-yearly",
        'yearly = weighted.groupby(events["year"]).sum()\nmy_index = yearly.cumsum()',
        "a year with no events",
        "years without events dropped",
    ),
    (
        "a3-balance-index",
        "a3-yearly",
        'years = range(events["year"].min(), events["year"].max() + 1)\nyearly = weighted.groupby(events["year"]).sum().reindex(years, fill_value=0)\nmy_index = yearly.copy()',
        "running total",
        "the index equal to the yearly scores, not their running total",
    ),
    (
        "a3-balance-index",
        "a3-function",
        "def build_index(events, weights):\n    return ba.balance_index(events, WEIGHTS)",
        "whatever the weights",
        "a function that ignores its `weights` argument",
    ),
    (
        "a3-balance-index",
        "a3-sensitivity",
        'equal = {category: 1.0 for category in WEIGHTS}\nfinal_equal = float(build_index(events, equal)["index"].iloc[-1])\nfinal_raised = float(build_index(events, {**equal, RAISED: 3.0})["index"].iloc[-1])\nsensitivity = final_equal - final_raised',
        "final_raised minus final_equal",
        "the difference taken the wrong way round",
    ),
    (
        "a3-balance-index",
        "a3-partner",
        PARTNER_BY_ROW,
        "counts every row",
        "every row counted, not each episode once",
    ),
    (
        "a3-balance-index",
        "a3-partner",
        PARTNER_NO_CUMSUM,
        "not their running total",
        "each year's steps, not their running total",
    ),
    (
        "a4-claims-evidence",
        "a4-links",
        'links = {k: v.lower() for k, v in {"1999-leaves-collective-security-treaty": "C2", "2005-btc-opened-at-sangachal": "C3", "2010-baku-cancels-us-drills": "C4", "2015-manat-first-devaluation": "C12", "2018-russian-teaching-directive": "C6", "2023-armenia-azerbaijan-direct-joint-statement": "C11"}.items()}',
        "not claim ids",
        "claim ids in lower case (`c3`)",
    ),
    (
        "a4-claims-evidence",
        "a4-paper-or-later",
        'paper_or_later = dict.fromkeys(["S1", "S2", "S3", "S4"], "paper")',
        "same tag",
        "the same tag for every statement (tagging by year)",
    ),
    (
        "a4-claims-evidence",
        "a4-paper-or-later",
        'paper_or_later = {"S1": "Paper", "S2": "Later", "S3": "paper", "S4": "later"}',
        "lower case",
        "tags with capitals (`Paper`)",
    ),
    (
        "a5-policy-memo",
        "a5-evidence",
        LATE_EVIDENCE,
        "after 14 March 2019",
        "evidence dated after the paper",
    ),
    (
        "a5-policy-memo",
        "a5-evidence",
        LATE_EVIDENCE.replace(
            "2020-trilateral-ceasefire-russian-peacekeepers", "2018-pashinyan-elected-pm"
        ).replace('"C5"', '"Baku pacified Moscow"'),
        "claim ids",
        "a claim's text instead of its id",
    ),
    (
        "a5-policy-memo",
        "a5-hindsight",
        'hindsight = events.loc[events["id"].isin(["2019-paris-fm-peace-statement", "2022-allied-interaction-declaration", "2023-karabakh-one-day-offensive", "2025-russian-house-closure"]), ["id", "date", "title"]].reset_index(drop=True)\nhindsight["claim"] = "C8"',
        "from 15 March 2019 on",
        "hindsight events known before the paper",
    ),
    (
        "a5-policy-memo",
        "a5-sources",
        'outside_sources = {"kremlin-2018-sochi-aliyev": "memo", "valiyev-2019-compromise-achieved": "memo", "reuters-2015-manat-devalued": "memo"}',
        "not primary or scholarly",
        "a news report given as an outside source",
    ),
    (
        "a5-policy-memo",
        "a5-sources",
        'outside_sources = {"kremlin-2018-sochi-aliyev": "memo", "broers-2021-anatomy-of-a-rivalry": "memo"}',
        "came out after 14 March 2019",
        "a source published after the paper used in the memo",
    ),
    (
        "a6-measuring-the-balance",
        "a6-distance",
        'wide = points.pivot(index="year", columns="country", values="ideal_point")\ndistance_to_russia = (wide["AZE"] - wide["RUS"]).dropna()',
        "never negative",
        "the signed difference instead of the distance",
    ),
    (
        "a6-measuring-the-balance",
        "a6-distance",
        'wide = points.pivot(index="year", columns="country", values="ideal_point")\ndistance_to_russia = (wide["AZE"] - wide["USA"]).abs().dropna()',
        "distance to the United States",
        "the distance to Washington instead of Moscow",
    ),
    (
        "a6-measuring-the-balance",
        "a6-moves",
        'rows = points.set_index(["country", "year"])\nwidth = lambda c, y: rows.loc[(c, y), "ideal_point_q95"] - rows.loc[(c, y), "ideal_point_q5"]\ncountry_move = float(rows.loc[("AZE", 2019), "ideal_point"] - rows.loc[("AZE", 2024), "ideal_point"])\nmoscow_move = float(rows.loc[("RUS", 2019), "ideal_point"] - rows.loc[("RUS", 2024), "ideal_point"])\ncountry_noise = 0.5 * (width("AZE", 2019) ** 2 + width("AZE", 2024) ** 2) ** 0.5\nmoscow_noise = 0.5 * (width("RUS", 2019) ** 2 + width("RUS", 2024) ** 2) ** 0.5\nmoved = {"RUS"}',
        "2024 minus 2019",
        "the moves taken the wrong way round (2019 minus 2024)",
    ),
    (
        "a6-measuring-the-balance",
        "a6-moves",
        'rows = points.set_index(["country", "year"])\nwidth = lambda c, y: rows.loc[(c, y), "ideal_point_q95"] - rows.loc[(c, y), "ideal_point_q5"]\ncountry_move = float(rows.loc[("AZE", 2024), "ideal_point"] - rows.loc[("AZE", 2019), "ideal_point"])\nmoscow_move = float(rows.loc[("RUS", 2024), "ideal_point"] - rows.loc[("RUS", 2019), "ideal_point"])\ncountry_noise = 0.5 * (width("AZE", 2019) ** 2 + width("AZE", 2024) ** 2) ** 0.5\nmoscow_noise = 0.5 * (width("RUS", 2019) ** 2 + width("RUS", 2024) ** 2) ** 0.5\nmoved = {c for c, m in [("AZE", country_move), ("RUS", moscow_move)] if m != 0}',
        "a change inside the noise is no change",
        "every change counted as a move, whatever its size",
    ),
    (
        "a6-measuring-the-balance",
        "a6-moves",
        'rows = points.set_index(["country", "year"])\nwidth = lambda c, y: rows.loc[(c, y), "ideal_point_q95"] - rows.loc[(c, y), "ideal_point_q5"]\ncountry_move = float(rows.loc[("AZE", 2024), "ideal_point"] - rows.loc[("AZE", 2019), "ideal_point"])\nmoscow_move = float(rows.loc[("RUS", 2024), "ideal_point"] - rows.loc[("RUS", 2019), "ideal_point"])\ncountry_noise = float(width("AZE", 2024))\nmoscow_noise = float(width("RUS", 2024))\nmoved = {c for c, m, n in [("AZE", country_move, country_noise), ("RUS", moscow_move, moscow_noise)] if abs(m) > n}',
        "width of one year's band",
        "one year's band width taken for the noise of a change",
    ),
    (
        "a6-measuring-the-balance",
        "a6-agreement",
        "agreement = pd.Series({p: ba.vote_agreement('AZE', 'RUS', (int(s['first_year']), int(s['last_year']))) for p, s in SPANS.iloc[:3].iterrows()})\nsplit = ba.issue_agreement('AZE', 'USA')\nusa_without_palestine = 100 * split[split['issue'] == 'all but palestinian_conflict'].set_index('window')['agreement']",
        "not as a fraction",
        "a fraction instead of a percentage",
    ),
    (
        "a6-measuring-the-balance",
        "a6-agreement",
        "agreement = pd.Series({p: 100 * ba.vote_agreement('AZE', 'USA', (int(s['first_year']), int(s['last_year']))) for p, s in SPANS.iloc[:3].iterrows()})\nsplit = ba.issue_agreement('AZE', 'USA')\nusa_without_palestine = 100 * split[split['issue'] == 'all but palestinian_conflict'].set_index('window')['agreement']",
        "agreement with the United States",
        "agreement with Washington instead of Moscow",
    ),
    (
        "a6-measuring-the-balance",
        "a6-agreement",
        "agreement = pd.Series({p: 100 * ba.vote_agreement('AZE', 'RUS', (int(s['first_year']), int(s['last_year']))) for p, s in SPANS.iloc[:3].iterrows()})\nsplit = ba.issue_agreement('AZE', 'USA')\nusa_without_palestine = 100 * split[split['issue'] == 'all'].set_index('window')['agreement']",
        "the Palestine ones kept",
        "agreement with Washington with the Palestine roll calls kept",
    ),
    (
        "a6-measuring-the-balance",
        "a6-agreement",
        "agreement = pd.Series({p: 100 * ba.vote_agreement('AZE', 'RUS', (int(s['first_year']), min(int(s['last_year']), 2019))) for p, s in SPANS.iloc[:3].iterrows()})\nagreement['after_brief'] = float('nan')\nsplit = ba.issue_agreement('AZE', 'USA')\nusa_without_palestine = 100 * split[split['issue'] == 'all but palestinian_conflict'].set_index('window')['agreement']",
        "one row per period with roll calls",
        "the period after the brief kept, with no roll calls",
    ),
    (
        "a6-measuring-the-balance",
        "a6-arms",
        "supplier_share, window_tiv, leaders = {}, {}, {}\nfor first, last in WINDOWS:\n    shares = ba.arms_supplier_shares('Azerbaijan', (first, last))\n    label = f'{first}-{last}'\n    if (shares['supplier'] == 'Russia').any():\n        supplier_share[label] = float(shares.loc[shares['supplier'] == 'Russia', 'share'].sum())\n    window_tiv[label] = float(shares['total_tiv'].iloc[0])\n    leaders[label] = shares['supplier'].iloc[0]\nsupplier_share, window_tiv, leaders = pd.Series(supplier_share), pd.Series(window_tiv), pd.Series(leaders)",
        "gets 0, not a missing row",
        "windows without the supplier's deliveries left out",
    ),
    (
        "a6-measuring-the-balance",
        "a6-arms",
        "supplier_share, window_tiv, leaders = {}, {}, {}\nfor first, last in WINDOWS:\n    shares = ba.arms_supplier_shares('Azerbaijan', (first, last))\n    label = f'{first}-{last}'\n    supplier_share[label] = float(shares.loc[shares['supplier'] == 'Russia', 'share'].sum()) / 100\n    window_tiv[label] = float(shares['total_tiv'].iloc[0])\n    leaders[label] = shares['supplier'].iloc[0]\nsupplier_share, window_tiv, leaders = pd.Series(supplier_share), pd.Series(window_tiv), pd.Series(leaders)",
        "not as a fraction",
        "shares as fractions instead of per cent",
    ),
    (
        "a6-measuring-the-balance",
        "a6-arms",
        "supplier_share, window_tiv, leaders = {}, {}, {}\nfor first, last in WINDOWS:\n    shares = ba.arms_supplier_shares('Azerbaijan', (first, last))\n    label = f'{first}-{last}'\n    supplier_share[label] = float(shares.loc[shares['supplier'] == 'Russia', 'share'].sum())\n    window_tiv[label] = float(shares['share'].iloc[0])\n    leaders[label] = shares['supplier'].iloc[0]\nsupplier_share, window_tiv, leaders = pd.Series(supplier_share), pd.Series(window_tiv), pd.Series(leaders)",
        "not shares in per cent",
        "shares given for the volumes",
    ),
    (
        "a6-measuring-the-balance",
        "a6-parting",
        "net = ba.balance_index(events).set_index('year')['net']\nbaku = points[points['country'] == 'AZE'].set_index('year')['ideal_point']\nindex_change, ideal_change, ideal_noise = {}, {}, {}\nfor p, s in SPANS.iterrows():\n    first, last = int(s['first_year']), int(s['last_year'])\n    index_change[p] = float(net.loc[first:last].sum())\n    before = baku.loc[:first - 1]\n    start = before.index[-1] if len(before) else baku.loc[first:last].index[0]\n    j = ba.judge_change('AZE', int(start), int(baku.loc[first:last].index[-1]))\n    ideal_change[p], ideal_noise[p] = j['change'], j['noise']\nindex_change, ideal_change, ideal_noise = pd.Series(index_change), pd.Series(ideal_change), pd.Series(ideal_noise)\nlevels = ba.balance_index(events).set_index('year')['index']\nindex_change = pd.Series({p: float(levels.loc[int(s['last_year'])]) for p, s in SPANS.iterrows()})\nquiet = {p for p in SPANS.index if abs(ideal_change[p]) <= ideal_noise[p]}\nparting = {p for p in SPANS.index if p not in quiet and index_change[p] * ideal_change[p] < 0}",
        "level at the end of each period",
        "the index's level instead of its change over the period",
    ),
    (
        "a6-measuring-the-balance",
        "a6-parting",
        "net = ba.balance_index(events).set_index('year')['net']\nbaku = points[points['country'] == 'AZE'].set_index('year')['ideal_point']\nindex_change, ideal_change, ideal_noise = {}, {}, {}\nfor p, s in SPANS.iterrows():\n    first, last = int(s['first_year']), int(s['last_year'])\n    index_change[p] = float(net.loc[first:last].sum())\n    before = baku.loc[:first - 1]\n    start = before.index[-1] if len(before) else baku.loc[first:last].index[0]\n    j = ba.judge_change('AZE', int(start), int(baku.loc[first:last].index[-1]))\n    ideal_change[p], ideal_noise[p] = j['change'], j['noise']\nindex_change, ideal_change, ideal_noise = pd.Series(index_change), pd.Series(ideal_change), pd.Series(ideal_noise)\nquiet = {p for p in SPANS.index if abs(ideal_change[p]) <= ideal_noise[p]}\nparting = [p for p in SPANS.index if p not in quiet and index_change[p] * ideal_change[p] < 0]",
        "sets of period keys",
        "a list instead of a set",
    ),
    (
        "a6-measuring-the-balance",
        "a6-parting",
        "net = ba.balance_index(events).set_index('year')['net']\nbaku = points[points['country'] == 'AZE'].set_index('year')['ideal_point']\nindex_change, ideal_change, ideal_noise = {}, {}, {}\nfor p, s in SPANS.iterrows():\n    first, last = int(s['first_year']), int(s['last_year'])\n    index_change[p] = float(net.loc[first:last].sum())\n    before = baku.loc[:first - 1]\n    start = before.index[-1] if len(before) else baku.loc[first:last].index[0]\n    j = ba.judge_change('AZE', int(start), int(baku.loc[first:last].index[-1]))\n    ideal_change[p], ideal_noise[p] = j['change'], j['noise']\nindex_change, ideal_change, ideal_noise = pd.Series(index_change), pd.Series(ideal_change), pd.Series(ideal_noise)\nquiet = set()\nparting = {p for p in SPANS.index if index_change[p] * ideal_change[p] < 0}",
        "no larger in size than its ideal_noise",
        "every change's sign graded, the noise ignored",
    ),
    (
        "a6-measuring-the-balance",
        "a6-parting",
        "net = ba.balance_index(events).set_index('year')['net']\nbaku = points[points['country'] == 'AZE'].set_index('year')['ideal_point']\nindex_change, ideal_change, ideal_noise = {}, {}, {}\nfor p, s in SPANS.iterrows():\n    first, last = int(s['first_year']), int(s['last_year'])\n    index_change[p] = float(net.loc[first:last].sum())\n    before = baku.loc[:first - 1]\n    start = before.index[-1] if len(before) else baku.loc[first:last].index[0]\n    j = ba.judge_change('AZE', int(start), int(baku.loc[first:last].index[-1]))\n    ideal_change[p], ideal_noise[p] = j['change'], j['noise']\nindex_change, ideal_change, ideal_noise = pd.Series(index_change), pd.Series(ideal_change), pd.Series(ideal_noise)\nquiet = {p for p in SPANS.index if abs(ideal_change[p]) <= ideal_noise[p]}\nparting = {p for p in SPANS.index if not (p not in quiet and index_change[p] * ideal_change[p] > 0)}",
        "cannot part from the index",
        "every period that does not agree counted as parting, the quiet ones included",
    ),
    (
        "a6-measuring-the-balance",
        "a6-frames",
        'frames = ba.axis_beside_partners(events).set_index("period").loc[list(SPANS.index)]\naxis = frames["single_axis"].astype(float)\nlean = (frames["west"] - frames["russia"]).astype(float)\nsign = lambda x: (float(x) > 0) - (float(x) < 0)\nframes_differ = {p for p in SPANS.index if sign(axis[p]) != sign(lean[p])}\nun_parts = {p for p in SPANS.index if p not in quiet and ideal_change[p] * lean[p] < 0}',
        "counts every row",
        "the partner coding counted by row instead of by episode",
    ),
    (
        "a6-measuring-the-balance",
        "a6-frames",
        'frames = ba.axis_beside_partners(events, by="episode").set_index("period").loc[list(SPANS.index)]\naxis = frames["single_axis"].astype(float)\nlean = (frames["russia"] - frames["west"]).astype(float)\nsign = lambda x: (float(x) > 0) - (float(x) < 0)\nframes_differ = {p for p in SPANS.index if sign(axis[p]) != sign(lean[p])}\nun_parts = {p for p in SPANS.index if p not in quiet and ideal_change[p] * lean[p] < 0}',
        "the West's net minus Russia's",
        "the lean taken the wrong way round (Russia minus the West)",
    ),
    (
        "a6-measuring-the-balance",
        "a6-frames",
        'frames = ba.axis_beside_partners(events, by="episode").set_index("period").loc[list(SPANS.index)]\naxis = frames["single_axis"].astype(float)\nlean = (frames["west"] - frames["russia"]).astype(float)\nsign = lambda x: (float(x) > 0) - (float(x) < 0)\nframes_differ = {p for p in SPANS.index if sign(axis[p]) != sign(lean[p])}\nun_parts = {p for p in SPANS.index if ideal_change[p] * lean[p] < 0}',
        "cannot be in un_parts",
        "the UN change's sign read inside the noise",
    ),
    (
        "a3-balance-index",
        "a3-recode",
        RECODE_ZEROS,
        "not 0",
        "no bearing coded 0 instead of an empty cell",
    ),
    (
        "a3-balance-index",
        "a3-recode",
        RECODE_NAN_DISAGREES,
        "NaN == NaN is False",
        "two empty cells counted as a disagreement",
    ),
    (
        "a3-balance-index",
        "a3-recode",
        RECODE_WORDS,
        "not words",
        "codes written as words",
    ),
]


def _run(assignment, replaced):
    """Set-up, answers (one replaced) and visible tests of ``assignment``, as the grader runs them.
    Returns each visible test's failure message, by grade id (empty for a pass)."""
    notebook = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    # MY_CASE's cell (the student's, without nbgrader metadata) is not run: the first case.
    namespace: dict = {"__name__": "__main__", "MY_CASE": None}
    messages = {}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            gid = grade_id(cell)
            if is_locked(cell):
                exec(cell.source, namespace)
            elif is_answer(cell):
                try:
                    exec(replaced.get(gid, cell.source), namespace)
                except Exception:  # a broken answer cell, as a student's can be
                    pass
            elif is_test(cell) and "BEGIN HIDDEN TESTS" not in cell.source:
                try:
                    exec(cell.source, namespace)
                    messages[gid] = ""
                except Exception as error:
                    messages[gid] = f"{type(error).__name__}: {error}"
    return messages


@pytest.mark.parametrize("assignment", sorted({m[0] for m in MISTAKES}))
def test_the_solution_passes_every_visible_test(assignment):
    assert all(message == "" for message in _run(assignment, {}).values())


@pytest.mark.parametrize(
    ("assignment", "cell", "code", "words", "mistake"), MISTAKES, ids=[m[4] for m in MISTAKES]
)
def test_a_visible_test_catches_the_mistake_with_its_message(
    assignment, cell, code, words, mistake
):
    messages = _run(assignment, {cell: code})
    check = f"{cell}-check"
    assert messages[check].startswith("AssertionError: "), messages[check]
    assert words in messages[check], messages[check]


@pytest.mark.parametrize("assignment", sorted({m[0] for m in MISTAKES}))
def test_the_rubric_lists_the_mistakes_its_visible_tests_catch(assignment):
    rubric = (ROOT / "instructor" / "rubrics" / f"{assignment}.md").read_text(encoding="utf-8")
    for mistake in (m[4] for m in MISTAKES if m[0] == assignment):
        assert mistake in rubric, mistake


def test_every_autograded_task_has_a_mistake_caught():
    for assignment in sorted((ROOT / "solutions").iterdir()):
        notebook = nbformat.read(assignment / f"{assignment.name}.ipynb", as_version=4)
        tasks = {grade_id(c) for c in notebook.cells if is_answer(c) and c.cell_type == "code"}
        covered = {m[1] for m in MISTAKES if m[0] == assignment.name}
        assert tasks <= covered, (assignment.name, tasks - covered)


@pytest.mark.nbgrader
@pytest.mark.parametrize("assignment", sorted(p.name for p in (ROOT / "exercises").iterdir()))
def test_validate_on_a_blank_notebook_says_to_run_the_cells_above(assignment):
    path = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
    done = subprocess.run(
        nbgrader_command("validate", str(path)), capture_output=True, text=True, env=nbgrader_env()
    )
    output = done.stdout + done.stderr
    assert "not defined yet: run the cells above" in output
    assert "NameError" not in output

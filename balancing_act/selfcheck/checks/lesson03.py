"""Self-checks of lesson 03, oil, pipelines and leverage."""

import pandas as pd

from ..judging import Absolute, Exact, Mistake, Number, Pick, Text
from . import Check, Course

LESSON = "03-oil-pipelines-leverage"


def _growth():
    """Azerbaijan's real GDP growth by year, from the World Bank (indicators.csv)."""
    from ...analysis.indicators import indicator_values

    return indicator_values("gdp_growth_annual_pct", ["AZE"]).set_index("year")["value"]


def _both(course):
    brent = course.series("brent_usd_per_bbl")
    return pd.concat(
        {"brent": brent, "brent_change": brent.pct_change() * 100, "gdp_growth": _growth()},
        axis=1,
    ).dropna()


def _r(course, start=None, x="brent"):
    both = _both(course) if start is None else _both(course).loc[start:]
    return float(both[x].corr(both["gdp_growth"]))


def _r_of_dollar_change(course):
    brent = course.series("brent_usd_per_bbl")
    pairs = pd.concat({"change": brent.diff(), "gdp": _growth()}, axis=1).loc[_both(course).index]
    return float(pairs["change"].corr(pairs["gdp"]))


def _year_end(course):
    return course.series("azn_per_usd_yearend")


CHECKS = (
    Check(
        key="l03-steepest-fall",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did the yearly average Brent price fall furthest, in dollars?",
        kind=Number(Exact(), example="such as 1998", whole=True),
        expected=lambda c: int(c.series("brent_usd_per_bbl").diff().idxmin()),
        hints=(
            "Look for the steepest drop on the Brent panel.",
            "brent.diff() gives each year's change from the year before; the most negative is the largest fall.",
        ),
        worked="brent.diff().idxmin() gives the year of the most negative change.",
        explanation="The same year the manat was devalued twice. Try it in per cent with brent.pct_change(): does the answer change?",
        mistakes=(
            Mistake(
                "the largest rise",
                lambda e: int(Course().series("brent_usd_per_bbl").diff().idxmax()),
                "That is the year of the largest rise; look for the largest fall.",
            ),
        ),
    ),
    Check(
        key="l03-manat-times",
        skill="compute",
        lesson=LESSON,
        prompt="How many times more manats did a dollar cost at the end of 2015 than at the end of 2014?",
        kind=Number(Absolute(0.005), example="such as 1.25"),
        expected=lambda c: float(_year_end(c)[2015] / _year_end(c)[2014]),
        hints=(
            "Compare the two year-end values: how many times the first is the second?",
            "'How many times more' is a ratio: the later value divided by the earlier one.",
        ),
        worked="year_end[2015] / year_end[2014], the values indexed by first_year.",
        explanation="Within one year a dollar came to cost about twice as many manats: the manat lost about half its dollar value.",
        mistakes=(
            Mistake(
                "the ratio upside down",
                lambda e: 1 / e,
                "That ratio is upside down: divide the end-2015 value by the end-2014 value.",
            ),
            Mistake(
                "the rise in per cent",
                lambda e: (e - 1) * 100,
                "That is the rise in per cent; the question asks how many times more (a ratio such as 1.25).",
            ),
        ),
    ),
    Check(
        key="l03-correlation-sign",
        skill="read",
        lesson=LESSON,
        prompt="Is the correlation between Brent's level and GDP growth positive or negative?",
        kind=Text(example='"positive" or "negative"', among=("positive", "negative")),
        expected=lambda c: "positive" if _r(c) > 0 else "negative",
        hints=(
            "Look at 'r with the price level' printed above: is it above or below zero?",
            "A positive r means the two tend to rise and fall together.",
        ),
        worked="The printed line starts 'r with the price level: ...': its sign is the answer.",
        explanation="Now ask how strong it is, and whether it survives a different choice of years (below).",
    ),
    Check(
        key="l03-change-r",
        skill="compute",
        lesson=LESSON,
        prompt="What is r between the Brent price's percentage change and GDP growth?",
        kind=Number(Absolute(0.005), example="such as 0.12"),
        expected=lambda c: _r(c, x="brent_change"),
        hints=(
            "The cell above printed two coefficients: which one pairs growth with the price's change?",
            "both['brent_change'].corr(both['gdp_growth']) is the one asked for.",
        ),
        worked="r_change, printed above as 'r with the price's % change'.",
        explanation="Change against change is the fairer pairing for a growth rate; its interval above shows how little the years pin it down.",
        mistakes=(
            Mistake(
                "the correlation on the price level",
                lambda e: _r(Course()),
                "That is r with the price's level; the question asks about its percentage change on the year before.",
            ),
            Mistake(
                "the change in dollars",
                lambda e: _r_of_dollar_change(Course()),
                "That pairs growth with the change in dollars (diff); use the percentage change (pct_change times 100).",
            ),
        ),
    ),
    Check(
        key="l03-window-sign",
        skill="interpret",
        lesson=LESSON,
        prompt="Does the correlation keep the same sign when you start in 2005?",
        kind=Pick(),
        options=(
            "Yes, the same sign",
            "No, the sign changes",
            "It cannot be told from these numbers",
        ),
        expected=lambda c: (
            "Yes, the same sign" if (_r(c) > 0) == (_r(c, 2005) > 0) else "No, the sign changes"
        ),
        hints=(
            "Compare the signs of r and r_2005 printed above.",
            "Only the sign matters here, not the size.",
        ),
        worked="If r and r_2005 are both above zero, or both below, the sign is the same.",
        explanation="A coefficient that changes with the window is a warning: it describes the years chosen, not a law linking oil and growth.",
        option_feedback={
            "It cannot be told from these numbers": "It can: the two coefficients are printed above, and only their signs matter here.",
        },
    ),
)

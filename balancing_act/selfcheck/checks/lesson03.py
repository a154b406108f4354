"""Self-checks of lesson 03, oil, pipelines and leverage."""

import pandas as pd

from ..judging import YEAR, Absolute, Exact, Mistake, Number, Pick, Text
from . import Check, Course, WrittenPrompt

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


BALANCING_WALT = "Balancing, in Walt's sense"
BANDWAGONING = "Bandwagoning"
HEDGING = "Hedging"
BY_DEFAULT = "Drifting 'by default'"

PULL_RIGHT = "Moscow brokered the truce; Western firms led the oil deal"
PULL_SWAPPED = "Western envoys brokered the truce; Russian firms led the oil deal"
PULL_NONE = "Neither pulled: with LUKoil inside, both tied Baku to Moscow"

KEEPS_SIGN = "It keeps its sign: from 2005 dear oil still meant fast growth"
FLIPS_SIGN = "It changes sign: from 2005 the dearest years grew slowly"
CANNOT_SAY = "No way to tell: a plot gives no hint of r before it is computed"

FLAW_OTHER_CAUSES = "It leaves out causes that moved with the price: war's end, more oil"
FLAW_WEAK = "An r this far below 1 shows that oil and growth have no link at all"
FLAW_REVERSED = "The arrow runs the other way: Baku's growth pushed up the world price"
FLAW_WINDOW = "It should start in 2005, once the new fields pumped: then r is clear"

KIND_OPTIONS = {
    "diagnosis": "A diagnosis: it says what happened before 2019",
    "prediction": "A prediction: it says what will or may follow",
    "recommendation": "A recommendation: it says what Baku should do",
}


def _kind_of(course, claim_id):
    return KIND_OPTIONS[str(course.claims.set_index("id").loc[claim_id, "kind"])]


CHECKS = (
    # --- Before we start: from earlier lessons (issue 24's retrieval quiz) ----------------------
    Check(
        key="l03-recall-bandwagoning",
        skill="classify",
        revisits=("01-between-great-powers",),
        lesson=LESSON,
        prompt="A small state joins its threatening neighbour's military alliance for protection: which word fits?",
        kind=Pick(),
        options=(BALANCING_WALT, BANDWAGONING, HEDGING, BY_DEFAULT),
        expected=lambda c: BANDWAGONING,
        hints=(
            "Lesson 1's table of words: which one means siding with the stronger power rather than against it?",
            "Ask two things: which side does the small state join, and does it commit itself?",
        ),
        worked="Joining the threatening side, for protection or reward, is Walt's opposite of balancing against it.",
        explanation="Bandwagoning: aligning with the stronger or threatening power instead of resisting it. "
        "Walt found it the rarer choice. Keep the word in mind for Lessons 4 and 5: a Baku that only "
        "keeps Moscow content is not bandwagoning unless it joins Moscow's side.",
        option_feedback={
            BALANCING_WALT: "Balancing in Walt's sense means lining up against the threat, by arming or by "
            "joining others against it; this state joins the threatening side itself.",
            HEDGING: "Hedging keeps doors open with offsetting steps and commits to no side; joining a "
            "military alliance is a commitment.",
            BY_DEFAULT: "'By default' says how a policy came about (others acted and the options narrowed), "
            "not which side a state took; the question describes a choice of side.",
        },
    ),
    Check(
        key="l03-recall-1994",
        skill="interpret",
        revisits=("02-building-the-balancing-act",),
        lesson=LESSON,
        prompt="Why did the 1994 ceasefire and the 1994 oil contract pull Baku in opposite directions?",
        kind=Pick(),
        options=(PULL_RIGHT, PULL_SWAPPED, PULL_NONE),
        expected=lambda c: PULL_RIGHT,
        hints=(
            "Lesson 2, 'War, ceasefire, and who held the pen': who mediated the May 1994 truce?",
            "Then the contract: which firms led the consortium, and which one was the Russian partner?",
        ),
        worked="The truce came through Russian mediation; the consortium was led by Amoco, BP and other mostly Western firms, with LUKoil among the partners.",
        explanation="The ceasefire left Moscow as the broker Baku depended on over Karabakh, while the "
        "contract brought in Western capital, with Russia kept inside through LUKoil's share: the "
        "first shape of the balancing act, and the start of the oil story this lesson follows.",
        option_feedback={
            PULL_SWAPPED: "That swaps the two: the May 1994 truce was reached through Russian mediation, "
            "and the consortium was led by Western firms.",
            PULL_NONE: "LUKoil's share kept Russia inside the deal, but the consortium's leaders were "
            "Western: the contract anchored Baku westward while the truce left Moscow the broker.",
        },
    ),
    Check(
        key="l03-steepest-fall",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did the yearly average Brent price fall furthest, in dollars?",
        kind=Number(Exact(), example="such as 1998", whole=True, measure=YEAR),
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
        key="l03-cause-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="'r between Brent and growth is positive, so dear oil made the economy grow': the strongest objection?",
        kind=Pick(),
        options=(FLAW_WEAK, FLAW_OTHER_CAUSES, FLAW_REVERSED, FLAW_WINDOW),
        expected=lambda c: FLAW_OTHER_CAUSES,
        hints=(
            "The argument moves from 'rose and fell together' to 'one made the other'. What else happened in the years that make r?",
            "Look at the first scatter: the years at the bottom left are 1992-1995, and the ones at the top 2005-2007. What else set those years apart?",
        ),
        worked="The low years were years of war and Soviet collapse; the boom years were the years the 1994 contract's fields and BTC came on stream. Neither is the price.",
        explanation="A correlation cannot tell a cause from a third factor: war and its end, the break-up of the Soviet economy and the volume of oil pumped all moved with the price in the years that make r. The next paragraphs name them.",
        option_feedback={
            FLAW_WEAK: "A weak r is not no link: a small positive r says the two rose and fell "
            "together a little. The flaw is reading any r, weak or strong, as a cause.",
            FLAW_REVERSED: "Azerbaijan's output is too small a share of the world's to set the Brent "
            "price: it takes the price as given. Reversed cause is a fair question in general, but "
            "not the strongest objection here.",
            FLAW_WINDOW: "Choosing the years that give the answer you want does not answer the "
            "objection: a window needs a reason given before its result is seen, and no window "
            "turns a correlation into a cause.",
        },
    ),
    Check(
        key="l03-window-sign",
        skill="interpret",
        lesson=LESSON,
        prompt="Before running the cell: will the correlation keep the same sign when you start in 2005?",
        kind=Pick(),
        options=(KEEPS_SIGN, FLIPS_SIGN, CANNOT_SAY),
        expected=lambda c: KEEPS_SIGN if (_r(c) > 0) == (_r(c, 2005) > 0) else FLIPS_SIGN,
        hints=(
            "Go back to the first scatter (Brent's level) and look only at the points labelled 2005 and later.",
            "Among those points, do the dearest years (furthest right) sit high or low on growth?",
        ),
        worked="From 2005, the boom years 2005-2007 sit at middling prices, while the dearest oil, 2011-2014 and 2022, came with growth near zero: the cloud falls slightly from left to right.",
        explanation="From 2005 the sign turns slightly negative. A coefficient that changes with the window is a warning: it describes the years chosen, not a law linking oil and growth. Run the cell to see it.",
        option_feedback={
            KEEPS_SIGN: "That assumes a window inherits the slope of the whole series. Find the "
            "labels 2011-2014 on the first scatter: the dearest oil of all, with growth near zero.",
            FLIPS_SIGN: "Look again at the points from 2005 on: do the dearest years sit lower on "
            "growth than the cheaper ones?",
            CANNOT_SAY: "A scatter shows the sign of r before any arithmetic: if the points fall "
            "from left to right, r is negative. Read the labelled points from 2005 on.",
        },
    ),
    Check(
        key="l03-c14-kind",
        skill="classify",
        lesson=LESSON,
        prompt="C14: Baku needs real political and economic reform to stay stable and depend less on Russia. What kind of claim?",
        kind=Pick(),
        options=tuple(KIND_OPTIONS.values()),
        expected=lambda c: _kind_of(c, "C14"),
        hints=(
            "Codebook, 'Claim kinds': a diagnosis says what happened, a prediction what will follow, a recommendation what someone should do.",
            "Find the verb: does C14 describe, forecast, or tell Baku what it needs to do?",
        ),
        worked="ba.load_claims().set_index('id').loc['C14', 'kind'] gives the course's reading; C14's test speaks of the claim being 'followed', not 'borne out'.",
        explanation="C14 is advice: it says what Baku should do, with reasons. C12 beside it is the forecast of what may happen if Baku does not. A recommendation is judged by whether it was followed, and what followed, not by whether it came true.",
        option_feedback={
            KIND_OPTIONS["diagnosis"]: "C14 does rest on a diagnosis of Baku's weakness, but its "
            "verb is 'needs': it tells Baku what to do, not what happened before 2019.",
            KIND_OPTIONS["prediction"]: "Its reasons (to stay stable, to depend less on Russia) "
            "sound like forecasts, but they are the aims of the advice. C12 is the forecast; C14 "
            "says what Baku should do about it.",
            KIND_OPTIONS["recommendation"]: "Read the claim's verb again: is it telling Baku what "
            "to do, or describing or forecasting?",
        },
    ),
)


WRITTEN = (
    WrittenPrompt(
        key="l03-c12-two-steps",
        lesson=LESSON,
        prompt="Claim C12 has two steps: an oil shock hits the state, and the crisis raises Russia's "
        "influence. Which step does this lesson's evidence support better, and what would you need "
        "to see to support the other?",
        criteria=(
            "Separates the two steps of C12 and judges each on its own.",
            "Supports the first step with dated evidence the lesson gives (the 2015 devaluations, the 2016 fall in output, the bank's debt, budgets built on oil).",
            "Says what the lesson shows and lacks for the second step: exposure to Russia is not the same as Russian influence gained because of the shock.",
            "Names evidence that would settle the weaker step, dated and tied to the shock by a source.",
        ),
        model_answer=(
            "The first step is well supported. Brent's largest yearly fall came in 2015, and the "
            "central bank devalued the manat twice that year, in February and December; the first "
            "estimate for 2016 was a fall in output, and in 2017 the largest bank sought court "
            "protection to restructure USD 3.3bn of debt. The second step is much weaker. The lesson "
            "shows exposure to Russia, such as remittances from Russia roughly halving from 2014 to "
            "2015, but no event in which Moscow gained leverage because of the oil shock, and the "
            "Russian gas Baku bought was judged small beside its westward routes. To support the "
            "second step I would need dated concessions by Baku to Moscow, or Russian loans or deals "
            "accepted during the crisis, that sources tie to the slump."
        ),
        min_words=40,
    ),
)

"""Self-checks of lesson 00, start here."""

from ..judging import YEAR, Exact, Mistake, Number, Pick
from . import Check, Course, WrittenPrompt

LESSON = "00-start-here"


def _brent(course):
    return course.series("brent_usd_per_bbl")


def _steepest_falls(course) -> list[int]:
    """The years of the largest falls of the yearly average from the year before, largest first."""
    change = _brent(course).diff().dropna()
    return [int(year) for year in change.sort_values().index]


#: The claim the classify check describes: conditional in form, about Western policy, so it is
#: easy to take for a recommendation.
CLAIM = "C7"
KIND_OPTIONS = (
    "A diagnosis: what had happened by 2019",
    "A prediction: what may follow a course",
    "A recommendation: what should be done",
)
KIND_OF_OPTION = dict(zip(("diagnosis", "prediction", "recommendation"), KIND_OPTIONS, strict=True))

OIL_OPTIONS = (
    "The price falls steeply, to about half",
    "The price climbs to a new record high",
    "The price stays near where it stood",
)


def _claim_kind_option(course) -> str:
    return KIND_OF_OPTION[str(course.claims.set_index("id").loc[CLAIM, "kind"])]


def _oil_option(course) -> str:
    """What the Brent line does from 2014 to 2016, in the words of an option."""
    brent = _brent(course)
    change = (brent.loc[2016] - brent.loc[2014]) / brent.loc[2014]
    if change <= -0.3:
        return OIL_OPTIONS[0]
    if brent.loc[2014:2016].max() > brent.loc[:2013].max():
        return OIL_OPTIONS[1]
    return OIL_OPTIONS[2]


CHECKS = (
    Check(
        key="l00-oil-before-drawn",
        skill="interpret",
        lesson=LESSON,
        prompt=(
            "Before the chart is drawn: Azerbaijan's budget lives on oil, and in 2015 the manat "
            "was devalued twice. What will the Brent line do from 2014 to 2016?"
        ),
        kind=Pick(),
        options=OIL_OPTIONS,
        expected=_oil_option,
        hints=(
            "A country whose budget lives on oil devalues its currency when its oil income shrinks, not when it grows.",
            "Two devaluations in one year point to a change in the price, not a steady one: which way, and how far?",
        ),
        worked="Devaluations in an oil economy follow a fall in the oil price; the question is how far it fell.",
        explanation="Brent's yearly average fell from 2014 to 2016 to less than half its 2014 level: the years in which, on the brief's account, Baku set out to keep Moscow content.",
        option_feedback={
            OIL_OPTIONS[1]: (
                "A record price would have filled Baku's budget and propped up the manat, not forced two devaluations."
            ),
            OIL_OPTIONS[2]: (
                "A flat price would not explain two devaluations in one year: an oil economy's currency follows the price."
            ),
        },
    ),
    Check(
        key="l00-brent-fall",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did the annual average Brent price fall furthest below the year before's?",
        kind=Number(Exact(), example="such as 1999", whole=True, measure=YEAR),
        expected=lambda c: _steepest_falls(c)[0],
        hints=(
            "Find where the line 'Brent crude (yearly average)' drops most steeply from one year to the "
            "next; hover over the points to read each year and its value.",
            "In pandas, brent['value'].diff() gives each year's change from the year before, and "
            ".idxmin() finds the most negative. It gives the row's label, which in this table is a "
            "row number (0, 1, 2...), not a year: read the 'year' on that row with .loc.",
        ),
        worked="brent.loc[brent['value'].diff().idxmin(), 'year'] reads the year on the row with the largest fall.",
        explanation="The yearly average fell by almost half in 2015: the oil shock behind Azerbaijan's two devaluations of that year (Lesson 3).",
        mistakes=(
            Mistake(
                "the fall, not the year",
                lambda e: float(_brent(Course()).diff().min()),
                "That is the size of the fall itself; the question asks for the year in which it happened.",
            ),
            Mistake(
                "the year the slide began",
                lambda e: e - 1,
                "That year's average fell only a little; the big drop in the yearly figures came the year after. Compare each year with the one before.",
            ),
            Mistake(
                "the second-largest fall",
                lambda e: _steepest_falls(Course())[1],
                "That year's fall, after a peak, was large, but not the largest: compare the two drops on the chart.",
            ),
        ),
    ),
    Check(
        key="l00-pacification-trigger",
        skill="recall",
        lesson=LESSON,
        prompt="On the brief's account, which event did most to push Baku toward pacifying Russia?",
        kind=Pick(),
        options=(
            "The 1994 oil contract with Western companies",
            "Russia's annexation of Crimea in 2014",
            "The opening of the Baku-Tbilisi-Ceyhan pipeline",
        ),
        expected=lambda c: "Russia's annexation of Crimea in 2014",
        hints=(
            "Think of the brief's three turns: which of these came after 2008?",
            "The first two turns are about balancing and the West stepping back; the third has a year in its name.",
        ),
        worked="The brief's third turn, the pacification of Russia, starts after a Russian move in 2014.",
        explanation="The brief dates the pacification of Russia above all to the years after Crimea.",
        option_feedback={
            "The 1994 oil contract with Western companies": "The 1994 contract tied Baku to Western companies: part of the balancing act, not of pacifying Moscow.",
            "The opening of the Baku-Tbilisi-Ceyhan pipeline": "BTC (2006) took oil round Russia: it strengthened the balance rather than tilting it toward Moscow.",
        },
    ),
    Check(
        key="l00-claim-kind",
        skill="classify",
        lesson=LESSON,
        prompt=(
            "One of the brief's claims: if Western governments judge Azerbaijan only through a "
            "simple liberal-democratic lens, they may speed up Russia's gains. What kind of claim is it?"
        ),
        kind=Pick(),
        options=KIND_OPTIONS,
        expected=_claim_kind_option,
        hints=(
            "Ask what the claim is about: the past, what may happen, or what someone ought to do.",
            "'If ... they may ...' says what would follow from a course of action; does it say what to do?",
        ),
        worked="The claim says what may follow if the West keeps one approach: it looks ahead, and tells no one what to do.",
        explanation="It is a prediction, though it implies advice: the course tests it by what happened after 2019, not by whether the advice was good.",
        option_feedback={
            KIND_OPTIONS[0]: (
                "It is not about what had happened: 'may speed up' looks ahead to what would follow."
            ),
            KIND_OPTIONS[2]: (
                "It implies advice, but says what may follow a course, not what anyone should do: a recommendation says 'should'."
            ),
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l00-what-would-show-it",
        lesson=LESSON,
        prompt="What would you need to see after 2019 to say the brief's argument was right?",
        criteria=(
            "Names a claim of the brief: that Baku moved toward Moscow by default, to keep it content, not by choice.",
            "Says what evidence would bear on it: acts of Baku's state toward Russia and toward the West, dated after 2019.",
            "Says what evidence would count against it, not only what would confirm it.",
        ),
        model_answer=(
            "The brief says Baku drew closer to Moscow after 2014 because the West stepped back and "
            "Russia had to be kept content, not because Baku wanted it. If that is right, after 2019 "
            "Baku's own acts should go on avoiding offence to Moscow while it keeps its options: "
            "no new Russian-led membership, no break with Western energy partners. A sharp break "
            "with Moscow once Baku no longer needed it, or a step into a Russian-led union, would "
            "count against the argument."
        ),
    ),
)

"""Self-checks of lesson 00, start here."""

from ..judging import Exact, Mistake, Number, Pick
from . import Check, Course, WrittenPrompt

LESSON = "00-start-here"


def _brent(course):
    return course.series("brent_usd_per_bbl")


def _steepest_falls(course) -> list[int]:
    """The years of the largest falls of the yearly average from the year before, largest first."""
    change = _brent(course).diff().dropna()
    return [int(year) for year in change.sort_values().index]


CHECKS = (
    Check(
        key="l00-brent-fall",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did the annual average Brent price fall furthest below the year before's?",
        kind=Number(Exact(), example="such as 1999", whole=True),
        expected=lambda c: _steepest_falls(c)[0],
        hints=(
            "Find where the Brent line drops most steeply from one year to the next; hover over the points to read the values.",
            "Subtract each year's price from the next one's: in pandas, .diff() on the values does it for every year at once.",
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
        skill="interpret",
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

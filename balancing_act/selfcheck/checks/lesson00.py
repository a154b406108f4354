"""Self-checks of lesson 00, start here."""

from ..judging import Exact, Mistake, Number, Pick
from . import Check, Course

LESSON = "00-start-here"


def _brent(course):
    return course.series("brent_usd_per_bbl")


CHECKS = (
    Check(
        key="l00-brent-peak",
        lesson=LESSON,
        prompt="In which year was the yearly average Brent price highest?",
        kind=Number(Exact(), example="such as 1999", whole=True),
        expected=lambda c: int(_brent(c).idxmax()),
        hints=(
            "Look for the highest point of the Brent line in the chart above.",
            "In pandas, .idxmax() on the values gives the label of the largest one.",
        ),
        worked="brent.loc[brent['value'].idxmax(), 'year'] reads the year on the row of the highest value.",
        explanation="The yearly average peaked in the early 2010s, when Baku's oil income was at its height.",
        mistakes=(
            Mistake(
                "the price, not the year",
                lambda e: float(_brent(Course()).max()),
                "That is the price itself; the question asks for the year it was reached.",
            ),
        ),
    ),
    Check(
        key="l00-pacification-trigger",
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

"""Self-checks of lesson 05, pacifying Russia (2014–2019)."""

from ..judging import Absolute, Exact, Mistake, Number, Pick
from . import AS_FRACTION, SIGN_FLIPPED, Check, Course

LESSON = "05-pacifying-russia"
PERIODS = ("balancing", "shift", "pacification", "after_brief")


def _counts(course):
    events = course.events
    return events.groupby(["period", "alignment"], observed=True).size().unstack(fill_value=0)


def _manat(course):
    return course.series("azn_per_usd_yearend")


def _manat_rise(course):
    rate = _manat(course)
    return float((rate[2015] / rate[2014] - 1) * 100)


CHECKS = (
    Check(
        key="l05-russia-count",
        lesson=LESSON,
        prompt="How many events of 2014–2019 are coded toward Russia?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: int(_counts(c).loc["pacification", "toward_russia"]),
        hints=(
            "Read the orange part of the 2014–2019 bar in the chart above.",
            "Keep the events of the pacification period, then count those whose alignment is 'toward_russia'.",
        ),
        worked="pacification = events[events['period'] == 'pacification']; then (pacification['alignment'] == 'toward_russia').sum().",
        explanation="That is more Russia-leaning events than in any other period of the course's data.",
        mistakes=(
            Mistake(
                "the whole period",
                lambda e: int(_counts(Course()).loc["pacification"].sum()),
                "That is every event of 2014–2019; count only those coded toward Russia.",
            ),
            Mistake(
                "toward the West instead",
                lambda e: int(_counts(Course()).loc["pacification", "toward_west"]),
                "That is the count toward the West; this check asks for those toward Russia.",
            ),
        ),
    ),
    Check(
        key="l05-russia-ahead",
        lesson=LESSON,
        prompt="In which period do events coded toward_russia outnumber those coded toward_west?",
        kind=Pick(),
        options=PERIODS,
        expected=lambda c: str(
            _counts(c).index[_counts(c)["toward_russia"] > _counts(c)["toward_west"]][0]
        ),
        hints=(
            "Compare the orange and blue parts of each bar in the chart above.",
            "In only one period is the orange part (toward Russia) taller than the blue (toward the West).",
        ),
        worked="Count both codes per period: events.groupby(['period', 'alignment']).size().unstack(), then compare the two columns.",
        explanation="Only in 2014-2019 does the Russia-leaning count exceed the Western one. Whether that reflects Baku's policy or the choice of events recorded is a fair question.",
    ),
    Check(
        key="l05-crimea-coding",
        lesson=LESSON,
        prompt="How does the course code Azerbaijan's vote for UNGA resolution 68/262?",
        kind=Pick(),
        options=("toward_russia", "toward_west", "balancing", "neutral"),
        expected=lambda c: str(c.event("2014-unga-crimea-vote")["alignment"]),
        hints=(
            "Read the 'alignment' line of the event card above.",
            "Whose text was the resolution, and did Baku vote with it or against it?",
        ),
        worked="The card of 2014-unga-crimea-vote names its alignment; its note says why.",
        explanation="Baku sided with a Western-sponsored text against Moscow, so the vote counts against C5, at least for this one event. You might argue it was really a vote for Baku's own Karabakh principle, which happened to line up with the West.",
        option_feedback={
            "toward_russia": "Russia voted against the resolution; Baku voted for it.",
        },
    ),
    Check(
        key="l05-manat-rise",
        lesson=LESSON,
        prompt="By how many per cent did the dollar's price in manats rise from end-2014 to end-2015?",
        kind=Number(Absolute(0.5), example="in per cent, such as 25"),
        expected=_manat_rise,
        hints=(
            "A rise in per cent compares the change with the starting value: end-2014 is the start.",
            "Divide the 2015 value by the 2014 value, subtract 1 and multiply by 100.",
        ),
        worked=lambda c: (
            f"End-2014: {_manat(c)[2014]:.4f} manats per dollar; end-2015: {_manat(c)[2015]:.4f}. "
            "Now (2015 value / 2014 value - 1) * 100."
        ),
        explanation="The dollar cost about twice as many manats at the end of 2015: savings and imports priced in dollars doubled in cost within ten months.",
        mistakes=(
            AS_FRACTION,
            SIGN_FLIPPED,
            Mistake(
                "the ratio, not the rise",
                lambda e: e / 100 + 1,
                "That is how many times more a dollar cost; the question asks for the rise in per cent.",
            ),
            Mistake(
                "the manat's fall",
                lambda e: (100 / (100 + e) - 1) * 100,
                "That is how much the manat's dollar value fell; the question asks how much the dollar's price in manats rose.",
            ),
        ),
    ),
)

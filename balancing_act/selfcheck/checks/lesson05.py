"""Self-checks of lesson 05, pacifying Russia (2014–2019)."""

from ..judging import Absolute, Exact, Mistake, Number, Pick
from . import AS_FRACTION, SIGN_FLIPPED, Check, Course

LESSON = "05-pacifying-russia"
PERIODS = ("balancing", "shift", "pacification", "after_brief")


def _counts(course):
    events = course.events
    return events.groupby(["period", "alignment"], observed=True).size().unstack(fill_value=0)


def _russia_ahead_before_brief(course):
    """The first period before the brief's own in which toward_russia outnumbers toward_west."""
    counts = _counts(course).drop(index="after_brief", errors="ignore")
    return str(counts.index[counts["toward_russia"] > counts["toward_west"]][0])


def _manat(course):
    return course.series("azn_per_usd_yearend")


def _manat_rise(course):
    rate = _manat(course)
    return float((rate[2015] / rate[2014] - 1) * 100)


CHECKS = (
    Check(
        key="l05-russia-count",
        skill="compute",
        lesson=LESSON,
        prompt="How many events of 2014–2019 are coded toward Russia?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: int(_counts(c).loc["pacification", "toward_russia"]),
        hints=(
            "Read the orange part of the 2014–2019 bar in the chart above.",
            "Keep the events of the pacification period, then count those whose alignment is 'toward_russia'.",
        ),
        worked="pacification = events[events['period'] == 'pacification']; then (pacification['alignment'] == 'toward_russia').sum().",
        explanation="No period of the course's data holds more Russia-leaning events; the first period, 1991-2008, holds as many in three times as many years.",
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
        skill="interpret",
        lesson=LESSON,
        prompt="Of the periods the brief could see (to 2019), in which do toward_russia events outnumber toward_west ones?",
        kind=Pick(),
        options=PERIODS,
        expected=_russia_ahead_before_brief,
        hints=(
            "Compare the orange and blue parts of each of the first three bars in the chart above.",
            "Of the three periods before 2020, in only one is the orange part (toward Russia) taller than the blue (toward the West).",
        ),
        worked="Count both codes per period: events.groupby(['period', 'alignment']).size().unstack(), then compare the two columns, period by period.",
        explanation="Of the years the brief could see, only in 2014-2019 does the Russia-leaning count exceed the Western one; after the brief, 2020-2025 leans the same way on this count. Whether that reflects Baku's policy or the choice of events recorded is a fair question.",
        option_feedback={
            "after_brief": "Toward Russia also outnumbers toward the West after 2020, but the brief appeared in 2019: the question asks about the periods it could see.",
        },
    ),
    Check(
        key="l05-crimea-coding",
        skill="recall",
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
        skill="compute",
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


# --- the partner coding (issue 22) -------------------------------------------------------------

BOTH_CLOSER = "Closer to Russia, and closer to the West as well"
AT_WEST_EXPENSE = "Closer to Russia, at the West's expense"
AWAY_FROM_RUSSIA = "Further from Russia, closer to the West"


def _pacification_net(course, partner, by="episode", weighted=False):
    """A partner's net step in 2014–2019: closer minus further, or weighted scores summed."""
    from ...analysis.partners import axis_beside_partners

    table = axis_beside_partners(course.events, by=by, weighted=weighted).set_index("period")
    return int(table.loc["pacification", partner])


def _pacification_closer(course):
    from ...analysis.partners import partner_counts

    counts = partner_counts(course.events, by="episode", per_period=True)
    row = counts[(counts["period"] == "pacification") & (counts["partner"] == "russia")]
    return int(row["closer"].iloc[0])


def _pacification_shape(course):
    """Which sentence the partner nets of 2014–2019 bear out, by episode and unweighted."""
    russia = _pacification_net(course, "russia")
    west = _pacification_net(course, "west")
    if russia <= 0:
        return AWAY_FROM_RUSSIA
    return BOTH_CLOSER if west > 0 else AT_WEST_EXPENSE


CHECKS += (
    Check(
        key="l05-russia-net-episode",
        skill="compute",
        lesson=LESSON,
        prompt="Counted once per episode, what is Baku's net step toward Russia in 2014–2019?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: _pacification_net(c, "russia"),
        hints=(
            "In the first table above (by episode, unweighted), read the pacification row.",
            "The partner columns hold closer minus further; the Russia column is the one asked for, not single_axis.",
        ),
        worked="ba.axis_beside_partners(events, by='episode').set_index('period').loc['pacification', 'russia'].",
        explanation="Baku's steps toward Russia outnumber its steps away in 2014-2019, on every way of counting: the partner coding bears out the 'pacifying' half of C5. Whether they also cost the West is a separate question.",
        mistakes=(
            Mistake(
                "counted by row",
                lambda e: _pacification_net(Course(), "russia", by="row"),
                'That is the count by row: counted by episode, the April 2016 war and the September 2018 visit count once each, and the Crimea crisis falls in the period before. Use by="episode".',
            ),
            Mistake(
                "weighted",
                lambda e: _pacification_net(Course(), "russia", weighted=True),
                "That is the weighted net (each step times its weight); the question asks for each episode counting 1.",
            ),
            Mistake(
                "the single axis",
                lambda e: -_pacification_net(Course(), "single_axis"),
                "That is the single axis (events toward Russia minus those toward the West); the question asks for the Russia column of the partner coding.",
            ),
            Mistake(
                "steps closer only",
                lambda e: _pacification_closer(Course()),
                "That counts only the steps closer to Russia; subtract the steps that took Baku further.",
            ),
        ),
    ),
    Check(
        key="l05-pacification-shape",
        skill="interpret",
        lesson=LESSON,
        prompt="Read per partner and once per episode, which sentence describes 2014–2019?",
        kind=Pick(),
        options=(BOTH_CLOSER, AT_WEST_EXPENSE, AWAY_FROM_RUSSIA),
        expected=_pacification_shape,
        hints=(
            "In the table by episode, read the pacification row: the sign of the Russia column, then of the West's.",
            "On one axis a step toward Moscow is a step from the West; per partner it is not. Read the West's own column.",
        ),
        worked="ba.axis_beside_partners(events, by='episode').set_index('period').loc['pacification'] gives each partner's net: look at the signs of 'russia' and 'west'.",
        explanation="Per partner, 2014-2019 brought Baku closer to Russia and, on balance, closer to the West and Turkey too: the closures of Western offices are there, as steps away from the West, but the gas corridor and the EU talks outweigh them in the count. The single axis reads the same years as a tilt to Moscow because it sets the two against each other. 'Pacifying Russia while keeping the West' is one reading; that Baku's Western steps were mostly energy, and its steps away were about its own society, is another.",
        option_feedback={
            AT_WEST_EXPENSE: "That is the single axis's reading, where every step toward Moscow is a step from the West. Read the West's own column in the partner table.",
            AWAY_FROM_RUSSIA: "Look at the sign of the Russia column in the pacification row: more steps brought Baku closer than took it further.",
        },
    ),
)

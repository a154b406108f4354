"""Self-checks of lesson 06, soft power, the diaspora and the elite."""

from ..judging import Absolute, Exact, Mistake, Number, Pick, SetOf
from . import AS_FRACTION, SIGN_FLIPPED, Check, Course

LESSON = "06-soft-power-diaspora-elite"


def _soft_tally(course):
    events = course.events
    soft = events[events["category"] == "soft_power"]
    return soft.groupby("period", observed=True)["alignment"].value_counts().unstack(fill_value=0)


def _remit(course):
    return course.series("remittances_from_russia_usd_m")


def _c6(course):
    from ...analysis.claims import claim_evidence

    return claim_evidence("C6", course.events, course.claims)


CHECKS = (
    Check(
        key="l06-west-periods",
        skill="read",
        lesson=LESSON,
        prompt="In which periods do soft-power events toward the West outnumber those toward Russia?",
        kind=SetOf(example='such as {"shift"}'),
        expected=lambda c: set(
            map(
                str,
                _soft_tally(c).index[
                    _soft_tally(c)["toward_west"] > _soft_tally(c)["toward_russia"]
                ],
            )
        ),
        hints=(
            "Compare the two colours in each bar of the chart of soft-power events.",
            "Give every period where the blue part (toward the West) is taller, as a set of period keys.",
        ),
        worked="tally = soft.groupby('period')['alignment'].value_counts().unstack(fill_value=0); keep the periods where tally['toward_west'] > tally['toward_russia'].",
        explanation="Only after the brief does the state's own closing of Russian channels outweigh new Russian footholds.",
    ),
    Check(
        key="l06-remit-change",
        skill="compute",
        lesson=LESSON,
        prompt="By how many per cent did money sent from Russia change from 2014 to 2015?",
        kind=Number(Absolute(0.05), example="in per cent, such as -12.3"),
        expected=lambda c: float((_remit(c)[2015] - _remit(c)[2014]) / _remit(c)[2014] * 100),
        hints=(
            "A change in per cent compares the change with the starting year, 2014.",
            "(new − old) / old × 100, with 2014 as old and 2015 as new.",
        ),
        worked=lambda c: (
            f"2014: {_remit(c)[2014]:g}; 2015: {_remit(c)[2015]:g} (USD million). Now (2015 − 2014) / 2014 × 100."
        ),
        explanation="Transfers roughly halved in a single year, the year the manat was devalued and Russia's new migrant rules began.",
        mistakes=(
            AS_FRACTION,
            SIGN_FLIPPED,
            Mistake(
                "the later year as the base",
                lambda e: float(
                    (_remit(Course())[2015] - _remit(Course())[2014]) / _remit(Course())[2015] * 100
                ),
                "You divided by the 2015 value: a change is measured from the starting year, 2014.",
            ),
        ),
    ),
    Check(
        key="l06-remit-comparison",
        skill="interpret",
        lesson=LESSON,
        prompt="'Remittances from Russia fell from USD 531m in 2017 to USD 287m in 2024': what is wrong?",
        kind=Pick(),
        options=(
            "Nothing: both numbers are in USD million",
            "The figures come from different central banks, measure different sides of the transfer, and 2024 covers only January–June",
            "The 2024 figure should be doubled first, then the comparison is fine",
            "Only the rounding: 531 should be 531.3",
        ),
        expected=lambda c: (
            "The figures come from different central banks, measure different sides of the transfer, and 2024 covers only January–June"
        ),
        hints=(
            "Compare the unit text of the two series, word by word.",
            "Who compiled each figure, and over how many months?",
        ),
        worked="Print the unit of each remittances series (the loop above does it) and compare compiler and period.",
        explanation="Same currency is not the same measure. A fair comparison needs one compiler and one kind of period.",
        option_feedback={
            "The 2024 figure should be doubled first, then the comparison is fine": "Doubling fixes the months at best; the two figures still come from different compilers.",
        },
    ),
    Check(
        key="l06-money-that-year",
        skill="compute",
        lesson=LESSON,
        prompt="How much money was sent from Russia in the year the diaspora's main body was liquidated?",
        kind=Number(Absolute(0.5), example="in USD million, such as 600"),
        expected=lambda c: float(_remit(c)[int(c.event("2017-vak-liquidated")["year"])]),
        hints=(
            "First find the year of the event 2017-vak-liquidated.",
            "Then read the remittances series for that year.",
        ),
        worked="closed = events.set_index('id').loc['2017-vak-liquidated', 'year']; then remit[closed].",
        explanation="Compare it with the year before: money was flowing again even as the diaspora's main body was shut. Levers over the diaspora and the flow of money moved separately.",
        mistakes=(
            Mistake(
                "the year before",
                lambda e: float(
                    _remit(Course())[int(Course().event("2017-vak-liquidated")["year"]) - 1]
                ),
                "That is the year before the liquidation; read the year of the event itself.",
            ),
        ),
    ),
    Check(
        key="l06-mehdiyev-established",
        skill="interpret",
        lesson=LESSON,
        prompt="Which statement about Ramiz Mehdiyev is established by the course's data, not only alleged?",
        kind=Pick(),
        options=(
            "He led a pro-Moscow faction that steered Baku's Russia policy",
            "He offered Moscow a plan to take power, and Russia told Baku",
            "A Baku court placed him under house arrest in October 2025 on charges including treason",
            "He was the leader of the 'old guard' faction",
        ),
        expected=lambda c: (
            "A Baku court placed him under house arrest in October 2025 on charges including treason"
        ),
        hints=(
            "Look for a statement about something a court or an official did.",
            "A label ('faction', 'old guard') or a plot story is what someone says; an act is dated and recorded.",
        ),
        worked="Three of the statements are about what he is said to be or to have planned; one is about a decision.",
        explanation="A court decision is a dated act. Faction membership is an analysts' label, and the plot story is a pro-government claim.",
    ),
    Check(
        key="l06-c6-west-after",
        skill="compute",
        lesson=LESSON,
        prompt="How many of C6's linked events after the brief are coded toward the West?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=lambda c: int(
            ((~_c6(c)["seen_by_brief"]) & (_c6(c)["alignment"] == "toward_west")).sum()
        ),
        hints=(
            "Keep the rows the brief could not see, then count those coded toward the West.",
            "~c6['seen_by_brief'] is True for the events after the brief; combine it with & and the alignment.",
        ),
        worked="((~c6['seen_by_brief']) & (c6['alignment'] == 'toward_west')).sum().",
        explanation="Before 2019 the linked events mostly opened Russian channels; in 2025 the state closed several. Note who did the closing.",
        mistakes=(
            Mistake(
                "before the brief instead",
                lambda e: int(
                    (
                        _c6(Course())["seen_by_brief"]
                        & (_c6(Course())["alignment"] == "toward_west")
                    ).sum()
                ),
                "That counts the events the brief could see; this check asks for those after it.",
            ),
        ),
    ),
)

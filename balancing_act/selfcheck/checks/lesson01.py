"""Self-checks of lesson 01, between great powers."""

from ...course.periods import PERIOD_KEYS
from ...course.vocabulary import CLAIM_KINDS
from ..judging import Exact, Mistake, Number, Pick, Text
from . import Check, Course

LESSON = "01-between-great-powers"


def _balancing(course):
    return course.events[course.events["alignment"] == "balancing"]


def _first_balancing_energy(course):
    events = course.events
    early = events[events["year"].between(1991, 2007) & (events["category"] == "energy")]
    return early[early["alignment"] == "balancing"].iloc[0]


CHECKS = (
    Check(
        key="l01-btc-route",
        skill="recall",
        lesson=LESSON,
        prompt="Which countries does the BTC oil pipeline cross between Sangachal and Ceyhan?",
        kind=Pick(),
        options=(
            "Azerbaijan, Armenia and Turkey",
            "Azerbaijan, Georgia and Turkey",
            "Azerbaijan, Russia and Ukraine",
            "Azerbaijan, Iran and Turkey",
        ),
        expected=lambda c: "Azerbaijan, Georgia and Turkey",
        hints=(
            "Follow the pipeline's line west from Sangachal on the map.",
            "The letters of BTC are the first letters of three cities on its way.",
        ),
        worked="B is Baku, T is Tbilisi and C is Ceyhan: find the country of each.",
        explanation="The line goes round Armenia, with which Azerbaijan had fought a war, and skirts both "
        "Russia and Iran; US officials hailed the 1999 deal as a win for American diplomacy "
        "(event 1999-btc-istanbul-agreements).",
        option_feedback={
            "Azerbaijan, Armenia and Turkey": "Azerbaijan and Armenia had just fought a war: no pipeline crosses that line.",
            "Azerbaijan, Russia and Ukraine": "Avoiding Russia was the point of the route.",
            "Azerbaijan, Iran and Turkey": "The route skirts Iran; Washington opposed any line through it.",
        },
    ),
    Check(
        key="l01-eaeu-hedging",
        skill="interpret",
        lesson=LESSON,
        prompt="'Never say never' to the Eurasian Economic Union, then 'not on the agenda': which word fits?",
        kind=Pick(),
        options=("Bandwagoning", "Hedging", "Soft power", "Pacification"),
        expected=lambda c: "Hedging",
        hints=(
            "Did Baku commit to anything in 2015?",
            "Which word describes keeping a door ajar as a signal, at no cost?",
        ),
        worked="Bandwagoning would mean joining; Baku only hinted, and then withdrew the hint.",
        explanation="Right: a signal to Moscow that cost nothing and committed Baku to nothing.",
        option_feedback={
            "Bandwagoning": "Bandwagoning would mean actually siding with the stronger power, here by joining.",
        },
    ),
    Check(
        key="l01-reset-by-default",
        skill="interpret",
        lesson=LESSON,
        prompt="The 2009 US–Russian 'reset' illustrates which of the paper's ideas for Baku?",
        kind=Pick(),
        options=(
            "Soft power",
            "Bandwagoning",
            "'By default'",
            "Interest groups in the ruling elite",
        ),
        expected=lambda c: "'By default'",
        hints=(
            "Whose decision was the reset: Baku's, or someone else's?",
            "Which idea describes Baku's options changing without Baku choosing anything?",
        ),
        worked="The reset was Washington's and Moscow's choice; it changed Baku's position without any act of Baku's.",
        explanation="Right. Baku did nothing here: Washington's priorities moved elsewhere. On the paper's "
        "account, a Western step back of this kind is how a drift 'by default' begins.",
    ),
    Check(
        key="l01-balancing-count",
        skill="compute",
        lesson=LESSON,
        prompt="How many events does the course code as balancing?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: len(_balancing(c)),
        hints=(
            "Add up the 'balancing' segments of the four bars in the chart above.",
            "In pandas, compare the alignment column with 'balancing' and sum the result.",
        ),
        worked="(events['alignment'] == 'balancing') is True for each balancing event; .sum() counts the Trues.",
        explanation="Few events are two-way in themselves: the balancing strategy shows up mostly as a "
        "mixture of one-way steps, some toward Moscow and some toward the West.",
        mistakes=(
            Mistake(
                "all events",
                lambda e: len(Course().events),
                "That is the number of all events; count only those coded 'balancing'.",
            ),
        ),
    ),
    Check(
        key="l01-balancing-period",
        skill="read",
        lesson=LESSON,
        prompt="In which period are balancing events most frequent?",
        kind=Text(example='such as "balancing"', among=PERIOD_KEYS),
        expected=lambda c: str(_balancing(c)["period"].value_counts().idxmax()),
        hints=(
            "Compare the height of the 'balancing' segment in each bar.",
            "Give the period's key as it appears in the period column: balancing, shift, pacification or after_brief.",
        ),
        worked="Among the balancing events, .value_counts() of the period column lists the busiest first.",
        explanation="Two-way events cluster in the years after the Georgia war, 2008–2014: the period in "
        "which, on the paper's account, the West stepped back and Baku had to tread carefully between the two.",
    ),
    Check(
        key="l01-claim-kind",
        skill="read",
        lesson=LESSON,
        prompt="Which kind of claim is most common in the brief's summary?",
        kind=Text(example='"diagnosis", "prediction" or "recommendation"', among=CLAIM_KINDS),
        expected=lambda c: str(c.claims["kind"].value_counts().idxmax()),
        hints=(
            "Count the kinds in the table of claims above.",
            "claims['kind'].value_counts() counts each kind, the most common first.",
        ),
        worked="Of the fourteen claims, most describe what had already happened before 2019.",
        explanation="Most of the paper's summary describes what had already happened; only a few claims look "
        "ahead, which matters when we grade the paper against 2020–2025.",
    ),
    Check(
        key="l01-balancing-energy-event",
        skill="read",
        lesson=LESSON,
        prompt="Which energy event of 1991–2007 is coded balancing?",
        kind=Text(example='such as "1999-sofaz-created"'),
        expected=lambda c: str(_first_balancing_energy(c)["id"]),
        hints=(
            "In the explorer, pick the years 1991–2007 and the energy category, and look for the balancing colour and shape.",
            "The id is printed on the event's card when you pick the point.",
        ),
        worked="ba.filter_events(events, (1991, 2007), ['energy']) keeps the energy events; keep the row whose alignment is 'balancing'.",
        explanation="Splitting the first oil between a Russian and a Georgian route let Baku keep Moscow "
        "on side while opening a way round it: balancing in a single decision.",
        mistakes=(
            Mistake(
                "the title, not the id",
                lambda e: str(Course().event(e)["title"]),
                "That is the event's title; give its id, the short name such as 1999-sofaz-created.",
            ),
        ),
    ),
)

"""Self-checks of lesson 06, soft power, the diaspora and the elite."""

import pandas as pd

from ..judging import PERCENT, Absolute, Mistake, Number, Pick
from . import SIGN_FLIPPED, Check, Course, WrittenPrompt

LESSON = "06-soft-power-diaspora-elite"

# An event the lesson does not tell, coded by the codebook's Partners rules (l06-code-eurovision).
UNSEEN_EVENT = "2012-eurovision-baku"
EUROVISION_OPTIONS = {
    1: "1, closer: a European showcase brings Baku nearer to the West",
    -1: "-1, further: the rights groups' criticism pushed Baku away",
    None: "Empty: a contest Baku hosts for all is no step toward a state",
}

REMIT_OPTIONS = (
    "Nothing: both numbers are in USD million",
    "Two banks, two sides of the transfer, and 2024 is half a year",
    "Only the months: double the 2024 figure and it compares",
    "Only the rounding: 531 should be written 531.3",
)

MEHDIYEV_OPTIONS = (
    "He led a pro-Moscow faction that steered Baku's Russia policy",
    "He offered Moscow a plan to take power, and Russia told Baku",
    "A Baku court put him under house arrest on treason charges",
    "He headed the 'old guard' of Heydar Aliyev's appointees",
)

C6_FLAW_OPTIONS = (
    "It counts events as equals: one closed office weighs as much as 324 schools",
    "Nothing: the coding measures how much soft power there was, so the count settles it",
    "Events after the brief cannot count, because the brief could not see them",
    "Events toward the West show Western soft power growing, not Russia's shrinking",
)


def _remit(course):
    return course.series("remittances_from_russia_usd_m")


def _c6(course):
    from ...analysis.claims import claim_evidence

    return claim_evidence("C6", course.events, course.claims)


def _eurovision_code(course):
    """The option for the unseen event's ``to_west`` code, read from its row."""
    value = course.event(UNSEEN_EVENT)["to_west"]
    return EUROVISION_OPTIONS[None if pd.isna(value) else int(value)]


def _c6_flaw(course):
    """The weakest step of the classmate's argument; the argument's premise is read from the data."""
    after = _c6(course).loc[lambda t: ~t["seen_by_brief"], "alignment"]
    if (after == "toward_west").sum() <= (after == "toward_russia").sum():
        raise ValueError(
            "C6's events after the brief no longer lean West: revise l06-c6-count-flaw."
        )
    return C6_FLAW_OPTIONS[0]


CHECKS = (
    Check(
        key="l06-code-eurovision",
        skill="classify",
        lesson=LESSON,
        prompt="Code an event you have not seen: Baku hosts the 2012 Eurovision final. Its to_west code?",
        kind=Pick(),
        options=tuple(EUROVISION_OPTIONS.values()),
        expected=_eurovision_code,
        hints=(
            "The Partners rules look at Baku's own step toward a state, not at how an event looked or what others said about it.",
            "Read the rule on hosting in data/README.md (Partners, rule 3): when does hosting count as a step toward a partner?",
        ),
        worked="Rule 3: hosting counts when Baku invites a partner as such; a guest at an event Baku hosts for all is the guest's step. Eurovision is a contest of many countries.",
        explanation="Baku invited no Western state as such: it hosted a contest open to every broadcaster, so the row leaves to_west empty (and its alignment is neutral). The criticism of evictions and Armenia's withdrawal are other actors' steps.",
        option_feedback={
            EUROVISION_OPTIONS[
                1
            ]: "That codes the look of the event, 'European', not a step toward a state. "
            "Hosting counts only when Baku invites a partner as such (rule 3).",
            EUROVISION_OPTIONS[
                -1
            ]: "The criticism was the rights groups' act, not Baku's: another actor's "
            "act alone is context (rule 1), and Baku's step here was to host.",
        },
    ),
    Check(
        key="l06-remit-change",
        skill="compute",
        lesson=LESSON,
        prompt="By how many per cent did money sent from Russia change from 2014 to 2015?",
        kind=Number(Absolute(0.05), example="in per cent, such as -12.3", measure=PERCENT),
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
        skill="critique",
        lesson=LESSON,
        prompt="'Remittances from Russia fell from USD 531m in 2017 to USD 287m in 2024': what is wrong?",
        kind=Pick(),
        options=REMIT_OPTIONS,
        expected=lambda c: REMIT_OPTIONS[1],
        hints=(
            "Compare the unit text of the two series, word by word.",
            "Who compiled each figure, which side of the transfer does it count, and over how many months?",
        ),
        worked="Print the unit of each remittances series (the loop above does it) and compare compiler, side and period.",
        explanation="Same currency is not the same measure: Russia's central bank counted money sent, Azerbaijan's counted money received, and the 2024 figure is January–June. A fair comparison needs one compiler and one kind of period.",
        option_feedback={
            REMIT_OPTIONS[
                0
            ]: "A shared currency is not a shared measure: read who compiled each figure "
            "and which side of the transfer it counts.",
            REMIT_OPTIONS[
                2
            ]: "Doubling fixes the months at best, and transfers need not be even through "
            "the year; the two figures still come from different compilers.",
            REMIT_OPTIONS[
                3
            ]: "Rounding moves the figure by a fraction of a million; the gap between the "
            "two series comes from what each one measures.",
        },
    ),
    Check(
        key="l06-money-that-year",
        skill="read",
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
        skill="classify",
        lesson=LESSON,
        prompt="Which statement about Ramiz Mehdiyev is established by the course's data, not only alleged?",
        kind=Pick(),
        options=MEHDIYEV_OPTIONS,
        expected=lambda c: MEHDIYEV_OPTIONS[2],
        hints=(
            "Sort the four into the section's boxes: a recorded act, an analysts' label, an official claim.",
            "A label ('faction', 'old guard') or a plot story is what someone says; an act is dated and recorded.",
        ),
        worked="Three of the statements are about what he is said to be or to have planned; one is about a court's decision of October 2025.",
        explanation="A court decision is a dated act. Faction membership is an analysts' label, and the plot story is a pro-government claim.",
        option_feedback={
            MEHDIYEV_OPTIONS[
                0
            ]: "'Pro-Moscow faction' is a label from the 2025 reporting; the course's "
            "2019 row says the pages read for it do not call him that, and no record shows him steering policy.",
            MEHDIYEV_OPTIONS[
                1
            ]: "That story comes from pro-government media in 2025; the course's row "
            "marks it as a claim, not a fact.",
            MEHDIYEV_OPTIONS[
                3
            ]: "The 'old guard' is an analysts' label (the PONARS Eurasia piece): an "
            "interpretation of the elite, not a recorded act.",
        },
    ),
    Check(
        key="l06-c6-count-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="'After the brief, more C6 events point West than toward Russia, so Russian soft power shrank.' The weakest step?",
        kind=Pick(),
        options=C6_FLAW_OPTIONS,
        expected=_c6_flaw,
        hints=(
            "Look at what each row after the brief records: a decree, a raid, a count given by a president.",
            "Does a row count how many people learn Russian, or only that something was decided on one day?",
        ),
        worked="Each row is one dated act, whatever its reach: the 2025 closures are three rows, the 324 Russian-medium schools of 2024 are one.",
        explanation="A tally of coded events treats a decree closing one office and a school system of 324 schools as one unit each. The closures show what the state decided in 2025; how much Russian is still learned needs other evidence, such as the schools' enrolment.",
        option_feedback={
            C6_FLAW_OPTIONS[
                1
            ]: "The coding gives each event a direction, not a size: it cannot measure "
            "how much soft power there was.",
            C6_FLAW_OPTIONS[
                2
            ]: "Events after the brief are exactly the test of it; the course keeps "
            "them apart with seen_by_brief so that you can use them.",
            C6_FLAW_OPTIONS[
                3
            ]: "Those rows are coded toward the West because Baku shut Russian channels "
            "(the codebook's rule on reducing Russia's leverage), not because Western culture arrived.",
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l06-c6-verdict",
        lesson=LESSON,
        prompt="Was C6, the return of Russian soft power, borne out? Answer with dated events from before and after the brief.",
        criteria=(
            "Names dated evidence for C6, such as the university branches, the 2018 teaching directive or the 2024 count of Russian-medium schools.",
            "Names dated evidence against it after the brief, the 2025 closures, and says that they were decisions of Baku's state.",
            "Keeps state decisions apart from demand: whether families still chose Russian schooling is not in these events.",
            "Gives a verdict that can change with time (borne out in one span, reversed in another) rather than one word for the whole.",
        ),
        model_answer=(
            "Up to the brief the record fits C6: Moscow State University opened a Baku branch "
            "in 2008-2009, Sechenov's medical university followed in 2015, and during Putin's visit of "
            "September 2018 the education ministry kept intensive Russian teaching going in 50 "
            "Azerbaijani-medium schools, in a country with 341 Russian-medium schools. After the "
            "brief the picture splits. In August 2024 Aliyev still spoke of 324 Russian-medium "
            "schools and more than 800,000 learning Russian as a second language, but in 2025 Baku told the "
            "Russian House to stop work, cancelled all events by Russian organisations and raided "
            "Sputnik's office. So C6 held until 2024 and was reversed by decree in 2025. These "
            "rows record what the state allowed; whether parents still wanted Russian schooling "
            "would need enrolment figures the course does not hold."
        ),
    ),
)

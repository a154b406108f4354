"""Self-checks of lesson 08, the brief meets history (2020–2025)."""

import pandas as pd

from ..judging import Exact, Mistake, Number, Pick, Text
from . import Check, Course
from .partner_views import C5_OPTIONS, partner_c5

LESSON = "08-the-brief-meets-history"

# What each kind of claim lets later events do (lesson 8, section 4), for l08-c8-kind.
KIND_OPTIONS = {
    "diagnosis": "A diagnosis of Baku's belief before 2019: later events test if it held",
    "prediction": "A prediction that Moscow would fail Baku: later events prove or refute it",
    "recommendation": "A recommendation to stop relying on Moscow: events show if Baku did",
}

# Who named the operation of 19 September 2023 how (lesson 8, Karabakh 2022–2024).
TERM_OWNERS = (
    "Azerbaijan's defence ministry, naming its own operation",
    "Armenia's government, describing the attack it condemned",
    "The UN mission, summing up what it saw in Khankendi",
    "The Russian peacekeeping command, brokering the ceasefire",
)


def _kind_of(course, claim_id):
    return str(course.claims.set_index("id").loc[claim_id, "kind"])


def _evidence(course):
    from ...analysis.claims import claim_evidence

    return {cid: claim_evidence(cid, course.events, course.claims) for cid in course.claims["id"]}


def _recent_counts(course):
    return pd.Series(
        {cid: int((ev["year"] >= 2020).sum()) for cid, ev in _evidence(course).items()}
    )


def _nets(course):
    from ...analysis.balance_index import balance_index

    return balance_index(course.events).set_index("year")["net"]


CHECKS = (
    Check(
        key="l08-c10-recent",
        skill="compute",
        lesson=LESSON,
        prompt="How many of C10's linked events date from 2020 or later?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=lambda c: int((_evidence(c)["C10"]["year"] >= 2020).sum()),
        hints=(
            "Look at evidence['C10']: each row is one linked event, with its year.",
            "Keep the rows with year >= 2020 and count them.",
        ),
        worked="(evidence['C10']['year'] >= 2020).sum() counts them.",
        explanation="Much of C10's evidence is recent: the 2020 war and the peacekeepers, the 2023 offensive, and Baku's later dealings with the CSTO and the EAEU all came after the brief.",
        mistakes=(
            Mistake(
                "after 2020 only",
                lambda e: int((_evidence(Course())["C10"]["year"] > 2020).sum()),
                "That leaves out 2020 itself; count the events of 2020 or later.",
            ),
        ),
    ),
    Check(
        key="l08-busiest-claim",
        skill="read",
        lesson=LESSON,
        prompt="Which claim has the most linked events from 2020 or later?",
        kind=Text(example='such as "C4"'),
        expected=lambda c: str(_recent_counts(c).idxmax()),
        hints=(
            "Count, for each claim, its linked events from 2020 on.",
            "Build a Series of those counts, one per claim, and find the largest with .idxmax().",
        ),
        worked="pd.Series({cid: int((ev['year'] >= 2020).sum()) for cid, ev in evidence.items()}).idxmax().",
        explanation="The claim that the relationship with Moscow is the most changeable gathers the most recent evidence, because nearly every twist of 2020–2025 bears on it.",
    ),
    Check(
        key="l08-lowest-year",
        skill="compute",
        lesson=LESSON,
        prompt="With equal weights, in which year of 2020–2025 is the net score lowest?",
        kind=Number(Exact(), example="a year such as 2021", whole=True),
        expected=lambda c: int(_nets(c).loc[2020:2025].idxmin()),
        hints=(
            "Look at the bars right of 2019 in the chart of the index.",
            "ba.balance_index(events) has a 'net' column per year; look for its smallest value from 2020 on.",
        ),
        worked="ba.balance_index(events).set_index('year').loc[2020:2025, 'net'].idxmin().",
        explanation="That year had the state visit, the BRICS application, record trade and the PACE walk-out; the next year swung the other way.",
        mistakes=(
            Mistake(
                "the highest year",
                lambda e: int(_nets(Course()).loc[2020:2025].idxmax()),
                "That is the year the net score is highest; look for the lowest.",
            ),
        ),
    ),
    Check(
        key="l08-untestable-kind",
        skill="interpret",
        lesson=LESSON,
        prompt="Which kind of claim can events alone not show to be right or wrong?",
        kind=Pick(),
        options=(
            "A diagnosis: it describes the past",
            "A prediction: it says what may follow",
            "A recommendation: events show whether it was followed, not whether it was wise",
        ),
        expected=lambda c: (
            "A recommendation: events show whether it was followed, not whether it was wise"
        ),
        hints=(
            "Which kind says what someone ought to do, rather than what is or will be?",
            "Events can show what happened, and whether advice was taken; can they show what would have happened otherwise?",
        ),
        worked="A diagnosis is checked against the record, a prediction against what followed; the third needs the road not taken.",
        explanation="To judge a recommendation you must also imagine the road not taken, and that is always an argument, never a data row.",
        option_feedback={
            "A prediction: it says what may follow": "What followed is exactly what events can show: a prediction can be checked.",
            "A diagnosis: it describes the past": "A description of the past can be checked against the record of events.",
        },
    ),
    Check(
        key="l08-partner-c5",
        skill="interpret",
        lesson=LESSON,
        prompt="C5 says Baku set out to keep Moscow content after 2014. Which reading of 2020–2025 does the partner view, counted by episode, support?",
        kind=Pick(),
        options=C5_OPTIONS,
        expected=partner_c5,
        hints=(
            "In the table of 2020–2025, read Russia's row: how many steps closer, how many further?",
            "Then read Turkey's and the West's rows: which partner has only steps closer, and is the West's net as large as Russia's loss?",
        ),
        worked="steps[steps['period'] == 'after_brief'] gives closer and further per partner; compare Russia's two numbers, then Turkey's and the West's nets (closer minus further).",
        explanation="Coded apart, 2020–2025 is not a steady placating of Moscow: the allied declaration and the state visit stand beside the peacekeepers' departure, the AZAL demands and the closures of 2025, while Turkey gained steadily and the West's net stayed near zero. C5 fits the years to 2024 better than the span, which is why the teacher's reading calls it 'partly'.",
        option_feedback={
            C5_OPTIONS[
                0
            ]: "That is the single axis's reading. Count Russia's steps apart: by episode, the steps away from Moscow in 2020–2025 are at least as many as the steps toward it.",
            C5_OPTIONS[
                2
            ]: "The partner coding does not assume that a step away from Moscow is a step toward the West: the West's net after 2019 is about zero. Look at Turkey's row instead.",
        },
    ),
    Check(
        key="l08-c8-kind",
        skill="interpret",
        lesson=LESSON,
        prompt="C8 says Baku misjudged Russia over Karabakh. What kind of claim is it, and what can 2022–2024 do to it?",
        kind=Pick(),
        options=tuple(KIND_OPTIONS.values()),
        expected=lambda c: KIND_OPTIONS[_kind_of(c, "C8")],
        hints=(
            "Read C8's 'kind' in the claims table (claims.set_index('id').loc['C8', 'kind']).",
            "Does C8 describe what Baku believed before 2019, say what would happen, or say what Baku should do?",
        ),
        worked="claims.set_index('id').loc['C8', 'kind'] gives the kind; section 4 says what events can do to each kind.",
        explanation="C8 describes a belief Baku held before the paper. The events of 2022–2024 cannot make that description "
        "false; they show whether the belief, that Moscow held the key, survived the blockade, the offensive and the "
        "peacekeepers' departure.",
        option_feedback={
            KIND_OPTIONS[
                "prediction"
            ]: "C8 says nothing about what will happen; it describes what Baku expected of Moscow before 2019.",
            KIND_OPTIONS[
                "recommendation"
            ]: "C8 gives no advice; C10 and C11 are the recommendations about Moscow and the talks.",
        },
    ),
    Check(
        key="l08-whose-term",
        skill="interpret",
        lesson=LESSON,
        prompt="Whose term is 'local anti-terrorist measures' for the operation of 19 September 2023?",
        kind=Pick(),
        options=TERM_OWNERS,
        expected=lambda c: TERM_OWNERS[0],
        hints=(
            "Read the row of 2023-karabakh-one-day-offensive and the paragraph on September 2023: who announced the operation?",
            "A government names its own operation in its own words; the other side and the monitors use theirs.",
        ),
        worked="The term comes from the statement Azerbaijan's defence ministry issued as the operation began.",
        explanation="Baku's defence ministry announced 'local anti-terrorist measures' to restore the constitutional order. "
        "Armenians speak of an attack and of ethnic cleansing; a careful account quotes each term and says whose it is.",
        option_feedback={
            TERM_OWNERS[
                1
            ]: "Yerevan called it aggression and the flight that followed ethnic cleansing, not anti-terrorist measures.",
            TERM_OWNERS[
                2
            ]: "The UN mission came on 1 October and reported what it saw; it did not name the operation.",
            TERM_OWNERS[
                3
            ]: "The peacekeepers relayed the ceasefire of 20 September; the name of the operation was Baku's.",
        },
    ),
)

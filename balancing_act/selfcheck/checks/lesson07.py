"""Self-checks of lesson 07, Karabakh and the mediators."""

import pandas as pd

from ..judging import Mistake, Pick, SetOf
from . import Check, WrittenPrompt

LESSON = "07-karabakh-and-the-mediators"

# Four accounts of September 2023, of similar length, each with its owner (lesson 7's section
# on 2020–2024 names them and their sources).
DEPARTURE_ACCOUNTS = (
    "Ethnic cleansing: a people driven out after a siege and an attack",
    "Their own decision to leave, with reintegration in Azerbaijan on offer",
    "A sudden flight, with no violence reported after the ceasefire",
    "A departure after which return in safety must be ensured",
)

# The opening quiz: ideas of Lessons 1a and 5 that this lesson builds on.
SHUSHI_OPTIONS = (
    "An Armenian account: 'Shushi' and 'liberation' are both its words",
    "An Azerbaijani account: Baku too speaks of liberating the town",
    "A neutral account: 'liberation' is the historians' usual word",
    "The UN's account: its resolutions of 1993 used those words",
)
PACIFYING_OPTIONS = (
    "Courting Moscow as broker and partner while staying out of its blocs",
    "Joining the Eurasian Economic Union in return for help on Karabakh",
    "Leaving the Council of Europe so as to side openly with Moscow",
    "Keeping Moscow and the West at equal distance on every issue",
)

# What the conflict timeline will show before 2019 (l07-conflict-predict, asked before the chart).
CONFLICT_READINGS = {
    "toward_russia": "Toward Russia: truces and summits that Moscow brokered or hosted",
    "toward_west": "Toward the West: the Minsk Group's American and French co-chairs",
    "both": "Both ways evenly: Baku played the mediators against each other",
    "none": "Nowhere: fighting with Armenia is always coded as neutral",
}

# An event the lesson does not tell, coded by the codebook's Partners rules (l07-code-arms-row).
UNSEEN_EVENT = "2009-russian-arms-to-armenia-row"
ARMS_ROW_OPTIONS = {
    1: "1, closer: Russian arms in the region deepen Russia's presence",
    -1: "-1, further: Baku's own protest is a step away from Moscow",
    None: "Empty: Russia's arms sales are another state's act, context only",
}

# Whose terms the interim status and the later vote answered (l07-terms-interim).
INTERIM_OPTIONS = {
    "Yerevan and the Karabakh Armenians": "Yerevan's and the Karabakh Armenians': status settled by its people",
    "Baku": "Baku's: self-rule inside Azerbaijan meant an interim status",
    "Moscow": "Moscow's: the co-chairs wrote the basic principles",
    "both": "Both sides': each had asked for a vote on the final status",
}


def _conflict(course):
    events = course.events
    return events[events["category"] == "conflict"]


def _conflict_reading(course):
    """Which way the conflict events before 2019 that carry a code point, read from the data."""
    conflict = _conflict(course)
    coded = conflict.loc[
        (conflict["year"] < 2019) & (conflict["alignment"] != "neutral"), "alignment"
    ]
    if coded.empty:
        return CONFLICT_READINGS["none"]
    if set(coded) == {"toward_russia"}:
        return CONFLICT_READINGS["toward_russia"]
    if set(coded) == {"toward_west"}:
        return CONFLICT_READINGS["toward_west"]
    if (coded == "toward_russia").sum() == (coded == "toward_west").sum():
        return CONFLICT_READINGS["both"]
    raise ValueError(
        "The conflict events before 2019 fit no option of l07-conflict-predict: revise it."
    )


def _arms_row_code(course):
    value = course.event(UNSEEN_EVENT)["to_russia"]
    return ARMS_ROW_OPTIONS[None if pd.isna(value) else int(value)]


def _terms(side):
    from ...analysis.negotiations import answered_terms_of

    return answered_terms_of(side)


def _interim_side(course):
    from ...analysis.negotiations import ELEMENTS

    return next(e.answered for e in ELEMENTS if e.key == "interim status")


def _elements():
    from ...analysis.negotiations import ELEMENTS

    return ELEMENTS


def _csto_members(course, year=2016):
    from ...analysis.memberships import membership_matrix

    grid = membership_matrix(course.memberships, year)
    return set(grid.query("organization == 'CST_CSTO' and status == 'member'")["country_name"])


CHECKS = (
    Check(
        key="l07-recall-whose-words",
        skill="classify",
        lesson=LESSON,
        prompt="From Lesson 1a: a text speaks of the 'liberation' of Shushi in May 1992. Whose account is it?",
        kind=Pick(),
        options=SHUSHI_OPTIONS,
        expected=lambda c: SHUSHI_OPTIONS[0],
        hints=(
            "Lesson 1a gave each side's words for the fall of the town in 1992: look at the place name first.",
            "One side calls the town Shusha and speaks of its occupation; the other calls it Shushi.",
        ),
        worked="Azerbaijani outlets speak of the 'occupation' of Shusha and Lachin, Armenian ones of the 'liberation' of Shushi and Berdzor.",
        explanation="Right: both the place name and the verb are the Armenian side's. This lesson asks the same of every contested word: say whose it is.",
        option_feedback={
            SHUSHI_OPTIONS[
                1
            ]: "Azerbaijani outlets call the events of 1992 the 'occupation' of Shusha, "
            "and call the town Shusha: 'Shushi' is the Armenian name.",
            SHUSHI_OPTIONS[
                2
            ]: "No word for the town's fall is neutral: each side's outlets use their "
            "own, and a careful text says whose word it quotes.",
            SHUSHI_OPTIONS[
                3
            ]: "The Security Council's resolutions of 1993 spoke of occupying forces in "
            "the districts they named: the opposite framing to liberation.",
        },
        revisits=("01a-prologue-1988-1993",),
    ),
    Check(
        key="l07-recall-pacifying",
        skill="classify",
        lesson=LESSON,
        prompt="From Lesson 5: which step is pacifying Moscow in the course's sense, not allying with it?",
        kind=Pick(),
        options=PACIFYING_OPTIONS,
        expected=lambda c: PACIFYING_OPTIONS[0],
        hints=(
            "Lesson 5 set pacifying apart from two other things: allying, and the balancing of earlier years.",
            "Pacifying heads off Moscow's pressure by accommodating it and signalling goodwill. Does it mean joining anything?",
        ),
        worked="Pacifying is not allying: it means accommodating Moscow and signalling goodwill without joining its blocs.",
        explanation="Right: in 2016 Baku agreed a truce in Moscow and courted Russia as a partner, yet stayed out of the CSTO and the EAEU. "
        "This lesson asks why Baku expected so much of Moscow over Karabakh.",
        option_feedback={
            PACIFYING_OPTIONS[
                1
            ]: "Joining a Russian-led bloc would be allying. Baku only weighed it "
            "(claim C9) and stayed outside the economic union.",
            PACIFYING_OPTIONS[
                2
            ]: "Pacifying Moscow did not mean breaking with the West: Baku stayed a "
            "member of the Council of Europe.",
            PACIFYING_OPTIONS[
                3
            ]: "Equal distance describes the balancing act of the earlier periods; "
            "pacifying leans toward Moscow to head off its pressure.",
        },
        revisits=("05-pacifying-russia",),
    ),
    Check(
        key="l07-truce-broker",
        skill="recall",
        lesson=LESSON,
        prompt="Which outside power brokered the May 1994 Karabakh truce?",
        kind=Pick(),
        options=("France", "The United States", "Russia", "Turkey"),
        expected=lambda c: "Russia",
        hints=(
            "Look at who issued the ceasefire text on the event card above.",
            "Read the event's actors: which of them is not a party to the war?",
        ),
        worked="The card of 1994-ceasefire-takes-effect names the ministers under whom the truce was issued.",
        explanation="Right: the truce was issued under Russia's defence and foreign ministers and its envoy, "
        "which left Moscow as the key broker. The US and France only became co-chairs in 1997.",
        option_feedback={
            "France": "France became a co-chair of the Minsk Group only in 1997.",
            "The United States": "The US became a co-chair of the Minsk Group only in 1997.",
            "Turkey": "Turkey backed Azerbaijan; it was no broker of the 1994 truce.",
        },
    ),
    Check(
        key="l07-conflict-predict",
        skill="interpret",
        lesson=LESSON,
        prompt="Before the chart is drawn: which way will the coded conflict events before 2019 point?",
        kind=Pick(),
        options=tuple(CONFLICT_READINGS.values()),
        expected=_conflict_reading,
        hints=(
            "Think back to the section you just read: where were the two documents both sides signed made?",
            "The codebook codes a Russian-brokered deal that Baku depends on as a step toward Russia; the war itself is context.",
        ),
        worked="Most conflict rows are fighting (neutral); the rest are truces and summits. Who brokered or hosted them?",
        explanation="Every conflict event before 2019 that is not neutral points toward Russia, and each is a truce or a summit "
        "brokered or hosted by Moscow: the Bishkek protocol and the 1994 ceasefire, Meiendorf, Sochi 2014, the April 2016 truce.",
        option_feedback={
            CONFLICT_READINGS[
                "toward_west"
            ]: "The American and French co-chairs led talks but brokered "
            "neither document both sides signed; rows where others act alone are context, not Baku's steps.",
            CONFLICT_READINGS[
                "both"
            ]: "Balancing needs Baku to do both in one event; the coded conflict "
            "rows before 2019 are steps Baku took in Moscow's format, none in a Western one.",
            CONFLICT_READINGS[
                "none"
            ]: "The fighting is neutral, but a truce or summit that Moscow brokered "
            "and Baku depended on is coded toward Russia (the codebook's alignment rules).",
        },
    ),
    Check(
        key="l07-code-arms-row",
        skill="classify",
        lesson=LESSON,
        prompt="Code an event you have not seen: Baku summons Russia's ambassador over arms sent to Armenia (2009). Its to_russia code?",
        kind=Pick(),
        options=tuple(ARMS_ROW_OPTIONS.values()),
        expected=_arms_row_code,
        hints=(
            "The Partners rules code what Azerbaijan's state does in the event. What did Baku's foreign ministry do?",
            "Rule 1 (another state's act alone is context) applies only when the row records no step of Baku's.",
        ),
        worked="The foreign ministry summoned the ambassador and lodged a strong protest: a statement against the partner.",
        explanation="Right: a summons and a formal protest are Baku's own statement against Moscow, so to_russia is -1. "
        "The row's one-axis alignment is neutral: a protest to Moscow is no step toward the West, which is why "
        "the course codes each partner apart. Rows like this are why Baku's faith in Moscow as a broker wavered.",
        option_feedback={
            ARMS_ROW_OPTIONS[
                1
            ]: "The weapons went to Armenia, not to Azerbaijan: Russia's presence in "
            "Azerbaijan did not grow, and Baku's step was a protest.",
            ARMS_ROW_OPTIONS[
                None
            ]: "Rule 1 covers rows with no step of Baku's. Here Baku's foreign "
            "ministry summoned the ambassador and protested: that step is coded.",
        },
    ),
    Check(
        key="l07-terms-baku",
        skill="classify",
        lesson=LESSON,
        prompt="Which elements of the basic principles answered Baku's stated terms?",
        kind=SetOf(example='such as {"corridor"}'),
        expected=lambda c: _terms("Baku"),
        hints=(
            "Set each element beside Baku's own words: its territorial integrity restored, the "
            "Armenian forces withdrawn, the displaced people returned.",
            "Two of the six keys match those words; the other four answer what Yerevan and the "
            "Karabakh Armenians asked for.",
        ),
        worked="The table's 'answered' column: ba.basic_principles().query(\"answered == 'Baku'\")['key'].",
        explanation="Right: the return of the districts and of the displaced answered Baku's terms; "
        "status, the corridor and the guarantees answered Yerevan's and Stepanakert's. The principles "
        "traded one set for the other, and neither side endorsed them before 2019 (Kazan, 2011).",
        mistakes=(
            Mistake(
                "the other side's elements",
                lambda e: {x.key for x in _elements()} - set(e),
                "Those four answered Yerevan and the Karabakh Armenians: status, the corridor and security "
                "guarantees were their terms. Which two were Baku's?",
            ),
            Mistake(
                "territory only",
                lambda e: {"territories"},
                "The districts, yes; but Baku also made one more demand that the principles answer. "
                "What happens to the people who fled?",
            ),
            Mistake(
                "all six",
                lambda e: {x.key for x in _elements()},
                "Not all six: the principles were a trade, and four of the elements answered the other "
                "side's terms. Which two match Baku's own words?",
            ),
            Mistake(
                "territories and final status",
                lambda e: {"territories", "final status"},
                "The districts, yes. But a later vote on Karabakh's status answered the Armenian side's "
                "call for self-determination, not Baku's territorial integrity.",
            ),
        ),
    ),
    Check(
        key="l07-terms-interim",
        skill="classify",
        lesson=LESSON,
        prompt="An interim status for Karabakh, then a binding vote on its final status: whose terms?",
        kind=Pick(),
        options=tuple(INTERIM_OPTIONS.values()),
        expected=lambda c: INTERIM_OPTIONS[_interim_side(c)],
        hints=(
            "Which side rested its case on self-determination, and which on territorial integrity?",
            "Read the 'why' column of ba.basic_principles() for the 'interim status' and "
            "'final status' rows.",
        ),
        worked="ba.basic_principles().set_index('key').loc[['interim status', 'final status'], 'answered'].",
        explanation="Right: Yerevan and Stepanakert wanted Karabakh's status settled by its own people, "
        "and its institutions kept in the meantime. Baku's terms were territorial integrity and return; "
        "for Karabakh it offered the self-rule within Azerbaijan that the Lisbon statement of 1996 named.",
        option_feedback={
            INTERIM_OPTIONS[
                "Baku"
            ]: "Baku offered self-rule inside Azerbaijan, the Lisbon statement's "
            "wording, not an interim status with a vote to follow; it rejected the 1998 'common state' as "
            "contrary to its sovereignty.",
            INTERIM_OPTIONS[
                "Moscow"
            ]: "Russia was one of the three co-chairs who wrote the principles "
            "with the US and France; the question asks whose terms the element answered, not who drafted it.",
            INTERIM_OPTIONS["both"]: "Only one side asked for a vote. Which rested its case on "
            "self-determination, and which on territorial integrity?",
        },
    ),
    Check(
        key="l07-csto-2016",
        skill="read",
        lesson=LESSON,
        prompt="Which of the three countries were members of the CSTO in 2016?",
        kind=SetOf(example='such as {"Georgia"}'),
        expected=_csto_members,
        hints=(
            "Read the row labelled 'CST / CSTO' of the grid for 2016 (its code, CST_CSTO, in the "
            "table's 'organization' column).",
            "Give the countries' names, as a set: the others say 'withdrawn'.",
        ),
        worked="ba.membership_matrix(memberships, 2016).query(\"organization == 'CST_CSTO' and status == 'member'\")['country_name'].",
        explanation="Only Armenia. Moscow was mediating between its own ally and a country that had left its alliance.",
    ),
    Check(
        key="l07-whose-term",
        skill="classify",
        lesson=LESSON,
        prompt="Which account of the Armenians' departure from Karabakh in September 2023 is Baku's own?",
        kind=Pick(),
        options=DEPARTURE_ACCOUNTS,
        expected=lambda c: DEPARTURE_ACCOUNTS[1],
        hints=(
            "Read the paragraph 'Whose words, and what the monitors said': each account has an owner.",
            "Which account lays the decision on the people who left, and offers them a place in Azerbaijan?",
        ),
        worked="Baku's officials say the Armenians chose to leave and that reintegration under Azerbaijan's constitution was on offer.",
        explanation="Right: 'their own decision', 'voluntary' and 'reintegration' are Baku's words; 'ethnic cleansing' is "
        "Yerevan's and many observers'. A careful sentence names whose word it uses, and can add what the monitors "
        "saw, which neither side's word settles.",
        option_feedback={
            DEPARTURE_ACCOUNTS[
                0
            ]: "That is the account of Armenia's government and of many observers; Baku rejects the term.",
            DEPARTURE_ACCOUNTS[
                2
            ]: "That is the UN mission's report of its visit of 1 October 2023, not a party's account.",
            DEPARTURE_ACCOUNTS[
                3
            ]: "That is what the UN court ordered on 17 November 2023; it is a court's order, not Baku's account.",
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l07-september-2023",
        lesson=LESSON,
        prompt="Tell what happened to the Armenians of Karabakh in September 2023 in a paragraph that a reader from either side could check.",
        criteria=(
            "Names Baku's account as Baku's: 'local anti-terrorist measures', a departure its officials call voluntary, reintegration on offer.",
            "Names the account of Armenia's government and many observers as theirs: ethnic cleansing; neither side's term is the writer's own.",
            "Gives each figure with who counted it (more than 100,000 people within a week, 115,183 refugees in UNHCR's factsheet).",
            "Keeps what monitors saw or a court ordered (the UN mission of 1 October, the ICJ's order of 17 November) apart from either account.",
        ),
        model_answer=(
            "On 19 September 2023 Azerbaijan's defence ministry announced what it called 'local "
            "anti-terrorist measures' to restore the country's constitutional order; the next day"
            " the Karabakh Armenian forces accepted a ceasefire put forward through the Russian "
            "peacekeeping command and agreed to disband. Within a week more than 100,000 people, "
            "nearly all the Armenians of Karabakh, crossed into Armenia, as the head of UNHCR and"
            " the Armenian government reported; a UNHCR factsheet of February 2024 counts 115,183"
            " refugees. Armenia's government and many observers call the flight ethnic cleansing."
            " Baku rejects that term: its officials call the departure voluntary, the people's "
            "own decision, and say that reintegration under Azerbaijan's constitution was on "
            "offer. A UN mission that visited Khankendi (Stepanakert) on 1 October saw no damage "
            "to homes, schools or hospitals and heard no reports of violence after the ceasefire,"
            " and on 17 November the International Court of Justice ordered Azerbaijan to ensure "
            "that those who had left could return in safety."
        ),
    ),
)

"""Self-checks of lesson 07, Karabakh and the mediators."""

from ..judging import Exact, Mistake, Number, Pick, SetOf
from . import Check, Course

LESSON = "07-karabakh-and-the-mediators"

# Four accounts of September 2023, of similar length, each with its owner (lesson 7's section
# on 2020–2024 names them and their sources).
DEPARTURE_ACCOUNTS = (
    "Ethnic cleansing: a people driven out after a siege and an attack",
    "Their own decision to leave, with reintegration in Azerbaijan on offer",
    "A sudden flight, with no violence reported after the ceasefire",
    "A departure after which return in safety must be ensured",
)


def _conflict(course):
    events = course.events
    return events[events["category"] == "conflict"]


def _c8(course):
    from ...analysis.claims import claim_evidence

    return claim_evidence("C8", course.events, course.claims)


def _terms(side):
    from ...analysis.negotiations import answered_terms_of

    return answered_terms_of(side)


def _interim_side(course):
    from ...analysis.negotiations import ELEMENTS

    return next(e.answered for e in ELEMENTS if e.key == "interim status")


def _elements():
    from ...analysis.negotiations import ELEMENTS

    return ELEMENTS


def _interim_label(side):
    return {
        "Baku": "Baku's",
        "Yerevan and the Karabakh Armenians": "Yerevan's and the Karabakh Armenians'",
    }[side]


def _csto_members(course, year=2016):
    from ...analysis.memberships import membership_matrix

    grid = membership_matrix(course.memberships, year)
    return set(grid.query("organization == 'CST_CSTO' and status == 'member'")["country_name"])


CHECKS = (
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
        key="l07-conflict-before-2019",
        skill="compute",
        lesson=LESSON,
        prompt="How many conflict events date from before 2019?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: int((_conflict(c)["year"] < 2019).sum()),
        hints=(
            "Count the points left of 2019 on the chart of conflict events.",
            "Compare the year column with 2019 and sum the result.",
        ),
        worked="(conflict['year'] < 2019).sum() counts them.",
        explanation="Note the colours as well: every conflict event before 2019 that is not coded neutral points "
        "toward Russia, and each of them is a truce or summit brokered or hosted by Moscow.",
        mistakes=(
            Mistake(
                "2019 included",
                lambda e: int((_conflict(Course())["year"] <= 2019).sum()),
                "That includes 2019 itself; the question asks for events before 2019.",
            ),
            Mistake(
                "all conflict events",
                lambda e: len(_conflict(Course())),
                "That is every conflict event; keep only those before 2019.",
            ),
        ),
    ),
    Check(
        key="l07-c8-after",
        skill="compute",
        lesson=LESSON,
        prompt="How many of C8's linked events came after the brief?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: int((~_c8(c)["seen_by_brief"]).sum()),
        hints=(
            "Read the line under the claim in the explorer: 'N linked events the brief could see, M after it'.",
            "In ba.claim_evidence('C8', events, claims), count the rows whose seen_by_brief is False.",
        ),
        worked="(~ba.claim_evidence('C8', events, claims)['seen_by_brief']).sum().",
        explanation="Many of the events that test C8 came after March 2019: the war of 2020, the peacekeepers, "
        "the 2023 offensive and the 2025 Washington summit. You will weigh them in Lesson 8.",
        mistakes=(
            Mistake(
                "before the brief instead",
                lambda e: int(_c8(Course())["seen_by_brief"].sum()),
                "That is the number the brief could see; this check asks for those after it.",
            ),
        ),
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
        skill="interpret",
        lesson=LESSON,
        prompt="An interim status for Karabakh, then a binding vote on its final status: whose terms?",
        kind=Pick(),
        options=(
            "Baku's",
            "Yerevan's and the Karabakh Armenians'",
            "Moscow's",
            "Both sides asked for them",
        ),
        expected=lambda c: _interim_label(_interim_side(c)),
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
            "Baku's": "Baku's terms were territorial integrity and the return of the displaced; it "
            "backed the Lisbon statement's self-rule for Karabakh within Azerbaijan and rejected the "
            "1998 'common state' as contrary to its sovereignty.",
            "Moscow's": "Russia was one of the three co-chairs who wrote the principles with the US and "
            "France; the question asks whose terms the element answered, not who drafted it.",
            "Both sides asked for them": "Only one side did. Which side rested its case on "
            "self-determination, and which on territorial integrity?",
        },
    ),
    Check(
        key="l07-csto-2016",
        skill="recall",
        lesson=LESSON,
        prompt="Which of the three countries were members of the CSTO in 2016?",
        kind=SetOf(example='such as {"Georgia"}'),
        expected=_csto_members,
        hints=(
            "Read the CST_CSTO row of the grid for 2016.",
            "Give the countries' names, as a set: the others say 'withdrawn'.",
        ),
        worked="ba.membership_matrix(memberships, 2016).query(\"organization == 'CST_CSTO' and status == 'member'\")['country_name'].",
        explanation="Only Armenia. Moscow was mediating between its own ally and a country that had left its alliance.",
    ),
    Check(
        key="l07-whose-term",
        skill="interpret",
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

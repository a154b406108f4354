"""Self-checks of lesson 02, building the balancing act (1991–2003)."""

import pandas as pd

from ..judging import YEAR, Exact, Mistake, Number, Pick
from . import Check, Course, WrittenPrompt

LESSON = "02-building-the-balancing-act"


def _early(course):
    from ...analysis.events import filter_events

    return filter_events(course.events, years=(1991, 2003))


def _cst_spell(course):
    m = course.memberships
    return m[
        (m["country"] == "AZ") & (m["organization"] == "CST_CSTO") & (m["status"] == "member")
    ].iloc[0]


def _early_index(course):
    from ...analysis.balance_index import balance_index

    return balance_index(_early(course))


#: An event of 2007 the lesson does not show, to code with the partner rules.
GAZPROM_EVENT = "2007-rejects-gazprom-price"
GAZPROM_OPTIONS = (
    "to_russia is -1, and the West's column stays empty",
    "to_russia is -1, and to_west is 1 for the step away",
    "Every column empty: Gazprom's price was Moscow's act",
)

#: The flaw in reading 1991–2003 as a Western alignment from a count of codes.
COUNT_FLAW_OPTIONS = (
    "It counts joining the CIS and a platoon for Kosovo as equal steps",
    "Its arithmetic is wrong: Russia's steps outnumber the West's",
    "It should count neutral events as quiet steps toward Russia",
)


def _gazprom_coding(course):
    row = course.event(GAZPROM_EVENT)
    if pd.isna(row["to_russia"]):
        return GAZPROM_OPTIONS[2]
    return GAZPROM_OPTIONS[1] if row["to_west"] == 1 else GAZPROM_OPTIONS[0]


def _count_flaw(course):
    counts = _early(course)["alignment"].value_counts()
    # The argument's premise holds (more toward the West); its flaw is the equal weighting.
    west, russia = counts.get("toward_west", 0), counts.get("toward_russia", 0)
    return COUNT_FLAW_OPTIONS[0] if west > russia else COUNT_FLAW_OPTIONS[1]


CHECKS = (
    Check(
        key="l02-cst-end",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did Azerbaijan's membership of the Collective Security Treaty end?",
        kind=Number(Exact(), example="such as 1995", whole=True, measure=YEAR),
        expected=lambda c: int(_cst_spell(c)["end"].year),
        hints=(
            "Move the membership explorer's year slider and watch Azerbaijan's square in the row labelled "
            "'CST / CSTO' (the code CST_CSTO in the table above).",
            "In the memberships table, the member spell's 'end' column holds the date it ended.",
        ),
        worked="memberships.query(\"country == 'AZ' and organization == 'CST_CSTO' and status == 'member'\")['end'] gives the date; read its year.",
        explanation="Baku did not sign the protocol extending the treaty, so its membership ran out with the first five-year term.",
        mistakes=(
            Mistake(
                "the year it joined",
                lambda e: int(_cst_spell(Course())["start"].year),
                "That is the year Azerbaijan joined; the question asks when its membership ended.",
            ),
        ),
    ),
    Check(
        key="l02-count-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="A classmate finds more events of 1991–2003 coded toward the West than toward Russia "
        "and concludes that Baku's 'balancing act' was really a Western alignment. What is the main "
        "flaw in the argument?",
        kind=Pick(),
        options=COUNT_FLAW_OPTIONS,
        expected=_count_flaw,
        hints=(
            "Check the premise first with early['alignment'].value_counts(): is the count right?",
            "Now ask what one event adds to the count, whatever it was.",
        ),
        worked="Each event adds one: joining the CIS and its security treaty counts no more than a "
        "platoon sent to Kosovo, or a visit.",
        explanation="Right. The count is correct, but it gives every event the same weight, so it "
        "cannot say which way the years leaned; and steps went both ways (the CIS, the 1997 treaty, "
        "the Gabala lease), which is a mix, not an alignment against Moscow.",
        option_feedback={
            COUNT_FLAW_OPTIONS[1]: "Check it with value_counts(): the classmate's count is right. "
            "The flaw lies in what is read from the count, not in the arithmetic.",
            COUNT_FLAW_OPTIONS[2]: "Neutral events are context, with no step of Baku's in either "
            "direction: counting them for Moscow is a zero-sum reading the codebook rejects.",
        },
    ),
    Check(
        key="l02-code-gazprom",
        skill="classify",
        lesson=LESSON,
        prompt="January 2007: after Gazprom proposed to more than double its gas price, Baku stopped "
        "buying Russian gas and stopped sending its own oil to Russia, burning it at home instead. "
        "How does the partner coding record Baku's step?",
        kind=Pick(),
        options=GAZPROM_OPTIONS,
        expected=_gazprom_coding,
        hints=(
            "Whose act does the row record: Gazprom's proposal, or Baku's answer to it?",
            "Read the codebook's rule 4: is a step away from Russia by itself a step toward the West?",
        ),
        worked=f"The row is {GAZPROM_EVENT}: Baku's refusal cut a tie with Moscow; no Western state "
        "or body took part in it.",
        explanation="Right: to_russia = -1 and the West's column empty. The row records Baku's own "
        "refusal, not only Gazprom's price; and the partner coding reads no zero-sum, so cutting "
        "Russian energy leverage is not by itself a step toward the West (the one-axis alignment "
        "code does call it toward_west: the two codings differ on purpose).",
        option_feedback={
            GAZPROM_OPTIONS[1]: "That is the zero-sum reading the codebook's rule 4 forbids: no "
            "Western partner took part, so to_west stays empty.",
            GAZPROM_OPTIONS[2]: "Gazprom's proposal alone would be context, but the row records "
            "Baku's answer: refusing the gas and halting its oil shipments is Baku's own step.",
        },
    ),
    Check(
        key="l02-biggest-year",
        skill="compute",
        lesson=LESSON,
        prompt="In which year of 1991–2003 is the net score most toward the West?",
        kind=Number(Exact(), example="such as 1995", whole=True, measure=YEAR),
        expected=lambda c: int(_early_index(c).loc[_early_index(c)["net"].idxmax(), "year"]),
        hints=(
            "In the chart of the index, find the tallest bar above zero (the bars are each year's net; "
            "the line is the running total); hover over it to read 'Year'.",
            "ba.balance_index(early) has one row per year, with columns 'year' and 'net'. "
            "index['net'].idxmax() gives the label of the row with the largest net, which here is a "
            "row number (0, 1, 2...), not the year: read the 'year' on that row with .loc.",
        ),
        worked="index.loc[index['net'].idxmax(), 'year'] reads the year of the largest net score.",
        explanation="That year Baku let the security treaty lapse, opened the Supsa route, signed the BTC "
        "agreements and sent a platoon to NATO's Kosovo force.",
        mistakes=(
            Mistake(
                "the highest running total",
                lambda e: int(
                    _early_index(Course()).loc[_early_index(Course())["index"].idxmax(), "year"]
                ),
                "That is where the running total (the line) is highest; the question is about one year's net score (the bars).",
            ),
        ),
    ),
    Check(
        key="l02-elchibey-by-default",
        skill="classify",
        lesson=LESSON,
        prompt="What drove Elchibey's foreign policy 'by default' rather than 'by design'?",
        kind=Pick(),
        options=(
            "A pan-Turkic outlook and close ties with Turkey",
            "Russian and Iranian support for Armenia in the Karabakh war",
            "A pro-Western course, with Turkey as the route to Western support",
        ),
        expected=lambda c: "Russian and Iranian support for Armenia in the Karabakh war",
        hints=(
            "'By design' means chosen for its own sake; 'by default' means forced by circumstances.",
            "Two of the options were the Popular Front's own programme.",
        ),
        worked="Which of the three did Baku not choose, but have imposed on it by others?",
        explanation="The other two were the Popular Front's own programme; the war's alignments were imposed on Baku.",
        option_feedback={
            "A pan-Turkic outlook and close ties with Turkey": "That was Elchibey's own outlook, "
            "chosen for its own sake: by design, in the paper's words.",
            "A pro-Western course, with Turkey as the route to Western support": "That was the "
            "Popular Front's programme, which Elchibey campaigned on: a choice by design, not one "
            "forced on him.",
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l02-ceasefire-and-contract",
        lesson=LESSON,
        prompt="Explain why the ceasefire of May 1994 and the oil contract of September 1994 pulled "
        "Baku in opposite directions, and how Baku kept both partners on side.",
        criteria=(
            "Says the ceasefire was brokered by Moscow and left Russia as the broker of the conflict "
            "that mattered most to Baku, with Armenian forces holding the ground they had taken.",
            "Says the Contract of the Century tied Baku's oil to a consortium of mostly Western "
            "companies, the start of its Western anchor.",
            "Shows how Baku kept Moscow inside: LUKoil in the consortium, an early-oil route "
            "through Russia beside one through Georgia (1995), the transit deal of 1996.",
            "Uses dates and events accurately (the Partnership for Peace signed the day before the "
            "Bishkek protocol, say) and keeps its reading apart from the facts.",
        ),
        model_answer=(
            "The truce that took effect on 12 May 1994 was Moscow's work: the Bishkek protocol came "
            "out of a meeting convened through CIS bodies with Russia's parliament and foreign "
            "ministry, and the truce was issued under Russian ministers. It froze a front on which "
            "Armenian forces held Karabakh and the districts around it, so anything Baku hoped to "
            "win back ran through Moscow. Four months later SOCAR signed the Contract of the Century "
            "with a consortium led by Amoco and BP, which bound Baku's main source of money to "
            "Western companies and, later, to routes around Russia. Baku held the two together by "
            "keeping Russia inside the Western deal: LUKoil had a share, in 1995 the early oil was "
            "given one route through Russia as well as one through Georgia, and in 1996 Baku signed "
            "the transit deal with Moscow. The day before Bishkek it had also signed NATO's "
            "Partnership for Peace, so both doors were open at once."
        ),
        min_words=60,
    ),
)

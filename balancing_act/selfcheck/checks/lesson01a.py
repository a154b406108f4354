"""Self-checks of lesson 01a, the prologue (1988-1993)."""

import re

from ..judging import Pick, SetOf
from . import Check, WrittenPrompt

LESSON = "01a-prologue-1988-1993"

#: The terms the terms check shows, in the order the lesson lists them.
SHOWN_TERMS = (
    "Black January",
    "Revival Day",
    "Shushi",
    "Berdzor",
    "Chaykand",
    "occupation",
    "liberation",
    "passport check",
)

CONTEXT = "Another state's act alone is context"
WHY_EMPTY = (
    CONTEXT,
    "The two coders could not agree",
    "Baku stepped away from Russia, which cancels out",
    "The UN decided it, not a state",
)


#: An act of 1991 the lesson does not show: the first step of Baku's own, coded by the partner rules.
INDEPENDENCE_EVENT = "1991-independence-declaration"
INDEPENDENCE_OPTIONS = (
    "to_russia is -1: the republic's own step away from Moscow",
    "Every column empty: the Soviet Union still existed then",
    "to_west is 1: leaving Moscow meant turning to the West",
)


def _independence_coding(course):
    from ...course.vocabulary import PARTNER_COLUMNS

    row = course.event(INDEPENDENCE_EVENT)
    partners = row[list(PARTNER_COLUMNS.values())]
    if partners.isna().all():
        return INDEPENDENCE_OPTIONS[1]
    if row["to_west"] == 1:
        return INDEPENDENCE_OPTIONS[2]
    return INDEPENDENCE_OPTIONS[0] if row["to_russia"] == -1 else None


def _azerbaijani_terms(course):
    from ...analysis.terms import terms_of

    return set(terms_of("Azerbaijani")) & set(SHOWN_TERMS)


def _resolutions_1993(course):
    ids = course.events["id"]
    return {m.group(1) for i in ids if (m := re.fullmatch(r"1993-unsc-resolution-(\d+)", i))}


def _why_empty(course):
    from ...course.vocabulary import PARTNER_COLUMNS

    row = course.event("1990-black-january")
    actors = str(row["actors"]).split(";")
    empty = row[list(PARTNER_COLUMNS.values())].isna().all()
    # Moscow's act with no step of the Azerbaijani state: the codebook's first rule.
    return (
        CONTEXT
        if empty and actors[0] != "AZ"
        else "Baku stepped away from Russia, which cancels out"
    )


CHECKS = (
    Check(
        key="l01a-azerbaijani-terms",
        skill="classify",
        lesson=LESSON,
        prompt="Which of the listed terms are the Azerbaijani side's usage?",
        kind=SetOf(example='such as {"Revival Day"}'),
        expected=_azerbaijani_terms,
        hints=(
            "Each term is in the row of one prologue event: open its card in the explorer and read "
            "the summary and the note, which say who uses it.",
            "Three of the eight are Azerbaijani: a name for a day of mourning, a village's "
            "Azerbaijani name and one word for what happened to Shusha and the districts.",
        ),
        worked="Read the notes of 1990-black-january, 1991-operation-ring and "
        "1992-shusha-and-lachin-fall: each says whose word each term is.",
        explanation="Right. 'Black January', 'Chaykand' and 'occupation' are Azerbaijan's words; "
        "'Revival Day', 'Shushi', 'Berdzor' and 'liberation' are Armenian usage, and 'passport "
        "check' was the Soviet authorities' name for Operation Ring. A careful text names both and "
        "says whose each is.",
    ),
    Check(
        key="l01a-resolutions-1993",
        skill="read",
        lesson=LESSON,
        prompt="Which UN Security Council resolutions of 1993 on the conflict are events of the course?",
        kind=SetOf(example='such as {"242"}'),
        expected=_resolutions_1993,
        hints=(
            "Filter the events to 1993 and look for the Security Council in the titles.",
            "Their ids read 1993-unsc-resolution-NNN: give the numbers as texts in a set.",
        ),
        worked="ba.filter_events(events, (1993, 1993), text='resolution')['id'] lists them.",
        explanation="Right: 822 (Kalbajar), 853 (Agdam), 874 (the CSCE timetable) and 884 (Zangilan "
        "and Horadiz). Each affirmed Azerbaijan's territorial integrity and demanded withdrawal "
        "from newly occupied areas, and none set up any way to enforce it.",
    ),
    Check(
        key="l01a-why-no-step",
        skill="interpret",
        lesson=LESSON,
        prompt="Why are all partner columns of 1990-black-january empty?",
        kind=Pick(),
        options=WHY_EMPTY,
        expected=_why_empty,
        hints=(
            "Whose act does the row record: the Azerbaijani state's, or another's?",
            "Read the codebook's one rule for the partner coding: whose step counts.",
        ),
        worked="The row's actors start with SU, the Soviet Union: Moscow sent the troops; the "
        "Azerbaijan SSR took no step of its own toward any partner.",
        explanation="Right: the coding records Baku's own steps. In January 1990 there was no "
        "Azerbaijani state with a foreign policy, and Moscow's act alone is context, however "
        "much it shaped what Azerbaijanis later thought of Russia.",
        option_feedback={
            "The two coders could not agree": "The coders agreed; a disagreement would be in "
            "coding/resolutions.csv, not an empty cell.",
            "Baku stepped away from Russia, which cancels out": "Opposite steps are not summed "
            "away in one row; and here Baku took no step at all.",
            "The UN decided it, not a state": "The UN played no part in January 1990: the "
            "troops were the Soviet Union's.",
        },
    ),
    Check(
        key="l01a-code-independence",
        skill="classify",
        lesson=LESSON,
        prompt="30 August 1991: the republic's Supreme Soviet declares Azerbaijan's independence "
        "restored, naming the 1918–20 republic as its forebear. How does the partner coding record "
        "it?",
        kind=Pick(),
        options=INDEPENDENCE_OPTIONS,
        expected=_independence_coding,
        hints=(
            "Whose act is it this time: Moscow's, or the republic's own parliament's?",
            "Read the codebook's rule 4: is a step away from one partner a step toward another?",
        ),
        worked=f"The row is {INDEPENDENCE_EVENT}: the actor is AZ alone. A step of the republic's "
        "own that loosens its tie to Moscow, and no Western body takes part in it.",
        explanation="Right: to_russia = -1 and every other column empty. Unlike Black January, this "
        "is the republic's own act, the first step of a foreign policy apart from Moscow; and by "
        "the codebook's rule 4, a step away from Russia is not by itself a step toward the West.",
        option_feedback={
            INDEPENDENCE_OPTIONS[1]: "The Union still stood, but the act was the republic's own "
            "parliament's, not Moscow's: it is a step of Baku's, and the coding records it.",
            INDEPENDENCE_OPTIONS[2]: "That is the zero-sum reading the codebook's rule 4 forbids: "
            "no Western state or body took part, so the West's column stays empty.",
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l01a-naming-both",
        lesson=LESSON,
        prompt="Write a short account of what happened to Shusha and Lachin in May 1992 that an "
        "Armenian and an Azerbaijani reader could each accept as fair. Say what happened, and give "
        "each side's words for it as theirs.",
        criteria=(
            "States what happened and when: in May 1992 Armenian forces took Shusha and then "
            "Lachin, which opened a road between Karabakh and Armenia.",
            "Gives both names of each place (Shusha and Shushi, Lachin and Berdzor) and says whose "
            "each is.",
            "Attributes the contested words to their users ('occupation' for Azerbaijani outlets, "
            "'liberation' for Armenian ones) instead of adopting either as the account's own.",
            "Keeps fact apart from judgement, and says something both readers would recognise "
            "(who had lived in Shusha).",
        ),
        model_answer=(
            "In May 1992 Armenian forces took Shusha, which Armenians call Shushi, the last large "
            "Azerbaijani-populated town in Karabakh, and then Lachin (Berdzor in Armenian usage), "
            "which opened a road from Karabakh to Armenia. Before the war the town's people had been "
            "almost all Azerbaijanis. Azerbaijani outlets describe these events as "
            "the occupation of Shusha and Lachin; Armenian outlets describe the liberation of "
            "Shushi and Berdzor. An account for both readers reports the taking of the towns and "
            "who had lived in Shusha as facts, and gives 'occupation' and 'liberation' as each "
            "side's words, not as its own."
        ),
        min_words=60,
    ),
)

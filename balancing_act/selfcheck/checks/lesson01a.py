"""Self-checks of lesson 01a, the prologue (1988-1993)."""

import re

from ..judging import Pick, SetOf
from . import Check

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
        skill="recall",
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
)

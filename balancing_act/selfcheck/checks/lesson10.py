"""Self-checks of lesson 10, The other capitals."""

from ..judging import Exact, Mistake, Number, Pick
from . import Check, Course

LESSON = "10-the-other-capitals"


def _turkey_steps(course):
    events = course.events
    return events[events["to_turkey"].notna()]


def _iran_steps(course):
    from ...analysis.partners import partner_steps

    return partner_steps(course.events, "iran")


POINT9_RIGHT = "Moscow's: its own border guards gain a say over a new east–west route"

CHECKS = (
    Check(
        key="l10-turkey-as-west",
        skill="compute",
        lesson=LESSON,
        prompt="How many of Baku's steps toward or away from Turkey does the single axis code toward_west?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: int((_turkey_steps(c)["alignment"] == "toward_west").sum()),
        hints=(
            "Keep the events whose to_turkey column is not empty, then look at their alignment.",
            "events[events['to_turkey'].notna()]['alignment'].value_counts() lists them.",
        ),
        worked="(events[events['to_turkey'].notna()]['alignment'] == 'toward_west').sum().",
        explanation="Nearly every step Baku took toward Ankara sits on the single axis as a step toward "
        "'the West': the first coding folded Turkey, a NATO member, into it. The partner coding keeps "
        "Ankara apart, which is what lets this lesson ask what Ankara itself wanted.",
        mistakes=(
            Mistake(
                "every Turkey step",
                lambda e: len(_turkey_steps(Course())),
                "That is every event with a Turkey code; keep only those the axis codes toward_west.",
            ),
        ),
    ),
    Check(
        key="l10-iran-further",
        skill="compute",
        lesson=LESSON,
        prompt="How many of Baku's coded steps took it further from Iran?",
        kind=Number(Exact(), example="such as 3", whole=True),
        expected=lambda c: int((_iran_steps(c)["step"] == "further").sum()),
        hints=(
            "Read the step column of the table of Baku's steps toward Iran.",
            "Count the rows whose step is 'further'.",
        ),
        worked="(ba.partner_steps(events, 'iran')['step'] == 'further').sum().",
        explanation="Two are pipelines built to go around Iran (BTC, signed in 1999 and opened in 2005); "
        "two are acts of the tense years after 2020, the closed office in Baku and the embassy "
        "withdrawn from Tehran. Steps closer to Iran, by contrast, mostly came in the company of Moscow.",
        mistakes=(
            Mistake(
                "the closer steps",
                lambda e: int((_iran_steps(Course())["step"] == "closer").sum()),
                "That is how many steps brought Baku closer to Iran; count those that took it further.",
            ),
            Mistake(
                "every Iran step",
                lambda e: len(_iran_steps(Course())),
                "That is every coded step toward Iran; keep those that took Baku further.",
            ),
        ),
    ),
    Check(
        key="l10-point9",
        skill="interpret",
        lesson=LESSON,
        prompt="Point 9 of the 10 November 2020 statement: whose interest did the border-guard clause serve?",
        kind=Pick(),
        options=(
            POINT9_RIGHT,
            "Ankara's: the route runs on to Turkey, so any clause about it is a gain",
            "Tehran's: Russian guards would keep Iran's border with Armenia as it was",
            "Yerevan's: Russian guards would shield Armenia's sovereignty over Syunik",
        ),
        expected=lambda c: POINT9_RIGHT,
        hints=(
            "Ask who gains from *who controls* the route, not from the route itself.",
            "Read what each capital said about the route later: Yerevan in 2023, Tehran in 2024.",
        ),
        worked="The clause gave the control of the transport link to the border service of Russia's "
        "FSB; Baku's deputy prime minister read it that way in 2023, and Yerevan denied any such "
        "agreement.",
        explanation="Right, on the reading this lesson argues: the clause put Russia's own border guards "
        "on a route between Azerbaijan, Nakhchivan and Turkey that Moscow did not otherwise control. "
        "Baku wanted the route, Ankara wanted it too, Tehran feared for its border and Yerevan wanted "
        "its own jurisdiction; only Moscow gained from the control clause as such. In 2025 the TRIPP "
        "declaration gave the United States the rights to oversee the route's development instead.",
        option_feedback={
            "Ankara's: the route runs on to Turkey, so any clause about it is a gain": "Ankara wanted "
            "the route, but this clause gave its control to Russia's border service, not to Turkey. "
            "Mixing up the route with who controls it is the trap.",
            "Tehran's: Russian guards would keep Iran's border with Armenia as it was": "Tehran saw "
            "the route itself as a threat to its border with Armenia, and in 2024 it warned Moscow "
            "for pushing it. Russian control did not reassure Iran.",
            "Yerevan's: Russian guards would shield Armenia's sovereignty over Syunik": "Yerevan "
            "insisted that the roads run under the sovereignty and jurisdiction of the state they "
            "cross, and denied in 2023 that Russia's border guards would run them.",
        },
    ),
)

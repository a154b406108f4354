"""Self-checks of lesson 10, The other capitals."""

from ..judging import Exact, Mistake, Number, Pick
from . import Check, Course, WrittenPrompt
from .partner_views import coded_option

LESSON = "10-the-other-capitals"


def _turkey_steps(course):
    events = course.events
    return events[events["to_turkey"].notna()]


STATEMENT_EVENT = "2020-trilateral-ceasefire-russian-peacekeepers"
STATEMENT_OPTIONS = (
    "Closer to Russia: Baku signed it and accepted Russian troops",
    "No bearing: the mediation was Moscow's act, not Baku's",
    "Further from Russia: Baku won the war Moscow had long frozen",
)
STATEMENT_READINGS = {
    STATEMENT_OPTIONS[0]: {"to_russia": 1},
    STATEMENT_OPTIONS[1]: {"to_russia": None},
    STATEMENT_OPTIONS[2]: {"to_russia": -1},
}

AXIS_OPTIONS = (
    "A step toward Ankara that leaves Moscow where it was",
    "A step away from Moscow, such as closing a Russian institution",
    "A step toward Moscow, such as a gas contract with Gazprom",
)

TREATY_EVENT = "2010-azerbaijan-turkey-strategic-partnership"
TREATY_OPTIONS = (
    "Closer to Turkey; no bearing on Russia or the West",
    "Closer to Turkey; further from Russia",
    "Closer to Turkey and to the West, a NATO ally",
)
TREATY_READINGS = {
    TREATY_OPTIONS[0]: {"to_turkey": 1, "to_russia": None, "to_west": None},
    TREATY_OPTIONS[1]: {"to_turkey": 1, "to_russia": -1},
    TREATY_OPTIONS[2]: {"to_turkey": 1, "to_west": 1},
}

EXPORT_EVENT = "2008-socar-spreads-oil-export-risk"
EXPORT_OPTIONS = (
    "Closer to Iran and to Russia; no bearing on the West",
    "Closer to Iran and to Russia; further from the West",
    "No bearing on Iran, Russia or the West: a company acted",
)
EXPORT_READINGS = {
    EXPORT_OPTIONS[0]: {"to_iran": 1, "to_russia": 1, "to_west": None},
    EXPORT_OPTIONS[1]: {"to_iran": 1, "to_russia": 1, "to_west": -1},
    EXPORT_OPTIONS[2]: {"to_iran": None, "to_russia": None, "to_west": None},
}

POINT9_RIGHT = "Moscow's: its own border guards gain a say over a new east–west route"

CHECKS = (
    Check(
        key="l10-code-2020-statement",
        skill="classify",
        lesson=LESSON,
        prompt="The statement of 10 November 2020 (Lesson 7): code Baku's step toward Russia with the partner rules (Lesson 9).",
        kind=Pick(),
        options=STATEMENT_OPTIONS,
        expected=lambda c: coded_option(c, STATEMENT_EVENT, STATEMENT_READINGS),
        hints=(
            "Lesson 7: who signed the statement, and whose troops did it bring onto Azerbaijani territory?",
            "Lesson 9's rules: a joint act is Baku's step too, and a partner's presence accepted counts as closer; code what the step does, not how the war went.",
        ),
        worked=f"events.set_index('id').loc['{STATEMENT_EVENT}', 'to_russia'] is the course's code.",
        explanation="Aliyev signed the statement with Putin and Pashinyan, and it placed Russian peacekeepers on Azerbaijani territory for a renewable term: a joint act whose part is Baku's, and a partner's presence accepted, so to_russia is 1, whatever the war had done to Moscow's leverage.",
        option_feedback={
            STATEMENT_OPTIONS[
                1
            ]: "Moscow brokered it, but Baku signed it: the codebook codes Baku's part of a joint act (rule 2), and accepting Russian troops is a step closer by its table.",
            STATEMENT_OPTIONS[
                2
            ]: "That reads the war's outcome and Baku's motives; the codebook codes what Baku's own step did to the relationship (rule 5), and this step let Russian troops in.",
        },
        revisits=("07-karabakh-and-the-mediators", "09-measuring-the-balance"),
    ),
    Check(
        key="l10-axis-blind-spot",
        skill="interpret",
        lesson=LESSON,
        prompt="Lessons 5 and 9 set the single Russia–West axis beside the partner coding. Which step can the axis not record as it is?",
        kind=Pick(),
        options=AXIS_OPTIONS,
        expected=lambda c: AXIS_OPTIONS[0],
        hints=(
            "The axis has two ends; which partners have a place on it?",
            "Lesson 9: a step toward Ankara had to be scored either as 'West', and so away from Moscow, or as nothing.",
        ),
        worked="On one axis, Turkey is folded into 'the West': a step toward Ankara moves Baku away from Moscow by construction.",
        explanation="The single axis has room for two partners only. A step toward Ankara that leaves Moscow where it was must be scored as a step toward 'the West', and so away from Moscow, or as nothing. This lesson gives Ankara, Tehran, Jerusalem and Beijing columns of their own.",
        option_feedback={
            AXIS_OPTIONS[
                1
            ]: "The axis records that well: closing a Russian institution is a step toward the West's end of it (the codebook's own example is the Russian House, closed in 2025).",
            AXIS_OPTIONS[
                2
            ]: "A step toward Moscow is exactly what the axis's Russian end records; what it adds, wrongly or not, is that the step is also one away from the West.",
        },
        revisits=("05-pacifying-russia", "09-measuring-the-balance"),
    ),
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
        key="l10-code-turkey-treaty",
        skill="classify",
        lesson=LESSON,
        prompt="August 2010: Aliyev and Turkey's president sign a treaty of strategic partnership and mutual support, each to aid the other if attacked. Code Baku's step.",
        kind=Pick(),
        options=TREATY_OPTIONS,
        expected=lambda c: coded_option(c, TREATY_EVENT, TREATY_READINGS),
        hints=(
            "The partner coding counts the West without Turkey: Ankara has a column of its own.",
            "Rule 4: a step toward Turkey is a step away from Russia only if the same step cuts Russia's ties, presence or leverage. Does this treaty?",
        ),
        worked=f"events.set_index('id').loc['{TREATY_EVENT}', ['to_russia', 'to_west', 'to_turkey']] holds the course's codes.",
        explanation="A treaty signed with Ankara brings Baku closer to Turkey. It closes no Russian office and bypasses no Russian route, so Russia's column stays empty (rule 4), and Turkey is not counted with the West. Some analysts read it as Baku's answer to Russia's base deal with Armenia that month, but the codebook codes what the step does, not why.",
        option_feedback={
            TREATY_OPTIONS[
                1
            ]: "That is the zero-sum reading the codebook rules out: a step toward Ankara is not one away from Moscow unless the same step reduces Russia's ties (rule 4), and this treaty does not.",
            TREATY_OPTIONS[
                2
            ]: "That is the single axis's habit: the partner coding counts the West 'except Turkey', so a NATO member's treaty with Baku is coded in Turkey's column alone.",
        },
    ),
    Check(
        key="l10-code-iran-exports",
        skill="classify",
        lesson=LESSON,
        prompt="September 2008, after the war in Georgia: SOCAR says it will keep sending part of Baku's oil through Russia and Iran even when the Georgian routes reopen. Code the step.",
        kind=Pick(),
        options=EXPORT_OPTIONS,
        expected=lambda c: coded_option(c, EXPORT_EVENT, EXPORT_READINGS),
        hints=(
            "Whose step counts? The codebook lists the Azerbaijani state's own bodies, and SOCAR among them.",
            "Rule 4 again: does a route through Russia and Iran cut any Western tie, or only add routes beside the Western ones?",
        ),
        worked=f"events.set_index('id').loc['{EXPORT_EVENT}', ['to_russia', 'to_west', 'to_iran']] holds the course's codes.",
        explanation="SOCAR is the state oil company, so its decision is Baku's step; keeping oil flowing through Russia and Iran brings Baku closer to both. No Western tie was cut, so the West's column stays empty (rule 4): the foreign minister called it being friends with everybody.",
        option_feedback={
            EXPORT_OPTIONS[
                1
            ]: "Adding routes beside the Western one cuts no Western tie: a step toward Moscow or Tehran is not a step away from the West unless it reduces Western ties (rule 4).",
            EXPORT_OPTIONS[
                2
            ]: "SOCAR is not just any company: the codebook lists the state oil company among the bodies whose acts are Baku's own.",
        },
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

WRITTEN = (
    WrittenPrompt(
        key="l10-iran-not-close",
        lesson=LESSON,
        prompt=(
            "Iran and Azerbaijan share a faith, and a people divided by a border. Why has that not "
            "made them close? Use one scholarly argument from this lesson and one event."
        ),
        criteria=(
            "Names a scholarly argument from the lesson correctly (Shaffer's, or Souleimanov and "
            "Ditrych's) and says what it argues, not only who wrote it.",
            "Names an event by its id and says what Baku's own step in it was.",
            "Gives Tehran's interests in Tehran's terms, beside Baku's.",
            "Weighs evidence that points the other way, such as the steps closer to Iran.",
        ),
        model_answer=(
            "Shared faith has not outweighed the politics of identity and routes. Brenda Shaffer "
            "argues that an Azerbaijani identity persisted inside Iran and that an independent "
            "Azerbaijan next door strengthened it, so Tehran has reason to watch Baku warily. "
            "Souleimanov and Ditrych add that Iran wanted to limit the United States' presence in "
            "the region, while Baku built its oil routes with Western companies and around Iran: "
            "the BTC agreements of 1999 (`1999-btc-istanbul-agreements`) are coded as a step "
            "away from Iran. In 2021 Baku shut the office of the supreme leader's representative "
            "(`2021-baku-shuts-khamenei-office`). Yet the tie is not only hostile: Baku hosted Tehran "
            "and Moscow at a summit in 2016 and opened joint dams on the Araz in 2024."
        ),
        min_words=60,
    ),
)

"""Self-checks of lesson 08, the brief meets history (2020–2025)."""

from ...analysis.claims import BRIEF_PUBLISHED
from ..judging import Pick
from . import Check, WrittenPrompt
from .partner_views import C5_OPTIONS, partner_c5

LESSON = "08-the-brief-meets-history"

# What each kind of claim lets later events do (lesson 8, section 4), for l08-c8-kind.
KIND_OPTIONS = {
    "diagnosis": "A diagnosis of Baku's belief before 2019: later events test if it held",
    "prediction": "A prediction that Moscow would fail Baku: later events show if it did",
    "recommendation": "A recommendation to stop relying on Moscow: events show if Baku did",
}

# Who named the operation of 19 September 2023 how (lesson 8, Karabakh 2022–2024).
TERM_OWNERS = (
    "Azerbaijan's defence ministry, naming its own operation",
    "Armenia's government, describing the attack it condemned",
    "The UN mission, summing up what it saw in Khankendi",
    "The Russian peacekeeping command, brokering the ceasefire",
)

# Readings of the tally of linked events after the brief (l08-tally-reading).
TALLY_READINGS = (
    "Where the record has most to say, not which way it points",
    "Which claims the record bears out best: more events, more support",
    "Which claims the brief got most wrong: the record corrects them",
    "Which claims the brief's author cared most about: he linked them",
)

#: The brief's publication date in words, from the one constant the tally and explorer use.
_PUBLISHED = f"{BRIEF_PUBLISHED.day} {BRIEF_PUBLISHED:%B %Y}"

# An event of 2019 after the paper, and where the course puts it (l08-after-the-brief-2019).
LATE_2019_EVENT = "2019-moscow-fm-meeting-lavrov"
LATE_2019_OPTIONS = {
    (False, "pacification"): "After the brief, but still in the pacifying-Russia period",
    (True, "pacification"): "Seen by the brief, like every event in its period",
    (False, "after_brief"): "After the brief, so in the brief-meets-history period",
    (True, "after_brief"): "Seen by the brief, though in the brief-meets-history period",
}

# Readings of the lowest net bar of 2020–2025 (l08-low-year-reading), with the year it names.
LOW_YEAR = 2024
LOW_YEAR_READINGS = (
    "A count of coded steps: more toward Moscow than West, each weighing one",
    "Baku allied with Moscow that year: the lowest bar marks its closest tie",
    "The West pushed Baku away: the bar measures Western pressure on Baku",
    "Nothing at all: one year's bar is noise, whatever events it holds",
)

# What a warning that did not come true may show (lesson 8, section 4).
WARNING_READINGS = (
    "Perhaps that it was heeded: a warning that fails need not be wrong",
    "That the brief was wrong: a prediction that fails is refuted",
    "Nothing: no prediction can ever be checked against events",
    "That it was advice: a warning is a recommendation in disguise",
)


def _kind_of(course, claim_id):
    return str(course.claims.set_index("id").loc[claim_id, "kind"])


def _tally_reading(course):
    """The strongest reading, once the data confirm the two claims the prompt names lead the tally."""
    from ...analysis.claims import claim_evidence

    after = {
        cid: int((~claim_evidence(cid, course.events, course.claims)["seen_by_brief"]).sum())
        for cid in course.claims["id"]
    }
    if set(sorted(after, key=after.get)[-2:]) != {"C1", "C8"}:
        raise ValueError("C1 and C8 no longer lead the tally: revise l08-tally-reading.")
    return TALLY_READINGS[0]


def _late_2019(course):
    """Whether the brief could see the event, and its period, read from its row."""
    from ...analysis.claims import claim_evidence

    row = course.event(LATE_2019_EVENT)
    claim = str(row["claims"]).split(";")[0]
    seen = claim_evidence(claim, course.events, course.claims).set_index("id")
    return LATE_2019_OPTIONS[(bool(seen.loc[LATE_2019_EVENT, "seen_by_brief"]), str(row["period"]))]


def _nets(course):
    from ...analysis.balance_index import balance_index

    return balance_index(course.events).set_index("year")["net"]


def _low_year_reading(course):
    """The strongest reading, once the data confirm that the year the prompt names is the lowest."""
    if int(_nets(course).loc[2020:2025].idxmin()) != LOW_YEAR:
        raise ValueError("The lowest year of 2020–2025 has moved: revise l08-low-year-reading.")
    return LOW_YEAR_READINGS[0]


CHECKS = (
    Check(
        key="l08-tally-reading",
        skill="interpret",
        lesson=LESSON,
        prompt="C1 and C8 have the most linked events after the brief. What does a high count in the tally tell you?",
        kind=Pick(),
        options=TALLY_READINGS,
        expected=_tally_reading,
        hints=(
            "The tally counts links. Does a link say whether the event supports the claim or undercuts it?",
            "Open two linked events of one claim in the explorer: do they point the same way?",
        ),
        worked="A linked event bears on a claim, for or against; the tally adds both kinds together.",
        explanation="Right: a link says that an event bears on a claim, for or against, so a high count shows where the record "
        "is dense, not a verdict. Your verdicts rest on what the deciding events did, read one by one.",
        option_feedback={
            TALLY_READINGS[
                1
            ]: "A linked event may undercut the claim as well as support it: more links "
            "means more evidence, not more support.",
            TALLY_READINGS[
                2
            ]: "Links go both ways: a claim with many events after the brief may be borne "
            "out as easily as refuted. Read which way each event points.",
            TALLY_READINGS[
                3
            ]: "The links are the course's, made afterwards from the events; the brief "
            "linked nothing to its claims.",
        },
    ),
    Check(
        key="l08-after-the-brief-2019",
        skill="classify",
        lesson=LESSON,
        prompt="In April 2019 Lavrov hosted the two foreign ministers in Moscow. Could the brief see it, and in which period is it?",
        kind=Pick(),
        options=tuple(LATE_2019_OPTIONS.values()),
        expected=_late_2019,
        hints=(
            "The course takes 14 March 2019 as the brief's publication: compare the meeting's date with it.",
            "The periods follow the years: where does the course end the pacifying-Russia period?",
        ),
        worked="The meeting came a month after 14 March 2019 (after the brief); the pacifying-Russia period runs to the end of 2019.",
        explanation="Right: the brief could not see it, yet it stays in the pacifying-Russia period, which runs to the end of 2019. "
        f"So 'after the brief' (after {_PUBLISHED}) and '2020 or later' (the period after_brief) "
        "are not the same: the tally and the explorer split at the brief's date, the periods at "
        "the year.",
        option_feedback={
            LATE_2019_OPTIONS[
                (True, "pacification")
            ]: "The period runs to December 2019, but the brief "
            "appeared on 14 March: what it could see ends there, not at the period's end.",
            LATE_2019_OPTIONS[
                (False, "after_brief")
            ]: "The course's fourth period starts in 2020, not at "
            "the brief's publication: the last months of 2019 stay in the third.",
            LATE_2019_OPTIONS[
                (True, "after_brief")
            ]: "Both halves are off: an April meeting came after "
            "the brief, and 2019 is not in the fourth period.",
        },
    ),
    Check(
        key="l08-c8-kind",
        skill="classify",
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
        skill="classify",
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
        key="l08-low-year-reading",
        skill="interpret",
        lesson=LESSON,
        prompt="With equal weights, 2024 has the lowest net bar of 2020–2025. Which reading of that bar is the strongest?",
        kind=Pick(),
        options=LOW_YEAR_READINGS,
        expected=_low_year_reading,
        hints=(
            "The index gives +1, -1 or 0 to each event and adds them up: what does a bar count?",
            "List 2024's events with their alignment (events[events['year'] == 2024]): which way does each point?",
        ),
        worked="events[events['year'] == 2024][['title', 'alignment']]: the state visit, BRICS, PACE and the rest, each worth one.",
        explanation="Right: the bar adds up the year's coded steps, each worth one with equal weights: in 2024 the PACE walk-out, "
        "the state visit, the BRICS application and more outnumber the peacekeepers' departure. It measures the coding, not "
        "how close Baku was to Moscow; change the weights below and watch it move.",
        option_feedback={
            LOW_YEAR_READINGS[
                1
            ]: "A low bar counts steps; it does not measure an alliance. The allied "
            "declaration was signed in 2022, and that year's bar is not the lowest.",
            LOW_YEAR_READINGS[2]: "The bar counts Baku's own steps as the course coded them; other "
            "states' acts alone are context and count for nothing.",
            LOW_YEAR_READINGS[
                3
            ]: "The bar is not noise: it adds named, dated steps you can open and weigh. "
            "Read them before you set the bar aside.",
        },
    ),
    Check(
        key="l08-unfulfilled-warning",
        skill="interpret",
        lesson=LESSON,
        prompt="The brief warned that something may happen, and by 2025 it had not. By section 4, what may that show?",
        kind=Pick(),
        options=WARNING_READINGS,
        expected=lambda c: WARNING_READINGS[0],
        hints=(
            "Reread section 4 on predictions: what are most of the brief's predictions?",
            "A conditional warning ('may', 'could', 'risks') is addressed to someone. What if they act on it?",
        ),
        worked="Section 4: most predictions are conditional warnings, and a warning a government heeds may never come true.",
        explanation="Right: a heeded warning may never come true, and that can be a success. To judge it, ask whether its "
        "conditions arose and whether anyone acted on it; events can show both, but not what would have happened otherwise.",
        option_feedback={
            WARNING_READINGS[
                1
            ]: "That treats a conditional warning as a flat forecast. Section 4: a warning "
            "that is heeded may never come true, and that can be a success.",
            WARNING_READINGS[
                2
            ]: "Events can show what followed and whether the warning's conditions arose; "
            "what they cannot show alone is what would have happened otherwise.",
            WARNING_READINGS[
                3
            ]: "A warning says what may happen; a recommendation says what someone should "
            "do. The brief's claims table gives each claim one kind.",
        },
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l08-one-verdict",
        lesson=LESSON,
        prompt="Write out one verdict in full: C8, or another claim from your table. Give the verdict, the deciding events by id, and what the events cannot show.",
        criteria=(
            "Gives one of the four verdicts and judges the claim as its kind asks: a diagnosis on whether the pattern held, a recommendation on whether it was followed and whether its reasoning held.",
            "Names at least two deciding events by id, at least one of them pointing the other way.",
            "Says what the events cannot show, such as the road not taken.",
            "Where the claim touches Karabakh, names each side's words as its own ('local anti-terrorist measures' as Baku's term; 'ethnic cleansing' as the term of Yerevan and many observers).",
        ),
        model_answer=(
            "C8 is a diagnosis: before 2019 Baku treated Moscow as the key to Karabakh and "
            "expected a settlement on its terms. My verdict is contested. For the claim, Moscow "
            "never delivered a negotiated settlement on Baku's terms: its peacekeepers did not "
            "clear the Lachin road from December 2022 (2022-lachin-road-blockade-begins), Baku put "
            "its own checkpoint beside them (2023-lachin-checkpoint-installed), and the end came "
            "by force in September 2023, in what Baku called 'local anti-terrorist measures' "
            "(2023-karabakh-one-day-offensive); the flight that followed is ethnic cleansing to "
            "Yerevan and many observers, and a voluntary departure to Baku. The peacekeepers then "
            "left early (2024-russian-peacekeepers-withdraw). Pointing the other way, Moscow "
            "brokered the end of the 2020 war (2020-trilateral-ceasefire-russian-peacekeepers) and "
            "stood aside as Baku won, so the belief in Moscow may have paid off in a way the paper "
            "did not foresee. The events show what Moscow did; they cannot show what would have "
            "happened had Baku relied on it less."
        ),
    ),
)

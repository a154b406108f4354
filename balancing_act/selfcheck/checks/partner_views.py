"""Self-checks that read the partner coding: its counts for 2020–2025 beside the single axis
(lessons 8 and 9), the two coders' agreement (lesson 9) and one event's row coded by the student
(lessons 9 and 10). Each expected value is computed
from the data; where the data no longer fit any option, the function raises, so that the
question is revised rather than graded wrong."""

from ..judging import Pick
from . import Check

FRAME_OPTIONS = (
    "Toward Russia, as the axis says: more steps closer to Moscow than away",
    "Away from the West: the axis fell as Baku loosened its Western ties",
    "Both ways with Russia, at least as many away as toward; steadily toward Turkey",
    "No movement: every partner's net is zero, so nothing changed at all",
)


def _after_brief_partners(course):
    """By episode, in 2020–2025: each partner's steps closer and further, indexed by code."""
    from ...analysis.partners import partner_counts

    counts = partner_counts(course.events, by="episode", per_period=True)
    return counts[counts["period"] == "after_brief"].set_index("partner")[["closer", "further"]]


def frame_after_brief(course):
    """The reading of 2020–2025 the partner coding (by episode) supports."""
    counts = _after_brief_partners(course)
    nets = counts["closer"] - counts["further"]
    russia = counts.loc["russia"]
    if (nets == 0).all():
        return FRAME_OPTIONS[3]
    if russia["closer"] > russia["further"]:
        return FRAME_OPTIONS[0]
    if nets["west"] < 0:
        return FRAME_OPTIONS[1]
    turkey = counts.loc["turkey"]
    if russia["closer"] > 0 and turkey["further"] == 0 and nets.idxmax() == "turkey":
        return FRAME_OPTIONS[2]
    raise ValueError("The data no longer fit any option of l09-frame-after-brief: revise it.")


KAPPA_OPTIONS = (
    "The course's Russia codes are right on nearly every event",
    "The two coders wrote the same code on that share of the events",
    "Agreement far beyond chance, from two runs of one model: an upper bound",
    "No further check is needed: a student who differs misread the codebook",
)


def least_informative_kappa(course):
    """The partner whose kappa rests on the fewest rows that either coder coded."""
    from ...course.vocabulary import PARTNER_COLUMNS, PARTNER_NAMES
    from ...tables.load import load_coding

    first, second = load_coding("a"), load_coding("b")
    coded = {
        code: int((first[column].notna() | second[column].notna()).sum())
        for code, column in PARTNER_COLUMNS.items()
    }
    return PARTNER_NAMES[min(coded, key=coded.get)]


PARTNER_OPTIONS = ("Russia", "the West", "Turkey", "Iran", "Israel", "China")


C5_OPTIONS = (
    "C5 held: Baku took more steps closer to Moscow than away from it, as the single axis says",
    "Russia's steps went both ways, at least as many away as toward; every step with Turkey was closer",
    "Baku turned from Russia to the West: its steps away from Moscow were steps toward Washington",
)


def partner_c5(course):
    """The reading of C5 for 2020–2025 that the partner view (by episode) supports."""
    steps = _after_brief_partners(course)
    russia, turkey, west = steps.loc["russia"], steps.loc["turkey"], steps.loc["west"]
    if russia["closer"] > russia["further"]:
        return C5_OPTIONS[0]
    if west["closer"] - west["further"] >= russia["further"] - russia["closer"] > 0:
        return C5_OPTIONS[2]
    if russia["closer"] > 0 and turkey["closer"] > 0 and turkey["further"] == 0:
        return C5_OPTIONS[1]
    raise ValueError("The data no longer fit any option of l08-partner-c5: revise it.")


def _coded(value):
    """A partner cell as the codebook writes it: 1, -1 or None for no bearing."""
    return None if value != value else int(value)  # NaN is the one value unequal to itself


def coded_option(course, event_id, readings):
    """The option whose partner coding is the event's own row in events.csv.

    ``readings`` maps each option to the cells it stands for, such as
    ``{"to_russia": 1, "to_west": None}``; the question is revised if no option matches."""
    row = course.event(event_id)
    for option, cells in readings.items():
        if all(_coded(row[column]) == value for column, value in cells.items()):
            return option
    raise ValueError(f"No option fits the coding of {event_id}: revise its question.")


GAMES_EVENT = "2015-putin-european-games-baku"
GAMES_OPTIONS = (
    "Closer to Russia: Baku received Russia's president",
    "No bearing on Russia: he came as a guest of games for all",
    "Closer to Russia, further from the West: no EU leader came",
)
GAMES_READINGS = {
    GAMES_OPTIONS[0]: {"to_russia": 1, "to_west": None},
    GAMES_OPTIONS[1]: {"to_russia": None},
    GAMES_OPTIONS[2]: {"to_russia": 1, "to_west": -1},
}

LESSON = "09-measuring-the-balance"

#: Lesson 9's checks on its last two sections, the frames and the coders (its module adds them).
LESSON09_CHECKS = (
    Check(
        key="l09-frame-after-brief",
        skill="interpret",
        lesson=LESSON,
        prompt="After 2019 the single axis reads 'toward Russia'. Which reading does the partner coding, counted by episode, support?",
        kind=Pick(),
        options=FRAME_OPTIONS,
        expected=frame_after_brief,
        hints=(
            "Read the after_brief row of ba.axis_beside_partners(events, by='episode'): one net per partner.",
            "A net near zero can hide many steps both ways: ba.partner_counts(events, by='episode', per_period=True) gives the steps closer and further apart.",
        ),
        worked="counts = ba.partner_counts(events, by='episode', per_period=True); counts[counts['period'] == 'after_brief'] shows, for Russia, the steps closer beside the steps further, and which partner has only steps closer.",
        explanation="The single axis nets Baku's steps with Moscow against its steps with 'the West' and has no place for Ankara. Coded apart, 2020–2025 shows Baku stepping toward Russia (the allied declaration, the state visit) and away from it (the peacekeepers' departure, the closures of 2025) at least as often, while every step with Turkey brought it closer. How to name that course is interpretation; that the axis cannot see it is a property of the frame.",
        option_feedback={
            FRAME_OPTIONS[
                0
            ]: "That is the single axis's reading. Count Russia's steps apart: in 2020–2025, by episode, the steps away from Moscow are at least as many as the steps toward it.",
            FRAME_OPTIONS[
                1
            ]: "The West's net after 2019 is not negative: Baku's steps toward and away from the West about cancel. The axis fell because of the Russia side of its ledger, and it says nothing of Turkey.",
            FRAME_OPTIONS[
                3
            ]: "Some nets are near zero, but not all: look at Turkey's column, and at the steps both ways behind Russia's net.",
        },
    ),
    Check(
        key="l09-code-games-visit",
        skill="classify",
        lesson=LESSON,
        prompt="June 2015: Russia's president flies to Baku for the opening of the first European Games, which Baku hosts for all the teams; a meeting with Aliyev is only scheduled. Code Baku's step toward Russia.",
        kind=Pick(),
        options=GAMES_OPTIONS,
        expected=lambda c: coded_option(c, GAMES_EVENT, GAMES_READINGS),
        hints=(
            "Whose act is the visit: Baku's, or the guest's? The codebook's rule 3 is about hosting.",
            "Hosting counts when Baku invites a partner as such (a state visit, a summit); a guest at an event Baku hosts for all is the guest's step.",
        ),
        worked=f"events.set_index('id').loc['{GAMES_EVENT}', ['alignment', 'to_russia', 'to_west']] shows the course's codes; the coders' reason is in data/coding/.",
        explanation="Putin came as a guest of games Baku hosted for all of Europe's teams, and the bilateral meeting is sourced only as scheduled: the codebook's rule on hosting leaves to_russia empty. The old single axis coded the same event toward_russia; the two coders agreed on 'no bearing'.",
        option_feedback={
            GAMES_OPTIONS[
                0
            ]: "Receiving a guest at an event hosted for all is the guest's step, not Baku's (the codebook's rule 3); only an invitation to Russia as such, a state visit or summit, would count.",
            GAMES_OPTIONS[
                2
            ]: "That no EU leader came is other states' act, which is context (rule 1); and a step toward Moscow is not a step away from the West unless it cuts Western ties (rule 4).",
        },
    ),
    Check(
        key="l09-kappa-reading",
        skill="interpret",
        lesson=LESSON,
        prompt="The two coders' kappa for Russia is close to 1. Which reading of that number is right?",
        kind=Pick(),
        options=KAPPA_OPTIONS,
        expected=lambda c: KAPPA_OPTIONS[2],
        hints=(
            "Kappa compares two codings with each other. Does it compare either of them with what happened?",
            "The table has a column for the share of rows on which the coders agree, beside kappa: what does kappa add to it, and who were the coders?",
        ),
        worked="Kappa = (share agreeing − share chance would give) / (1 − share chance would give); the codebook says both coders were instances of one AI model.",
        explanation="Kappa measures agreement beyond chance between two codings, not whether either is right. Two runs of one model reading one codebook share its habits, so their agreement is an upper bound on what two people would reach; your own coding of the sample is the human check.",
        option_feedback={
            KAPPA_OPTIONS[
                0
            ]: "Agreement is not correctness: two coders can agree and both be wrong, the more easily when both are runs of one model. Kappa compares the coders with each other, never with the events.",
            KAPPA_OPTIONS[
                1
            ]: "That is the share agreeing, the column beside kappa. Kappa discounts the agreement chance alone would give, which is large when most cells are empty.",
            KAPPA_OPTIONS[
                3
            ]: "A high kappa between two runs of one model is an upper bound, not a verdict on your reading: where you differ, find the codebook's rule that decides the row; you may find a hard call the coders shared.",
        },
    ),
    Check(
        key="l09-least-informative-kappa",
        skill="interpret",
        lesson=LESSON,
        prompt="Which partner's kappa tells you least about how reliably that partner is coded?",
        kind=Pick(),
        options=PARTNER_OPTIONS,
        expected=least_informative_kappa,
        hints=(
            "A kappa rests on the rows the coders actually coded; the empty cells on which both say 'no bearing' are the easy agreement.",
            "ba.partner_counts(events) gives, for each partner, the steps closer and further over all the years: which partner has the fewest?",
        ),
        worked="counts = ba.partner_counts(events); counts['closer'] + counts['further'] is the number of coded rows per partner; the smallest rests its kappa on almost nothing.",
        explanation="Israel's kappa of 1.00 rests on the fewest coded rows of any partner, a handful (China's on barely more): agreeing on so few rows, with every other cell empty for both, is no evidence that the code is reliable. One more row coded differently would move it a long way. A lower kappa on many coded rows, as Russia's, tells you more.",
        option_feedback={
            "China": "China's kappa rests on very few coded rows too, but another partner's rests on fewer: count each partner's steps with ba.partner_counts(events).",
            "Russia": "Russia's kappa is not the highest, but it rests on many rows that one coder or the other coded: a slightly lower kappa on many rows tells you more than a perfect one on a single row.",
            "the West": "The West's kappa rests on dozens of coded rows: it is among the more informative.",
            "Turkey": "Turkey's kappa rests on a couple of dozen coded rows, far more than some partners': look for the partner with the fewest.",
            "Iran": "Iran's kappa rests on a handful of coded rows, few but not the fewest: count each partner's steps with ba.partner_counts(events).",
        },
    ),
)

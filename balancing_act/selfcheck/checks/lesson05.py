"""Self-checks of lesson 05, pacifying Russia (2014–2019)."""

from ..judging import PERCENT, Absolute, Exact, Mistake, Number, Pick
from . import SIGN_FLIPPED, Check, Course, WrittenPrompt

LESSON = "05-pacifying-russia"
PARTNERS = ("to_russia", "to_west", "to_turkey", "to_iran", "to_israel", "to_china")
ACG = "2017-acg-extended-to-2050"

R_TOGETHER = "The two rose and fell together a little in those years; no more"
R_CAUSE = "Dear oil drove growth, though more weakly than people think"
R_CHANCE = "There is about a one-in-ten chance that the link is real"

W_TURNS = "The verdict on those years turns on the weights you choose"
W_SECURITY = "Security events decide any fair verdict, so the years leaned to Russia"
W_MEASURE = "The index measures Baku's position; weights only add detail"

COUNT_HANDFUL = "The gap is a handful of events, and which get recorded is a choice"
COUNT_FINE = "Nothing is wrong: more Russia-coded events is what leaning means"
COUNT_LATER = "The years after 2019 lean the same way, so 2014 was no turning point"
COUNT_NEUTRAL = "The neutral events should first be shared out between the two sides"

WEST_ONLY = "to_west = 1, every other column empty"
WEST_NOT_RUSSIA = "to_west = 1 and to_russia = -1, the rest empty"
ALL_EMPTY = "Every column empty: it is a companies' deal"


KIND_OPTIONS = {
    "diagnosis": "A diagnosis: it says what went wrong before 2019",
    "prediction": "A prediction: it says what will happen if Baku joins",
    "recommendation": "A recommendation: it says what Baku should not do",
}


def _partner_option(course, event_id):
    """The option that states an event's partner coding, read from its row."""
    row = course.event(event_id)
    coded = {p: int(row[p]) for p in PARTNERS if row[p] == row[p]}  # NaN is empty
    return {
        (): ALL_EMPTY,
        (("to_west", 1),): WEST_ONLY,
        (("to_russia", -1), ("to_west", 1)): WEST_NOT_RUSSIA,
    }[tuple(sorted(coded.items()))]


def _manat(course):
    return course.series("azn_per_usd_yearend")


def _manat_rise(course):
    rate = _manat(course)
    return float((rate[2015] / rate[2014] - 1) * 100)


CHECKS = (
    # --- Before we start: from earlier lessons (issue 24's retrieval quiz) ----------------------
    Check(
        key="l05-recall-correlation",
        skill="interpret",
        revisits=("03-oil-pipelines-leverage",),
        lesson=LESSON,
        prompt="Lesson 3: r between Brent's change and growth was weakly positive, permutation p about 0.1. What may you say?",
        kind=Pick(),
        options=(R_CAUSE, R_TOGETHER, R_CHANCE),
        expected=lambda c: R_TOGETHER,
        hints=(
            "Lesson 3, 'Correlation is not cause': what can r say about why two series move?",
            "And the permutation test: what share does its p-value count?",
        ),
        worked="r describes how closely two series rose and fell together in the years chosen; the p-value is the share of shuffles that do as well by chance.",
        explanation="A weak positive r says only that the two moved together a little in those years; a p of about 0.1 says chance alone often does as well. Neither says why: keep that in mind when this lesson sets the oil price beside Baku's choices.",
        option_feedback={
            R_CAUSE: "That reads a correlation as a cause. r says the two moved together, not that "
            "one drove the other: war's end and the volume of oil pumped moved with the price.",
            R_CHANCE: "A p-value is not the chance that the link is real: it is the share of "
            "shuffles of the years that give an r as far from zero as the real one.",
        },
    ),
    Check(
        key="l05-recall-weights",
        skill="interpret",
        revisits=("04-the-west-steps-back",),
        lesson=LESSON,
        prompt="Lesson 4 reweighted the balance index for 2008–2014. What did that show?",
        kind=Pick(),
        options=(W_SECURITY, W_MEASURE, W_TURNS),
        expected=lambda c: W_TURNS,
        hints=(
            "With every weight 1 the years ended a little on one side. Which side, once security counted 3 and diplomacy 0?",
            "Lesson 4 called the index 'a teaching device, not a measurement'. Why?",
        ),
        worked="Equal weights left 2008-2014 slightly West; security at 3 and diplomacy at 0 tipped the same events toward Russia.",
        explanation="The same events gave opposite verdicts under two sets of weights: a count's verdict depends on what you choose to count, and how much. This lesson's counts carry the same warning.",
        option_feedback={
            W_SECURITY: "That picks one set of weights as the right one. The point was that the "
            "verdict flips with the weights, so choosing them is an argument you have to make.",
            W_MEASURE: "Lesson 4 called the index a teaching device, not a measurement: the weights "
            "changed the sign of the verdict, not only its detail.",
        },
    ),
    Check(
        key="l05-count-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="'Only in 2014–2019 do Russia-coded events outnumber Western ones, so that is when Baku leaned to Moscow': the flaw?",
        kind=Pick(),
        options=(COUNT_FINE, COUNT_LATER, COUNT_HANDFUL, COUNT_NEUTRAL),
        expected=lambda c: COUNT_HANDFUL,
        hints=(
            "Hover over the 2014–2019 bar: how many events separate the two colours?",
            "How many events would another editor, with other sources, need to add or leave out to close that gap?",
        ),
        worked="The two colours of 2014-2019 differ by a few events, in a table whose rows the course's authors chose; another selection could close the gap.",
        explanation="A gap of a few events is within what a different choice of events could change, and the periods differ in length too. The chart is a prompt for questions, not a verdict: the partner coding and the events themselves have to carry the argument.",
        option_feedback={
            COUNT_FINE: "Counting colours treats each event as equal and the list as complete: "
            "neither holds, and a gap of a few events cannot bear that weight.",
            COUNT_LATER: "What came after 2019 does not decide whether 2014-2019 leaned one way; "
            "and the after-brief gap is just as small, with the same problem.",
            COUNT_NEUTRAL: "Sharing out the neutral events would change the number, not its "
            "weakness: it would still rest on which events the course chose to record.",
        },
    ),
    Check(
        key="l05-code-acg",
        skill="classify",
        lesson=LESSON,
        prompt="Code it per partner: in 2017 Baku and SOCAR extend the BP-led consortium's main oilfield contract to 2050.",
        kind=Pick(),
        options=(WEST_ONLY, WEST_NOT_RUSSIA, ALL_EMPTY),
        expected=lambda c: _partner_option(c, ACG),
        hints=(
            "Codebook, 'Partners': whose step is it? The government and the state oil company signed.",
            "Which partner does the deal bring Baku closer to, and does the same step cut any tie, presence or lever of another partner (rule 4)?",
        ),
        worked="The state signed with a consortium led by Western majors: a step closer to the West. It builds no route around Russia and ends no Russian presence, so the Russia column stays empty.",
        explanation="The partner coding scores the extension toward the West only: on one axis it would also count as a step from Moscow, but rule 4 asks whether the step itself cut Russia's ties or leverage, and a contract on fields already run by Western firms did not.",
        option_feedback={
            WEST_NOT_RUSSIA: "That is the zero-sum reading the partner coding refuses (rule 4): a "
            "step toward the West is a step from Russia only if it cuts Russia's ties or "
            "leverage, as a route around Russia does. This contract took nothing from Moscow.",
            ALL_EMPTY: "The state signed it: the government and SOCAR, the state oil company, are "
            "Baku's state, and the codebook counts companies with their state when it backs the "
            "deal.",
            WEST_ONLY: "Whose step was it, and which partner's firms led the consortium? Read the "
            "codebook's rules 1 and 4 again.",
        },
    ),
    Check(
        key="l05-c10-kind",
        skill="classify",
        lesson=LESSON,
        prompt="C10: joining a Russian-led bloc would be a mistake, since its backers overrate Moscow's power to settle Karabakh. What kind of claim?",
        kind=Pick(),
        options=tuple(KIND_OPTIONS.values()),
        expected=lambda c: KIND_OPTIONS[str(c.claims.set_index("id").loc["C10", "kind"])],
        hints=(
            "Codebook, 'Claim kinds': a diagnosis says what happened, a prediction what will follow, a recommendation what someone should do.",
            "C9 describes what Baku did. Does C10 describe, forecast, or advise?",
        ),
        worked="ba.load_claims().set_index('id').loc['C10', 'kind'] gives the course's reading; C10's test speaks of the advice being 'followed'.",
        explanation="C10 is advice: do not join, and here is why. Its reason contains a judgement (Moscow's power is overrated) and a forecast (no lasting settlement through Moscow), but the claim itself tells Baku what not to do. It is tested by whether Baku followed it and what came of that, in Lesson 8.",
        option_feedback={
            KIND_OPTIONS["diagnosis"]: "Its reason judges the bloc's supporters, but the claim "
            "itself is not about what went wrong: it tells Baku what not to do.",
            KIND_OPTIONS["prediction"]: "'Would be a mistake' sounds like a forecast, but it is "
            "advice against a choice: the forecast is only the reason given for it.",
            KIND_OPTIONS["recommendation"]: "Read the claim again: does it tell Baku what to do, "
            "or describe, or forecast?",
        },
    ),
    Check(
        key="l05-manat-rise",
        skill="compute",
        lesson=LESSON,
        prompt="By how many per cent did the dollar's price in manats rise from end-2014 to end-2015?",
        kind=Number(Absolute(0.5), example="in per cent, such as 25", measure=PERCENT),
        expected=_manat_rise,
        hints=(
            "A rise in per cent compares the change with the starting value: end-2014 is the start.",
            "Divide the 2015 value by the 2014 value, subtract 1 and multiply by 100.",
        ),
        worked=lambda c: (
            f"End-2014: {_manat(c)[2014]:.4f} manats per dollar; end-2015: {_manat(c)[2015]:.4f}. "
            "Now (2015 value / 2014 value - 1) * 100."
        ),
        explanation="The dollar cost about twice as many manats at the end of 2015: savings and imports priced in dollars doubled in cost within ten months.",
        mistakes=(
            SIGN_FLIPPED,
            Mistake(
                "the ratio, not the rise",
                lambda e: e / 100 + 1,
                "That is how many times more a dollar cost; the question asks for the rise in per cent.",
            ),
            Mistake(
                "the manat's fall",
                lambda e: (100 / (100 + e) - 1) * 100,
                "That is how much the manat's dollar value fell; the question asks how much the dollar's price in manats rose.",
            ),
        ),
    ),
)


# --- the partner coding (issue 22) -------------------------------------------------------------

BOTH_CLOSER = "Closer to Russia, and closer to the West as well"
AT_WEST_EXPENSE = "Closer to Russia, at the West's expense"
AWAY_FROM_RUSSIA = "Further from Russia, closer to the West"


def _pacification_net(course, partner, by="episode", weighted=False):
    """A partner's net step in 2014–2019: closer minus further, or weighted scores summed."""
    from ...analysis.partners import axis_beside_partners

    table = axis_beside_partners(course.events, by=by, weighted=weighted).set_index("period")
    return int(table.loc["pacification", partner])


def _pacification_closer(course):
    from ...analysis.partners import partner_counts

    counts = partner_counts(course.events, by="episode", per_period=True)
    row = counts[(counts["period"] == "pacification") & (counts["partner"] == "russia")]
    return int(row["closer"].iloc[0])


def _pacification_shape(course):
    """Which sentence the partner nets of 2014–2019 bear out, by episode and unweighted."""
    russia = _pacification_net(course, "russia")
    west = _pacification_net(course, "west")
    if russia <= 0:
        return AWAY_FROM_RUSSIA
    return BOTH_CLOSER if west > 0 else AT_WEST_EXPENSE


CHECKS += (
    Check(
        key="l05-russia-net-episode",
        skill="compute",
        lesson=LESSON,
        prompt="Counted once per episode, what is Baku's net step toward Russia in 2014–2019?",
        kind=Number(Exact(), example="such as 12", whole=True),
        expected=lambda c: _pacification_net(c, "russia"),
        hints=(
            "In the first table above (by episode, unweighted), read the pacification row.",
            "The partner columns hold closer minus further; the Russia column is the one asked for, not single_axis.",
        ),
        worked="ba.axis_beside_partners(events, by='episode').set_index('period').loc['pacification', 'russia'].",
        explanation="Baku's steps toward Russia outnumber its steps away in 2014-2019, on every way of counting: the partner coding bears out the 'pacifying' half of C5. Whether they also cost the West is a separate question.",
        mistakes=(
            Mistake(
                "counted by row",
                lambda e: _pacification_net(Course(), "russia", by="row"),
                'That is the count by row: counted by episode, the April 2016 war and the September 2018 visit count once each, and the Crimea crisis falls in the period before. Use by="episode".',
            ),
            Mistake(
                "weighted",
                lambda e: _pacification_net(Course(), "russia", weighted=True),
                "That is the weighted net (each step times its weight); the question asks for each episode counting 1.",
            ),
            Mistake(
                "the single axis",
                lambda e: -_pacification_net(Course(), "single_axis"),
                "That is the single axis (events toward Russia minus those toward the West); the question asks for the Russia column of the partner coding.",
            ),
            Mistake(
                "steps closer only",
                lambda e: _pacification_closer(Course()),
                "That counts only the steps closer to Russia; subtract the steps that took Baku further.",
            ),
        ),
    ),
    Check(
        key="l05-pacification-shape",
        skill="interpret",
        lesson=LESSON,
        prompt="Read per partner and once per episode, which sentence describes 2014–2019?",
        kind=Pick(),
        options=(BOTH_CLOSER, AT_WEST_EXPENSE, AWAY_FROM_RUSSIA),
        expected=_pacification_shape,
        hints=(
            "In the table by episode, read the pacification row: the sign of the Russia column, then of the West's.",
            "On one axis a step toward Moscow is a step from the West; per partner it is not. Read the West's own column.",
        ),
        worked="ba.axis_beside_partners(events, by='episode').set_index('period').loc['pacification'] gives each partner's net: look at the signs of 'russia' and 'west'.",
        explanation="Per partner, 2014-2019 brought Baku closer to Russia and, on balance, closer to the West and Turkey too: the closures of Western offices are there, as steps away from the West, but the gas corridor and the EU talks outweigh them in the count. The single axis reads the same years as a tilt to Moscow because it sets the two against each other. 'Pacifying Russia while keeping the West' is one reading; that Baku's Western steps were mostly energy, and its steps away were about its own society, is another.",
        option_feedback={
            AT_WEST_EXPENSE: "That is the single axis's reading, where every step toward Moscow is a step from the West. Read the West's own column in the partner table.",
            AWAY_FROM_RUSSIA: "Look at the sign of the Russia column in the pacification row: more steps brought Baku closer than took it further.",
        },
    ),
)


WRITTEN = (
    WrittenPrompt(
        key="l05-c5-rewritten",
        lesson=LESSON,
        prompt="Rewrite claim C5 in one or two sentences that the evidence of 2014–2019 bears out, "
        "then name the weakest part of your sentence and say what evidence would test it.",
        criteria=(
            "Keeps what the evidence supports: Baku's steps closer to Moscow, named and dated (the Moscow-brokered ceasefire of April 2016, the 2016 summit, the Sochi statement of 2018, the Gazprom contracts).",
            "Corrects what the partner coding does not bear out, a turn from the West in general, with the Western steps of the same years (the gas corridor, TANAP, the EU talks and Partnership Priorities).",
            "Places the steps away from the West where they were: the closures of RFE/RL's bureau and the OSCE office, and leaving Euronest.",
            "Names the weakest part of the rewritten claim and the evidence that would test it.",
        ),
        model_answer=(
            "From 2014 to 2019 Baku drew closer to Moscow, through the April 2016 ceasefire agreed "
            "in Moscow, the 2016 summit with Russia and Iran, the Sochi statement and action plan "
            "of 2018 and gas bought from Gazprom, while it pushed Western bodies out at home "
            "(RFE/RL's bureau, the OSCE office, Euronest) but tied its gas to Europe through TANAP "
            "and the Southern Gas Corridor and kept negotiating with the EU. The weakest part is "
            "any link between the closures and Moscow: the lesson shows a crackdown at home, and "
            "only a source tying the closures to Russian requests or rewards would test it."
        ),
        min_words=40,
    ),
)

"""Self-checks of lesson 01, between great powers."""

from ...course.vocabulary import ALIGNMENTS, CLAIM_KINDS
from ..judging import Mistake, Pick, Text
from . import Check, Course, WrittenPrompt

LESSON = "01-between-great-powers"

#: The event the coding check describes (not shown in the lesson) and the claim the kinds check quotes.
OIL_ROUTES_EVENT = "2008-socar-spreads-oil-export-risk"
OIL_CLAIM = "C12"
#: An event the table of seven words does not show, to name with one of them (from its category).
WORD_EVENT = "2015-sechenov-branch-baku"
WORD_OF_CATEGORY = {"soft_power": "Soft power"}

#: What the first period will be made of, asked before the count chart is drawn.
MIX_OPTIONS = (
    "One-way steps, some toward Moscow and some West, outnumber two-way events",
    "Events coded balancing, doing both at once, make up most of the period",
    "Steps toward the West only, with none toward Russia in those years",
)

#: The three kinds of claim, each with the question it answers (in CLAIM_KINDS' order).
CLAIM_OPTIONS = (
    "A diagnosis: what had happened by 2019",
    "A prediction: what may follow from it",
    "A recommendation: what should be done",
)


def _first_balancing_energy(course):
    events = course.events
    early = events[events["year"].between(1991, 2007) & (events["category"] == "energy")]
    return early[early["alignment"] == "balancing"].iloc[0]


def _mix_of_first_period(course) -> str:
    """The option the data bear out: the first period's one-way steps against its two-way events."""
    first = course.events[course.events["period"] == "balancing"]["alignment"].value_counts()
    west, russia = first.get("toward_west", 0), first.get("toward_russia", 0)
    if not russia or not west:
        return MIX_OPTIONS[2]
    return MIX_OPTIONS[0] if first.get("balancing", 0) < west + russia else MIX_OPTIONS[1]


def _claim_option(course, claim_id: str) -> str:
    kind = course.claims.set_index("id").loc[claim_id, "kind"]
    return CLAIM_OPTIONS[CLAIM_KINDS.index(kind)]


CHECKS = (
    Check(
        key="l01-btc-route",
        skill="recall",
        lesson=LESSON,
        prompt="Which countries does the BTC oil pipeline cross between Sangachal and Ceyhan?",
        kind=Pick(),
        options=(
            "Azerbaijan, Armenia and Turkey",
            "Azerbaijan, Georgia and Turkey",
            "Azerbaijan, Russia and Ukraine",
            "Azerbaijan, Iran and Turkey",
        ),
        expected=lambda c: "Azerbaijan, Georgia and Turkey",
        hints=(
            "Follow the pipeline's line west from Sangachal on the map.",
            "The letters of BTC are the first letters of three cities on its way.",
        ),
        worked="B is Baku, T is Tbilisi and C is Ceyhan: find the country of each.",
        explanation="The line goes round Armenia, with which Azerbaijan had fought a war, and skirts both "
        "Russia and Iran; US officials hailed the 1999 deal as a win for American diplomacy "
        "(event 1999-btc-istanbul-agreements).",
        option_feedback={
            "Azerbaijan, Armenia and Turkey": "Azerbaijan and Armenia had just fought a war: no pipeline crosses that line.",
            "Azerbaijan, Russia and Ukraine": "Avoiding Russia was the point of the route.",
            "Azerbaijan, Iran and Turkey": "The route skirts Iran; Washington opposed any line through it.",
        },
    ),
    Check(
        key="l01-eaeu-hedging",
        skill="recall",
        lesson=LESSON,
        prompt="'Never say never' to the Eurasian Economic Union, then 'not on the agenda': which word fits?",
        kind=Pick(),
        options=("Bandwagoning", "Hedging", "Soft power", "Pacification"),
        expected=lambda c: "Hedging",
        hints=(
            "Did Baku commit to anything in 2015?",
            "Which word describes keeping a door ajar as a signal, at no cost?",
        ),
        worked="Bandwagoning would mean joining; Baku only hinted, and then withdrew the hint.",
        explanation="Right: a signal to Moscow that cost nothing and committed Baku to nothing.",
        option_feedback={
            "Bandwagoning": "Bandwagoning would mean actually siding with the stronger power, here by joining.",
            "Soft power": "Soft power is a state's pull on others by attraction (language, schools, "
            "media); here Baku's own minister sent a signal, which is a choice of policy.",
            "Pacification": "Pacifying means keeping Moscow content with deeds that stay (visits, "
            "deals, restraint); this hint was taken back within months, a door opened and then "
            "half closed.",
        },
    ),
    Check(
        key="l01-reset-by-default",
        skill="recall",
        lesson=LESSON,
        prompt="The 2009 US–Russian 'reset' illustrates which of the paper's ideas for Baku?",
        kind=Pick(),
        options=(
            "Soft power",
            "Bandwagoning",
            "'By default'",
            "Interest groups in the ruling elite",
        ),
        expected=lambda c: "'By default'",
        hints=(
            "Whose decision was the reset: Baku's, or someone else's?",
            "Which idea describes Baku's options changing without Baku choosing anything?",
        ),
        worked="The reset was Washington's and Moscow's choice; it changed Baku's position without any act of Baku's.",
        explanation="Right. Baku did nothing here: Washington's priorities moved elsewhere. On the paper's "
        "account, a Western step back of this kind is how a drift 'by default' begins.",
        option_feedback={
            "Soft power": "Soft power is influence by attraction (language, schools, media); the "
            "reset was a meeting of two other governments' ministers, with no pull on Azerbaijanis.",
            "Bandwagoning": "Bandwagoning is a state siding with the stronger power; Baku took no "
            "step at all in the reset: Washington and Moscow did.",
            "Interest groups in the ruling elite": "That idea is about camps inside Baku's ruling "
            "circle pushing policy; the reset was agreed between Washington and Moscow alone.",
        },
    ),
    Check(
        key="l01-word-sechenov",
        skill="classify",
        lesson=LESSON,
        prompt="September 2015: under a decree of Aliyev's, a branch of a Moscow medical university "
        "opens in Baku, its first hundred students taught by Moscow faculty. Which of the seven "
        "words does it illustrate best?",
        kind=Pick(),
        options=("Soft power", "Bandwagoning", "Hedging", "Pacification"),
        expected=lambda c: WORD_OF_CATEGORY.get(str(c.event(WORD_EVENT)["category"])),
        hints=(
            "What does the branch bring to Azerbaijan: troops, money, or teaching in Russian?",
            "Which word is about influence won by attraction: language, schools, media, culture?",
        ),
        worked=f"The row is {WORD_EVENT}, in the category soft_power: a Russian university's "
        "teaching, in Baku, for Azerbaijani students.",
        explanation="Right: Russian higher education in Baku is one of soft power's channels, and "
        "the course files the event under soft_power, beside the Moscow State University branch. "
        "Baku's decree let it in; the pull it exerts is Russia's.",
        option_feedback={
            "Bandwagoning": "Bandwagoning is siding with the stronger power in a contest; a "
            "university branch aligns Baku with no one against anyone.",
            "Hedging": "Hedging needs offsetting steps toward both sides; this is one step, in "
            "one direction, and it offsets nothing.",
            "Pacification": "The decree may have pleased Moscow, but what the branch brings is "
            "Russian teaching and its pull on students: the channel of soft power.",
        },
    ),
    Check(
        key="l01-predict-mix",
        skill="interpret",
        lesson=LESSON,
        prompt="Before the chart is drawn: what will the first period, 'the balancing act', be made of?",
        kind=Pick(),
        options=MIX_OPTIONS,
        expected=_mix_of_first_period,
        hints=(
            "Recall what the alignment code `balancing` marks: a strategy over years, or a single event?",
            "Think of Lesson 1's examples from those years: the CIS signature of 1991, GUAM in 1997, BTC.",
        ),
        worked="The code `balancing` marks only an event that does both at once; the paper's balancing "
        "act is a mix over years of steps toward Moscow and steps toward the West.",
        explanation="Right, as the chart below will show. A balancing strategy is built mostly of one-way steps "
        "that offset each other over time; the code `balancing` is rare in every period.",
        option_feedback={
            MIX_OPTIONS[1]: (
                "That reads the strategy's name as the code: the code `balancing` marks "
                "only a single event that does both at once, and few events do."
            ),
            MIX_OPTIONS[2]: (
                "The Western tilt in oil was real, but Baku also joined the CIS and its "
                "security treaty and signed treaties with Moscow: one-way steps went both ways."
            ),
        },
    ),
    Check(
        key="l01-count-reading",
        skill="interpret",
        lesson=LESSON,
        prompt="Which reading of the count chart is the strongest?",
        kind=Pick(),
        options=(
            "Baku balanced hardest in the period with the most balancing events",
            "The West mattered most in the years where the West's bars are tallest",
            "Bars count events as equals: they show a mix of steps, not their weight",
        ),
        expected=lambda c: (
            "Bars count events as equals: they show a mix of steps, not their weight"
        ),
        hints=(
            "What does one event add to a bar: a visit by a minister, a treaty, a pipeline?",
            "How many `balancing` events are there in all? Could a few of them decide a ranking?",
        ),
        worked="Each event adds one to its bar, whatever it was; and the `balancing` code is so rare "
        "that two or three events decide which period has most.",
        explanation="Right. A bar counts the events the course recorded, each once: it shows the mix "
        "of steps, not how much each mattered, and a handful of rare events cannot rank the periods. "
        "Lesson 9 weighs events instead of counting them.",
        option_feedback={
            "Baku balanced hardest in the period with the most balancing events": "The code marks "
            "single two-way events, and there are only a handful in each period: too few to say when "
            "the strategy was strongest.",
            "The West mattered most in the years where the West's bars are tallest": "A count gives a "
            "minister's visit the same weight as a treaty or a pipeline: tall bars say how many "
            "events were recorded, not how much they mattered.",
        },
    ),
    Check(
        key="l01-code-oil-routes",
        skill="classify",
        lesson=LESSON,
        prompt="September 2008, after the war in Georgia: SOCAR says it will keep sending part of its "
        "oil through Russia and Iran even once the Georgian routes reopen, to spread its risk; the "
        "foreign minister calls it being friends with everybody. Which alignment code fits?",
        kind=Pick(),
        options=ALIGNMENTS,
        expected=lambda c: str(c.event(OIL_ROUTES_EVENT)["alignment"]),
        hints=(
            "Did SOCAR give up the corridor through Georgia, or keep other routes beside it?",
            "Read the codebook's rule for `balancing`: one event in which Baku does both, or hedges.",
        ),
        worked=f"The row is {OIL_ROUTES_EVENT}: the state oil company kept the corridor through "
        "Georgia and kept part of its oil on routes through Russia and Iran, in one decision.",
        explanation="Right: the course codes it `balancing`. In one decision the state oil company kept "
        "its Western-backed corridor and kept a Russian route beside it, and the minister framed it "
        "as friendship with all sides. In the partner coding the same row has `to_russia` = 1 only.",
        option_feedback={
            "toward_russia": "Oil through Russia is a step toward Moscow, but the same decision "
            "kept the corridor through Georgia: one event doing both is the `balancing` code.",
            "toward_west": "The corridor through Georgia stayed, but this step kept oil on routes "
            "through Russia and Iran; it did not deepen Western ties.",
            "neutral": "SOCAR is the state oil company, so its decision is a step of the Azerbaijani "
            "state, not context, and it moved oil between the two sides.",
        },
    ),
    Check(
        key="l01-claim-kind-oil",
        skill="classify",
        lesson=LESSON,
        prompt="The paper: while the leaders rely on oil and put off reform, their fate hangs on the "
        "oil price, and a collapse could open the door to chaos and more Russian influence. What kind "
        "of claim is it?",
        kind=Pick(),
        options=CLAIM_OPTIONS,
        expected=lambda c: _claim_option(c, OIL_CLAIM),
        hints=(
            "Which part of the sentence could turn out true or false later, and which describes today?",
            "Find the word 'could': what does the claim say might follow?",
        ),
        worked="Its core is what a collapse could bring about: a statement about what may follow, "
        "which later events can bear out or not.",
        explanation=f"Right: the course keeps it as {OIL_CLAIM}, a prediction. Its premise (oil "
        "dependence) is a diagnosis and its remedy (reform) is implied, but the claim itself says "
        "what may happen, and Lesson 8 tests it against what did.",
        option_feedback={
            CLAIM_OPTIONS[0]: (
                "Its premise, oil dependence, does describe the present; but the claim "
                "turns on what a collapse could bring, which is a forecast."
            ),
            CLAIM_OPTIONS[2]: (
                "Reform is implied as the way out, but the sentence advises no one: it "
                "says what may follow if nothing changes."
            ),
        },
    ),
    Check(
        key="l01-balancing-energy-event",
        skill="read",
        lesson=LESSON,
        prompt="Which energy event of 1991–2007 is coded balancing?",
        kind=Text(example='such as "1999-sofaz-created"'),
        expected=lambda c: str(_first_balancing_energy(c)["id"]),
        hints=(
            "The explorer starts at the years 1991–2007 and the category energy: look for the colour "
            "and shape that the legend 'Event moved Baku' gives to balancing.",
            "Click the point, or pick the event in the 'Read event' list under the chart: its card "
            "opens, and the id is the short name after 'id:' on it (the tooltip over the point shows "
            "it too).",
        ),
        worked="ba.filter_events(events, (1991, 2007), ['energy']) keeps the energy events; keep the row whose alignment is 'balancing'.",
        explanation="Splitting the first oil between a Russian and a Georgian route let Baku keep Moscow "
        "on side while opening a way round it: balancing in a single decision.",
        mistakes=(
            Mistake(
                "the title, not the id",
                lambda e: str(Course().event(e)["title"]),
                "That is the event's title; give its id, the short name such as 1999-sofaz-created.",
            ),
        ),
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l01-two-balancings",
        lesson=LESSON,
        prompt="Tell apart balancing in Waltz's and Walt's sense and the course's 'balancing act': "
        "what does each mean, which word of the field fits Baku's policy better, and which event "
        "shows it?",
        criteria=(
            "Defines balancing in the field's sense: answering a threatening power by arming or by "
            "aligning with others against it, and names Waltz or Walt.",
            "Says the course's 'balancing act' is a metaphor: keeping ties with every side so that "
            "none dominates, without lining up against Russia.",
            "Names a closer word (multi-vector policy or hedging) and says why it fits better.",
            "Backs the answer with a dated event from the course's data, used correctly.",
        ),
        model_answer=(
            "For Waltz and Walt a state balances when it meets a dominant or threatening power by "
            "building its own strength or by joining others against it; Walt adds that states "
            "balance against threats more than against power. Baku's 'balancing act' is something "
            "else: it kept ties with Moscow and with the West at once so that neither could "
            "dominate it, and it never joined an alliance against Russia. That is closer to a "
            "multi-vector policy, or to hedging, where a weaker state keeps offsetting options "
            "open. Joining the Non-Aligned Movement in 2011 (2011-azerbaijan-joins-nam) is a "
            "signal of that kind; GUAM in 1997 is at most a weak case of balancing in the field's "
            "sense, since it was a forum rather than a military alliance."
        ),
        min_words=60,
    ),
)

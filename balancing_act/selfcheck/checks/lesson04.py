"""Self-checks of lesson 04, the West steps back (2008–2014)."""

from ..judging import SHARE_PERCENT, Absolute, Exact, Mistake, Number, Pick
from . import Check, Course, WrittenPrompt

LESSON = "04-the-west-steps-back"
NAMES = {"AZ": "Azerbaijan", "AM": "Armenia", "GE": "Georgia"}
HEAVY_SECURITY = {
    "security": 3, "diplomacy": 0, "energy": 1, "economy": 1,
    "conflict": 1, "integration": 1, "soft_power": 1, "domestic": 1,
}  # fmt: skip


def _russia_share(course, window=(2010, 2014)):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", window).set_index("supplier")["share"]
    return float(shares.get("Russia", 0.0))


def _even_spread_russia_share(course, window=(2010, 2014)):
    """The same share with each order's total spread evenly over its delivery years."""
    from ...analysis.arms import evenly_spread_shares

    shares = evenly_spread_shares("Azerbaijan", window).set_index("supplier")["share"]
    return float(shares.get("Russia", 0.0))


def _russia_tiv(course, window=(2010, 2014)):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", window).set_index("supplier")["tiv"]
    return float(shares.get("Russia", 0.0))


def _published_russia_share(course, window="2010-2014"):
    """SIPRI's own figure for the window, as its fact sheet gave it (kept in series.csv)."""
    from ...tables.load import one_series

    rows = one_series("arms_imports_share_pct_russia")
    return float(rows.loc[rows["year"] == window, "value"].iloc[0])


def _eaeu_change(course):
    from ...analysis.memberships import membership_matrix

    end_2012 = membership_matrix(course.memberships, 2012)
    end_2015 = membership_matrix(course.memberships, 2015)
    both = end_2012.merge(end_2015, on=["country", "organization"], suffixes=("_2012", "_2015"))
    changed = both[(both["organization"] == "EAEU") & (both["status_2012"] != both["status_2015"])]
    return NAMES[changed["country"].iloc[0]]


SYRIA_VOTE = "2012-unsc-syria-vote"
CODES = ("toward_russia", "toward_west", "balancing", "neutral")

FLAW_COLOUR = "The codes record Baku's steps; C4 is about Western attention"
FLAW_FEW = "Too few events are linked to C4 for any count to mean much"
FLAW_BALANCING = "The balancing rows should be counted on the Western side too"
FLAW_LATER = "The events after 2019 should be counted too, for the whole trend"

TIPS_RUSSIA = "It tips toward Russia: the arms weigh more, the visits go"
STAYS_WEST = "It stays on the Western side: the new weights favour it"
WEIGHTS_SCALE = "It stays as it was: weights scale every score alike"


def _window_total(course, weights):
    from ...analysis.balance_index import balance_index
    from ...analysis.events import filter_events

    window = filter_events(course.events, years=(2008, 2014))
    return float(balance_index(window, weights)["index"].iloc[-1])


CHECKS = (
    Check(
        key="l04-russia-arms-share",
        skill="compute",
        lesson=LESSON,
        prompt="What share of the major arms delivered to Azerbaijan in 2010–2014 came from Russia?",
        kind=Number(Absolute(0.5), example="in per cent, such as 40", measure=SHARE_PERCENT),
        expected=_russia_share,
        hints=(
            "Hover over Russia's part of the 2010–2014 bar in the chart above: the tooltip gives "
            "the share and the TIV behind it.",
            "In shares, find the row whose supplier is 'Russia' and read its 'share' (its 'tiv' "
            "beside it is the volume, its 'total_tiv' the window's total).",
        ),
        worked="shares.loc[shares['supplier'] == 'Russia', 'share'] holds one number: Russia's share in per cent.",
        explanation="Russia supplied the great majority of the arms delivered to Baku in 2010-2014, "
        "the tanks and artillery bought in these years, and of a large volume: the window's "
        "total TIV is the largest of any window, so this share weighs far more than a later "
        "window's majority does.",
        mistakes=(
            Mistake(
                "another window",
                lambda e: _russia_share(Course(), (2015, 2019)),
                "That is the share for 2015–2019; the question asks for 2010–2014.",
            ),
            Mistake(
                "the even spread",
                lambda e: _even_spread_russia_share(Course()),
                "That is what you get by spreading each order's total evenly over its delivery "
                "years (the order register, arms_transfers.csv). SIPRI gives what was delivered "
                "in each year; the question asks for the share computed from those per-year "
                "values, ba.arms_supplier_shares.",
            ),
            Mistake(
                "the volume, not the share",
                lambda e: _russia_tiv(Course()),
                "That is Russia's volume (TIV, millions): keep it beside the share, but the "
                "question asks for the share in per cent.",
            ),
            Mistake(
                "SIPRI's published figure",
                lambda e: _published_russia_share(Course()),
                "That is the figure SIPRI's fact sheet of March 2015 gave, on the data SIPRI had "
                "then; SIPRI revises its values with every release, so the data read here give a "
                "different share. The question asks for the share computed in the cell above.",
            ),
        ),
    ),
    Check(
        key="l04-code-syria-vote",
        skill="classify",
        lesson=LESSON,
        prompt="Code it: on the Security Council in 2012, Baku votes for a Western and Arab draft on Syria that Russia vetoes.",
        kind=Pick(),
        options=CODES,
        expected=lambda c: str(c.event(SYRIA_VOTE)["alignment"]),
        hints=(
            "Codebook, 'Alignment': whose step is the vote, and on which side of Moscow does it put Baku?",
            "A vote or statement that shields Moscow is one code; a step on the side the Western states backed, against Moscow's position, is another.",
        ),
        worked="Baku's own delegation voted, so it is Baku's step; it voted with the Western sponsors and against the draft Moscow vetoed. Read the row of 2012-unsc-syria-vote for the course's code.",
        explanation="The course codes the vote toward the West: Baku's delegation sided with the Western sponsors on a high-profile vote that Moscow vetoed. In the partner coding the same row is a step toward the West and away from Russia and China. Months after joining the Non-Aligned Movement, Baku still voted against Moscow on the Council.",
        option_feedback={
            "toward_russia": "That reads the vote backwards: a step toward Russia would shield Moscow, "
            "and Baku voted for the draft Russia vetoed.",
            "balancing": "Balancing is one event in which Baku does both or hedges between the "
            "sides; a single vote with one side is a one-way step, whatever Baku did elsewhere.",
            "neutral": "Neutral is for context with no step of Baku's; a vote cast by Baku's own "
            "delegation is Baku's step, and the codebook names votes among the steps it codes.",
        },
    ),
    Check(
        key="l04-eaeu-change",
        skill="read",
        lesson=LESSON,
        prompt="Between the end of 2012 and the end of 2015, whose status in the Eurasian Economic Union changed?",
        kind=Pick(),
        options=("Azerbaijan", "Armenia", "Georgia"),
        expected=_eaeu_change,
        hints=(
            "Look at the EAEU row of the table above.",
            "Which country's column differs between status_2012 and status_2015?",
        ),
        worked="The table lists only the rows that changed: read the country of the EAEU one.",
        explanation="Armenia moved from 'none' to 'member'; Azerbaijan and Georgia stayed outside.",
        option_feedback={
            "Azerbaijan": "Baku's hints that it might join Moscow's union (the paper's reading, "
            "above) were never acted on: its EAEU cell stays 'none'. Its row that changed is the "
            "SCO, a much looser tie.",
            "Georgia": "Georgia's turn in these years was toward the EU (it initialled an "
            "association agreement at Vilnius), which is not in the table; its EAEU cell stays "
            "'none'.",
        },
    ),
    Check(
        key="l04-c4-colour-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="'Many of C4's events are coded toward the West, so the West never stepped back': what is the flaw?",
        kind=Pick(),
        options=(FLAW_COLOUR, FLAW_FEW, FLAW_BALANCING, FLAW_LATER),
        expected=lambda c: FLAW_COLOUR,
        hints=(
            "What does a point's colour record, by the codebook's rules: whose step, and in which direction?",
            "Now read C4 again: whose behaviour is it about? Look at the neutral rows of the table too: the reset, Bryza's departure.",
        ),
        worked="The alignment code records the direction of Baku's step; C4 is about what Washington and Brussels did. A count of one cannot settle the other.",
        explanation="The colours code Baku's steps, and C4 is a claim about Western attention. The strongest evidence for C4, the reset and the empty ambassador's post, is coded neutral because Baku took no step in it; and a visit coded toward the West may be repair work after neglect. The pile a point belongs in is read from the event, not from its colour.",
        option_feedback={
            FLAW_FEW: "Many more events would not help: however many there were, their codes would "
            "still record Baku's steps, not how much attention the West paid.",
            FLAW_BALANCING: "Moving the balancing rows into the count changes the number, not what "
            "it measures: the codes still record Baku's steps, not Western attention.",
            FLAW_LATER: "Adding the years after 2019 tests C4 with hindsight and keeps the same "
            "flaw: the codes would still record Baku's steps, not Western attention.",
        },
    ),
    Check(
        key="l04-weights-predict",
        skill="interpret",
        lesson=LESSON,
        prompt="Before moving a slider: with security weighted 3 and diplomacy 0, which way will 2008–2014 lean?",
        kind=Pick(),
        options=(TIPS_RUSSIA, STAYS_WEST, WEIGHTS_SCALE),
        expected=lambda c: TIPS_RUSSIA if _window_total(c, HEAVY_SECURITY) < 0 else STAYS_WEST,
        hints=(
            "Diplomacy at 0 removes the visits and votes: in these years, which way did most of them lean (Cheney, Gates, Clinton twice, Putin in 2013)?",
            "Security at 3 triples the arms and bases: the Russian tanks, the S-300 reports and the cancelled US drills against Gabala's end, the Turkish treaty and the Israeli deal.",
        ),
        worked="With equal weights the years end a little on the Western side. The diplomacy rows lean slightly West, so dropping them pulls the total toward Russia; the security rows lean slightly toward Russia, so tripling them pulls it further.",
        explanation="The verdict on 2008-2014 flips: drop the mostly Western visits and triple the arms, and the same events lean toward Russia. Now move the sliders and check your prediction; Self-check 4 asks for the number.",
        option_feedback={
            STAYS_WEST: "Which rows does each slider touch? Diplomacy at 0 removes the visits, "
            "which leaned West; tripling security triples the Russian arms as well as Gabala.",
            TIPS_RUSSIA: "Add up the security rows by direction first: do they lean toward Russia, "
            "or toward the West?",
            WEIGHTS_SCALE: "Weights scale each category differently, not every score alike: "
            "zeroing one kind and tripling another can change the sign, not only the size.",
        },
    ),
    Check(
        key="l04-weighted-total",
        skill="compute",
        lesson=LESSON,
        prompt="With security weighted 3 and diplomacy 0, where does the 2008–2014 index end?",
        kind=Number(Absolute(0.05), example="such as 4 or -4"),
        expected=lambda c: _window_total(c, HEAVY_SECURITY),
        hints=(
            "Run ba.balance_index(window, weights) and look at its last row.",
            "The 'index' column is the running total; its last value is where the line ends in 2014.",
        ),
        worked="ba.balance_index(window, weights)['index'].iloc[-1] is the last value of the running total.",
        explanation="With equal weights the years 2008-2014 end slightly on the Western side; weighting arms and bases heavily and ignoring diplomacy tips them toward Russia. The sign of the answer depends on the weights you choose.",
        mistakes=(
            Mistake(
                "equal weights",
                lambda e: _window_total(Course(), None),
                "That is the total with equal weights; use the weights given in the cell.",
            ),
        ),
    ),
)


# --- the partner coding (issue 22) -------------------------------------------------------------

WEST_CLOSER = "Baku kept stepping closer to the West"
WEST_FURTHER = "Baku stepped away from the West"
WEST_ELSEWHERE = "Baku's 'Western' steps went mostly to Turkey and Israel"


def _shift_counts(course, by="episode"):
    """Closer and further steps per partner in the shift period, indexed by partner code."""
    from ...analysis.partners import partner_counts

    counts = partner_counts(course.events, by=by, per_period=True)
    return counts[counts["period"] == "shift"].set_index("partner")


def _shift_net(course, partner, by="episode"):
    row = _shift_counts(course, by).loc[partner]
    return int(row["closer"] - row["further"])


def _shift_single_axis(course):
    """The single axis over the same period: events toward the West minus those toward Russia."""
    from ...analysis.partners import axis_beside_partners

    table = axis_beside_partners(course.events).set_index("period")
    return int(table.loc["shift", "single_axis"])


def _west_reading(course):
    """Which reading the partner counts of the shift period bear out, by episode."""
    counts = _shift_counts(course)
    west = counts.loc["west"]
    if west["closer"] < west["further"]:
        return WEST_FURTHER
    others = counts.loc["turkey", "closer"] + counts.loc["israel", "closer"]
    return WEST_CLOSER if west["closer"] > others else WEST_ELSEWHERE


CHECKS += (
    Check(
        key="l04-west-net-episode",
        skill="compute",
        lesson=LESSON,
        prompt="Counted once per episode, what is Baku's net step toward the West in the shift period?",
        kind=Number(Exact(), example="such as 3 or -3", whole=True),
        expected=lambda c: _shift_net(c, "west"),
        hints=(
            "In the table above, read the West's row: the steps closer and the steps further.",
            "The net step is 'closer' minus 'further', from the table counted by episode, not by row.",
        ),
        worked="per_period.query(\"period == 'shift' and partner == 'west'\") holds one row: its 'closer' minus its 'further'.",
        explanation="Baku's own steps toward the West did not stop in 2008-2014: more of them brought it closer than took it further. That does not refute C4, which is about Western attention; it shows that the coding measures something else.",
        mistakes=(
            Mistake(
                "counted by row",
                lambda e: _shift_net(Course(), "west", by="row"),
                'That is the count by row: counted by episode, the Crimea crisis is dated by its first row (13 March 2014) and falls in this period. Use by="episode".',
            ),
            Mistake(
                "the single axis",
                lambda e: _shift_single_axis(Course()),
                "That is the single axis (events toward the West minus those toward Russia); the question asks for the West's own column in the partner coding.",
            ),
            Mistake(
                "Turkey and Israel counted with the West",
                lambda e: sum(_shift_net(Course(), p) for p in ("west", "turkey", "israel")),
                "That adds Turkey's and Israel's steps to the West's, as the single axis did; the partner coding counts the West alone.",
            ),
        ),
    ),
    Check(
        key="l04-west-steps-back",
        skill="interpret",
        lesson=LESSON,
        prompt="Read per partner and once per episode, what do Baku's own steps of 2008–2014 show?",
        kind=Pick(),
        options=(WEST_CLOSER, WEST_FURTHER, WEST_ELSEWHERE),
        expected=_west_reading,
        hints=(
            "Compare, in the shift period, the West's 'closer' with its 'further', then with Turkey's and Israel's 'closer' together.",
            "C4 is about what Washington did; the partner columns record what Baku did.",
        ),
        worked="In per_period for 'shift', set the West's closer and further side by side, and add Turkey's and Israel's closer.",
        explanation="Baku kept taking steps toward the West in these years, and also toward Turkey and Israel, which the single axis had filed under the West. Whether the West 'stepped back' is a claim about Western attention that this coding does not measure: a supporter of C4 can say Baku kept knocking on a door that opened less often; a critic can say the door never closed. Both are interpretations.",
        option_feedback={
            WEST_FURTHER: "That is what C4 suggests, but C4 is about Washington's attention. In the West's column of the partner coding, count the steps closer and the steps further.",
            WEST_ELSEWHERE: "Turkey and Israel did gain steps, which the single axis had counted as Western; but compare their 'closer' counts together with the West's own.",
        },
    ),
)


WRITTEN = (
    WrittenPrompt(
        key="l04-c4-weighed",
        lesson=LESSON,
        prompt="Did the West step back from Azerbaijan in 2008–2014, as claim C4 says? Weigh one "
        "piece of evidence for it and one against, and say what the course's coding can and "
        "cannot tell you about it.",
        criteria=(
            "Gives dated evidence for C4 from the lesson: the reset's agenda without the South Caucasus, the long gap without a confirmed US ambassador, the Eastern Partnership's thin offer.",
            "Gives dated evidence against it: the visits of Gates and Clinton, the EU association talks, the Southern Gas Corridor and the Shah Deniz 2 decision.",
            "Tells Western attention (what C4 is about) from Baku's own steps (what the codes record).",
            "Reaches a verdict that weighs both sides, such as a narrower or reworded C4.",
        ),
        model_answer=(
            "For C4: in March 2009 the US-Russian reset put arms control, Iran and Afghanistan at "
            "the top of the agenda and left the South Caucasus off it, and the US had no confirmed "
            "ambassador in Baku for over a year. Against it: Gates brought Obama's letter in June "
            "2010, Clinton came in 2010 and 2012, and the EU opened association talks in 2010 and "
            "signed the Southern Gas Corridor declaration in 2011. The coding cannot settle this, "
            "because it records Baku's steps, not how much attention Washington paid: the reset "
            "is coded neutral, and a visit coded toward the West may be repair after neglect. My "
            "verdict is that C4 holds for Washington's politics, while the EU's energy tie grew."
        ),
        min_words=40,
    ),
)

"""Self-checks of lesson 04, the West steps back (2008–2014)."""

from ..judging import Absolute, Exact, Mistake, Number, Pick
from . import AS_FRACTION, Check, Course

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


def _c4(course):
    from ...analysis.claims import claim_evidence

    return claim_evidence("C4", course.events, course.claims)


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
        kind=Number(Absolute(0.5), example="in per cent, such as 40"),
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
            AS_FRACTION,
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
        key="l04-nam-year",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did Azerbaijan join the Non-Aligned Movement?",
        kind=Number(Exact(), example="such as 1999", whole=True),
        expected=lambda c: int(
            c.memberships.query("country == 'AZ' and organization == 'NAM'")["start"].dt.year.iloc[
                0
            ]
        ),
        hints=(
            "Look at the NAM row of the membership chart for Azerbaijan.",
            "Filter memberships for country 'AZ' and organization 'NAM', then read the year of 'start'.",
        ),
        worked="memberships.query(\"country == 'AZ' and organization == 'NAM'\")['start'].dt.year gives it.",
        explanation="Azerbaijan joined at the movement's Bali meeting; the data know only the month, May.",
    ),
    Check(
        key="l04-eaeu-change",
        skill="recall",
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
    ),
    Check(
        key="l04-c4-west-before",
        skill="compute",
        lesson=LESSON,
        prompt="How many of C4's linked events from before the brief are coded toward the West?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=lambda c: int(
            ((_c4(c)["alignment"] == "toward_west") & _c4(c)["seen_by_brief"]).sum()
        ),
        hints=(
            "Keep the rows the brief could see, then count those coded toward the West.",
            "Combine two conditions with &: seen_by_brief is True, and alignment is 'toward_west'.",
        ),
        worked="((c4['alignment'] == 'toward_west') & c4['seen_by_brief']).sum() counts both at once.",
        explanation="Several of C4's own linked events are Western visits and offers. Supporters of C4 would say visits are not the same as sustained engagement; critics would say the West never left. Both readings are interpretations.",
        mistakes=(
            Mistake(
                "including those after the brief",
                lambda e: int((_c4(Course())["alignment"] == "toward_west").sum()),
                "That counts every linked event toward the West, also those after March 2019; keep only those the brief could see.",
            ),
        ),
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

"""Self-checks of lesson 02, building the balancing act (1991–2003)."""

from ..judging import Exact, Mistake, Number, Pick
from . import Check, Course

LESSON = "02-building-the-balancing-act"


def _early(course):
    from ...analysis.events import filter_events

    return filter_events(course.events, years=(1991, 2003))


def _cst_spell(course):
    m = course.memberships
    return m[
        (m["country"] == "AZ") & (m["organization"] == "CST_CSTO") & (m["status"] == "member")
    ].iloc[0]


def _early_index(course):
    from ...analysis.balance_index import balance_index

    return balance_index(_early(course))


def _count(alignment):
    return lambda c: int((_early(c)["alignment"] == alignment).sum())


CHECKS = (
    Check(
        key="l02-cst-end",
        skill="compute",
        lesson=LESSON,
        prompt="In which year did Azerbaijan's membership of the Collective Security Treaty end?",
        kind=Number(Exact(), example="such as 1995", whole=True),
        expected=lambda c: int(_cst_spell(c)["end"].year),
        hints=(
            "Move the membership explorer's year slider and watch the CST_CSTO row for Azerbaijan.",
            "In the memberships table, the member spell's 'end' column holds the date it ended.",
        ),
        worked="memberships.query(\"country == 'AZ' and organization == 'CST_CSTO' and status == 'member'\")['end'] gives the date; read its year.",
        explanation="Baku did not sign the protocol extending the treaty, so its membership ran out with the first five-year term.",
        mistakes=(
            Mistake(
                "the year it joined",
                lambda e: int(_cst_spell(Course())["start"].year),
                "That is the year Azerbaijan joined; the question asks when its membership ended.",
            ),
        ),
    ),
    Check(
        key="l02-early-toward-west",
        skill="compute",
        lesson=LESSON,
        prompt="How many events of 1991–2003 are coded toward the West?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=_count("toward_west"),
        hints=(
            "Count the events of early whose alignment is 'toward_west'.",
            "early['alignment'].value_counts() counts every code at once.",
        ),
        worked="(early['alignment'] == 'toward_west').sum() counts them.",
        explanation="Note that a count gives joining the CIS and sending a platoon to Kosovo the same weight.",
        mistakes=(
            Mistake(
                "toward Russia instead",
                lambda e: _count("toward_russia")(Course()),
                "That is the number coded toward Russia; this check asks for those toward the West.",
            ),
            Mistake(
                "all of them",
                lambda e: len(_early(Course())),
                "That is every event of 1991–2003; count only those coded toward the West.",
            ),
        ),
    ),
    Check(
        key="l02-early-toward-russia",
        skill="compute",
        lesson=LESSON,
        prompt="How many events of 1991–2003 are coded toward Russia?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=_count("toward_russia"),
        hints=(
            "Count the events of early whose alignment is 'toward_russia'.",
            "early['alignment'].value_counts() counts every code at once.",
        ),
        worked="(early['alignment'] == 'toward_russia').sum() counts them.",
        explanation="Compare it with the count toward the West: in these years the two are not far apart.",
        mistakes=(
            Mistake(
                "toward the West instead",
                lambda e: _count("toward_west")(Course()),
                "That is the number coded toward the West; this check asks for those toward Russia.",
            ),
        ),
    ),
    Check(
        key="l02-biggest-year",
        skill="compute",
        lesson=LESSON,
        prompt="In which year of 1991–2003 is the net score most toward the West?",
        kind=Number(Exact(), example="such as 1995", whole=True),
        expected=lambda c: int(_early_index(c).loc[_early_index(c)["net"].idxmax(), "year"]),
        hints=(
            "Find the tallest bar above zero in the chart of the index.",
            "ba.balance_index(early) has a column 'net' per year; look for its largest value.",
        ),
        worked="index.loc[index['net'].idxmax(), 'year'] reads the year of the largest net score.",
        explanation="That year Baku let the security treaty lapse, opened the Supsa route, signed the BTC "
        "agreements and sent a platoon to NATO's Kosovo force.",
        mistakes=(
            Mistake(
                "the highest running total",
                lambda e: int(
                    _early_index(Course()).loc[_early_index(Course())["index"].idxmax(), "year"]
                ),
                "That is where the running total (the line) is highest; the question is about one year's net score (the bars).",
            ),
        ),
    ),
    Check(
        key="l02-elchibey-by-default",
        skill="interpret",
        lesson=LESSON,
        prompt="What drove Elchibey's foreign policy 'by default' rather than 'by design'?",
        kind=Pick(),
        options=(
            "A pan-Turkic outlook and close ties with Turkey",
            "Russian and Iranian support for Armenia in the Karabakh war",
            "A pro-Western course, with Turkey as the route to Western support",
        ),
        expected=lambda c: "Russian and Iranian support for Armenia in the Karabakh war",
        hints=(
            "'By design' means chosen for its own sake; 'by default' means forced by circumstances.",
            "Two of the options were the Popular Front's own programme.",
        ),
        worked="Which of the three did Baku not choose, but have imposed on it by others?",
        explanation="The other two were the Popular Front's own programme; the war's alignments were imposed on Baku.",
    ),
)

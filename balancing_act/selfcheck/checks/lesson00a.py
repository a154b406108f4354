"""Self-checks of lesson 0a, the pandas primer."""

from ..judging import PERCENT, Absolute, Mistake, Number, Pick
from . import SIGN_FLIPPED, Check, Course, WrittenPrompt

LESSON = "00a-pandas-primer"

START, END = 2008, 2009  # the years of the percentage-change check (the 2009 fall in oil)


def _brent_change(course) -> float:
    """The change of the yearly average Brent price from START to END, in per cent."""
    brent = course.series("brent_usd_per_bbl")
    return float((brent.loc[END] - brent.loc[START]) / brent.loc[START] * 100)


def _brent_change_of_later(course) -> float:
    """The same change divided by the later year's price: a common slip."""
    brent = course.series("brent_usd_per_bbl")
    return float((brent.loc[END] - brent.loc[START]) / brent.loc[END] * 100)


def _brent_dollars(course) -> float:
    brent = course.series("brent_usd_per_bbl")
    return float(brent.loc[END] - brent.loc[START])


LABEL_OPTIONS = (
    "yearly.loc[top]",
    "yearly.iloc[top]",
    "yearly[yearly == top]",
)

SHARE_OPTIONS = (
    'events["category"].value_counts(normalize=True)',
    'events["category"].value_counts()',
    'events["category"].value_counts() / 100',
)

FLAW_OPTIONS = (
    "Every row counts the same, a routine visit as much as a treaty",
    "value_counts sorts the codes by name, so the first row is not the largest",
    "value_counts leaves out the events coded neutral, so the rest look bigger",
)

CHECKS = (
    Check(
        key="l00a-label-or-position",
        skill="classify",
        lesson=LESSON,
        prompt="top = yearly.idxmax() gives the year with the most events. Which line reads that year's count?",
        kind=Pick(),
        options=LABEL_OPTIONS,
        expected=lambda c: LABEL_OPTIONS[0],
        hints=(
            "idxmax() returns the label of the row with the largest value, here a year, not a row number.",
            "Which of .loc and .iloc looks a row up by its label?",
        ),
        worked="A year is a label of the index: .loc[label] reads that row; .iloc counts rows from 0.",
        explanation=".loc finds a row by its label, and idxmax returns a label, so yearly.loc[top] is the count of that year.",
        option_feedback={
            LABEL_OPTIONS[1]: (
                ".iloc counts rows by position from 0, so a year asks for a row some two thousand "
                "places past the end of the table. idxmax gives a label, not a position."
            ),
            LABEL_OPTIONS[2]: (
                "That compares each count with the year itself (is the count equal to the year?), "
                "so it mixes a label with a value and finds no such row."
            ),
        },
    ),
    Check(
        key="l00a-share-expression",
        skill="classify",
        lesson=LESSON,
        prompt="Which expression gives the share of the course's events in each category?",
        kind=Pick(),
        options=SHARE_OPTIONS,
        expected=lambda c: SHARE_OPTIONS[0],
        hints=(
            "A share is a part of the whole: each category's count divided by the number of all events.",
            "value_counts has an argument that divides by the total for you.",
        ),
        worked="normalize=True divides each count by the number of rows, so the shares add up to 1.",
        explanation="normalize=True gives shares between 0 and 1 that add up to 1; multiply by 100 for percentages.",
        option_feedback={
            SHARE_OPTIONS[1]: (
                "That gives counts of events, not shares: a count says how many, a share says "
                "what part of the whole."
            ),
            SHARE_OPTIONS[2]: (
                "Dividing by 100 turns nothing into a share: the whole is the number of events, "
                "not 100. A percentage is a share times 100, not a count over 100."
            ),
        },
    ),
    Check(
        key="l00a-count-flaw",
        skill="critique",
        lesson=LESSON,
        prompt=(
            "A student runs events['alignment'].value_counts(), sees 'neutral' on top and "
            "concludes that Baku mostly stayed between Russia and the West. What is the flaw?"
        ),
        kind=Pick(),
        options=FLAW_OPTIONS,
        expected=lambda c: FLAW_OPTIONS[0],
        hints=(
            "Look at what one row of the table is: an event, large or small.",
            "The codebook gives each event a weight from 1 to 3. Does value_counts look at it?",
        ),
        worked="value_counts counts rows; a treaty (weight 3) and a routine visit (weight 1) are one row each.",
        explanation=(
            "A count of rows weighs every event alike, and 'neutral' also holds the context "
            "(other states' acts, oil shocks) that moved Baku nowhere by the codebook's rules."
        ),
        option_feedback={
            FLAW_OPTIONS[1]: (
                "value_counts sorts by count, largest first, unless you ask it not to: the top "
                "row is the largest. The flaw is in what a row is, not in the order."
            ),
            FLAW_OPTIONS[2]: (
                "value_counts counts every code present, neutral included (the student saw it "
                "on top). The flaw is that every row counts the same."
            ),
        },
    ),
    Check(
        key="l00a-brent-change",
        skill="compute",
        lesson=LESSON,
        prompt=f"By how many per cent did the yearly average Brent price change from {START} to {END}?",
        kind=Number(Absolute(0.5), example="in per cent, such as -12.5", measure=PERCENT),
        expected=_brent_change,
        hints=(
            "A percentage change is (new − old) / old × 100, with the earlier year as 'old'.",
            f"Take the {END} value minus the {START} value, divide by the {START} value, then multiply by 100. A fall is negative.",
        ),
        worked=f"(brent.loc[{END}] - brent.loc[{START}]) / brent.loc[{START}] * 100, or brent.pct_change().loc[{END}] * 100.",
        explanation="The yearly average fell by more than a third in one year: pct_change() gives the same figure as a fraction.",
        mistakes=(
            SIGN_FLIPPED,
            Mistake(
                "divided by the later year",
                lambda e: _brent_change_of_later(Course()),
                f"That divides by the {END} price; a change is measured from where it started, the {START} price.",
            ),
            Mistake(
                "the change in dollars",
                lambda e: _brent_dollars(Course()),
                "That is the change in USD a barrel; the question asks for it in per cent of the starting price.",
            ),
        ),
    ),
)

WRITTEN = (
    WrittenPrompt(
        key="l00a-what-a-count-shows",
        lesson=LESSON,
        prompt=(
            "The course often counts events. In a few sentences: what can a count of rows "
            "tell you about how far Baku moved toward Russia in a period, what can it not, and "
            "what would you look at in the table beside the count?"
        ),
        criteria=(
            "Says what a count shows: how many dated acts the course recorded, by its coding rules.",
            "Names a limit: every row counts alike (weight), the coding is an interpretation, or the table is a selection of events.",
            "Names something to look at beside the count: the weight, the events themselves, a share of the period's events, or another measure.",
        ),
        model_answer=(
            "A count says how many of the course's recorded events in a period were coded toward "
            "Russia: a first sign of direction, no more. It treats a routine visit like a treaty, "
            "depends on which events the course chose to record, and rests on coding rules one "
            "could dispute. Beside it I would read the rows themselves, sum their weights, "
            "compare the count with the period's other codes as a share, and check the outside "
            "measures of lesson 9, such as UN votes or arms imports."
        ),
    ),
)

"""Self-checks that read the partner coding: its counts for 2020–2025 beside the single axis
(lessons 8 and 9) and the two coders' agreement (lesson 9). Each expected value is computed
from the data; where the data no longer fit any option, the function raises, so that the
question is revised rather than graded wrong."""

FRAME_OPTIONS = (
    "Toward Russia, as the axis says: more steps closer to Moscow than away from it",
    "Away from the West: the axis's fall is Baku loosening its Western ties",
    "Steps with Russia both ways, at least as many away as toward; the one steady move is toward Turkey",
    "No movement: every partner's net is zero",
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
    "The coders agreed far more than chance alone would give; as both were runs of one AI model, two people would probably agree less",
    "The Russia codes need no further check: a student who codes differently has misread the codebook",
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

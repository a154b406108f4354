"""Expected values read from the evidence nobody on the course coded (UN votes and ideal points,
SIPRI's arms deliveries, the World Bank's indicators), for lesson 9's self-checks. Where a
question's options are readings of the data, the function picks the one the data support and
raises when none fits, so that the question is revised rather than graded wrong."""

UKRAINE_WORDS = "Ukraine|Crimea"  # the key votes on Ukraine's territory, 2014-2019

#: The last window of SIPRI's per-year delivery values (2024 is not in them yet).
LAST_WINDOW = (2020, 2023)


def distance(course, year=2024, other="RUS"):
    from ...analysis.unvotes import ideal_point_distance

    rows = ideal_point_distance("AZE", other, (year, year))
    return float(rows["distance"].iloc[0])


def signed_difference(course):
    from ...analysis.unvotes import ideal_point_distance

    rows = ideal_point_distance("AZE", "RUS", (2024, 2024))
    return float(rows["AZE"].iloc[0] - rows["RUS"].iloc[0])


MOVED_OPTIONS = ("Azerbaijan's", "Russia's", "Both", "Neither: no change beyond the noise")


def who_moved(course):
    """Whose point moved beyond its noise from 2019 to 2024 (the codebook's noise rule)."""
    from ...analysis.unvotes import NO_CHANGE, judge_change

    moved = {c for c in ("AZE", "RUS") if judge_change(c, 2019, 2024)["verdict"] != NO_CHANGE}
    if moved == {"AZE", "RUS"}:
        return MOVED_OPTIONS[2]
    if not moved:
        return MOVED_OPTIONS[3]
    return MOVED_OPTIONS[0] if moved == {"AZE"} else MOVED_OPTIONS[1]


PACIFICATION_OPTIONS = (
    "Down, with the index",
    "Up, against the index",
    "No change beyond the noise",
)


def pacification_move(course):
    from ...analysis.measures import index_against_measures
    from ...analysis.unvotes import MOVED_DOWN, MOVED_UP

    row = index_against_measures().set_index("period").loc["pacification"]
    verdict = row["ideal_point_verdict"]
    index_down = row["index_change"] < 0
    if verdict == MOVED_DOWN:
        return PACIFICATION_OPTIONS[0 if index_down else 1]
    if verdict == MOVED_UP:
        return PACIFICATION_OPTIONS[1 if index_down else 0]
    return PACIFICATION_OPTIONS[2]


def agenda_agreement(course, country="AZE", reference="USA", issue=None):
    from ...analysis.un_agenda import WITHOUT_PALESTINE, issue_agreement

    table = issue_agreement(country, reference, {"pacification": (2014, 2019)})
    row = table.set_index("issue").loc[issue or WITHOUT_PALESTINE]
    return 100 * float(row["agreement"])


PALESTINE_OPTIONS = (
    "About as rarely as Baku does: almost never",
    "Far more often than Baku, as a NATO ally would",
    "Less often than Baku, whose coding leaned West",
)


def palestine_prediction(course):
    """How Ankara's agreement with Washington on the Palestine roll calls of 2014-2019 compares
    with Baku's: within 5 points of it counts as 'about as rarely'."""
    baku = agenda_agreement(course, "AZE", issue="palestinian_conflict")
    ankara = agenda_agreement(course, "TUR", issue="palestinian_conflict")
    if abs(ankara - baku) <= 5:
        return PALESTINE_OPTIONS[0]
    return PALESTINE_OPTIONS[1 if ankara > baku else 2]


def ukraine_votes(course):
    from ...analysis.unvotes import key_votes

    votes = key_votes(countries=["AZE"])
    return votes[votes["about"].str.contains(UKRAINE_WORDS)].sort_values("date")


CRIMEA_OPTIONS = (
    "Keeping out: voting neither with Moscow nor against it",
    "Siding with Moscow: an absence counts as a vote against Kyiv",
    "Indifference: the roll calls touched nothing Baku cares about",
)


def crimea_reading(course):
    """Baku's votes on Ukraine's territory: for it in March 2014, then absent (the data decide)."""
    votes = ukraine_votes(course)["AZE"].tolist()
    first, later = votes[0], set(votes[1:])
    if first == "yes" and later == {"absent"}:
        return CRIMEA_OPTIONS[0]
    if "no" in later:
        return CRIMEA_OPTIONS[1]
    raise ValueError("The data no longer fit any option of l09-crimea-reading: revise it.")


def share(course, supplier="Turkiye", window=LAST_WINDOW):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", window).set_index("supplier")
    return float(shares["share"].get(supplier, 0.0))


def turkey_tiv(course):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", LAST_WINDOW).set_index("supplier")
    return float(shares.loc["Turkiye", "tiv"])


def even_spread_turkey_share(course, window=(2020, 2024)):
    """Turkey's share with each order's total spread evenly over its delivery years, over the
    window the course used before it had SIPRI's per-year values."""
    from ...analysis.arms import evenly_spread_shares

    shares = evenly_spread_shares("Azerbaijan", window).set_index("supplier")["share"]
    return float(shares.get("Turkiye", 0.0))


def remittances_2014(course):
    from ...analysis.indicators import indicator_values

    rows = indicator_values("remittances_pct_gdp", ["AZE", "ARM"], (2014, 2014))
    return rows.set_index("country")["value"]


REMITTANCE_OPTIONS = (
    "A share of GDP is not a sum of money: it weighs the money against each economy",
    "Migrants work in many countries, so remittances are never a lever of Moscow's",
    "It has the two the wrong way round: Azerbaijan's share was the larger one",
)


def remittance_flaw(course):
    """The flaw in reading Armenia's larger share of GDP as more money sent (the data decide
    which of the two countries had the larger share)."""
    values = remittances_2014(course)
    return REMITTANCE_OPTIONS[0 if values["ARM"] > values["AZE"] else 2]


def parting_periods(course):
    from ...analysis.measures import index_against_measures

    table = index_against_measures()
    return set(table.loc[table["part"], "period"])

"""Self-checks of lesson 09, measuring the balance with evidence nobody on the course coded."""

from ..judging import Absolute, Exact, Mistake, Number, Pick, Relative, SetOf
from . import AS_FRACTION, Check, Course
from .partner_views import (
    FRAME_OPTIONS,
    KAPPA_OPTIONS,
    PARTNER_OPTIONS,
    frame_after_brief,
    least_informative_kappa,
)

LESSON = "09-measuring-the-balance"
UKRAINE_WORDS = "Ukraine|Crimea"  # the key votes on Ukraine's territory, 2014-2019


def _distance(course, year=2024, other="RUS"):
    from ...analysis.unvotes import ideal_point_distance

    rows = ideal_point_distance("AZE", other, (year, year))
    return float(rows["distance"].iloc[0])


def _signed_difference(course):
    from ...analysis.unvotes import ideal_point_distance

    rows = ideal_point_distance("AZE", "RUS", (2024, 2024))
    return float(rows["AZE"].iloc[0] - rows["RUS"].iloc[0])


MOVED_OPTIONS = ("Azerbaijan's", "Russia's", "Both", "Neither: no change beyond the noise")


def _moved_2019_2024(course):
    """Whose point moved beyond its noise from 2019 to 2024 (the codebook's noise rule)."""
    from ...analysis.unvotes import NO_CHANGE, judge_change

    return {c for c in ("AZE", "RUS") if judge_change(c, 2019, 2024)["verdict"] != NO_CHANGE}


def _who_moved(course):
    moved = _moved_2019_2024(course)
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


def _pacification_move(course):
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


def _agenda_agreement(course, country="AZE", reference="USA", issue=None):
    from ...analysis.un_agenda import WITHOUT_PALESTINE, issue_agreement

    table = issue_agreement(country, reference, {"pacification": (2014, 2019)})
    row = table.set_index("issue").loc[issue or WITHOUT_PALESTINE]
    return 100 * float(row["agreement"])


def _ukraine_votes(course):
    from ...analysis.unvotes import key_votes

    votes = key_votes(countries=["AZE"])
    return votes[votes["about"].str.contains(UKRAINE_WORDS)]


#: The last window of SIPRI's per-year delivery values (2024 is not in them yet).
LAST_WINDOW = (2020, 2023)


def _share(course, supplier="Turkiye", window=LAST_WINDOW):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", window).set_index("supplier")
    return float(shares["share"].get(supplier, 0.0))


def _turkey_tiv(course):
    from ...analysis.arms import arms_supplier_shares

    shares = arms_supplier_shares("Azerbaijan", LAST_WINDOW).set_index("supplier")
    return float(shares.loc["Turkiye", "tiv"])


def _even_spread_turkey_share(course, window=(2020, 2024)):
    """Turkey's share with each order's total spread evenly over its delivery years, over the
    window the course used before it had SIPRI's per-year values."""
    from ...analysis.arms import evenly_spread_shares

    shares = evenly_spread_shares("Azerbaijan", window).set_index("supplier")["share"]
    return float(shares.get("Turkiye", 0.0))


def _remittances_2014(course):
    from ...analysis.indicators import indicator_values

    rows = indicator_values("remittances_pct_gdp", ["AZE", "ARM"], (2014, 2014))
    return rows.set_index("country")["value"]


def _parting_periods(course):
    from ...analysis.measures import index_against_measures

    table = index_against_measures()
    return set(table.loc[table["part"], "period"])


CHECKS = (
    Check(
        key="l09-distance-2024",
        skill="compute",
        lesson=LESSON,
        prompt="How far apart were Azerbaijan's and Russia's UN ideal points in 2024?",
        kind=Number(Absolute(0.005), example="such as 0.5"),
        expected=_distance,
        hints=(
            "Hover over the last point of Azerbaijan's and of Russia's line in the chart, or use "
            "ba.ideal_point_distance.",
            "ba.ideal_point_distance('AZE', 'RUS') has a row per year; read 'distance' in 2024.",
        ),
        worked="far = ba.ideal_point_distance('AZE', 'RUS'); far.loc[far['year'] == 2024, 'distance'] is one number.",
        explanation="In 2024 Baku and Moscow stood almost on the same spot of the UN scale, about ten times closer than in 2019. The next question asks which of the two moved.",
        mistakes=(
            Mistake(
                "the signed difference",
                _signed_difference,
                "That is Azerbaijan's point minus Russia's, with its sign: a distance is never "
                "negative (take the absolute value).",
            ),
            Mistake(
                "another year",
                lambda e: _distance(Course(), 2014),
                "That is the distance in 2014; the question asks for 2024.",
            ),
            Mistake(
                "the distance to Washington",
                lambda e: _distance(Course(), 2024, "USA"),
                "That is Baku's distance to the United States; the question asks about Russia.",
            ),
        ),
    ),
    Check(
        key="l09-who-moved",
        skill="interpret",
        lesson=LESSON,
        prompt="From 2019 to 2024 the distance between Baku and Moscow shrank: whose ideal point moved beyond the noise?",
        kind=Pick(),
        options=MOVED_OPTIONS,
        expected=_who_moved,
        hints=(
            "Compare how far each line in the chart travels between 2019 and 2024 with the width of its shaded band.",
            "ba.judge_change('AZE', 2019, 2024) and ba.judge_change('RUS', 2019, 2024) give each change, its noise and a verdict.",
        ),
        worked="For each country, ba.judge_change(code, 2019, 2024)['verdict'] says 'moved up', 'moved down' or 'no change beyond the noise'.",
        explanation="Russia's point fell far more than its noise after its invasion of Ukraine in 2022, while Baku's changed by less than its own: the gap closed because Moscow came to Baku's spot on the scale, not the other way round. Ideal points are relative.",
        option_feedback={
            "Azerbaijan's": "Baku's point changed by less than the noise of the change (its bands in 2019 and 2024 overlap most of their width); look at Russia's.",
            "Both": "Baku's change is smaller than its noise: only one of the two moved beyond it.",
            "Neither: no change beyond the noise": "Russia's fall is several times larger than its noise: compare the change with the noise in ba.judge_change('RUS', 2019, 2024).",
        },
    ),
    Check(
        key="l09-crimea-absent",
        skill="compute",
        lesson=LESSON,
        prompt="On how many of the key roll calls on Ukraine and Crimea (2014–2019) did Azerbaijan cast no vote?",
        kind=Number(Exact(), example="a whole number", whole=True),
        expected=lambda c: int((_ukraine_votes(c)["AZE"] == "absent").sum()),
        hints=(
            "Keep the rows of the key-votes table whose 'about' column mentions Ukraine or Crimea.",
            "Among those rows, count the ones where the AZE column says 'absent'.",
        ),
        worked="ukraine = votes[votes['about'].str.contains('Ukraine|Crimea')]; (ukraine['AZE'] == 'absent').sum() counts them.",
        explanation="Baku voted for Ukraine's territorial integrity in March 2014 and then stayed away from every later Crimea roll call in the table: it neither sided with Moscow nor voted against it.",
        mistakes=(
            Mistake(
                "every roll call counted",
                lambda e: len(_ukraine_votes(Course())),
                "That counts every roll call on Ukraine and Crimea; count only those where Azerbaijan cast no vote ('absent').",
            ),
        ),
    ),
    Check(
        key="l09-turkey-share",
        skill="compute",
        lesson=LESSON,
        prompt="What share of the arms delivered to Azerbaijan in 2020–2023 came from Turkey?",
        kind=Number(Absolute(0.5), example="in per cent, such as 40"),
        expected=_share,
        hints=(
            "Read Turkey's part of the 2020–2023 bar in the chart; its tooltip gives the TIV too.",
            "ba.arms_supplier_shares('Azerbaijan', (2020, 2023)) has a 'share' column; SIPRI writes Turkey as 'Turkiye'.",
        ),
        worked="shares = ba.arms_supplier_shares('Azerbaijan', (2020, 2023)); shares.loc[shares['supplier'] == 'Turkiye', 'share'] is one number, and 'tiv' and 'total_tiv' on the same row are its volume and the window's.",
        explanation="After Russia (2010–2014) and Israel (2015–2019), Turkey became Baku's main supplier in 2020–2023, but of a small volume: the window's total TIV is a few per cent of 2010–2014's, so Turkey's majority is a few dozen TIV, far less than Russia's or Israel's earlier shares stood for.",
        mistakes=(
            AS_FRACTION,
            Mistake(
                "the TIV instead of the share",
                lambda e: _turkey_tiv(Course()),
                "That is the trend-indicator value in millions (the 'tiv' column): keep it beside the share, but the question asks for the share in per cent.",
            ),
            Mistake(
                "another window",
                lambda e: _share(Course(), "Turkiye", (2015, 2019)),
                "That is Turkey's share in 2015–2019; the question asks for 2020–2023.",
            ),
            Mistake(
                "the even spread over 2020–2024",
                lambda e: _even_spread_turkey_share(Course()),
                "That is the share from spreading each order's total evenly over its delivery years, in 2020–2024 (the order register). SIPRI's per-year values, which the question asks for, end in 2023: use ba.arms_supplier_shares('Azerbaijan', (2020, 2023)).",
            ),
        ),
    ),
    Check(
        key="l09-remittance-ratio",
        skill="compute",
        lesson=LESSON,
        prompt="In 2014, how many times larger (as a share of GDP) were Armenia's remittances than Azerbaijan's?",
        kind=Number(Relative(0.02), example="such as 3.5"),
        expected=lambda c: float(_remittances_2014(c)["ARM"] / _remittances_2014(c)["AZE"]),
        hints=(
            "Read both countries' remittances in 2014 on the chart, then divide.",
            "Armenia's value divided by Azerbaijan's, not the other way round.",
        ),
        worked="r = ba.indicator_values('remittances_pct_gdp', ['AZE', 'ARM'], (2014, 2014)).set_index('country')['value']; r['ARM'] / r['AZE'].",
        explanation="Money sent home by migrants, most of them in Russia, weighed several times more in Armenia's economy than in Azerbaijan's: a lever Moscow holds over Yerevan far more than over Baku.",
        mistakes=(
            Mistake(
                "the ratio upside down",
                lambda e: 1 / e,
                "That is Azerbaijan's value divided by Armenia's; divide Armenia's by Azerbaijan's.",
            ),
            Mistake(
                "the difference instead of the ratio",
                lambda e: float(
                    _remittances_2014(Course())["ARM"] - _remittances_2014(Course())["AZE"]
                ),
                "That is the difference in percentage points; the question asks how many times larger.",
            ),
        ),
    ),
    Check(
        key="l09-pacification-move",
        skill="interpret",
        lesson=LESSON,
        prompt="From 2014 to 2019 the index fell: which way did Baku's UN ideal point move?",
        kind=Pick(),
        options=PACIFICATION_OPTIONS,
        expected=_pacification_move,
        hints=(
            "Read the 'pacification' column: compare ideal_point_change with the noise rule's verdict, ideal_point_verdict.",
            "A change counts as a move only when it is larger than its noise (data/README.md, the noise rule): ba.judge_change('AZE', 2013, 2019).",
        ),
        worked="ba.judge_change('AZE', 2013, 2019) gives the change from the last year before the period to its last year, its noise and the verdict.",
        explanation="Baku's point fell by about a tenth from 2013 to 2019, a fraction of the noise of that change: the measure cannot say whether Baku's votes moved at all, so it neither bears out nor contradicts the index in those years.",
        option_feedback={
            "Down, with the index": "Its point is a little lower in 2019, but by less than the noise of the change: so small a change has no direction to compare with the index.",
            "Up, against the index": "Its point is not higher in 2019, and the change is smaller than its noise anyway.",
        },
    ),
    Check(
        key="l09-parting-periods",
        skill="read",
        lesson=LESSON,
        prompt="In which periods does Baku's UN ideal point move beyond the noise, in the direction opposite to the index?",
        kind=SetOf(example='such as {"shift"}'),
        expected=_parting_periods,
        hints=(
            "In the table, keep the periods whose ideal_point_verdict is a move (not 'no change beyond the noise').",
            "Of those, keep the ones where the move and index_change point opposite ways (the part column): a set of period keys.",
        ),
        worked="set(compared.loc[compared['part'], 'period']) lists them; part is True where the point moved beyond its noise against the index.",
        explanation="Before 2014 the course's coding leans West while Baku's UN votes move away from the US-led order, beyond the noise. From 2014 the index falls but Baku's point changes by less than its noise, so there is neither parting nor agreement to read. The two measure different things: what Baku did with partners, and how it voted in New York.",
        mistakes=(
            Mistake(
                "the quiet periods as well",
                lambda e: set(e) | {"pacification", "after_brief"},
                "In 2014–2019 and 2020–2025 Baku's point changed by less than the noise of the change: such a period neither parts from the index nor agrees with it.",
            ),
        ),
    ),
    Check(
        key="l09-agenda-usa",
        skill="compute",
        lesson=LESSON,
        prompt="In 2014–2019, leaving out the Palestine roll calls, in what share of votes did Baku vote as Washington did?",
        kind=Number(Absolute(0.5), example="in per cent, such as 40"),
        expected=_agenda_agreement,
        hints=(
            "Read the row 'All but Palestine' of the table, in the column of the pacification period for Azerbaijan with the United States.",
            "ba.issue_agreement('AZE', 'USA') has a row per period and issue; the issue 'all but palestinian_conflict' is the one, times 100.",
        ),
        worked="split = ba.issue_agreement('AZE', 'USA').set_index(['window', 'issue']); 100 * split.loc[('pacification', 'all but palestinian_conflict'), 'agreement'].",
        explanation="Leaving out the Palestine votes, where Baku and NATO member Turkey both almost never vote as Washington does, lifts Baku's agreement with the US only a few points: on human rights and colonialism Baku stands much further from Washington than Ankara does. Part of the distance is the Assembly's agenda, not all of it.",
        mistakes=(
            AS_FRACTION,
            Mistake(
                "the Palestine votes kept",
                lambda e: _agenda_agreement(Course(), issue="all"),
                "That is agreement over all roll calls; the question leaves out the Palestine ones (the row 'All but Palestine').",
            ),
            Mistake(
                "Turkey's column",
                lambda e: _agenda_agreement(Course(), "TUR"),
                "That is Turkey's agreement with the United States; the question asks about Azerbaijan.",
            ),
            Mistake(
                "agreement with Russia",
                lambda e: _agenda_agreement(Course(), reference="RUS"),
                "That is Baku's agreement with Russia; the question asks about the United States.",
            ),
        ),
    ),
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
        explanation="Israel's kappa of 1.00 rests on a single coded row (China's on two): agreeing on one row, with every other cell empty for both, is no evidence that the code is reliable. One more row coded differently would move it a long way. A lower kappa on many coded rows, as Russia's, tells you more.",
        option_feedback={
            "China": "China's kappa rests on very few coded rows too, but another partner's rests on fewer: count each partner's steps with ba.partner_counts(events).",
            "Russia": "Russia's kappa is not the highest, but it rests on many rows that one coder or the other coded: a slightly lower kappa on many rows tells you more than a perfect one on a single row.",
            "the West": "The West's kappa rests on dozens of coded rows: it is among the more informative.",
            "Turkey": "Turkey's kappa rests on a couple of dozen coded rows, far more than some partners': look for the partner with the fewest.",
            "Iran": "Iran's kappa rests on a handful of coded rows, few but not the fewest: count each partner's steps with ba.partner_counts(events).",
        },
    ),
)

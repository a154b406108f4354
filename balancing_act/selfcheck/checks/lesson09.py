"""Self-checks of lesson 09, measuring the balance with evidence nobody on the course coded."""

from ..judging import SHARE_PERCENT, Absolute, Mistake, Number, Pick, SetOf
from . import Check, Course, WrittenPrompt
from . import outside_measures as m
from .partner_views import LESSON09_CHECKS

LESSON = "09-measuring-the-balance"

INDEX_FLAW_OPTIONS = (
    "On one axis every step toward Moscow also counts as a step from the West",
    "The index weights its events, so any fall in it is an artefact of weights",
    "Those years came after the brief, so they cannot be set against its claims",
)

KINDS = ("recommendation", "diagnosis", "prediction")
KIND_OPTIONS = (
    "A recommendation: test whether Baku followed it and whether its reasoning held",
    "A diagnosis: test whether the events up to 2019 bear it out as a description",
    "A prediction: test whether what it foresaw came about in the years after 2019",
)


CHECKS = (
    Check(
        key="l09-index-fall-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="The balance index fell in 2014–2019, 'so Baku turned from the West'. What is the flaw?",
        kind=Pick(),
        options=INDEX_FLAW_OPTIONS,
        expected=lambda c: INDEX_FLAW_OPTIONS[0],
        hints=(
            "Lesson 4: what does the index add up, and on how many axes?",
            "Lesson 5 read the same years partner by partner: were the steps toward Moscow also steps away from the West?",
        ),
        worked="The index scores each event on one line from Russia (−1) to the West (+1), so a step toward Moscow can only be read as a step from the West; Lesson 5's partner lines count the two apart.",
        explanation="On a single axis a step toward Moscow is by construction a step from the West, so a fall in the index cannot tell 'closer to Moscow' from 'further from the West'. Read partner by partner (Lesson 5), 2014–2019 holds steps closer to Moscow and steps closer to the West, such as the Southern Gas Corridor. This lesson asks what measures nobody on the course coded add.",
        option_feedback={
            INDEX_FLAW_OPTIONS[
                1
            ]: "Lesson 4's weights change how far the index moves, which is worth knowing; but the sentence would be as weak on an unweighted index, because of what one axis can say.",
            INDEX_FLAW_OPTIONS[
                2
            ]: "The brief appeared in March 2019: 2014–2019 is the very period it describes, so its evidence is fair to set against it (Lesson 8 separates the evidence after the paper).",
        },
        revisits=("04-the-west-steps-back", "05-pacifying-russia"),
    ),
    Check(
        key="l09-c11-kind",
        skill="classify",
        lesson=LESSON,
        prompt="C11 says Baku should use Armenia's 2018 change of government for direct talks. What kind of claim is it, and how is it tested?",
        kind=Pick(),
        options=KIND_OPTIONS,
        expected=lambda c: KIND_OPTIONS[KINDS.index(c.claims.set_index("id").loc["C11", "kind"])],
        hints=(
            "Lesson 8: does the sentence describe what was, foresee what will be, or say what Baku ought to do?",
            "Lesson 5 met C11 beside the 2018 revolution in Armenia; its verb is 'should'.",
        ),
        worked="claims.set_index('id').loc['C11', 'kind'] gives the course's classification.",
        explanation="C11 says what Baku ought to do, so it is a recommendation: ask whether Baku followed it (the direct joint statement of December 2023, the border commissions of 2024) and whether its reasoning held, that talks without mediators would shrink Moscow's part in any deal.",
        option_feedback={
            KIND_OPTIONS[
                1
            ]: "A diagnosis describes how things were, and C11 describes nothing: it tells Baku what to do. Its 'should' makes it a recommendation.",
            KIND_OPTIONS[
                2
            ]: "A prediction says what will happen; C11 says what Baku should do. It does give a reason (direct talks would shrink Russia's role), which you can test too, but the claim is advice.",
        },
        revisits=("05-pacifying-russia", "08-the-brief-meets-history"),
    ),
    Check(
        key="l09-distance-2024",
        skill="compute",
        lesson=LESSON,
        prompt="How far apart were Azerbaijan's and Russia's UN ideal points in 2024?",
        kind=Number(Absolute(0.005), example="such as 0.5"),
        expected=m.distance,
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
                m.signed_difference,
                "That is Azerbaijan's point minus Russia's, with its sign: a distance is never "
                "negative (take the absolute value).",
            ),
            Mistake(
                "another year",
                lambda e: m.distance(Course(), 2014),
                "That is the distance in 2014; the question asks for 2024.",
            ),
            Mistake(
                "the distance to Washington",
                lambda e: m.distance(Course(), 2024, "USA"),
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
        options=m.MOVED_OPTIONS,
        expected=m.who_moved,
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
        key="l09-palestine-predict",
        skill="interpret",
        lesson=LESSON,
        prompt="Before the table: on the Palestine roll calls of 2014–2019, how often did Turkey, a NATO member, vote as the United States did?",
        kind=Pick(),
        options=m.PALESTINE_OPTIONS,
        expected=m.palestine_prediction,
        hints=(
            "Ask what decides a vote in the Assembly: a military alliance, or a state's stand on the issue voted on?",
            "Agreement depends on the agenda as much as on either state: on this one issue, would an alliance with Washington decide how Ankara votes?",
        ),
        worked="In the table below, read the 'palestinian_conflict' rows for AZE and TUR against USA in the pacification column.",
        explanation="On the Palestine roll calls Ankara, a NATO member, almost never votes as Washington does, just as Baku does not: an alliance does not decide how a state votes on every issue. So part of Baku's distance from Washington is this agenda, not a tilt toward Moscow.",
        option_feedback={
            m.PALESTINE_OPTIONS[
                1
            ]: "An alliance does not set a state's vote on every issue: on Palestine Turkey votes against Washington as consistently as Baku does. Read the table's palestinian_conflict row.",
            m.PALESTINE_OPTIONS[
                2
            ]: "The course's alignment codes are about Baku's steps with partners, not its UN votes; and on this issue the two states vote alike. Read the table's palestinian_conflict row.",
        },
    ),
    Check(
        key="l09-agenda-usa",
        skill="compute",
        lesson=LESSON,
        prompt="In 2014–2019, leaving out the Palestine roll calls, in what share of votes did Baku vote as Washington did?",
        kind=Number(Absolute(0.5), example="in per cent, such as 40", measure=SHARE_PERCENT),
        expected=m.agenda_agreement,
        hints=(
            "Read the row 'All but Palestine' of the table, in the column of the pacification period for Azerbaijan with the United States.",
            "ba.issue_agreement('AZE', 'USA') has a row per period and issue; the issue 'all but palestinian_conflict' is the one, times 100.",
        ),
        worked="split = ba.issue_agreement('AZE', 'USA').set_index(['window', 'issue']); 100 * split.loc[('pacification', 'all but palestinian_conflict'), 'agreement'].",
        explanation="Leaving out the Palestine votes, where Baku and NATO member Turkey both almost never vote as Washington does, lifts Baku's agreement with the US only a few points: on human rights and colonialism Baku stands much further from Washington than Ankara does. Part of the distance is the Assembly's agenda, not all of it.",
        mistakes=(
            Mistake(
                "the Palestine votes kept",
                lambda e: m.agenda_agreement(Course(), issue="all"),
                "That is agreement over all roll calls; the question leaves out the Palestine ones (the row 'All but Palestine').",
            ),
            Mistake(
                "Turkey's column",
                lambda e: m.agenda_agreement(Course(), "TUR"),
                "That is Turkey's agreement with the United States; the question asks about Azerbaijan.",
            ),
            Mistake(
                "agreement with Russia",
                lambda e: m.agenda_agreement(Course(), reference="RUS"),
                "That is Baku's agreement with Russia; the question asks about the United States.",
            ),
        ),
    ),
    Check(
        key="l09-crimea-reading",
        skill="interpret",
        lesson=LESSON,
        prompt="Baku voted for Ukraine's territorial integrity in March 2014, then cast no vote on any Crimea roll call in the table. Which reading fits best?",
        kind=Pick(),
        options=m.CRIMEA_OPTIONS,
        expected=m.crimea_reading,
        hints=(
            "Read the AZE column of the Ukraine and Crimea rows: a 'no' is a vote, an 'absent' is none.",
            "Think of why Baku voted yes in March 2014: what principle does it invoke over Karabakh, and whom would a 'no' have pleased?",
        ),
        worked="ukraine = votes[votes['about'].str.contains('Ukraine|Crimea')]; ukraine[['date', 'about', 'AZE', 'RUS']] shows a yes in March 2014, then absences.",
        explanation="Baku backed the principle of borders it needs over Karabakh once, in March 2014, and then stayed away: it neither voted with Moscow against that principle nor against Moscow. Absence is a choice, a way of keeping out.",
        option_feedback={
            m.CRIMEA_OPTIONS[
                1
            ]: "An absence is not a 'no': Russia and Armenia voted no, Baku cast no vote at all, after voting for Ukraine's territorial integrity in March 2014.",
            m.CRIMEA_OPTIONS[
                2
            ]: "Baku's own case over Karabakh rests on territorial integrity, the principle these roll calls were about: it cared, which is why its first vote was yes.",
        },
    ),
    Check(
        key="l09-turkey-share",
        skill="compute",
        lesson=LESSON,
        prompt="What share of the arms delivered to Azerbaijan in 2020–2023 came from Turkey?",
        kind=Number(Absolute(0.5), example="in per cent, such as 40", measure=SHARE_PERCENT),
        expected=m.share,
        hints=(
            "Read Turkey's part of the 2020–2023 bar in the chart; its tooltip gives the TIV too.",
            "ba.arms_supplier_shares('Azerbaijan', (2020, 2023)) has a 'share' column; SIPRI writes Turkey as 'Turkiye'.",
        ),
        worked="shares = ba.arms_supplier_shares('Azerbaijan', (2020, 2023)); shares.loc[shares['supplier'] == 'Turkiye', 'share'] is one number, and 'tiv' and 'total_tiv' on the same row are its volume and the window's.",
        explanation="After Russia (2010–2014) and Israel (2015–2019), Turkey became Baku's main supplier in 2020–2023, but of a small volume: the window's total TIV is a few per cent of 2010–2014's, so Turkey's majority is a few dozen TIV, far less than Russia's or Israel's earlier shares stood for.",
        mistakes=(
            Mistake(
                "the TIV instead of the share",
                lambda e: m.turkey_tiv(Course()),
                "That is the trend-indicator value in millions (the 'tiv' column): keep it beside the share, but the question asks for the share in per cent.",
            ),
            Mistake(
                "another window",
                lambda e: m.share(Course(), "Turkiye", (2015, 2019)),
                "That is Turkey's share in 2015–2019; the question asks for 2020–2023.",
            ),
            Mistake(
                "the even spread over 2020–2024",
                lambda e: m.even_spread_turkey_share(Course()),
                "That is the share from spreading each order's total evenly over its delivery years, in 2020–2024 (the order register). SIPRI's per-year values, which the question asks for, end in 2023: use ba.arms_supplier_shares('Azerbaijan', (2020, 2023)).",
            ),
        ),
    ),
    Check(
        key="l09-remittance-flaw",
        skill="critique",
        lesson=LESSON,
        prompt="'In 2014 remittances were several times as large a share of GDP in Armenia as in Azerbaijan, so Armenians abroad sent home several times more money.' What is wrong?",
        kind=Pick(),
        options=m.REMITTANCE_OPTIONS,
        expected=m.remittance_flaw,
        hints=(
            "Read the chart's axis title: what is the money divided by?",
            "Two economies of different sizes: can the same sum be a large share of one and a small share of the other?",
        ),
        worked="ba.indicator_values('remittances_pct_gdp', ['AZE', 'ARM'], (2014, 2014)) gives each share of its own GDP; the sums behind them are not in the table.",
        explanation="A share of GDP weighs the money against the economy it arrives in, so it is the right measure of a lever (how much a country's economy hangs on migrants' money, most of them in Russia) but says nothing about which country's migrants sent more: the two economies differ in size. The measure was read beyond what it measures.",
        option_feedback={
            m.REMITTANCE_OPTIONS[
                1
            ]: "Most migrants from the South Caucasus work in Russia, which is why the lesson reads remittances as a lever Moscow holds. The flaw is elsewhere: in what a share of GDP measures.",
            m.REMITTANCE_OPTIONS[
                2
            ]: "Read the chart again: in 2014 Armenia's share was the larger. The flaw is in reading a share of GDP as a sum of money.",
        },
    ),
    Check(
        key="l09-pacification-move",
        skill="classify",
        lesson=LESSON,
        prompt="From 2014 to 2019 the index fell: which way did Baku's UN ideal point move?",
        kind=Pick(),
        options=m.PACIFICATION_OPTIONS,
        expected=m.pacification_move,
        hints=(
            "Read the row whose period is 'pacification': compare its ideal_point_change with the noise rule's verdict in the column ideal_point_verdict.",
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
        expected=m.parting_periods,
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
) + LESSON09_CHECKS

WRITTEN = (
    WrittenPrompt(
        key="l09-which-measure",
        lesson=LESSON,
        prompt=(
            "Before 2014 the course's index leans West while Baku's UN ideal point moves away from "
            "Washington. Which would you cite to test the brief's 'balancing act', and what does "
            "the other one show that yours misses?"
        ),
        criteria=(
            "Says what each measure records: the index, Baku's steps with partners as the course "
            "coded them; the ideal point, how Baku voted on the whole Assembly agenda.",
            "Uses a fact of the lesson: the parting before 2014 beyond the noise, the Palestine "
            "roll calls, or the Non-Aligned Movement.",
            "Chooses one for the brief's claim and gives a reason tied to what the claim is about.",
            "Names what the chosen measure cannot see, instead of calling the other one wrong.",
        ),
        model_answer=(
            "The brief's balancing act is about what Baku did with its partners: oil routes around "
            "Russia, NATO's Partnership for Peace, and ties with Moscow kept at the same time. The "
            "course's index and its partner coding record those steps, so I would cite them, "
            "ideally coded partner by partner. But they are the course's own judgements. The UN "
            "ideal point, which nobody here coded, shows Baku moving away from the US-led order "
            "beyond the noise in both periods before 2014, and it reminds me that Baku's "
            "diplomacy outside its partnerships was not Western: part of that distance is the "
            "Assembly's agenda, such as the Palestine votes on which even Turkey rarely sides "
            "with Washington, and in 2011 Baku joined the Non-Aligned Movement. The two measure "
            "different things, so I would read the votes as a limit on the index, not a refutation."
        ),
        min_words=60,
    ),
)

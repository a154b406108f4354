"""The course's vocabulary: every code of its tables, the words a reader sees for it, its colour,
and the years the course covers. The package, the site and the tests read these from here, so a
code is named, worded and coloured once.

Colours come from Okabe & Ito's palette, which stays distinguishable under the common
colour-vision deficiencies; every chart adds a second encoding (shape or dash) besides colour.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import UnknownCountry

# --- the course's years ------------------------------------------------------------------------
#: The first year the course's events cover (the prologue: the Karabakh movement of 1988) and the
#: last.
FIRST_YEAR = 1988
LAST_YEAR = 2025
#: Independence: the first year of an Azerbaijani state with a foreign policy of its own. Events
#: before it (the prologue) are context: coded neutral, with no partner step (see data/README.md).
INDEPENDENCE_YEAR = 1991
#: The independent state's years: the default span of the charts of Baku's own steps (the partner
#: indices, a claim's evidence), where the prologue would only add years with nothing to show.
STATE_YEARS = (INDEPENDENCE_YEAR, LAST_YEAR)
#: The course's whole span, the default of every year range.
COURSE_YEARS = (FIRST_YEAR, LAST_YEAR)

# --- events ------------------------------------------------------------------------------------
CATEGORIES = (
    "security",
    "energy",
    "diplomacy",
    "economy",
    "conflict",
    "integration",
    "soft_power",
    "domestic",
)
#: Category codes whose words are more than the code with spaces for underscores.
CATEGORY_WORDS = {"soft_power": "soft power"}

ALIGNMENTS = ("toward_russia", "toward_west", "balancing", "neutral")
#: How each alignment code reads in a sentence, a table or a legend.
ALIGNMENT_WORDS = {
    "toward_russia": "toward Russia",
    "toward_west": "toward the West",
    "balancing": "balancing",
    "neutral": "neutral",
}
#: The same, explained, where a page has room (the reader's site).
ALIGNMENT_EXPLAINED = {
    "toward_russia": "toward Russia",
    "toward_west": "toward the West",
    "balancing": "balancing (both ways, or hedging)",
    "neutral": "neither way (neutral)",
}
#: A legend's title for the alignment.
ALIGNMENT_TITLE = "Event moved Baku"

#: The partner coding (``events.to_russia`` ... ``events.to_china``): each partner's code, in the
#: codebook's order; the column of a partner is ``to_`` and its code.
PARTNER_CODES = ("russia", "west", "turkey", "iran", "israel", "china")
#: How each partner reads in a sentence, a table or a legend.
PARTNER_NAMES = {
    "russia": "Russia",
    "west": "the West",
    "turkey": "Turkey",
    "iran": "Iran",
    "israel": "Israel",
    "china": "China",
}
#: The events' column of each partner.
PARTNER_COLUMNS = {code: f"to_{code}" for code in PARTNER_CODES}
#: A partner direction's values: closer, further; an empty cell is "no bearing".
PARTNER_DIRECTIONS = (1, -1)
#: The weights of the partner coding: routine, notable, turning point.
PARTNER_WEIGHTS = (1, 2, 3)
#: Rows of one episode lie at most this many days apart: the codebook's "about two weeks", with
#: room for a short war (8 to 26 August 2008) that both coders grouped as one crisis.
EPISODE_MAX_DAYS = 21

#: Each actor code of ``events.actors`` as a reader sees it (the codebook's table of actors).
ACTOR_NAMES = {
    "AZ": "Azerbaijan",
    "RU": "Russia",
    "US": "United States",
    "EU": "European Union",
    "AM": "Armenia",
    "TR": "Turkey",
    "GE": "Georgia",
    "UA": "Ukraine",
    "IR": "Iran",
    "NATO": "NATO",
    "FR": "France",
    "UK": "United Kingdom",
    "CN": "China",
    "KZ": "Kazakhstan",
    "IL": "Israel",
    "UN": "United Nations",
    "CoE": "Council of Europe",
    "CIS": "Commonwealth of Independent States",
    "CSTO": "CSTO",
    "EAEU": "Eurasian Economic Union",
    "OSCE": "OSCE",
    "SU": "Soviet Union",
}
#: Actor codes allowed in ``events.actors`` (the codebook explains each).
ACTOR_CODES = frozenset(ACTOR_NAMES)

DATE_PRECISIONS = ("day", "month", "year")

# --- sources, claims, memberships, votes -------------------------------------------------------
SOURCE_KINDS = ("primary", "reference", "news", "analysis", "paper", "book", "article", "chapter")
#: The scholarly kinds: each names its authors, and its DOI or ISBN where it has one.
SCHOLARLY_KINDS = frozenset({"book", "article", "chapter"})
CLAIM_KINDS = ("diagnosis", "prediction", "recommendation")
MEMBERSHIP_STATUSES = ("member", "observer", "partner", "suspended", "withdrawn", "applicant")
VOTE_CHOICES = ("yes", "no", "abstain")

#: The countries of the memberships table, by ISO alpha-2 code.
MEMBER_COUNTRY_NAMES = {"AZ": "Azerbaijan", "AM": "Armenia", "GE": "Georgia"}
#: Organisations whose code alone would not tell a reader what they are.
ORGANISATION_WORDS = {
    "CST_CSTO": "CST / CSTO",
    "NATO_PFP": "NATO Partnership for Peace",
    "COE": "Council of Europe",
    "NAM": "Non-Aligned Movement",
    "EAP": "EU Eastern Partnership",
    "OTS": "Organization of Turkic States",
    "BSEC": "Black Sea Economic Cooperation",
    "ECO": "Economic Cooperation Organization",
}

# --- countries of the outside evidence ---------------------------------------------------------
# The UN tables and the World Bank indicators name countries by ISO 3166 alpha-3 code (``AZE``);
# SIPRI's arms register names them as SIPRI spells them (``Azerbaijan``, ``Turkiye``).

#: The countries of the UN tables, by ISO 3166 alpha-3 code, with the names charts show.
COUNTRY_NAMES = {
    "AZE": "Azerbaijan",
    "ARM": "Armenia",
    "GEO": "Georgia",
    "RUS": "Russia",
    "USA": "United States",
    "TUR": "Turkey",
    "UKR": "Ukraine",
    "BLR": "Belarus",
    "KAZ": "Kazakhstan",
    "IRN": "Iran",
    "DEU": "Germany",
    "FRA": "France",
    "GBR": "United Kingdom",
    "CHN": "China",
    "ISR": "Israel",
}
#: The arms register's recipients, by the ISO codes the other tables use for them.
ARMS_RECIPIENTS = {"AZE": "Azerbaijan", "ARM": "Armenia", "GEO": "Georgia"}
#: SIPRI's present names for suppliers that the course's older series name otherwise.
SIPRI_NAMES = {"Turkey": "Turkiye"}
#: The name under which the smaller suppliers are grouped.
OTHER_SUPPLIERS = "Other suppliers"


def check_country(country: str, known: Iterable[str], what: str = "country code") -> str:
    """Return ``country`` if ``known`` holds it, or raise :class:`UnknownCountry` listing them.

    >>> check_country("AZE", COUNTRY_NAMES)
    'AZE'
    >>> check_country("AZ", COUNTRY_NAMES)
    Traceback (most recent call last):
    ...
    balancing_act.course.errors.UnknownCountry: 'AZ' is not a country code in this table. Use one of: ARM, AZE, BLR, CHN, DEU, FRA, GBR, GEO, IRN, ISR, KAZ, RUS, TUR, UKR, USA
    """
    choices = sorted(set(known))
    if country not in choices:
        raise UnknownCountry(
            f"{country!r} is not a {what} in this table. Use one of: {', '.join(choices)}"
        )
    return country


def country_name(code: str) -> str:
    """The name charts show for an ISO alpha-3 code (the code itself if the course has no name).

    >>> country_name("AZE")
    'Azerbaijan'
    """
    return COUNTRY_NAMES.get(code, code)


# --- series and indicators ---------------------------------------------------------------------
#: Every single-year series in words, for legends, panel titles and the widget's list.
SERIES_NAMES = {
    "brent_usd_per_bbl": "Brent crude (yearly average)",
    "azn_per_usd_avg": "Manat rate (yearly average)",
    "azn_per_usd_yearend": "Manat rate (end of year)",
    "remittances_from_russia_usd_m": "Remittances from Russia",
    "remittances_from_russia_cbar_usd_m_h1": "Remittances from Russia (January–June)",
    "remittances_from_russia_expert_estimate_usd_m": "Remittances from Russia (expert estimate)",
    "gdp_growth_pct": "Real GDP growth",
    "oil_share_of_exports_pct": "Oil's share of goods exports",
    "trade_with_russia_usd_bn_az_customs": "Trade with Russia (Azerbaijan's customs)",
    "trade_with_russia_usd_bn_az_statements": "Trade with Russia (Azerbaijani officials)",
    "trade_with_russia_usd_bn_ru_customs": "Trade with Russia (Russia's customs)",
    "trade_with_russia_usd_bn_ru_statements": "Trade with Russia (Russian officials)",
}
#: The unit each series is measured in, short enough for a y-axis title.
SERIES_UNITS = {
    "brent_usd_per_bbl": "US$ per barrel",
    "azn_per_usd_avg": "Manats per US$ (new)",
    "azn_per_usd_yearend": "Manats per US$ (new)",
    "remittances_from_russia_usd_m": "US$ million",
    "remittances_from_russia_cbar_usd_m_h1": "US$ million",
    "remittances_from_russia_expert_estimate_usd_m": "US$ million",
    "gdp_growth_pct": "% on the previous year",
    "oil_share_of_exports_pct": "% of goods exports",
    "trade_with_russia_usd_bn_az_customs": "US$ billion",
    "trade_with_russia_usd_bn_az_statements": "US$ billion",
    "trade_with_russia_usd_bn_ru_customs": "US$ billion",
    "trade_with_russia_usd_bn_ru_statements": "US$ billion",
}
#: Series measured on one day at the end of each year, not over the year.
YEAR_END_SERIES = frozenset({"azn_per_usd_yearend"})
#: Series a student can pick in the oil-and-policy widget, as its list shows them.
SERIES_TITLES = {
    name: f"{SERIES_NAMES[name]}, {SERIES_UNITS[name]}"
    for name in (
        "brent_usd_per_bbl",
        "azn_per_usd_avg",
        "azn_per_usd_yearend",
        "remittances_from_russia_usd_m",
    )
}

INDICATOR_CODES = (
    "remittances_pct_gdp",
    "oil_rents_pct_gdp",
    "fuel_exports_pct_merchandise_exports",
    "gdp_growth_annual_pct",
)
#: The course's indicator codes and what each measures (the World Bank's own titles).
INDICATOR_TITLES = {
    "remittances_pct_gdp": "Personal remittances, received (% of GDP)",
    "oil_rents_pct_gdp": "Oil rents (% of GDP)",
    "fuel_exports_pct_merchandise_exports": "Fuel exports (% of merchandise exports)",
    "gdp_growth_annual_pct": "GDP growth (annual %)",
}

#: Voeten's six issue codes of the UN roll calls (``un_roll_calls.issue``), in short words.
UN_ISSUES = {
    "palestinian_conflict": "Palestinian conflict",
    "human_rights": "Human rights",
    "nuclear_weapons": "Nuclear weapons",
    "colonialism": "Colonialism",
    "arms_control": "Arms control",
    "economic_development": "Economic development",
}

# --- colours -----------------------------------------------------------------------------------
# Okabe & Ito's palette by name; every colour below is one of these, or a grey.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
LIGHT_GREY = "#E5E5E5"
#: Outlines drawn around shapes (the map's borders).
DARK_GREY = "#666666"
#: An empty cell or shape: no status, a country the map does not pick out.
PALE_GREY = "#eeeeee"
#: The palette in its published order.
OKABE_ITO = (ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK)

#: Baku's alignment, the same in every chart: Russia vermillion, the West blue.
ALIGNMENT_COLOURS = {
    "toward_russia": VERMILLION,
    "toward_west": BLUE,
    "balancing": BLUISH_GREEN,
    "neutral": GREY,
}
#: Each partner of the partner coding. Russia and the West keep the colours they have as the
#: alignment's two ends and as countries (vermillion, blue), so a reader who learnt them reads them
#: the same here; Turkey keeps its country colour; Iran, Israel and China take the palette's
#: remaining darker colours (yellow is too pale for a line on white, black is the single axis).
PARTNER_COLOURS = {
    "russia": VERMILLION,
    "west": BLUE,
    "turkey": BLUISH_GREEN,
    "iran": ORANGE,
    "israel": SKY_BLUE,
    "china": REDDISH_PURPLE,
}
#: Light fills for the period bands drawn behind time charts, one per period in order (the
#: prologue takes the palette's grey: context before the state's own policy).
PERIOD_COLOURS = (GREY, ORANGE, SKY_BLUE, REDDISH_PURPLE, BLUISH_GREEN)
#: A country in every chart (Russia and the United States as the alignment colours).
COUNTRY_COLOURS = {
    "AZE": BLACK,
    "RUS": VERMILLION,
    "USA": BLUE,
    "TUR": BLUISH_GREEN,
    "ARM": ORANGE,
    "GEO": SKY_BLUE,
    "UKR": REDDISH_PURPLE,
}
#: Colours for other countries, in turn, once the fixed ones are used.
SPARE_COLOURS = (YELLOW, GREY)
#: Arms suppliers by SIPRI's names: Russia, Turkey and Ukraine as in the line charts.
SUPPLIER_COLOURS = {
    "Russia": VERMILLION,
    "Turkiye": BLUISH_GREEN,
    "Ukraine": REDDISH_PURPLE,
    "Israel": BLUE,
    "Belarus": YELLOW,
    "United States": SKY_BLUE,
}
#: The smaller suppliers, grouped.
OTHER_SUPPLIERS_COLOUR = GREY
#: A membership's status; 'none' is a light grey.
STATUS_COLOURS = {
    "member": BLUE,
    "partner": SKY_BLUE,
    "observer": BLUISH_GREEN,
    "applicant": ORANGE,
    "suspended": REDDISH_PURPLE,
    "withdrawn": VERMILLION,
    "none": PALE_GREY,
}
#: The four pipeline routes on the region map.
PIPELINE_COLOURS = {
    "BTC": VERMILLION,
    "SCP": BLUE,
    "Baku-Supsa": BLUISH_GREEN,
    "Baku-Novorossiysk": REDDISH_PURPLE,
}
#: The three South Caucasus states on the region map.
MAP_HIGHLIGHT = {"Azerbaijan": YELLOW, "Armenia": ORANGE, "Georgia": SKY_BLUE}

# Text colours (not chart marks): darker than the palette, for 4.5:1 contrast on white.
RIGHT_TEXT = "#007a4d"
WRONG_TEXT = "#a34400"
QUIET_TEXT = "#555555"
#: Numbers written beside a chart's bars.
LABEL_TEXT = "#333333"
LINK_TEXT = "#0b5394"

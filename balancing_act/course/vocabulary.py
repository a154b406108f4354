"""Country codes of the outside evidence, and the error a student sees for a code that is not there.

The UN tables and the World Bank indicators name countries by ISO 3166 alpha-3 code (``AZE``);
SIPRI's arms register names them as SIPRI spells them (``Azerbaijan``, ``Turkiye``).
"""

from __future__ import annotations

from collections.abc import Iterable

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


class UnknownCountry(LookupError):
    """A country code or name that the table asked about does not hold."""

    def __str__(self) -> str:  # LookupError would show the message in quotes
        return str(self.args[0])


def check_country(country: str, known: Iterable[str], what: str = "country code") -> str:
    """Return ``country`` if ``known`` holds it, or raise :class:`UnknownCountry` listing them.

    >>> check_country("AZE", COUNTRY_NAMES)
    'AZE'
    >>> check_country("AZ", COUNTRY_NAMES)
    Traceback (most recent call last):
    ...
    balancing_act.countries.UnknownCountry: 'AZ' is not a country code in this table. Use one of: ARM, AZE, BLR, CHN, DEU, FRA, GBR, GEO, IRN, ISR, KAZ, RUS, TUR, UKR, USA
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


__all__ = ["COUNTRY_NAMES", "UnknownCountry", "check_country", "country_name"]

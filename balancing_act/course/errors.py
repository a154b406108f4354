"""The errors a student may meet, each with a message that says what to do instead.

They live in the lowest layer so that every layer can raise them and a lesson can catch them
by one name, whichever module raised them.
"""

from __future__ import annotations


class EmptySelection(Exception):
    """A student's filters left nothing to draw; the message says what to change.

    Widgets show the message instead of a chart; notebooks show it instead of an empty plot.
    """


class _Lookup(LookupError):
    def __str__(self) -> str:  # LookupError would show the message in quotes
        return str(self.args[0])


class UnknownCountry(_Lookup):
    """A country code or name that the table asked about does not hold."""


class UnknownIndicator(_Lookup):
    """An indicator code the course does not have."""


class UnknownMeasure(_Lookup):
    """A comparison measure the course does not have."""


class UnknownResolution(_Lookup):
    """A UN resolution the course's key votes do not include."""


class UnknownPartner(_Lookup):
    """A partner the partner coding does not have."""


class BadCodes(ValueError):
    """A coding (a student's, or a coder's table) that cannot be compared: ids that are not the
    events', ids missing, or values that are not codes. The message names them."""


class UnknownCase(_Lookup):
    """A case an assignment does not have (``MY_CASE`` written wrong); the message lists them."""

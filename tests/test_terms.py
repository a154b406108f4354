import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.terms import (
    CONTESTED_TERMS,
    SIDES,
    terms_of,
    terms_table,
    unrecorded_terms,
)


def test_every_term_is_recorded_in_its_events_row():
    assert unrecorded_terms(ba.load_events()) == []


def test_a_term_missing_from_its_row_or_a_missing_event_is_named():
    events = ba.load_events()
    blanked = events.copy()
    row = blanked["id"] == "1990-black-january"
    blanked.loc[row, ["title", "summary", "note"]] = "nothing here"
    assert unrecorded_terms(blanked) == ["Black January: not in the row of 1990-black-january"]
    assert "Revival Day: no event 1988-karabakh-soviet-asks-transfer" in unrecorded_terms(
        events[events["id"] != "1988-karabakh-soviet-asks-transfer"]
    )


def test_sides_split_the_terms():
    assert set().union(*(terms_of(side) for side in SIDES)) == {t.term for t in CONTESTED_TERMS}
    assert "Black January" in terms_of("Azerbaijani") and "Shushi" in terms_of("Armenian")
    with pytest.raises(ValueError, match="not a side"):
        terms_of("Russian")


def test_the_table_hides_the_sides_unless_asked():
    assert list(terms_table().columns) == ["term", "event"]
    assert isinstance(terms_table(with_side=True), pd.DataFrame)
    assert "side" in terms_table(with_side=True).columns

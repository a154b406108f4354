"""Answers as plain data: what comes out of the sandbox is rebuilt faithfully, and only that."""

from __future__ import annotations

import builtins
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.grading import answers


def _through(value):
    """Encode as the sandbox does, send as text, decode as the grader does."""
    return answers.decode(json.loads(answers.canonical(answers.encode(value))))


def _events():
    return ba.load_events()


VALUES = [
    pytest.param(lambda: _events(), id="the events table"),
    pytest.param(lambda: _events().iloc[7], id="one row"),
    pytest.param(lambda: _events().groupby("period", observed=True).size(), id="categorical index"),
    pytest.param(lambda: pd.crosstab(_events()["period"], _events()["alignment"]), id="crosstab"),
    pytest.param(lambda: _events().set_index("id")["date"], id="dates by id"),
    pytest.param(lambda: pd.Series([1.0, None, float("inf")]), id="floats with NaN"),
    pytest.param(lambda: pd.Series(["a", None]), id="strings with NA"),
    pytest.param(lambda: pd.Series(pd.array([1, None], dtype="Int64")), id="nullable ints"),
    pytest.param(lambda: pd.Series([pd.Timestamp("2020-01-01", tz="UTC"), None]), id="aware dates"),
    pytest.param(
        lambda: pd.DataFrame({"a": [1]}, index=pd.MultiIndex.from_tuples([(1, "x")])),
        id="multi-index",
    ),
    pytest.param(lambda: pd.Series([{"a": 1}, [1]], dtype=object), id="objects"),
    pytest.param(lambda: pd.RangeIndex(3), id="range index"),
]


@pytest.mark.parametrize("make", VALUES)
def test_tables_come_back_equal_with_their_dtypes(make):
    value = make()
    rebuilt = _through(value)
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(rebuilt, value)
    elif isinstance(value, pd.Series):
        pd.testing.assert_series_equal(rebuilt, value)
    else:
        pd.testing.assert_index_equal(rebuilt, value, exact=True)


@pytest.mark.parametrize(
    "value",
    [
        3,
        2.5,
        "x",
        None,
        True,
        np.float64(1.5),
        np.int64(3),
        np.bool_(False),
        10**30,
        {"S1": "paper", 2: [1, 2]},
        (1, "a"),
        {1, 2},
        frozenset({3}),
        range(2, 9, 3),
        pd.Timestamp("2019-03-14"),
        dt.date(2020, 1, 1),
        pd.Timedelta(days=3),
        np.datetime64("2020-01-01"),
    ],
)
def test_plain_values_keep_their_type(value):
    rebuilt = _through(value)
    assert type(rebuilt) is type(value) and rebuilt == value


def test_nan_survives_the_trip():
    assert np.isnan(_through(float("nan")))


def test_an_array_keeps_shape_and_dtype():
    value = np.arange(6, dtype="int32").reshape(2, 3)
    rebuilt = _through(value)
    assert rebuilt.dtype == value.dtype and (rebuilt == value).all()


def test_a_float_that_claims_to_equal_everything_comes_back_a_plain_float():
    class Yes(float):
        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    rebuilt = _through(Yes(1.0))
    assert type(rebuilt) is float and rebuilt != 2.0


def test_a_table_subclass_comes_back_a_plain_table():
    class YesFrame(pd.DataFrame):
        def __eq__(self, other):
            return True

    rebuilt = _through(YesFrame({"a": [1]}))
    assert type(rebuilt) is pd.DataFrame


def test_what_the_grader_cannot_rebuild_becomes_a_stand_in():
    assert isinstance(_through(object()), answers.Unsupported)
    stand_in = _through(lambda row: "west")
    assert isinstance(stand_in, answers.ForeignCallable)
    with pytest.raises(TypeError):
        stand_in(1)


def test_an_answer_too_big_to_carry_is_refused_in_the_sandbox():
    with pytest.raises(answers.AnswerFormatError):
        answers.encode(pd.DataFrame(np.zeros((answers.MAX_ITEMS + 1, 1))))


@pytest.mark.parametrize(
    "data",
    [
        {"$t": "eval", "v": "__import__('os')"},
        {
            "$t": "series",
            "index": {"$t": "index", "range": [0, 2, 1]},
            "values": {"dtype": "int64", "v": [1]},
            "name": None,
        },
        {
            "$t": "series",
            "index": {"$t": "index", "range": [0, 1, 1]},
            "values": {
                "dtype": "category",
                "ordered": False,
                "categories": {
                    "$t": "index",
                    "values": {"dtype": "object", "v": ["a"]},
                    "name": None,
                },
                "codes": [5],
            },
            "name": None,
        },
        {
            "$t": "series",
            "index": {"$t": "index", "range": [0, 1, 1]},
            "values": {"dtype": "float64", "v": ["1"]},
            "name": None,
        },
        {
            "$t": "series",
            "index": {"$t": "index", "range": [0, 1, 1]},
            "values": {"dtype": "object; drop table", "v": [1]},
            "name": None,
        },
        {"$t": "np", "dtype": "object", "v": 1},
        {"$t": "dict", "v": [[{"$t": "list", "v": []}, 1]]},
        {"$t": "index", "range": [0, 10, 0]},
        ["a list", "outside any tag"],
        {"$t": "timestamp", "v": "not a date", "unit": "us"},
    ],
)
def test_malformed_data_is_refused_not_trusted(data):
    with pytest.raises(answers.AnswerFormatError):
        answers.decode(data)


def test_function_results_travel_by_the_key_of_their_inputs():
    events = _events()
    row = events.iloc[0]
    key = answers.call_key((row,), {})
    encoded = [answers.encode([row]), answers.encode({})]
    assert answers.call_function(lambda r: r["id"], encoded) == {"value": row["id"]}
    assert answers.call_key((events.iloc[0],), {}) == key != answers.call_key((events.iloc[1],), {})
    failed = answers.call_function(lambda r: 1 / 0, encoded)
    assert failed == {"raised": "ZeroDivisionError: division by zero"}


# --- The helper in the student's kernel --------------------------------------------------------


class _Deferred:
    """An honest student's lazy proxy that was never worked out: reading it raises."""

    @property
    def __class__(self):
        raise RuntimeError("the table has not been worked out yet")


def _published(monkeypatch) -> list[dict]:
    sent: list[dict] = []
    monkeypatch.setattr(
        "IPython.display.publish_display_data",
        lambda data: sent.append(json.loads(data[answers.MIME_TYPE])),
    )
    return sent


def test_the_helper_keeps_the_builtins_it_was_imported_with(monkeypatch, tmp_path):
    """A notebook that replaces builtins (a tracer of imports, an open() of its own) changes
    nothing the helper does, and the helper says which were replaced."""
    sent = _published(monkeypatch)
    calls = tmp_path / "calls.json"
    calls.write_text("{}")
    real_import = builtins.__import__

    def tracer(name, *args):  # forwards what the import statement passes, nothing more
        return real_import(name, *args)

    def refusing_open(*args, **kwargs):
        raise PermissionError("this notebook's own open()")

    monkeypatch.setattr(builtins, "__import__", tracer)
    monkeypatch.setattr(builtins, "open", refusing_open)
    try:
        answers.publish({"x": 1}, ["x"], str(calls))
    finally:
        monkeypatch.undo()
    assert sent == [{"answers": {"x": 1}, "replaced": ["__import__", "open"]}]


def test_an_answer_that_raises_when_read_is_lost_alone(monkeypatch):
    sent = _published(monkeypatch)
    with pytest.raises(RuntimeError):
        answers.encode(_Deferred())  # what used to stop every answer leaving
    answers.publish({"lazy": _Deferred(), "count": 2}, ["lazy", "count"])
    (message,) = sent
    assert message["answers"]["count"] == 2
    lost = answers.decode(message["answers"]["lazy"])
    assert isinstance(lost, answers.Unreadable)
    assert lost.why == "raised RuntimeError when read: the table has not been worked out yet"


def test_a_function_whose_result_raises_when_read_fails_its_call_alone():
    result = answers.call_function(lambda: _Deferred(), [answers.encode([]), answers.encode({})])
    assert result == {"raised": "RuntimeError: the table has not been worked out yet"}

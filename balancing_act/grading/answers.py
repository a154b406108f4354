"""Answers as plain data: how a student's answers leave the sandbox and are rebuilt outside it.

Inside the sandbox, :func:`publish` (sent to the student's kernel by the grader after each cell)
turns the values that the graded items name into JSON built only from numbers, strings, lists
and tagged objects: tables keep their columns, index, dtypes and categories; a function answer
is called, in the sandbox, on the inputs the grader names, and only its outputs leave.

Outside, :func:`decode` rebuilds pandas and Python objects from that JSON, and nothing else:
whatever the student's code did (a float subclass whose ``__eq__`` always says yes, a patched
``json`` module, a forged message), the grader only ever holds builtins, numpy scalars and
pandas objects it constructed itself. Malformed or oversized data raises
:class:`AnswerFormatError`; a value of a type the grader does not rebuild becomes an
:class:`Unsupported` stand-in that no test will mistake for an answer.

This module runs inside the student's kernel too, so it imports only numpy and pandas, which
every assignment has already loaded. The grader imports it there before any student code runs
(:func:`bind_kernel`), and its functions keep the builtins of that moment: a notebook that
replaces ``__import__``, ``open`` or ``len`` (a tracer of imports, say) changes nothing here.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import json
import math
import warnings

import numpy as np
import pandas as pd

# The functions below look builtins up in this copy, taken when the module is imported (CPython
# binds a function to its module's __builtins__ when the function is defined).
__builtins__ = dict(vars(builtins))
#: Builtins that IPython and its kernel swap in and out around each cell themselves.
_SWAPPED_BY_THE_KERNEL = {"exit", "quit", "get_ipython", "display", "input"}

#: The MIME type of the display message that carries the answers out of the kernel. Not a
#: ``+json`` type: the payload is a JSON string we write ourselves, so NaN survives the trip.
MIME_TYPE = "text/x.balancing-act-answers"

MAX_DEPTH = 32
MAX_ITEMS = 2_000_000
MAX_TEXT = 1_000_000


class AnswerFormatError(ValueError):
    """The data said to be an answer is not what :func:`encode` writes."""


class Unsupported:
    """An answer whose type the grader does not rebuild (a custom class, a generator...)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<an answer of type {self.type_name}, which the grader cannot read>"


class Unreadable(Unsupported):
    """An answer the grader's helper could not read in the kernel (it raised, or was too big)."""

    def __init__(self, why: str):
        super().__init__("unreadable")
        self.why = why

    def __repr__(self) -> str:
        return f"<an answer the grader could not read: {self.why}>"


class ForeignCallable:
    """A function the student defined where the grader expected data: it cannot be called here."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __call__(self, *args, **kwargs):
        raise TypeError(
            f"this answer is a {self.type_name}, not a value: store the result, not the function"
        )

    def __repr__(self) -> str:
        return f"<a {self.type_name} given as an answer>"


# --- encoding (inside the sandbox, and for the grader's own reference answers) -------------------


class _Budget:
    def __init__(self):
        self.items = 0

    def spend(self, n: int = 1) -> None:
        self.items += n
        if self.items > MAX_ITEMS:
            raise AnswerFormatError(f"the answer holds more than {MAX_ITEMS:,} values")


def encode(value, _depth: int = 0, _budget: _Budget | None = None):
    """``value`` as JSON-ready data that :func:`decode` turns back into an equal object."""
    budget = _budget or _Budget()
    budget.spend()
    if _depth > MAX_DEPTH:
        raise AnswerFormatError(f"the answer is nested more than {MAX_DEPTH} levels deep")
    deeper = _depth + 1
    # Order matters: bool before int, numpy and pandas scalars before the builtins they subclass.
    if value is None or value is pd.NaT:
        return None if value is None else {"$t": "nat"}
    if isinstance(value, np.generic):
        return _encode_numpy_scalar(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return {"$t": "timestamp", "v": value.isoformat(), "unit": value.unit}
    if isinstance(value, pd.Timedelta):
        return {"$t": "timedelta", "ns": int(value.value)}
    if isinstance(value, int):
        number = int(value)
        return number if abs(number) < 2**63 else {"$t": "bigint", "v": str(number)}
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        text = str(value)
        if len(text) > MAX_TEXT:
            raise AnswerFormatError(f"a text in the answer is longer than {MAX_TEXT:,} characters")
        return text
    if isinstance(value, dt.datetime):
        return {"$t": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$t": "date", "v": value.isoformat()}
    if isinstance(value, pd.DataFrame):
        budget.spend(value.size)
        return {
            "$t": "frame",
            "columns": _encode_index(value.columns, deeper, budget),
            "index": _encode_index(value.index, deeper, budget),
            "data": [
                _encode_array(value.iloc[:, i], deeper, budget) for i in range(value.shape[1])
            ],
        }
    if isinstance(value, pd.Series):
        budget.spend(len(value))
        return {
            "$t": "series",
            "name": encode(value.name, deeper, budget),
            "index": _encode_index(value.index, deeper, budget),
            "values": _encode_array(value, deeper, budget),
        }
    if isinstance(value, pd.Index):
        return _encode_index(value, deeper, budget)
    if isinstance(value, np.ndarray):
        budget.spend(value.size)
        return {
            "$t": "ndarray",
            "shape": list(value.shape),
            "a": _encode_array(value.reshape(-1), deeper, budget),
        }
    if isinstance(value, dict):
        return {
            "$t": "dict",
            "v": [[encode(k, deeper, budget), encode(v, deeper, budget)] for k, v in value.items()],
        }
    for kind, types in (("list", list), ("tuple", tuple), ("set", set), ("frozenset", frozenset)):
        if isinstance(value, types):
            return {"$t": kind, "v": [encode(item, deeper, budget) for item in value]}
    if isinstance(value, range):
        return {"$t": "range", "v": [value.start, value.stop, value.step]}
    if callable(value):
        return {"$t": "callable", "type": _type_name(value)}
    return {"$t": "unsupported", "type": _type_name(value)}


def _type_name(value) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"[:200]


def _encode_numpy_scalar(value: np.generic):
    if isinstance(value, np.datetime64 | np.timedelta64):
        unit = np.datetime_data(value.dtype)[0]
        number = None if np.isnat(value) else int(value.astype(np.int64))
        return {"$t": "np", "dtype": f"{value.dtype.kind}8[{unit}]", "i8": number}
    if value.dtype.kind not in "biuf":
        return encode(value.item())
    return {"$t": "np", "dtype": value.dtype.name, "v": value.item()}


def _encode_index(index: pd.Index, depth: int, budget: _Budget):
    budget.spend(len(index))
    if isinstance(index, pd.RangeIndex):
        return {
            "$t": "index",
            "range": [index.start, index.stop, index.step],
            "name": encode(index.name, depth, budget),
        }
    if isinstance(index, pd.MultiIndex):
        return {
            "$t": "multiindex",
            "levels": [
                _encode_array(index.get_level_values(i), depth, budget)
                for i in range(index.nlevels)
            ],
            "names": [encode(n, depth, budget) for n in index.names],
        }
    return {
        "$t": "index",
        "values": _encode_array(index, depth, budget),
        "name": encode(index.name, depth, budget),
    }


def _encode_array(values, depth: int, budget: _Budget) -> dict:
    """One column, Series or Index: its dtype and its values, missing values as ``None``."""
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = pd.Categorical(values).codes
        return {
            "dtype": "category",
            "ordered": bool(dtype.ordered),
            "categories": _encode_index(dtype.categories, depth, budget),
            "codes": [int(c) for c in codes],
        }
    if isinstance(dtype, pd.DatetimeTZDtype):
        stamps = pd.DatetimeIndex(values)
        return {
            "dtype": "datetimetz",
            "unit": stamps.unit,
            "tz": str(dtype.tz),
            "i8": [None if pd.isna(s) else int(s) for s in stamps.tz_convert("UTC").asi8],
        }
    if isinstance(dtype, np.dtype) and dtype.kind in "mM":
        raw = np.asarray(values)
        ints = raw.view(np.int64)
        missing = np.isnat(raw)
        return {
            "dtype": dtype.str[1:],
            "i8": [None if gone else int(i) for i, gone in zip(ints, missing, strict=True)],
        }
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return {"dtype": dtype.name, "v": np.asarray(values).tolist()}
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        return {"dtype": "object", "v": [encode(item, depth, budget) for item in values]}
    if isinstance(dtype, pd.StringDtype):
        return {"dtype": str(dtype), "v": [None if pd.isna(item) else str(item) for item in values]}
    if isinstance(dtype, pd.BooleanDtype) or _is_masked_numeric(dtype):
        plain = pd.array(values, dtype=dtype).to_numpy(dtype=object, na_value=None)
        return {
            "dtype": str(dtype),
            "v": [None if v is None else v.item() if hasattr(v, "item") else v for v in plain],
        }
    # Periods, intervals, sparse and the rest: kept as plain values, their dtype not rebuilt.
    return {"dtype": "object", "v": [encode(item, depth, budget) for item in values]}


def _is_masked_numeric(dtype) -> bool:
    return isinstance(dtype, pd.api.extensions.ExtensionDtype) and str(dtype) in {
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Float32",
        "Float64",
    }


# --- decoding (outside the sandbox) --------------------------------------------------------------


def decode(data, _depth: int = 0, _budget: _Budget | None = None):
    """Rebuild a value from :func:`encode`'s output; anything else raises AnswerFormatError."""
    budget = _budget or _Budget()
    budget.spend()
    if _depth > MAX_DEPTH:
        raise AnswerFormatError("nested too deeply")
    deeper = _depth + 1
    if data is None or isinstance(data, bool | int | float):
        return data
    if isinstance(data, str):
        if len(data) > MAX_TEXT:
            raise AnswerFormatError("text too long")
        return data
    if not isinstance(data, dict):
        raise AnswerFormatError(f"unexpected {type(data).__name__} in the answer data")
    tag = data.get("$t")
    try:
        if tag == "nat":
            return pd.NaT
        if tag == "np":
            return _decode_numpy_scalar(data)
        if tag == "bigint":
            return int(_text(data["v"], 400))
        if tag == "timestamp":
            return pd.Timestamp(_text(data["v"], 64)).as_unit(_unit(data["unit"]))
        if tag == "timedelta":
            return pd.Timedelta(_integer(data["ns"]), unit="ns")
        if tag == "datetime":
            return dt.datetime.fromisoformat(_text(data["v"], 64))
        if tag == "date":
            return dt.date.fromisoformat(_text(data["v"], 16))
        if tag == "frame":
            columns = _decode_index(data["columns"], deeper, budget)
            index = _decode_index(data["index"], deeper, budget)
            arrays = _list(data["data"])
            if len(arrays) != len(columns):
                raise AnswerFormatError("a table's columns and data do not match")
            frame = pd.DataFrame(
                {i: _decode_array(a, len(index), deeper, budget) for i, a in enumerate(arrays)},
                index=index,
            )
            frame.columns = columns
            return frame
        if tag == "series":
            index = _decode_index(data["index"], deeper, budget)
            values = _decode_array(data["values"], len(index), deeper, budget)
            return pd.Series(values, index=index, name=decode(data["name"], deeper, budget))
        if tag in ("index", "multiindex"):
            return _decode_index(data, deeper, budget)
        if tag == "ndarray":
            shape = [_integer(n) for n in _list(data["shape"])]
            flat = _decode_array(data["a"], math.prod(shape), deeper, budget)
            return np.asarray(flat).reshape(shape)
        if tag == "dict":
            pairs = _list(data["v"])
            result = {}
            for pair in pairs:
                key, value = _list(pair, length=2)
                key = decode(key, deeper, budget)
                try:
                    result[key] = decode(value, deeper, budget)
                except TypeError as error:
                    raise AnswerFormatError(f"a dict key cannot be used: {error}") from None
            return result
        if tag in ("list", "tuple", "set", "frozenset"):
            items = [decode(item, deeper, budget) for item in _list(data["v"])]
            builder = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag]
            try:
                return builder(items)
            except TypeError as error:
                raise AnswerFormatError(f"a set item cannot be used: {error}") from None
        if tag == "range":
            start, stop, step = (_integer(n) for n in _list(data["v"], length=3))
            return range(start, stop, step)
        if tag == "callable":
            return ForeignCallable(_text(data.get("type", "function"), 200))
        if tag == "unsupported":
            return Unsupported(_text(data.get("type", "?"), 200))
        if tag == "unreadable":
            return Unreadable(_text(data.get("why", "?"), 300))
    except AnswerFormatError:
        raise
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise AnswerFormatError(f"malformed {tag!r} data: {error}"[:300]) from None
    raise AnswerFormatError(f"unknown kind of value {str(tag)[:40]!r}")


def _text(value, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise AnswerFormatError("expected a short text")
    return value


def _integer(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerFormatError("expected a whole number")
    return value


def _list(value, length: int | None = None) -> list:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise AnswerFormatError("expected a list" + (f" of {length}" if length else ""))
    return value


_UNITS = {"s", "ms", "us", "ns"}
#: numpy's datetime64 and timedelta64 know coarser units than pandas' Timestamp.
_NUMPY_UNITS = _UNITS | {"Y", "M", "W", "D", "h", "m"}
_NUMERIC = {
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
}


def _unit(value) -> str:
    if value not in _UNITS:
        raise AnswerFormatError("unknown time unit")
    return value


def _time_dtype(name) -> np.dtype:
    if (
        not isinstance(name, str)
        or name[:3] not in ("M8[", "m8[")
        or name[3:-1] not in _NUMPY_UNITS
    ):
        raise AnswerFormatError("unknown date dtype")
    return np.dtype(name)


def _decode_numpy_scalar(data):
    if "i8" in data:
        dtype = _time_dtype(data["dtype"])
        number = data["i8"]
        if number is None:
            return dtype.type("NaT")
        return np.array([_integer(number)], dtype=np.int64).view(dtype)[0]
    name = data["dtype"]
    if name not in _NUMERIC:
        raise AnswerFormatError("unknown numpy type")
    value = data["v"]
    if isinstance(value, list | dict | str) or value is None:
        raise AnswerFormatError("a numpy scalar must be a number")
    return np.dtype(name).type(value)


def _decode_index(data, depth: int, budget: _Budget) -> pd.Index:
    if not isinstance(data, dict):
        raise AnswerFormatError("expected an index")
    budget.spend()
    if data.get("$t") == "multiindex":
        levels = [_decode_array(a, None, depth, budget) for a in _list(data["levels"])]
        names = [decode(n, depth, budget) for n in _list(data["names"])]
        if not levels or len(names) != len(levels) or len({len(v) for v in levels}) != 1:
            raise AnswerFormatError("malformed multi-index")
        return pd.MultiIndex.from_arrays(levels, names=names)
    if data.get("$t") != "index":
        raise AnswerFormatError("expected an index")
    name = decode(data.get("name"), depth, budget)
    if "range" in data:
        start, stop, step = (_integer(n) for n in _list(data["range"], length=3))
        if step == 0:
            raise AnswerFormatError("a range's step cannot be 0")
        budget.spend(max(0, (stop - start) // step))
        return pd.RangeIndex(start, stop, step, name=name)
    values = _decode_array(data["values"], None, depth, budget)
    return pd.Index(values, name=name, tupleize_cols=False)


def _decode_array(data, length: int | None, depth: int, budget: _Budget):
    if not isinstance(data, dict):
        raise AnswerFormatError("expected an array")
    dtype = data.get("dtype")
    if dtype == "category":
        categories = _decode_index(data["categories"], depth, budget)
        codes = [_integer(c) for c in _list(data["codes"])]
        budget.spend(len(codes))
        if any(c < -1 or c >= len(categories) for c in codes):
            raise AnswerFormatError("a category code is out of range")
        result = pd.Categorical.from_codes(
            codes, categories=categories, ordered=bool(data["ordered"])
        )
    elif dtype == "datetimetz":
        raw = _list(data["i8"])
        budget.spend(len(raw))
        ints = [None if i is None else _integer(i) for i in raw]
        stamps = pd.to_datetime(
            pd.array(ints, dtype="Int64").to_numpy(dtype="float64", na_value=np.nan),
            unit=_unit(data["unit"]),
            utc=True,
        )
        result = pd.DatetimeIndex(stamps).tz_convert(_text(data["tz"], 64)).array
    elif "i8" in data:
        kind = _time_dtype(dtype)
        raw = _list(data["i8"])
        budget.spend(len(raw))
        nat = np.iinfo(np.int64).min
        ints = np.array([nat if i is None else _integer(i) for i in raw], dtype=np.int64)
        result = ints.view(kind)
    elif dtype in _NUMERIC:
        raw = _list(data["v"])
        budget.spend(len(raw))
        if any(isinstance(v, list | dict | str) for v in raw):
            raise AnswerFormatError("a numeric column holds something that is not a number")
        result = np.array(raw, dtype=dtype)
    elif dtype == "object":
        raw = _list(data["v"])
        result = np.empty(len(raw), dtype=object)
        for i, item in enumerate(raw):
            result[i] = decode(item, depth, budget)
    elif isinstance(dtype, str) and (dtype in ("str", "boolean") or dtype.startswith("string")):
        raw = _list(data["v"])
        items = [None if v is None else decode(v, depth, budget) for v in raw]
        result = pd.array(items, dtype=dtype)
    elif isinstance(dtype, str) and dtype.rstrip("0123456789") in ("Int", "UInt", "Float"):
        raw = _list(data["v"])
        budget.spend(len(raw))
        if any(isinstance(v, list | dict | str) for v in raw):
            raise AnswerFormatError("a numeric column holds something that is not a number")
        result = pd.array(raw, dtype=dtype)
    else:
        raise AnswerFormatError(f"unknown column type {str(dtype)[:40]!r}")
    if length is not None and len(result) != length:
        raise AnswerFormatError("a column's length does not match its index")
    return result


# --- function answers: called in the sandbox on the grader's inputs ------------------------------


def canonical(data) -> str:
    """Encoded data as one canonical string (the same value always gives the same text)."""
    return json.dumps(data, sort_keys=True, allow_nan=True, separators=(",", ":"))


def call_key(args: tuple, kwargs: dict) -> str:
    """The key under which a call's result travels: a hash of its encoded arguments."""
    encoded = canonical([encode(list(args)), encode(dict(sorted(kwargs.items())))])
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def call_function(function, encoded_call) -> dict:
    """Call ``function`` on encoded ``[args, kwargs]`` and encode what it returns or raises."""
    args, kwargs = (decode(part) for part in encoded_call)
    try:
        return {"value": encode(function(*args, **kwargs))}
    except Exception as error:  # the student's function failing is an answer, not our error
        return {"raised": f"{type(error).__name__}: {error}"[:500]}


_FUNCTION_MEMO: dict[str, tuple] = {}
_CALLS: dict[str, dict] = {}
#: The name under which :func:`bind_kernel` leaves :func:`publish` for the grader's export code,
#: in the builtins module, which a notebook's ``%reset`` does not clear.
KERNEL_NAME = "__balancing_act_publish__"


def bind_kernel() -> None:
    """Make :func:`publish` reachable in the kernel without an import (run by the grader before
    the first student cell, so that this module keeps the builtins Python started with)."""
    setattr(builtins, KERNEL_NAME, publish)


def _replaced_builtins() -> list[str]:
    """Builtins the notebook replaced or removed since this module was imported."""
    live = vars(builtins)
    return sorted(
        name
        for name, original in __builtins__.items()
        if (not name.startswith("_") or name == "__import__")
        and name not in _SWAPPED_BY_THE_KERNEL
        and live.get(name) is not original
    )[:20]


def _unreadable(error: Exception) -> dict:
    """What travels instead of an answer that raised when the grader read it."""
    if isinstance(error, AnswerFormatError):
        why = f"could not be read: {error}"
    else:
        why = f"raised {type(error).__name__} when read: {error}"
    return {"$t": "unreadable", "why": why[:300]}


def _function_results(name: str, function, calls: list) -> dict:
    identity = (id(function), getattr(function, "__code__", None))
    memo = _FUNCTION_MEMO.get(name)
    if memo is None or memo[0] != identity:
        results = {key: call_function(function, call) for key, call in calls}
        memo = _FUNCTION_MEMO[name] = (identity, results)
    return memo[1]


def publish(
    namespace: dict, names: list[str], calls_path: str | None = None, fresh: bool = False
) -> None:
    """Send the named answers out of the kernel as display messages (run by the grader).

    Data answers go first, in one message, with the builtins the notebook replaced; then each
    function answer, called once per input the grader lists in ``calls_path``, so a function
    that never returns costs only itself. A function's results are kept until it is redefined,
    so exporting after every cell stays cheap, and recomputed when ``fresh`` (the last export,
    after every cell has run). An answer that raises when it is read is lost alone.
    """
    from IPython.display import publish_display_data

    with warnings.catch_warnings():
        # A student's warnings.filterwarnings("error") must not stop their answers leaving.
        warnings.simplefilter("ignore")
        if fresh:
            _FUNCTION_MEMO.clear()
        calls = _calls(calls_path)
        data, functions = {}, {}
        for name in names:
            if name not in namespace:
                continue
            value = namespace[name]
            if name in calls and callable(value):
                functions[name] = value
                continue
            try:
                data[name] = encode(value)
            except Exception as error:  # the student's object failing costs that answer alone
                data[name] = _unreadable(error)
        message = {"answers": data, "replaced": _replaced_builtins()}
        publish_display_data({MIME_TYPE: canonical(message)})
        for name, function in functions.items():
            try:
                message = {"functions": {name: _function_results(name, function, calls[name])}}
            except Exception as error:
                message = {"answers": {name: _unreadable(error)}}
            publish_display_data({MIME_TYPE: canonical(message)})


def _calls(calls_path: str | None) -> dict:
    if not calls_path:
        return {}
    if calls_path not in _CALLS:
        with open(calls_path, encoding="utf-8") as handle:
            _CALLS[calls_path] = json.load(handle)
    return _CALLS[calls_path]

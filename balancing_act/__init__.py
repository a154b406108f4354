"""Balancing Act: the code behind the course's notebooks.

A lesson starts with::

    import balancing_act as ba
    ba.setup()

and then reads tables (``ba.load_events()``), draws charts and opens widgets with short calls,
so the notebook itself reads as prose.
"""

from .charts import describe, save_chart, setup
from .data import (
    load_claims,
    load_events,
    load_memberships,
    load_series,
    load_sources,
    one_series,
    split_ids,
)
from .oil import oil_policy_chart
from .paths import data_dir
from .selfcheck import check, choice
from .widgets import oil_policy_explorer

__all__ = [
    "check",
    "choice",
    "data_dir",
    "describe",
    "load_claims",
    "load_events",
    "load_memberships",
    "load_series",
    "load_sources",
    "oil_policy_chart",
    "oil_policy_explorer",
    "one_series",
    "save_chart",
    "setup",
    "split_ids",
]

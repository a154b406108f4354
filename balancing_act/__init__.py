"""Balancing Act: the code behind the course's notebooks.

A lesson starts with::

    import balancing_act as ba
    ba.setup()

and then reads tables (``ba.load_events()``), draws charts and opens widgets with short calls,
so the notebook itself reads as prose.
"""

from .balance import balance_chart, balance_index
from .charts import describe, save_chart, setup
from .claims import both_ways, claim_evidence
from .data import (
    load_claims,
    load_events,
    load_memberships,
    load_pipelines,
    load_places,
    load_series,
    load_sources,
    one_series,
    split_ids,
)
from .geography import region_map
from .membership import membership_chart, membership_matrix
from .oil import oil_policy_chart, series_chart, window_chart
from .paths import data_dir
from .selfcheck import check, choice
from .timeline import count_chart, event_card, filter_events, timeline_chart
from .widgets import (
    balance_explorer,
    claim_explorer,
    membership_explorer,
    oil_policy_explorer,
    timeline_explorer,
)

__all__ = [
    "balance_chart",
    "balance_explorer",
    "balance_index",
    "both_ways",
    "check",
    "choice",
    "claim_evidence",
    "claim_explorer",
    "count_chart",
    "data_dir",
    "describe",
    "event_card",
    "filter_events",
    "load_claims",
    "load_events",
    "load_memberships",
    "load_series",
    "load_pipelines",
    "load_places",
    "load_sources",
    "membership_chart",
    "membership_explorer",
    "membership_matrix",
    "oil_policy_chart",
    "oil_policy_explorer",
    "one_series",
    "region_map",
    "save_chart",
    "series_chart",
    "setup",
    "split_ids",
    "timeline_chart",
    "timeline_explorer",
    "window_chart",
]

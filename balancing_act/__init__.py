"""Balancing Act: the code behind the course's notebooks.

A lesson starts with::

    import balancing_act as ba
    ba.setup()

and then reads tables (``ba.load_events()``), draws charts and opens widgets with short calls,
so the notebook itself reads as prose.

Names are imported from their modules on first use: a graded notebook that only reads tables
does not pay for loading Altair and the widgets (seconds per student when a class is graded).
"""

from __future__ import annotations

import importlib

_HOMES = {
    "arms": ["arms_supplier_shares", "deliveries_by_year", "supplier_shares_by_window"],
    "balance": ["balance_chart"],
    "scoring": ["balance_index"],
    "charts": ["describe", "save_chart", "setup"],
    "claims": ["both_ways", "claim_evidence"],
    "countries": ["UnknownCountry"],
    "data": [
        "load_arms_transfers",
        "load_claims",
        "load_events",
        "load_indicators",
        "load_memberships",
        "load_pipelines",
        "load_places",
        "load_series",
        "load_sources",
        "load_un_ideal_points",
        "load_un_roll_calls",
        "load_un_votes",
        "one_series",
        "split_ids",
    ],
    "evidence_charts": [
        "arms_supplier_chart",
        "ideal_point_chart",
        "indicator_chart",
        "vote_agreement_chart",
    ],
    "geography": ["region_map"],
    "indicators": ["indicator_values"],
    "membership": ["membership_chart", "membership_matrix"],
    "oil": ["oil_policy_chart", "series_chart", "window_chart"],
    "paths": ["data_dir"],
    "selfcheck": ["check", "choice"],
    "timeline": ["count_chart", "event_card", "filter_events", "timeline_chart"],
    "unvotes": [
        "ideal_point_distance",
        "ideal_points",
        "key_votes",
        "search_roll_calls",
        "vote_agreement",
        "yearly_vote_agreement",
    ],
    "widgets": [
        "balance_explorer",
        "claim_explorer",
        "membership_explorer",
        "oil_policy_explorer",
        "timeline_explorer",
    ],
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'balancing_act' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

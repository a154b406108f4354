"""Balancing Act: the code behind the course's notebooks.

A lesson starts with::

    import balancing_act as ba
    ba.setup()

and then reads tables (``ba.load_events()``), draws charts, opens widgets and answers
self-checks (``ba.check("l05-manat-rise", answer)``) with short calls, so the notebook itself
reads as prose.

The names below are the students' API: exactly what the lessons, the assignments and their
solutions call (a test keeps the table equal to that). Each is imported from its home on first
use, so ``import balancing_act`` costs almost nothing and a graded notebook that only reads
tables never loads Altair or the widgets. The package's own plan (which folder holds what) is in
CONTRIBUTING.md; the names that were top-level before the package had folders still answer, with
a warning that names their new home (:mod:`balancing_act._former`).
"""

from __future__ import annotations

import importlib

from . import _former

#: Each name students call: (its module, below ``balancing_act``; the attribute, or None for a
#: module that lessons use whole, such as ``ba.periods.period_table()``). Sorted.
_STUDENT_NAMES = {
    "arms_supplier_chart": ("charts.evidence", "arms_supplier_chart"),
    "arms_supplier_shares": ("analysis.arms", "arms_supplier_shares"),
    "assertions": ("selfcheck.assertions", None),
    "assignment_case": ("analysis.cases", "assignment_case"),
    "axis_beside_partners": ("analysis.partners", "axis_beside_partners"),
    "balance_chart": ("charts.balance", "balance_chart"),
    "balance_explorer": ("widgets.explorers", "balance_explorer"),
    "balance_index": ("analysis.balance_index", "balance_index"),
    "basic_principles": ("analysis.negotiations", "basic_principles"),
    "both_ways": ("analysis.claims", "both_ways"),
    "check": ("selfcheck.answering", "check"),
    "choice": ("selfcheck.answering", "choice"),
    "claim_evidence": ("analysis.claims", "claim_evidence"),
    "claim_explorer": ("widgets.explorers", "claim_explorer"),
    "coding_agreement": ("analysis.agreement", "coding_agreement"),
    "comparison_explorer": ("widgets.explorers", "comparison_explorer"),
    "correlation_scatter": ("charts.scatter", "correlation_scatter"),
    "correlation_uncertainty": ("analysis.uncertainty", "correlation_uncertainty"),
    "count_chart": ("charts.timeline", "count_chart"),
    "distance_table": ("analysis.unvotes", "distance_table"),
    "event_card": ("widgets.cards", "event_card"),
    "evidence_tables": ("widgets.cards", "evidence_tables"),
    "filter_events": ("analysis.events", "filter_events"),
    "frame_events": ("analysis.negotiations", "frame_events"),
    "ideal_point_chart": ("charts.evidence", "ideal_point_chart"),
    "ideal_point_distance": ("analysis.unvotes", "ideal_point_distance"),
    "ideal_points": ("analysis.unvotes", "ideal_points"),
    "index_against_measures": ("analysis.measures", "index_against_measures"),
    "indicator_chart": ("charts.evidence", "indicator_chart"),
    "indicator_values": ("analysis.indicators", "indicator_values"),
    "issue_agreement": ("analysis.un_agenda", "issue_agreement"),
    "issue_agreement_table": ("analysis.un_agenda", "issue_agreement_table"),
    "judge_change": ("analysis.unvotes", "judge_change"),
    "key_votes": ("analysis.unvotes", "key_votes"),
    "load_claims": ("tables.load", "load_claims"),
    "load_coding": ("tables.load", "load_coding"),
    "load_events": ("tables.load", "load_events"),
    "load_memberships": ("tables.load", "load_memberships"),
    "load_resolutions": ("tables.load", "load_resolutions"),
    "load_series": ("tables.load", "load_series"),
    "load_sources": ("tables.load", "load_sources"),
    "load_un_ideal_points": ("tables.load", "load_un_ideal_points"),
    "membership_chart": ("charts.memberships", "membership_chart"),
    "membership_explorer": ("widgets.explorers", "membership_explorer"),
    "membership_matrix": ("analysis.memberships", "membership_matrix"),
    "my_agreement": ("analysis.agreement", "my_agreement"),
    "oil_policy_chart": ("charts.series", "oil_policy_chart"),
    "oil_policy_explorer": ("widgets.explorers", "oil_policy_explorer"),
    "one_series": ("tables.load", "one_series"),
    "partner_chart": ("charts.partners", "partner_chart"),
    "partner_counts": ("analysis.partners", "partner_counts"),
    "partner_explorer": ("widgets.explorers", "partner_explorer"),
    "partner_index": ("analysis.partners", "partner_index"),
    "partner_steps": ("analysis.partners", "partner_steps"),
    "period_years": ("analysis.measures", "period_years"),
    "periods": ("course.periods", None),
    "progress": ("selfcheck.progress", "progress"),
    "reflect": ("selfcheck.written", "reflect"),
    "region_map": ("charts.geography", "region_map"),
    "reset_progress": ("selfcheck.progress", "reset_progress"),
    "sample_to_code": ("analysis.agreement", "sample_to_code"),
    "series_chart": ("charts.series", "series_chart"),
    "setup": ("charts.offline", "setup"),
    "split_ids": ("tables.codebook", "split_ids"),
    "timeline_chart": ("charts.timeline", "timeline_chart"),
    "timeline_explorer": ("widgets.explorers", "timeline_explorer"),
    "vote_agreement": ("analysis.unvotes", "vote_agreement"),
    "vote_agreement_chart": ("charts.evidence", "vote_agreement_chart"),
}

__all__ = sorted(_STUDENT_NAMES)

_former.install()


def __getattr__(name: str):
    if name in _STUDENT_NAMES:
        module, attribute = _STUDENT_NAMES[name]
        value = importlib.import_module(f"{__name__}.{module}")
        if attribute is not None:
            value = getattr(value, attribute)
        globals()[name] = value  # later look-ups skip this function
        return value
    return _former.top_level_name(name)


def __dir__() -> list[str]:
    return list(__all__)

"""The package's names from before it had folders, kept answering for a term, with a warning.

Students on a Hub keep their own copies of old lessons, and teachers their own notebooks, so a
name that moved must not break them the day the course updates. Each former top-level name
(``ba.describe``) and each former module (``balancing_act.data``, ``balancing_act.timeline``)
still resolves, to the object's new home, with a ``FutureWarning`` that names that home. Nothing
in the course itself uses these names; a test keeps it so.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings

PACKAGE = "balancing_act"
#: Removed in the first release after the spring 2027 term (CHANGELOG.md says so too).
UNTIL = "the end of the spring 2027 term"

#: Former top-level names: (new module below ``balancing_act``, attribute there).
_FORMER_NAMES = {
    "ABSENT": ("analysis.unvotes", "ABSENT"),
    "ACTOR_NAMES": ("course.vocabulary", "ACTOR_NAMES"),
    "actor_names": ("tables.codebook", "actor_names"),
    "ALIGNMENT_WORDS": ("course.vocabulary", "ALIGNMENT_WORDS"),
    "ALIGNMENTS": ("course.vocabulary", "ALIGNMENTS"),
    "ARMS_RECIPIENTS": ("course.vocabulary", "ARMS_RECIPIENTS"),
    "assign_periods": ("course.periods", "assign_periods"),
    "BRIEF_PUBLISHED": ("analysis.claims", "BRIEF_PUBLISHED"),
    "CATEGORIES": ("course.vocabulary", "CATEGORIES"),
    "check_country": ("course.vocabulary", "check_country"),
    "compare_countries": ("analysis.measures", "compare_countries"),
    "comparison_chart": ("charts.comparison", "comparison_chart"),
    "comparison_summary": ("analysis.measures", "comparison_summary"),
    "COUNTRY_COLOURS": ("course.vocabulary", "COUNTRY_COLOURS"),
    "country_name": ("course.vocabulary", "country_name"),
    "COUNTRY_NAMES": ("course.vocabulary", "COUNTRY_NAMES"),
    "data_dir": ("course.paths", "data_dir"),
    "DEFAULT_WINDOWS": ("analysis.arms", "DEFAULT_WINDOWS"),
    "deliveries_by_year": ("analysis.arms", "deliveries_by_year"),
    "describe": ("charts.accessibility", "describe"),
    "EQUAL_WEIGHTS": ("analysis.balance_index", "EQUAL_WEIGHTS"),
    "evidence_table": ("analysis.claims", "evidence_table"),
    "INDICATOR_CODES": ("course.vocabulary", "INDICATOR_CODES"),
    "INDICATOR_TITLES": ("course.vocabulary", "INDICATOR_TITLES"),
    "KEY_RESOLUTIONS": ("analysis.unvotes", "KEY_RESOLUTIONS"),
    "KEY_VOTE_COUNTRIES": ("analysis.unvotes", "KEY_VOTE_COUNTRIES"),
    "load_arms_transfers": ("tables.load", "load_arms_transfers"),
    "load_indicators": ("tables.load", "load_indicators"),
    "load_pipelines": ("tables.load", "load_pipelines"),
    "load_places": ("tables.load", "load_places"),
    "load_un_roll_calls": ("tables.load", "load_un_roll_calls"),
    "load_un_votes": ("tables.load", "load_un_votes"),
    "measure": ("analysis.measures", "measure"),
    "Measure": ("analysis.measures", "Measure"),
    "measure_countries": ("analysis.measures", "measure_countries"),
    "MEASURES": ("analysis.measures", "MEASURES"),
    "PERIOD_KEYS": ("course.periods", "PERIOD_KEYS"),
    "period_of": ("course.periods", "period_of"),
    "period_table": ("course.periods", "period_table"),
    "PERIODS": ("course.periods", "PERIODS"),
    "progress_table": ("selfcheck.progress", "progress_table"),
    "RECIPIENT_NAMES": ("course.vocabulary", "ARMS_RECIPIENTS"),
    "save_chart": ("charts.theme", "save_chart"),
    "search_roll_calls": ("analysis.unvotes", "search_roll_calls"),
    "supplier_colours": ("charts.evidence", "supplier_colours"),
    "supplier_shares_by_window": ("analysis.arms", "supplier_shares_by_window"),
    "UnknownCountry": ("course.errors", "UnknownCountry"),
    "UnknownIndicator": ("course.errors", "UnknownIndicator"),
    "UnknownMeasure": ("course.errors", "UnknownMeasure"),
    "UnknownResolution": ("course.errors", "UnknownResolution"),
    "VOTE_CHOICES": ("course.vocabulary", "VOTE_CHOICES"),
    "votes_countries": ("analysis.unvotes", "votes_countries"),
    "yearly_vote_agreement": ("analysis.unvotes", "yearly_vote_agreement"),
}

#: Former modules and where their names live now, searched in order.
FORMER_MODULES = {
    "arms": ("analysis.arms", "course.vocabulary"),
    "assertions": ("selfcheck.assertions",),
    "balance": ("charts.balance",),
    "cache": ("course.cache",),
    "checks": ("selfcheck.checks",),
    "claims": ("analysis.claims", "widgets.cards"),
    "comparison": ("analysis.measures", "course.vocabulary", "course.errors"),
    "comparison_widget": ("charts.comparison", "widgets.explorers", "charts.lines"),
    "contents": ("course.contents",),
    "countries": ("course.vocabulary", "course.errors"),
    "data": ("tables.load", "tables.codebook", "course.vocabulary"),
    "evidence_charts": ("charts.evidence", "course.vocabulary", "charts.lines"),
    "explorer": ("widgets.explorer",),
    "geography": ("charts.geography", "course.vocabulary"),
    "indicators": ("analysis.indicators", "course.vocabulary", "course.errors"),
    "judging": ("selfcheck.judging",),
    "learner": ("selfcheck.progress", "selfcheck.records"),
    "membership": ("charts.memberships", "analysis.memberships", "course.vocabulary"),
    "oil": ("charts.series", "course.vocabulary", "charts.lines"),
    "paths": ("course.paths",),
    "periods": ("course.periods",),
    "scoring": ("analysis.balance_index",),
    "selection": ("course.errors",),
    "timeline": ("charts.timeline", "analysis.events", "widgets.cards"),
    "unvotes": ("analysis.unvotes", "course.errors"),
    "validation": ("tables.validation", "tables.codebook", "course.vocabulary"),
}
#: Former modules whose name is now a folder: their old names answer from the folder itself.
FORMER_CONTENTS = {
    "charts": (
        "charts.offline",
        "charts.accessibility",
        "charts.axes",
        "charts.theme",
        "course.vocabulary",
    ),
    "selfcheck": ("selfcheck.answering",),
    "widgets": ("widgets.explorers", "widgets.explorer"),
}


def _moved(old: str, new: str) -> None:
    warnings.warn(
        f"{old} has moved to {new}; the old name works until {UNTIL}.",
        FutureWarning,
        stacklevel=3,
    )


def top_level_name(name: str):
    """``ba.<name>`` for a former top-level name, with a warning; AttributeError otherwise."""
    if name not in _FORMER_NAMES:
        raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
    module, attribute = _FORMER_NAMES[name]
    _moved(f"ba.{name}", f"{PACKAGE}.{module}.{attribute}")
    return getattr(importlib.import_module(f"{PACKAGE}.{module}"), attribute)


def _from_homes(old_module: str, homes: tuple[str, ...], name: str):
    for home in homes:
        module = importlib.import_module(f"{PACKAGE}.{home}")
        if hasattr(module, name):
            _moved(f"{PACKAGE}.{old_module}.{name}", f"{PACKAGE}.{home}.{name}")
            return getattr(module, name)
    raise AttributeError(f"module '{PACKAGE}.{old_module}' has no attribute {name!r}")


def folder_getattr(folder: str):
    """A module ``__getattr__`` for a folder that was a module, answering its former names."""

    def __getattr__(name: str):
        return _from_homes(folder, FORMER_CONTENTS[folder], name)

    return __getattr__


class _FormerModule(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _from_homes(self.__name__.removeprefix(f"{PACKAGE}."), self.__homes, name)

    def __dir__(self):
        return sorted(
            {n for h in self.__homes for n in dir(importlib.import_module(f"{PACKAGE}.{h}"))}
        )


class _FormerModules:
    """Finds ``balancing_act.data`` and the other former modules, and makes each an alias.

    A finder and loader by protocol, not by subclassing ``importlib.abc``: that module imports
    ``importlib.resources`` and with it ``tempfile`` and ``shutil``, about 17 ms at every
    ``import balancing_act``."""

    def find_spec(self, fullname, path=None, target=None):
        old = fullname.removeprefix(f"{PACKAGE}.")
        if fullname.startswith(f"{PACKAGE}.") and old in FORMER_MODULES:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        module = _FormerModule(spec.name)
        module._FormerModule__homes = FORMER_MODULES[spec.name.removeprefix(f"{PACKAGE}.")]
        return module

    def exec_module(self, module):
        homes = ", ".join(
            f"{PACKAGE}.{h}" for h in FORMER_MODULES[module.__name__[len(PACKAGE) + 1 :]]
        )
        _moved(module.__name__, homes)


def install() -> None:
    """Let ``import balancing_act.data`` (and the other former modules) find their alias."""
    if not any(isinstance(finder, _FormerModules) for finder in sys.meta_path):
        sys.meta_path.append(_FormerModules())

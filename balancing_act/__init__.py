"""Balancing Act: the code behind the course's notebooks.

A lesson starts with::

    import balancing_act as ba
    ba.setup()

and then reads tables (``ba.load_events()``), draws charts, opens widgets and answers
self-checks (``ba.check("l05-manat-rise", answer)``) with short calls, so the notebook itself
reads as prose.

The package's names are what its modules declare in their ``__all__``; each is imported from
its module on first use, so a graded notebook that only reads tables does not pay for loading
Altair and the widgets. Modules themselves are reachable too (``ba.periods.period_table()``).
The map is read from the modules' source, not typed here, so it cannot drift from them.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

_HERE = Path(__file__).parent


def _declared_exports() -> dict[str, str]:
    """Each name a module lists in ``__all__``, mapped to that module (read, not imported)."""
    homes: dict[str, str] = {}
    for module in pkgutil.iter_modules([str(_HERE)]):
        if module.ispkg or module.name.startswith("_"):
            continue
        tree = ast.parse((_HERE / f"{module.name}.py").read_text(encoding="utf-8"))
        for node in tree.body:
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            if any(getattr(t, "id", None) == "__all__" for t in targets) and node.value is not None:
                for name in ast.literal_eval(node.value):
                    if name in homes:
                        raise ImportError(
                            f"{name!r} is exported by both {homes[name]} and {module.name}"
                        )
                    homes[name] = module.name
    return homes


_MODULE_OF = _declared_exports()
_SUBMODULES = sorted(
    m.name for m in pkgutil.iter_modules([str(_HERE)]) if not m.name.startswith("_")
)
if set(_MODULE_OF) & set(_SUBMODULES):  # `from . import x` would get the name, not the module
    raise ImportError(f"names that are also modules: {sorted(set(_MODULE_OF) & set(_SUBMODULES))}")

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'balancing_act' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(__all__) | set(_SUBMODULES))

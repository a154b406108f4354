"""An explorer's chart whose page keeps the states drawn ahead, drawn.

``alt.JupyterChart`` embeds its spec anew in the page on every change, which took 46-87 ms of a
move in Chromium (``bench/README.md``). :class:`DrawnAheadChart` is that widget with its own
front end (``drawn_ahead.js``): a spec that carries a state's name is embedded once, off the page,
and kept, so showing a state the page has drawn is a DOM swap; and :meth:`send_ahead` hands the
page the states the kernel draws ahead, which it embeds while the student reads. Everything else
(selections, parameters, the offline bundle) is ``JupyterChart``'s.
"""

from __future__ import annotations

from importlib import resources

import altair as alt

from ..course import cache

#: Where a spec carries the name of its state (Vega-Lite keeps ``usermeta`` and ignores it).
STATE_KEY = "ba_state"


def _front_end() -> str:
    """``drawn_ahead.js`` bundled with the Vega, Vega-Lite and vega-embed that vl-convert ships,
    so the page needs no network (about 1.5 s to build; cached on disk)."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    source = resources.files(__package__).joinpath("drawn_ahead.js").read_text(encoding="utf-8")
    key = cache.content_key("drawn-ahead-chart", source, alt.__version__, vl_convert.__version__)
    bundle = cache.read("js", key)
    if bundle is None:
        bundle = vl_convert.javascript_bundle(source, vl_version=vl_version_for_vl_convert())
        cache.write("js", key, bundle.encode("utf-8"))
        return bundle
    return bundle.decode("utf-8")


class DrawnAheadChart(alt.JupyterChart):
    """A ``JupyterChart`` whose page keeps each named state it has drawn (see the module)."""

    def __init__(self, *args, **kwargs):
        if "_esm" not in type(self).__dict__:
            type(self)._esm = _front_end()
        super().__init__(*args, **kwargs)

    @staticmethod
    def named(spec: dict, state: str) -> dict:
        """``spec`` carrying the name of its state (a shallow copy: the kept spec is unchanged)."""
        return {**spec, "usermeta": {**spec.get("usermeta", {}), STATE_KEY: state}}

    def send_ahead(self, states: list[tuple[str, dict]]) -> None:
        """Hand the page ``(name, spec)`` states to draw while the student reads."""
        self.send(
            {
                "kind": "drawn ahead",
                "states": [
                    {"state": name, "spec": self.named(spec, name)} for name, spec in states
                ],
            }
        )

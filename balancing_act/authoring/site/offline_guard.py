"""The site's promise that a page loads nothing from the network, checked on every page before it
is written.

Readers may open the site with no connection, and a page that fetched a script or a font from a
CDN would also tell a third party who reads it. So anything the browser would fetch by itself
from another address fails the build; links a reader clicks (the sources) are fine.
"""

from __future__ import annotations

import re

# A tag attribute or CSS reference that makes the browser fetch something when the page loads.
_LOADS = re.compile(
    r"""<script\b(?![^>]*\bsrc=)[^>]*>"""  # an inline script: the site has none
    r"""|<(?:script|link|img|iframe|source|embed|object|video|audio)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?([^"'\s>]+)"""
    r"""|url\(\s*["']?(?!data:)([^"')]+)"""
    r"""|@import\s+["']?([^"';\s]+)""",
    re.IGNORECASE,
)


def external_resources(html: str) -> list[str]:
    """What a page would load from outside itself (empty for an offline page).

    Links a reader clicks (``<a href>``, the sources) are fine; anything the browser fetches by
    itself is not, unless it is a ``data:`` URL or a file of the site (the search page's
    scripts, which Pagefind writes beside it). Inline scripts are refused too.
    """
    found = []
    for match in _LOADS.finditer(html):
        target = next((group for group in match.groups() if group), None)
        if target is None:
            found.append(match.group(0)[:80])  # an inline <script>
        elif re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.IGNORECASE) and not (
            target.lower().startswith("data:")
        ):
            found.append(target)
    return found

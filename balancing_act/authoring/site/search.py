"""The site's offline search: Pagefind (the binary the ``pagefind-bin`` package ships) indexes the
written site into ``pagefind/``, which the search page reads in the reader's browser.

Only what a reader searches for is indexed: the lessons' text and outputs, the event pages and
the sources; code, chart drawings and navigation are left out. Pagefind must run silently: the
build prints nothing but its summary line, so a warning of Pagefind's fails it rather than
scroll past.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

#: Parts of a page the search index leaves out: code, chart drawings, navigation.
SEARCH_EXCLUDES = (".jp-InputArea", "svg", "nav", ".ba-site-header", ".ba-site-footer")


def index_for_search(folder: Path) -> None:
    """Pagefind's index and its search UI, written into ``folder/pagefind``."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(folder), "--quiet"]
    for selector in SEARCH_EXCLUDES:
        command += ["--exclude-selectors", selector]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or run.stdout.strip() or run.stderr.strip():
        raise SystemExit(f"pagefind failed or warned:\n{run.stdout}\n{run.stderr}")

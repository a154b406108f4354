"""Every colour of the package is written once, in the vocabulary, so a code keeps its colour
from chart to chart and a change of palette is made in one place.

Two files keep greys of their own: the charts' theme (title and grid greys, which no code is
coloured by) and the grade report's style sheet. Any other colour there fails too. The reader's
site has a style sheet of its own (its page colours as CSS variables, which a style sheet cannot
import from Python): it is the one file exempt as a whole.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "balancing_act"
#: The vocabulary: the one home of the course's colours.
HOME = "course/vocabulary.py"
#: Files whose own greys stay: the theme's config and the grade report's CSS.
OWN_GREYS = {"charts/theme.py", "grading/report.py"}
#: The site's own style sheet: page colours, none of them a code's.
OWN_STYLE_SHEET = "authoring/site/templates/balancing_act/site.css"
HEX_COLOUR = re.compile(r"#([0-9A-Fa-f]{6})(?![0-9A-Za-z_])")


def _grey(digits: str) -> bool:
    return digits[0:2].lower() == digits[2:4].lower() == digits[4:6].lower()


def colour_literals(path: str, text: str) -> list[str]:
    """Each hex colour that ``text`` (the file ``path`` below the package) should take from the
    vocabulary instead, as ``path:line: colour``."""
    if path in {HOME, OWN_STYLE_SHEET}:
        return []
    return [
        f"{path}:{number}: {found.group(0)}"
        for number, line in enumerate(text.splitlines(), start=1)
        for found in HEX_COLOUR.finditer(line)
        if not (path in OWN_GREYS and _grey(found.group(1)))
    ]


def package_colour_literals(package: Path) -> list[str]:
    """The colour literals of every file of ``package`` (code and templates) outside the
    vocabulary."""
    found = []
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(package).as_posix()
            found += colour_literals(relative, path.read_text(encoding="utf-8"))
    return found


def test_every_colour_of_the_package_comes_from_the_vocabulary():
    assert package_colour_literals(PACKAGE) == []


def test_a_colour_planted_in_a_chart_is_found(tmp_path):
    copy = tmp_path / "balancing_act"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    chart = copy / "charts" / "balance.py"
    lines = chart.read_text(encoding="utf-8").splitlines()
    chart.write_text("\n".join([*lines, 'PLANTED = "#d55e00"']) + "\n", encoding="utf-8")
    assert package_colour_literals(copy) == [f"charts/balance.py:{len(lines) + 1}: #d55e00"]


def test_only_the_theme_and_the_report_keep_greys_and_only_greys():
    assert colour_literals("charts/theme.py", '"gridColor": "#e6e6e6"') == []
    assert colour_literals("grading/report.py", "th { background: #F0F0F0; }") == []
    assert colour_literals("charts/theme.py", '"subtitleColor": "#0072B2"') == [
        "charts/theme.py:1: #0072B2"
    ]
    assert colour_literals("charts/geography.py", 'stroke="#666666"') == [
        "charts/geography.py:1: #666666"
    ]
    assert colour_literals(HOME, 'BLUE = "#0072B2"') == []


def test_an_anchor_or_a_longer_hex_word_is_not_a_colour():
    assert colour_literals("grading/report.py", 'href="#deadbeef-cell"') == []
    assert colour_literals("charts/lines.py", "see #123456789") == []

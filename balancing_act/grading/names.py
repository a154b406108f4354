"""Student ids that look alike: two folders a teacher would read as one student.

``submitted/alice`` and ``submitted/аlice`` (a Cyrillic ``а``), or ``é`` written as one
character and as ``e`` with a combining accent, are different folders, so nbgrader grades them
as two students. Grading flags each such pair on both students' lines: perhaps one student
submitted twice under names that look the same, perhaps someone is posing as a classmate.

Two ids look alike when their *skeletons* are equal, a simplified form of Unicode's TR39
skeleton (https://www.unicode.org/reports/tr39/#Confusable_Detection): compatibility
normalisation (NFKC, which also makes NFC and NFD equal), invisible format characters dropped,
the Cyrillic and Greek letters that are drawn like Latin ones, and the digits 0 and 1, mapped
to those Latin letters (:data:`LATIN_LOOKALIKES`, a small table for the scripts a class list
mixes, not Unicode's full one), and case ignored (``Alice`` and ``alice`` are different
folders and, on a screen, one person).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

# Letters drawn like a Latin letter in common fonts, mapped before case is folded (a capital
# and a small letter of one script can resemble different Latin letters: Greek Η is H, η is n).
LATIN_LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "а": "a", "В": "B", "Е": "E", "е": "e", "Ѕ": "S", "ѕ": "s", "І": "I",
        "і": "i", "Ј": "J", "ј": "j", "К": "K", "к": "k", "М": "M", "Н": "H", "О": "O",
        "о": "o", "Р": "P", "р": "p", "С": "C", "с": "c", "Т": "T", "У": "Y", "у": "y",
        "Х": "X", "х": "x", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "Ԝ": "W", "ӏ": "l",
        "Ӏ": "l", "ɡ": "g",
        # Greek
        "Α": "A", "α": "a", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "η": "n", "Ι": "I",
        "ι": "i", "Κ": "K", "κ": "k", "Μ": "M", "μ": "u", "Ν": "N", "ν": "v", "Ο": "O",
        "ο": "o", "Ρ": "P", "ρ": "p", "Τ": "T", "Υ": "Y", "υ": "u", "Χ": "X", "χ": "x",
        # Digits drawn like letters
        "0": "O", "1": "l", "|": "l",
    }
)  # fmt: skip


def skeleton(name: str) -> str:
    """The form two look-alike ids share."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", text.translate(LATIN_LOOKALIKES).casefold())


def unusual_characters(name: str) -> str:
    """The characters of ``name`` outside printable ASCII, by code point and Unicode name."""
    seen = dict.fromkeys(ch for ch in name if not (" " <= ch <= "~"))
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in seen)


def describe(name: str, others: list[str]) -> str:
    """A report line's detail for an id that looks like ``others``."""
    text = f"looks like {', '.join(repr(other) for other in others)}"
    unusual = unusual_characters(name)
    return f"{text}; this id holds {unusual}" if unusual else text


def lookalikes(names: list[str]) -> dict[str, list[str]]:
    """For each id that looks like another, the others it looks like (sorted)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[skeleton(name)].append(name)
    found = {}
    for group in groups.values():
        for name in group:
            others = sorted(other for other in group if other != name)
            if others:
                found[name] = others
    return found

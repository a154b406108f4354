"""Student markup is inert in the graded notebook: written answers and outputs.

What a page does with the graded notebook is checked in Chromium, in the Formgrader
(tests/browser/test_formgrader.py); here, each kind of markup, rendered by nbconvert as the
Formgrader renders it, leaves no tag, attribute or address that could act.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from balancing_act.grading.markup import SHOWN_AS_TEXT, inert_markdown, inert_outputs

HOSTILE_ANSWERS = [
    "<script>window.__pwned = 1</script>",
    'My answer <img src=x onerror="window.__pwned = 1">',
    "<style>body { display: none }</style>",
    '<a href="/logout">click</a>',
    "[the source](javascript:window.__pwned=1)",
    "[relative](../../api/contents)",
    "![a picture](https://tracker.example/pixel.png)",
    "```mermaid\n<img src=x onerror=window.__pwned=1>\n```",
    "A fence to break out of:\n\n````\ncode\n````\n\n<script>window.__pwned=1</script>",
    "<details><summary>more</summary>hidden</details>",
]
HONEST_ANSWERS = [
    "Baku kept both sides close: **oil** for the West, *arms* from Russia.",
    "It cost $99 and $52, and 3 < 5 & 7 > 2.",
    "# My case\n\n- first\n- second\n\n> quoted\n\n| year | events |\n|---|---|\n| 2008 | 3 |",
    "See [the brief](https://example.org/brief) or <https://example.org>, or mail@example.org.",
    "Code: `events[events.year < 2008]`\n\n```python\nx = '<b>'\n```",
]
# What a rendered answer may hold: tags that only format text, and web, mail or in-page links.
FORMATTING = set(
    "p em strong code pre h1 h2 h3 h4 h5 h6 ul ol li blockquote table thead tbody tr th td a br hr span div del".split()
)


class _ActiveParts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag not in FORMATTING:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "style"):
                self.found.append(f"{tag} {name}")
            if name == "href" and not re.match(r"(https?:|mailto:|#)", value or ""):
                self.found.append(f"{tag} href={value}")


def _active(markdown: str) -> list[str]:
    """The tags, attributes and addresses of the answer as nbconvert renders it that could act."""
    parser = _ActiveParts()
    parser.feed(markdown2html_mistune(markdown))
    return parser.found


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS)
def test_the_check_sees_each_hostile_answer_active_as_nbconvert_renders_it(answer):
    assert _active(answer), markdown2html_mistune(answer)


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS)
def test_a_written_answer_with_markup_is_shown_as_text(answer):
    shown = inert_markdown(answer)
    assert shown.startswith(SHOWN_AS_TEXT)
    assert answer in shown, "the teacher reads every character the student wrote"
    html = markdown2html_mistune(shown)
    assert _active(shown) == [], html


@pytest.mark.parametrize("answer", HONEST_ANSWERS)
def test_a_plain_markdown_answer_is_kept_as_written(answer):
    assert inert_markdown(answer) == answer
    assert _active(answer) == []


def test_outputs_show_markup_as_text_and_keep_text_and_pictures():
    table = {"text/plain": "   year\n0  2008", "text/html": "<table><tr><td>2008</td></tr></table>"}
    script = {"text/html": "<script>window.__pwned = 1</script>"}
    svg = {"image/svg+xml": "<svg onload='window.__pwned=1'></svg>"}
    markdown = {"text/markdown": "[x](javascript:alert(1))", "image/png": "iVBORw0KGgo="}
    outputs = [
        {"output_type": "execute_result", "data": table, "metadata": {}, "execution_count": 1},
        {"output_type": "display_data", "data": script, "metadata": {}},
        {"output_type": "display_data", "data": svg, "metadata": {}},
        {"output_type": "display_data", "data": markdown, "metadata": {}},
        {"output_type": "stream", "name": "stdout", "text": "<b>printed</b>\n"},
    ]
    shown = inert_outputs(outputs)
    assert [o.get("data") for o in shown] == [
        {"text/plain": "   year\n0  2008"},
        {"text/plain": "<script>window.__pwned = 1</script>"},
        {"text/plain": "<svg onload='window.__pwned=1'></svg>"},
        {"text/plain": "[x](javascript:alert(1))", "image/png": "iVBORw0KGgo="},
        None,
    ]
    assert shown[0]["execution_count"] == 1 and shown[4] == outputs[4]

"""Student-chosen text in the teacher's files: escaping per format, CSV cells, look-alike ids.

Quick unit tests of the functions every writer goes through; the hostile class graded with the
teacher's commands (tests/test_grading_teacher_side.py) checks the files themselves.
"""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from nbconvert.filters import markdown2html

from balancing_act.grading import escaping, names, spreadsheets
from balancing_act.grading.feedback import ShowStudentWorkInert

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<javascript:alert(1)>",
    "http://evil.example/",
    "**bold** _em_ ~~gone~~ `code`",
    "a | b",
    "&lt;script&gt;",
    "- a list?",
    "1. a list?",
    "# a heading?",
    "> a quote?",
    "cr\rpushes",
    "esc\x1b[2Jclear",
    "\u202etxt.exe",
    "not utf-8 \udcff\udcfe",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_renders_the_text_as_it_is(text):
    rendered = markdown2html(escaping.markdown(text)).strip()
    assert rendered == f"<p>{escaping.html(text)}</p>".replace("&#x27;", "'")


def test_without_escaping_the_same_text_is_markup():
    # The negative control: the renderer the report uses makes each of these active.
    assert 'href="javascript:' in markdown2html(HOSTILE[1])
    assert "<img src=x onerror" in markdown2html(HOSTILE[0])
    assert 'href="http://evil.example/"' in markdown2html(HOSTILE[4])


def test_control_and_invisible_characters_are_shown_as_escapes():
    assert escaping.visible("a\rb\nc\td\x1b\x07\x7f\x85") == "a\\rb\\nc\\td\\x1b\\x07\\x7f\\x85"
    assert escaping.visible("\u202eabc\u200b\u2066") == "\\u202eabc\\u200b\\u2066"
    assert escaping.visible("caf\udce9") == "caf\\xe9"  # a Latin-1 byte read with surrogateescape
    assert escaping.visible("josé аlice") == "josé аlice"  # letters are letters
    assert escaping.terminal("line\nnext\x1b[31m") == "line\nnext\\x1b[31m"
    for text in HOSTILE:
        shown = escaping.visible(text)
        assert shown.encode("utf-8")  # writable to a UTF-8 file
        assert all(unicodedata.category(ch) not in ("Cc", "Cs", "Cf") for ch in shown)


def test_html_escaping_covers_text_and_attributes():
    assert escaping.html('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-", "-"),  # Moodle's "no grade"
        ("15", "15"),
        ("12.5", "12.5"),
        (15.0, "15.0"),
        (None, ""),
        ("alice", "alice"),
        ("o'neil", "o'neil"),
    ],
)
def test_csv_cells_are_neutralised_and_read_back(value, cell):
    assert spreadsheets.neutralise(value) == cell
    assert spreadsheets.original(cell) == ("" if value is None else str(value))


def test_csv_files_quote_every_field_so_no_column_shifts(tmp_path):
    rows = [["student", "score"], ["comma,x,15,15", 0.0], ['quote"d\nline', 3], ["=1+1", 1]]
    path = spreadsheets.write(tmp_path / "out.csv", rows)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith('"student","score"\r\n"comma,x,15,15","0.0"\r\n')
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read == [
        ["student", "score"],
        ["comma,x,15,15", "0.0"],
        ['quote"d\nline', "3"],
        ["'=1+1", "1"],
    ]


def test_look_alike_ids_are_found_in_both_directions():
    nfc, nfd = unicodedata.normalize("NFC", "josé"), unicodedata.normalize("NFD", "josé")
    ids = ["alice", "\u0430lice", "ALICE", "al\u200bice", nfc, nfd, "bob", "Η\u0395LLO", "hello"]
    found = names.lookalikes(ids)
    assert found["alice"] == sorted(["\u0430lice", "ALICE", "al\u200bice"])
    assert found["\u0430lice"] == sorted(["alice", "ALICE", "al\u200bice"])
    assert found[nfc] == [nfd] and found[nfd] == [nfc]
    assert found["hello"] == ["Η\u0395LLO"]
    assert "bob" not in found
    assert names.lookalikes(["aaa-honest", "zzz-honest", "o'neil", "bob", "rob"]) == {}
    assert "U+0430 CYRILLIC SMALL LETTER A" in names.describe("\u0430lice", ["alice"])


def test_feedback_markdown_is_rendered_inert_and_left_alone_by_the_template():
    source = "**ok** <script>x()</script> <img src=x onerror=x()> [a](javascript:x())\n\n```\na < b\n\nc\n```"
    inert = ShowStudentWorkInert().inert_markdown(source)
    assert markdown2html(inert).strip() == inert  # the template passes it through unchanged
    assert "<strong>ok</strong>" in inert and "&lt;script&gt;" in inert
    assert "<script" not in inert and "onerror=" not in inert.replace("onerror=x()&gt;", "")
    assert "javascript:" not in inert and "<img" not in inert


def test_feedback_outputs_keep_what_shows_and_drop_what_acts():
    keep = ShowStudentWorkInert()
    output = {
        "output_type": "display_data",
        "metadata": {"text/html": {"isolated": True}, "filenames": {"image/png": "x"}},
        "data": {
            "text/html": '<style scoped>.df{}</style><table class="df"><tr><td onclick="x()">1'
            "</td></tr></table><script>x()</script>",
            "text/plain": "   1",
            "application/javascript": "x()",
            "application/vnd.jupyter.widget-view+json": {"model_id": "1"},
            "image/png": 'AAAA" onerror="x()',
            "image/svg+xml": "<svg onload='x()'></svg>",
        },
    }
    shown = keep.inert_output(output)
    assert shown["metadata"] == {}
    assert set(shown["data"]) == {"text/html", "text/plain", "image/svg+xml"}
    assert shown["data"]["text/html"] == (
        '<table class="df"><tbody><tr><td>1</td></tr></tbody></table>'
        "&lt;script&gt;x()&lt;/script&gt;"
    )

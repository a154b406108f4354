"""Every lesson has the parts the design promises, and cites only sources in data/sources.csv."""

from __future__ import annotations

import ast
import re
from collections import Counter

import nbformat
import pytest

import balancing_act as ba
from balancing_act.course.contents import lesson_number
from balancing_act.selfcheck.checks import all_checks

from .notebook_tools import lesson_notebooks

SOURCE_ITEM = re.compile(r"\(`([a-z0-9][a-z0-9-]*)`\)\s*$")
LINK = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")
CHART_CALL = re.compile(r"\bba\.(\w+_chart|region_map)\(")
WIDGET_CALL = re.compile(r"\bba\.(\w+_explorer|choice)\(")
SELF_CHECK = re.compile(r"\bba\.(check|choice)\(")


def lesson_problems(notebook, known_sources: dict[str, str]) -> list[str]:
    """What a lesson lacks of the course's lesson contract (empty when complete)."""
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    problems = []
    if not re.search(r"By the end (of this lesson )?you will be able to", markdown):
        problems.append("no learning objectives")
    if not re.search(r"^## Discussion prompts", markdown, flags=re.M):
        problems.append("no discussion prompts")
    if not re.search(r"^## For teachers", markdown, flags=re.M):
        problems.append("no 'For teachers' box")
    if not CHART_CALL.search(code):
        problems.append("no chart")
    if not re.search(r"\bba\.\w+_explorer\(", code):
        problems.append("no widget")
    if len(SELF_CHECK.findall(code)) < 2:
        problems.append("fewer than two self-checks")
    sources_part = markdown.split("## Sources for this lesson", 1)
    if len(sources_part) < 2:
        return problems + ["no 'Sources for this lesson' section"]
    listed = set()
    for line in _list_items(sources_part[1]):
        if line.startswith("- "):
            match = SOURCE_ITEM.search(line)
            if not match:
                problems.append(f"source line without an id: {line[:60]}")
                continue
            listed.add(match.group(1))
            if match.group(1) not in known_sources:
                problems.append(f"source id {match.group(1)!r} is not in data/sources.csv")
    if not listed:
        problems.append("the sources section lists nothing")
    known_urls = set(known_sources.values())
    listed_urls = {known_sources[i] for i in listed if i in known_sources}
    for match in LINK.finditer(markdown):
        url = match.group(1) or match.group(2)
        if url not in known_urls:
            problems.append(f"link to a page not in data/sources.csv: {url}")
        elif url not in listed_urls:
            problems.append(f"page linked but not listed in the lesson's sources: {url}")
    return problems


def self_check_calls(notebook) -> tuple[list[str], list[str]]:
    """The keys of the lesson's ``ba.check`` / ``ba.choice`` calls, and every call that is not
    just a key (plus, for ``check``, the student's answer): no expected value, no options, no
    hint may sit in the cell a student edits."""
    keys, problems = [], []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("check", "choice")
                and getattr(node.func.value, "id", None) == "ba"
            ):
                continue
            allowed = 2 if node.func.attr == "check" else 1
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                problems.append(f"ba.{node.func.attr} without a key: {ast.unparse(node)[:80]}")
                continue
            keys.append(first.value)
            answer_ok = len(node.args) < 2 or isinstance(node.args[1], ast.Name)
            if node.keywords or len(node.args) > allowed or not answer_ok:
                problems.append(
                    f"ba.{node.func.attr}({first.value!r}, ...) carries more than the answer"
                )
    return keys, problems


def _list_items(text: str) -> list[str]:
    """Markdown list items, each with its indented continuation lines joined on."""
    items: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(line.rstrip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
    return items


@pytest.fixture(scope="module")
def known_sources():
    sources = ba.load_sources()
    return dict(zip(sources["id"], sources["url"], strict=True))


def numbering_problems(names: list[str]) -> list[str]:
    """Where lesson numbers break the order: each lesson takes the next number (``02`` after
    ``01``), or the number just used with the next letter (``01a`` after ``01``, ``01b`` after
    ``01a``), for a lesson placed between two others."""
    problems = []
    previous = None
    for name in names:
        number = lesson_number(name)
        digits, letter = int(number[:2]), number[2:]
        if previous is None:
            allowed = {(0, "")}
        else:
            last_digits, last_letter = previous
            following = chr(ord(last_letter) + 1) if last_letter else "a"
            allowed = {(last_digits + 1, ""), (last_digits, following)}
        if (digits, letter) not in allowed:
            problems.append(f"{name} is out of order")
        previous = (digits, letter)
    return problems


def test_the_lessons_are_numbered_in_order_after_the_start_notebook():
    names = [p.stem for p in lesson_notebooks()]
    assert len(names) >= 9 and names[0] == "00-start-here"
    assert numbering_problems(names) == []


@pytest.mark.parametrize(
    "names",
    [
        ["00-a", "02-b"],
        ["00-a", "01b-b"],
        ["00-a", "01a-b"],
        ["00-a", "01-b", "01a-c", "01a-d"],
        ["00-a", "01-b", "02-c", "01a-d"],
        ["01-a"],
    ],
)
def test_a_lesson_out_of_order_is_named(names):
    assert numbering_problems(names) == [f"{names[-1]} is out of order"]


def test_a_lettered_lesson_after_its_number_is_in_order():
    assert numbering_problems(["00-a", "01-b", "01a-c", "01b-d", "02-e"]) == []


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_lesson_has_every_part_and_cites_only_known_sources(path, known_sources):
    assert lesson_problems(nbformat.read(path, as_version=4), known_sources) == []


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_event_ids_named_in_a_lesson_exist(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    known = set(ba.load_events()["id"])
    named = set(re.findall(r"`((?:19|20)\d\d-[a-z0-9-]+)`", text))
    assert named - known == set()


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_self_checks_are_keys_only(path):
    keys, problems = self_check_calls(nbformat.read(path, as_version=4))
    assert problems == []
    assert all(all_checks()[k].lesson == path.stem for k in keys), "a check of another lesson"


def test_every_check_is_used_once_and_every_key_exists():
    used = Counter()
    for path in lesson_notebooks():
        used.update(self_check_calls(nbformat.read(path, as_version=4))[0])
    assert set(used) == set(all_checks())
    assert all(n == 1 for n in used.values()), [k for k, n in used.items() if n > 1]


@pytest.mark.parametrize(
    "source",
    [
        'ba.check(x, int((events["alignment"] == "balancing").sum()), hint="count")',
        'ba.check("l02-cst-end", x, tolerance=1)',
        'ba.check("l02-cst-end", len(events))',
        'ba.choice("In which period?", ["a", "b"], answer="a", hint="h", explanation="e")',
    ],
)
def test_the_key_only_rule_catches_answers_in_the_cell(source):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    assert self_check_calls(notebook)[1]


def _lesson(
    *markdown,
    code=(
        "ba.timeline_chart(e)",
        "ba.timeline_explorer()",
        'ba.check("l02-cst-end", x)',
        'ba.choice("l01-btc-route")',
    ),
):
    cells = [nbformat.v4.new_markdown_cell(m) for m in markdown] + [
        nbformat.v4.new_code_cell(c) for c in code
    ]
    return nbformat.v4.new_notebook(cells=cells)


COMPLETE = (
    "**By the end you will be able to**\n\n## Discussion prompts\n\n## For teachers\n\n"
    "See [the paper](https://example.org/paper).\n\n## Sources for this lesson\n\n"
    "- The paper <https://example.org/paper> (`paper-id`)"
)


def test_the_contract_check_passes_a_complete_lesson():
    assert lesson_problems(_lesson(COMPLETE), {"paper-id": "https://example.org/paper"}) == []


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda t: t.replace("(`paper-id`)", "(`ghost-id`)"),
            "source id 'ghost-id' is not in data/sources.csv",
        ),
        (
            lambda t: t + "\n\nAlso [elsewhere](https://elsewhere.org/x).",
            "link to a page not in data/sources.csv: https://elsewhere.org/x",
        ),
        (lambda t: t.replace("## For teachers", "## Notes"), "no 'For teachers' box"),
        (lambda t: t.split("## Sources")[0], "no 'Sources for this lesson' section"),
    ],
)
def test_the_contract_check_catches_what_is_missing(edit, problem):
    problems = lesson_problems(_lesson(edit(COMPLETE)), {"paper-id": "https://example.org/paper"})
    assert problem in problems


def test_the_contract_check_catches_a_lesson_without_widget_or_self_checks():
    bare = _lesson(COMPLETE, code=("ba.timeline_chart(e)",))
    problems = lesson_problems(bare, {"paper-id": "https://example.org/paper"})
    assert "no widget" in problems and "fewer than two self-checks" in problems


# --- each lesson ends with the student's progress and a link onward --------------------------

NEXT_LINK = re.compile(r"^\*\*Next:\*\*(?P<words>.*?)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


def lesson_title(notebook) -> str:
    first = next(c.source for c in notebook.cells if c.cell_type == "markdown")
    return re.search(r"^# (.+)$", first, flags=re.M).group(1).strip()


def ending_problems(notebook, name: str, names: list[str], titles: dict[str, str]) -> list[str]:
    """What a lesson's end lacks: a ``## Before you go`` section just before ``## Read
    further``, with a code cell showing this lesson's progress and a ``**Next:**`` link to the
    next lesson of lessons/_toc.yml by its title (the last lesson: back to the start notebook's
    map of the course, saying the course ends there)."""
    cells = notebook.cells
    headings = [
        (i, c.source.lstrip().splitlines()[0])
        for i, c in enumerate(cells)
        if c.cell_type == "markdown" and c.source.lstrip().startswith("## ")
    ]
    before = [i for i, h in headings if h.strip() == "## Before you go"]
    if not before:
        return ["no 'Before you go' section"]
    start = before[0]
    later = [(i, h) for i, h in headings if i > start]
    if not later or later[0][1].strip() != "## Read further":
        return ["'Before you go' is not just before 'Read further'"]
    section = cells[start : later[0][0]]
    problems = []
    code = [c.source for c in section if c.cell_type == "code"]
    if not any(re.fullmatch(rf'ba\.progress\(("{re.escape(name)}")?\)', s.strip()) for s in code):
        problems.append("no cell showing the student's progress in this lesson")
    text = "\n".join(c.source for c in section if c.cell_type == "markdown")
    links = [NEXT_LINK.match(line) for line in text.splitlines()]
    links = [m for m in links if m]
    if len(links) != 1:
        return problems + ["no '**Next:**' link"]
    link = links[0]
    position = names.index(name)
    if position + 1 < len(names):
        wanted = names[position + 1]
        if link["target"] != f"{wanted}.ipynb":
            problems.append(f"the next link goes to {link['target']}, not {wanted}.ipynb")
        elif link["text"] != titles[wanted]:
            problems.append(f"the next link says {link['text']!r}, not {titles[wanted]!r}")
    else:
        if not link["target"].startswith(f"{names[0]}.ipynb#"):
            problems.append(f"the last lesson's link goes to {link['target']}, not the map")
        if "last lesson" not in link["words"]:
            problems.append("the last lesson does not say the course ends there")
    return problems


@pytest.fixture(scope="module")
def lesson_order():
    paths = lesson_notebooks()
    notebooks = {p.stem: nbformat.read(p, as_version=4) for p in paths}
    return notebooks, [p.stem for p in paths], {n: lesson_title(nb) for n, nb in notebooks.items()}


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_each_lesson_ends_with_progress_and_a_link_to_the_next(path, lesson_order):
    notebooks, names, titles = lesson_order
    assert ending_problems(notebooks[path.stem], path.stem, names, titles) == []


def test_the_last_lesson_links_to_the_map_that_the_start_notebook_has(lesson_order):
    from nbconvert.filters import markdown2html

    notebooks, names, _ = lesson_order
    last = "\n".join(c.source for c in notebooks[names[-1]].cells if c.cell_type == "markdown")
    anchor = re.search(rf"\]\({names[0]}\.ipynb#([^)]+)\)", last).group(1)
    start = "\n".join(c.source for c in notebooks[names[0]].cells if c.cell_type == "markdown")
    assert f'id="{anchor}"' in markdown2html(start)  # the heading's id in Lab and on the site


@pytest.mark.parametrize(
    "name", ["00a-pandas-primer", "01a-prologue-1988-1993", "05-pacifying-russia"]
)
def test_the_next_link_lands_on_the_next_page_of_the_site(name, lesson_order):
    """The site turns a lesson's link to a notebook into the link to that lesson's page (a
    lettered lesson's too)."""
    from nbconvert.filters import markdown2html

    from balancing_act.authoring.site.reader_pages import site_links

    _, names, titles = lesson_order
    before = names[names.index(name) - 1]
    html = site_links(markdown2html(f"**Next:** [{titles[name]}]({name}.ipynb)"), "lessons", "")
    assert f'href="{name}.html"' in html, (before, html)


def _ending_case(edit, name="02-building-the-balancing-act"):
    import copy

    return copy.deepcopy(nbformat.read(ROOT_LESSONS / f"{name}.ipynb", as_version=4)), edit


ROOT_LESSONS = lesson_notebooks()[0].parent


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda cells: [c for c in cells if "## Before you go" not in c.source],
            "no 'Before you go' section",
        ),
        (
            lambda cells: [
                c.update(
                    source=c.source.replace(
                        "03-oil-pipelines-leverage.ipynb", "04-the-west-steps-back.ipynb"
                    )
                )
                or c
                for c in cells
            ],
            "the next link goes to 04-the-west-steps-back.ipynb, not 03-oil-pipelines-leverage.ipynb",
        ),
        (
            lambda cells: [
                c.update(source=c.source.replace("**Next:**", "Next:")) or c for c in cells
            ],
            "no '**Next:**' link",
        ),
        (
            lambda cells: [
                c.update(
                    source=c.source.replace(
                        'ba.progress("02-building-the-balancing-act")',
                        'ba.progress("05-pacifying-russia")',
                    )
                )
                or c
                for c in cells
            ],
            "no cell showing the student's progress in this lesson",
        ),
        (
            lambda cells: [
                c.update(source=c.source.replace("## Read further", "## Further reading")) or c
                for c in cells
            ],
            "'Before you go' is not just before 'Read further'",
        ),
    ],
)
def test_the_ending_rule_catches_a_lesson_without_it_or_with_a_wrong_link(
    edit, problem, lesson_order
):
    _, names, titles = lesson_order
    notebook, change = _ending_case(edit)
    notebook.cells = change(notebook.cells)
    assert problem in ending_problems(notebook, "02-building-the-balancing-act", names, titles)


def test_the_ending_rule_catches_a_last_lesson_that_does_not_say_it_ends(lesson_order):
    _, names, titles = lesson_order
    notebook, _ = _ending_case(None, names[-1])
    for cell in notebook.cells:
        cell.source = cell.source.replace("this is the course's last lesson.", "see")
    assert "the last lesson does not say the course ends there" in ending_problems(
        notebook, names[-1], names, titles
    )


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_no_question_in_a_lesson_ends_with_a_full_stop_after_its_mark(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert re.findall(r".{30}[?!]\.(?!\.)", text) == []

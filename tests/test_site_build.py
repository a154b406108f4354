"""The reader's site builder (balancing_act.authoring.site): its offline guard, how it reads a
lesson, and how it draws charts for a phone, describes widgets, lists a claim's evidence and
links event cards.

The whole build is exercised by tests/browser/test_site.py; these are its quick parts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.authoring.site import (
    course_data,
    drawings,
    execution,
    kernel_setup,
    offline_guard,
    pages,
    panels,
    reader_pages,
    reading,
)
from balancing_act.charts.accessibility import describe

from .notebook_tools import ROOT, lesson_notebooks


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>',
        "<script>require(['vega'])</script>",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">',
        "<style>@font-face { src: url(https://example.org/font.woff2) }</style>",
        '<style>@import "https://example.org/theme.css";</style>',
        '<img src="//cdn.example.org/chart.png" alt="a chart">',
        '<iframe src="http://example.org/embed"></iframe>',
        '<script src="https://cdn.example.org/pagefind-ui.js"></script>',
    ],
)
def test_the_offline_guard_catches_anything_loaded_from_outside(html):
    assert offline_guard.external_resources(f"<html><body>{html}</body></html>") != []


def test_the_offline_guard_lets_links_inline_data_and_local_files_through():
    page = (
        '<a href="https://www.chathamhouse.org/2019/03/x">a source</a>'
        "<style>.x { background: url(data:image/png;base64,AAAA) }</style>"
        '<img src="figures/chart.png" alt="a chart"><a href="02-lesson.html#Sources">sources</a>'
        '<script src="pagefind/pagefind-ui.js"></script>'
    )
    assert offline_guard.external_resources(page) == []


def test_a_lesson_is_read_for_its_title_summary_and_sources():
    lesson = reading.read_lesson(ROOT / "lessons" / "02-building-the-balancing-act.ipynb")
    assert lesson.title.startswith("Lesson 2")
    assert lesson.href == "02-building-the-balancing-act.html"
    assert lesson.summary.startswith("<p>Three presidents in two years")
    assert lesson.sources >= 5


def test_every_lesson_can_be_read_by_the_builder():
    titles = [reading.read_lesson(path).title for path in lesson_notebooks()]
    assert len(set(titles)) == len(titles) >= 2


def test_a_lesson_without_its_sources_section_is_refused(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Lesson 9 — Untitled\n\nNo sources yet.")]
    path = tmp_path / "09-untitled.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(ValueError, match="Sources for this lesson"):
        reading.read_lesson(path)


# --- Charts for a phone ------------------------------------------------------------------------


def _wide_chart() -> dict:
    """A chart as the course draws one: 640 px of plot, a long title, a legend on the right."""
    alt.theme.enable("balancing_act")
    frame = pd.DataFrame({"year": [1994, 2008, 2014], "events": [3, 5, 8], "kind": ["a", "b", "c"]})
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title="Year"),
            y=alt.Y("events:Q", title="Events"),
            color=alt.Color(
                "kind:N", title="A rather long legend title", legend=alt.Legend(columns=2)
            ),
        )
    )
    chart = describe(
        chart, "A title far too long for one line on a phone's screen", "Three points."
    )
    return chart.to_dict()


def test_a_wide_chart_gets_a_phone_drawing_that_fits_a_phone_at_full_size():
    spec = _wide_chart()
    wide_width, _ = drawings.svg_size(drawings.render_svg(spec))
    phone_width, _ = drawings.svg_size(drawings.phone_svg(spec))
    assert wide_width > 600
    assert phone_width <= drawings.PHONE_CHART_WIDTH
    phone = drawings.phone_spec(spec)
    assert isinstance(phone["title"]["text"], list)  # wrapped into lines
    assert phone["config"]["legend"]["orient"] == "bottom"
    assert "columns" not in phone["encoding"]["color"]["legend"]
    assert spec["encoding"]["color"]["legend"]["columns"] == 2  # the original is left alone


def test_a_chart_figure_scales_and_holds_both_drawings_with_one_description():
    figure = drawings.chart_figure(_wide_chart())
    assert figure.count("<svg") == 2
    assert figure.count('width="100%"') == 2 and "viewBox=" in figure
    assert 'class="ba-chart-phone"' in figure
    assert figure.count("Three points.") == 2  # the figure's label and its caption


def test_a_subtitle_that_asks_to_hover_or_click_is_left_off_the_site():
    spec = _wide_chart()
    spec["title"]["subtitle"] = "Hover for details; click a point to read its sources."
    assert "subtitle" not in drawings.without_pointer_hints(spec)["title"]
    assert "subtitle" in spec["title"]  # the lesson's own chart keeps it
    spec["title"]["subtitle"] = "Line: running total."
    assert drawings.without_pointer_hints(spec)["title"]["subtitle"] == "Line: running total."


def test_a_chart_that_already_fits_a_phone_is_drawn_once():
    spec = _wide_chart()
    spec["width"] = 120
    spec["title"] = "Short"
    spec["encoding"]["color"]["legend"] = None
    assert drawings.chart_figure(spec).count("<svg") == 1


# --- Widgets in words, claims and event cards ----------------------------------------------------


def test_a_widget_note_says_in_the_widgets_own_words_what_it_does_and_shows():
    note = panels.widget_note(
        {"purpose": "narrow the events down by years", "shown": "the events from 1991 to 2003"}
    )
    assert "this widget lets you narrow the events down by years." in note
    assert "Shown here: the events from 1991 to 2003." in note


def test_the_site_captures_each_explorer_by_its_kind_words_and_values():
    explorer = ba.timeline_explorer(years=(1991, 2003), categories=["energy"])
    captured = kernel_setup._capture_widget(explorer)[kernel_setup.WIDGET_MEDIA_TYPE]
    assert captured["kind"] == "timeline"
    assert captured["values"]["years"] == (1991, 2003)
    assert "the events from 1991 to 2003 in the energy category" in captured["shown"]


def test_a_claim_panel_shows_the_claim_its_tests_and_its_events_linked():
    data = course_data.CourseData.load()
    panel = panels.claim_panel("C5", data)
    evidence = ba.claim_evidence("C5", data.events, data.claims)
    assert "Especially after Russia annexed Crimea" in panel
    assert (
        "<strong>For:</strong> Borne out" in panel
        and "<strong>Against:</strong> not borne" in panel
    )
    assert panel.count('<a href="events/') == len(evidence)
    assert f"{int(evidence['seen_by_brief'].sum())} linked events the brief could see" in panel


def test_event_cards_are_linked_to_their_pages():
    data = course_data.CourseData.load()
    card = ba.event_card("2014-unga-crimea-vote", data.events, data.sources, data.claims)
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": card})]
    notebook.cells = [cell]
    execution.site_outputs(notebook, data)
    html = notebook.cells[0].outputs[0]["data"]["text/html"]
    assert '<div class="ba-event-card"><h4><a href="events/2014-unga-crimea-vote.html">' in html


def test_tables_get_a_box_that_scrolls_and_a_keyboard_can_reach():
    html = pages.wrap_tables("<p>x</p><table><tr><td>1</td></tr></table>")
    assert html.startswith('<p>x</p><div class="ba-table ba-scroll" tabindex="0" role="region"')
    assert html.endswith("</table></div>")


def test_every_actor_code_has_its_name_from_the_codebook():
    from balancing_act.course.vocabulary import ACTOR_CODES

    names = course_data.actor_names()
    assert set(names) == set(ACTOR_CODES)
    assert names["CoE"] == "Council of Europe (incl. PACE)"


def test_a_timeline_widget_lists_the_events_it_shows_with_their_pages():
    data = course_data.CourseData.load()
    widget = {
        "kind": "timeline",
        "purpose": "narrow the events down",
        "shown": "the energy events",
        "values": {"years": [1991, 2003], "categories": ["energy"], "actors": [], "text": ""},
        "chart": None,
        "message": "",
    }
    shown = ba.filter_events(data.events, (1991, 2003), ["energy"])
    html = panels.widget_html(widget, data)
    assert f"The {len(shown)} events on this timeline" in html
    assert html.count('<a href="events/') == len(shown) > 0


# --- The package: templates it carries, and its kernel setup in a real kernel --------------------


def test_the_sites_pages_render_from_the_templates_inside_the_package():
    assert pages.TEMPLATES.is_relative_to(Path(ba.__file__).parent)
    data = course_data.CourseData.load()
    lesson = reading.read_lesson(lesson_notebooks()[0])
    rendered = pages.render_pages([lesson], data)
    assert f'<a href="{lesson.href}">' in rendered["index.html"]
    assert len([name for name in rendered if name.startswith("events/")]) == len(data.events) + 1


@pytest.mark.notebooks
def test_a_lesson_runs_with_the_kernel_setup_and_its_widget_becomes_words(tmp_path):
    """What `make site` does to each lesson, on a small one: the kernel imports the site's setup
    from the installed package, and the widget it captures comes back as a note, a drawn chart
    and its events linked."""
    path = tmp_path / "07-small.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import balancing_act as ba\nba.setup()"),
        nbformat.v4.new_code_cell(
            "ba.timeline_explorer(years=(1991, 2003), categories=['energy'])"
        ),
    ]
    nbformat.write(notebook, path)
    html = execution.execute(path)
    assert kernel_setup.WIDGET_MEDIA_TYPE not in html  # every capture was turned into HTML
    assert "Interactive in JupyterLab:</strong> this widget lets you" in html
    assert '<figure class=\\"ba-chart\\"' in html
    assert "events on this timeline, each with its page" in html


# --- The primary-source reader and the glossary ----------------------------------------------


def test_a_lessons_links_to_the_reader_and_glossary_lead_to_the_sites_pages():
    html = (
        '<a href="../reader/2020-trilateral-statement.md">the statement</a> '
        '<a href="../glossary.md#cis">CIS</a> <a href="../reader/README.md">reader</a> '
        '<a href="../instructor/teaching-a-live-conflict.md">guide</a> '
        '<a href="https://example.org/x.md">elsewhere</a> <a href="#Sources">sources</a>'
    )
    linked = reader_pages.site_links(html, "lessons", "")
    assert '<a href="reader/2020-trilateral-statement.html">the statement</a>' in linked
    assert '<a href="glossary.html#cis">CIS</a>' in linked
    assert '<a href="reader/index.html">reader</a>' in linked
    # a file the site does not hold: its text and path, never a link to nothing
    assert "guide (<code>instructor/teaching-a-live-conflict.md</code>)" in linked
    assert '<a href="https://example.org/x.md">' in linked and '<a href="#Sources">' in linked
    inside = reader_pages.site_links(
        '<a href="../glossary.md#idp">IDP</a><a href="../lessons/07-x.md">L7</a>',
        "reader",
        "reader",
    )
    assert '<a href="../glossary.html#idp">' in inside and '<a href="../07-x.html">' in inside
    assert reader_pages.site_links('<a id="cis"></a>', "", "") == '<span id="cis"></span>'


def test_the_reader_and_the_glossary_are_pages_of_the_site_linked_from_its_navigation():
    data = course_data.CourseData.load()
    lessons = [reading.read_lesson(path) for path in lesson_notebooks()]
    rendered = pages.render_pages(lessons, data)
    documents = [name for name in rendered if re.match(r"reader/\d{4}-", name)]
    assert len(documents) >= 12 and "reader/index.html" in rendered
    assert 'href="glossary.html">Glossary</a>' in rendered["index.html"]
    assert 'href="reader/index.html">Reader</a>' in rendered["index.html"]
    page = rendered["reader/2020-trilateral-statement.html"]
    assert "data-pagefind-body" in page and "<blockquote>" in page
    assert "Licence or status" in page and 'href="../07-karabakh-and-the-mediators.html"' in page
    assert 'id="khankendi-stepanakert"' in rendered["glossary.html"]
    for name in documents + ["reader/index.html", "glossary.html"]:
        assert offline_guard.external_resources(rendered[name]) == [], name
        assert not re.search(r'href="(?!https?:)[^"]*\.(?:md|ipynb)\b', rendered[name]), name


# --- Search: weights by where a word stands, each page's kind; scroll boxes; the icon ------------

LESSON_CELLS = """<main class="jp-Notebook" data-pagefind-body>
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=lesson05-00"><div class="jp-InputArea jp-Cell-inputArea">
<h1 id="t">Lesson 5 — Pacifying Russia<a class="anchor-link" href="#t">¶</a></h1><p>Crimea, annexed.</p>
<ul><li>explain the Crimea vote</li></ul></div></div>
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=lesson05-01"><div class="jp-InputArea jp-Cell-inputArea">
<h2 id="v">March 2014: the Crimea vote<a class="anchor-link" href="#v">¶</a></h2><p>Text.</p></div></div>
<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=lesson05-02"><div class="jp-InputArea jp-Cell-inputArea">code</div>
<div class="jp-OutputArea jp-Cell-outputArea"><p>An event card.</p></div></div>
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=lesson05-03"><div class="jp-InputArea jp-Cell-inputArea">
<h2 id="s">Sources for this lesson<a class="anchor-link" href="#s">¶</a></h2><ul><li>A source on Crimea</li></ul></div></div>
</main>"""


def _cell(html: str, cell_id: str) -> str:
    return re.search(rf'<div[^>]*id="cell-id={cell_id}"[^>]*>', html).group(0)


def test_a_lessons_title_objectives_and_headings_outweigh_its_outputs_and_back_matter():
    from balancing_act.authoring.site.search import WEIGHTS, weigh_lesson, weight

    html = weigh_lesson(LESSON_CELLS)
    assert weight(WEIGHTS["lesson_intro"]) in _cell(html, "lesson05-00")
    assert f'<h1 id="t" {weight(WEIGHTS["lesson_title"])}>' in html
    assert f'<h2 id="v" {weight(WEIGHTS["lesson_heading"])}>' in html
    assert f'class="jp-OutputArea jp-Cell-outputArea" {weight(WEIGHTS["lesson_output"])}' in html
    assert weight(WEIGHTS["back_matter"]) in _cell(html, "lesson05-03")
    assert weight(WEIGHTS["back_matter"]) not in _cell(html, "lesson05-01")
    assert (
        WEIGHTS["lesson_title"]
        > WEIGHTS["lesson_heading"]
        > WEIGHTS["lesson_intro"]
        > 1
        > WEIGHTS["lesson_output"]
        > WEIGHTS["back_matter"]
    )
    # The lesson's prose is indexed: only code is left out, and the heading anchors' "¶".
    from balancing_act.authoring.site.search import SEARCH_EXCLUDES

    assert ".jp-InputArea" not in SEARCH_EXCLUDES and "a.anchor-link" in SEARCH_EXCLUDES


def test_every_searchable_page_says_its_kind_and_weighs_its_mentions_low():
    from balancing_act.authoring.site.search import KINDS, WEIGHTS, weight

    data = course_data.CourseData.load()
    lessons = [reading.read_lesson(path) for path in lesson_notebooks()[:2]]
    rendered = pages.render_pages(lessons, data)
    kinds = {}
    for name, html in rendered.items():
        if "data-pagefind-body" in html:
            found = re.findall(r'data-pagefind-meta="kind:([^"]+)"', html)
            assert len(found) == 1, name
            kinds[name] = found[0]
    assert set(kinds.values()) <= set(KINDS)
    assert kinds["events/2014-unga-crimea-vote.html"] == "Event"
    assert kinds["sources.html"] == "Sources" and kinds["glossary.html"] == "Glossary"
    assert kinds["reader/2020-trilateral-statement.html"] == "Reader"
    event = rendered["events/2014-unga-crimea-vote.html"]
    claims = event.index("Claims of the brief it bears on")
    assert event.rfind(weight(WEIGHTS["mention"]), 0, claims) > event.index("</h1>")
    assert weight(WEIGHTS["mention"]) in rendered["sources.html"]
    # The search page hands Pagefind the ranking the tests query the index with.
    from html import unescape

    from balancing_act.authoring.site.search import RANKING

    ranking = re.search(r'data-ranking="([^"]+)"', rendered["search.html"]).group(1)
    assert json.loads(unescape(ranking)) == RANKING


def test_a_grid_with_words_in_its_cells_scrolls_with_a_cue_instead_of_being_squeezed():
    memberships = ba.load_memberships()
    spec = ba.membership_chart(memberships, 2015).to_dict()
    assert drawings.labels_in_cells(spec)
    figure = drawings.chart_figure(spec)
    assert 'class="ba-chart-wide ba-scroll"' in figure and 'tabindex="0"' in figure
    assert 'class="ba-scroll-hint"' in figure and "ba-chart-phone" not in figure
    width, _ = drawings.svg_size(drawings.render_svg(drawings.without_pointer_hints(spec)))
    assert f'width="{width:g}"' in figure  # drawn at its own size: its 12 px text stays 12 px
    assert not drawings.labels_in_cells(_wide_chart())  # a line chart is redrawn for a phone


def test_a_map_scrolls_with_a_cue_so_its_names_keep_a_legible_size():
    spec = ba.region_map().to_dict()
    assert drawings.is_map(spec)
    figure = drawings.chart_figure(spec)
    assert 'class="ba-chart-wide ba-scroll"' in figure and 'class="ba-scroll-hint"' in figure
    assert "ba-chart-phone" not in figure  # never the phone's drawing, whose names were 9 px
    assert not drawings.is_map(_wide_chart())  # a line chart is redrawn for a phone


def test_tables_and_scrolling_charts_share_one_cued_box_style():
    css = (pages.TEMPLATES / pages.TEMPLATE / "site.css").read_text(encoding="utf-8")
    rule = re.search(r"\.ba-scroll \{(.*?)\}", css, re.S).group(1)
    assert "overflow-x: auto" in rule
    assert rule.count("radial-gradient") == 2 and rule.count("local") == 2
    assert re.search(
        r"\.ba-scroll table, \.ba-scroll tr, \.ba-scroll td \{ background-color: transparent", css
    )


def test_the_site_has_an_icon_in_the_courses_colours_linked_from_every_page():
    from balancing_act.course.vocabulary import BLUE, BLUISH_GREEN, VERMILLION

    data = course_data.CourseData.load()
    rendered = pages.render_pages([reading.read_lesson(lesson_notebooks()[0])], data)
    icon = rendered.pop(pages.FAVICON)
    assert icon.startswith("<svg") and 'viewBox="0 0 32 32"' in icon
    assert all(colour in icon for colour in (BLUE, VERMILLION, BLUISH_GREEN))
    for name, html in rendered.items():
        prefix = "../" * name.count("/")
        assert f'<link rel="icon" href="{prefix}favicon.svg" type="image/svg+xml">' in html, name


def test_a_lesson_pages_title_names_the_course_once_and_links_the_icon():
    lessons = [reading.read_lesson(path) for path in lesson_notebooks()[:2]]
    for index, lesson in enumerate(lessons):
        notebook = nbformat.read(lesson.path, as_version=4)
        html = pages.render_lesson(notebook, lessons, index)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title.count("Balancing Act") == 1 and "¶" not in title, title
        icon = [tag for tag in re.findall(r"<link\b[^>]*>", html) if 'rel="icon"' in tag]
        assert len(icon) == 1 and 'href="favicon.svg"' in icon[0]

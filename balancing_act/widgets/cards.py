"""HTML a student reads beside the charts: an event's card with its sources, and a claim's
evidence as fold-out tables. Escaped throughout: the tables' text is data, never markup.
"""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from ..analysis.claims import evidence_table
from ..course.vocabulary import ALIGNMENT_WORDS, CATEGORY_WORDS, LINK_TEXT
from ..tables.codebook import actor_names, split_ids

#: A card's own line height. An ipywidgets HTML box sets 28 px (to line a label up with its
#: controls), too loose for paragraphs. Inline styles, not a style sheet: the site copies a card
#: into its pages as it is, and finds the card by its inner ``<div ...><h4>``.
CARD_STYLE = "line-height:1.4;overflow-wrap:break-word"
#: A date kept on one line.
NO_WRAP = "white-space:nowrap"


def card(html: str) -> str:
    """``html`` (already escaped) as a card: the course's line height, every text whole."""
    return f'<div style="{CARD_STYLE}"><div class="tex2jax_ignore">{html}</div></div>'


def event_card(
    event_id: str, events: pd.DataFrame, sources: pd.DataFrame, claims: pd.DataFrame
) -> str:
    """HTML for one event: its title, its id (the one a task asks for), date, summary, coding,
    the claims it bears on and linked sources."""
    match = events[events["id"] == event_id]
    if match.empty:
        raise KeyError(f"No event with id {event_id!r}")
    event = match.iloc[0]
    by_id = sources.set_index("id")
    claim_text = claims.set_index("id")["claim"]
    date = _date_label(event["date"], str(event["date_precision"]))
    category = CATEGORY_WORDS.get(str(event["category"]), str(event["category"]))
    items = []
    for source_id in split_ids(event["sources"]):
        row = by_id.loc[source_id]
        dated = f', <span style="{NO_WRAP}">{escape(row["date"])}</span>' if row["date"] else ""
        items.append(
            f'<li><a href="{escape(row["url"])}" target="_blank" rel="noopener" '
            f'style="color:{LINK_TEXT};text-decoration:underline">{escape(row["title"])}</a>'
            f" — {escape(row['publisher'])}"
            f"{dated}"
            f" <code>{escape(source_id)}</code></li>"
        )
    claim_items = "".join(
        f"<li><strong>{escape(c)}</strong>: {escape(claim_text[c])}</li>"
        for c in split_ids(event["claims"])
    )
    note = f"<p><em>Note:</em> {escape(event['note'])}</p>" if event["note"] else ""
    return card(
        f"<h4>{escape(event['title'])}</h4>"
        f'<p class="ba-event-id">id: <code>{escape(event_id)}</code></p>'
        f'<p><strong style="{NO_WRAP}">{date}</strong> · {escape(category)} · moved Baku: '
        f"<strong>{escape(ALIGNMENT_WORDS[str(event['alignment'])])}</strong>"
        f" · actors: {escape(actor_names(event['actors']))}</p>"
        f"<p>{escape(event['summary'])}</p>{note}"
        f"<p>Bears on claims:</p><ul>{claim_items or '<li>none linked</li>'}</ul>"
        f"<p>Sources:</p><ul>{''.join(items)}</ul>"
    )


def _date_label(date: pd.Timestamp, precision: str) -> str:
    if precision == "year":
        return f"{date.year} (year known)"
    if precision == "month":
        return date.strftime("%B %Y") + " (month known)"
    return date.strftime("%d %B %Y").lstrip("0")


def _tally(table: pd.DataFrame) -> str:
    """ "12 after the brief (7 neutral, 2 balancing, ...)": how the later evidence moved Baku."""
    moves = table.loc[table["brief"] == "came after", "moved Baku"].value_counts()
    listed = ", ".join(f"{count} {words}" for words, count in moves.items())
    return f"{int(moves.sum())} after the brief ({listed or 'none'})"


def evidence_tables(
    claim_ids: list[str], events: pd.DataFrame, claims: pd.DataFrame, before: int = 3
) -> HTML:
    """A fold-out table per claim: its text and tally on one line, its evidence when opened.

    Folded, fourteen claims fit on one screen; a student opens the one being judged.
    """
    texts = claims.set_index("id")["claim"]
    blocks = []
    for claim_id in claim_ids:
        table = evidence_table(claim_id, events, claims, before)
        header = "".join(f"<th>{escape(name)}</th>" for name in [table.index.name, *table.columns])
        rows = "".join(
            f"<tr><td><code>{escape(event_id)}</code></td>"
            + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
            + "</tr>"
            for event_id, *cells in table.itertuples()
        )
        blocks.append(
            f'<details class="ba-evidence tex2jax_ignore"><summary><b>{escape(claim_id)}</b> '
            f"{escape(texts[claim_id])} <em>— {escape(_tally(table))}</em></summary>"
            f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></details>"
        )
    # JupyterLab right-aligns output table cells with a selector of higher rank than any a
    # cell output can name, hence !important.
    style = (
        "<style>details.ba-evidence table{font-size:0.85em;margin:0.3em 0 0.8em}"
        "details.ba-evidence table td,details.ba-evidence table th"
        "{text-align:left !important;padding:0.1em 0.6em;vertical-align:top}"
        "details.ba-evidence table td:nth-child(-n+4){white-space:nowrap}"
        "details.ba-evidence summary{cursor:pointer;margin:0.2em 0}</style>"
    )
    return HTML(style + "".join(blocks))

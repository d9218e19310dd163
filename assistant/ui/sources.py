"""The sources panel of a whole conversation: every answer keeps its own sources.

Citation numbers are per answer, as the composer wrote them: ``[2]`` in the third answer is
the second source of the third answer. Rewriting them into one global numbering would change
the answer's text (and its .md/.docx exports and copies) away from what was verified, so
instead the panel holds one section per answer, labelled with its number and question, and
the page shows the section of the answer selected (the latest by default; clicking an
earlier answer or one of its [n] selects it; see static/viewer.js). Each card carries what
the in-app viewer needs (file, page, locator, quote) as data attributes.

Everything from a question or a document is escaped here (``html.escape`` or
``render.highlight``); nothing from them becomes markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from assistant.export import stop_note
from assistant.types import Answer, Citation
from assistant.ui import render
from assistant.ui.chart import chart_html
from assistant.ui.web import SERVED_TYPES

EMPTY = '<div class="sources-empty">Sources of each answer appear here.</div>'
_CELL_SEPARATOR = " | "
QUESTION_SHOWN = 90  # characters of a question in a section's heading


def is_table_quote(text: str) -> bool:
    """A table row quoted with its header (and caption): "A | B" lines, at least two."""
    return sum(_CELL_SEPARATOR in line for line in text.splitlines()) >= 2


def quote_html(text: str, terms: list[str]) -> str:
    """A quote as HTML: a table row as a small table under its header and caption,
    anything else as a block quote; question terms marked."""
    if not is_table_quote(text):
        return f'<blockquote class="source-quote">{render.highlight(text, terms)}</blockquote>'
    lines = [line for line in text.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if _CELL_SEPARATOR in line)
    caption = " ".join(lines[:first])
    header, *rows = (line.split(_CELL_SEPARATOR) for line in lines[first:])
    head = "".join(f'<th scope="col">{render.highlight(c.strip(), terms)}</th>' for c in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{render.highlight(c.strip(), terms)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    caption_html = (f"<caption>{render.highlight(caption, terms)}</caption>" if caption else "")
    # It scrolls sideways when wide: focusable, so a keyboard can scroll it too (axe).
    return (f'<div class="source-quote source-table" tabindex="0" role="group" '
            f'aria-label="Quoted table row"><table>{caption_html}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def file_url(citation: Citation) -> str:
    """The cited file on this server ("" when its format is not served, e.g. .docx)."""
    suffix = "." + citation.source.rsplit(".", 1)[-1].lower() if "." in citation.source else ""
    return render.source_url(citation) if suffix in SERVED_TYPES else ""


def _where(citation: Citation) -> str:
    """"page 3" for a page of a PDF, else the locator the parser gave ("slide 4", "¶ 12")."""
    if citation.locator and not citation.locator.startswith("p."):
        return citation.locator
    return f"page {citation.page}"


def card_html(citation: Citation, answer_no: int, terms: list[str]) -> str:
    c = citation
    section = f" · {html.escape(c.section)}" if c.section else ""
    url = file_url(c)
    kind = "pdf" if c.source.lower().endswith(".pdf") else "text"
    link = (f'<a class="source-link" href="{html.escape(url)}" target="_blank" '
            f'rel="noopener noreferrer">{html.escape(c.source)}, {html.escape(_where(c))} ↗</a>'
            if url else f'<span class="source-file">{html.escape(c.source)}</span>')
    attrs = {
        "data-answer": str(answer_no), "data-n": str(c.n), "data-kind": kind,
        "data-url": url.split("#", 1)[0], "data-page": str(c.page), "data-where": _where(c),
        "data-document": c.document, "data-quote": c.text,
    }
    data = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return (
        f'<div class="source-card" id="source-{answer_no}-{c.n}" {data}>'
        f'<div class="source-title"><button type="button" class="cite-open" '
        f'aria-label="Open source {c.n} of answer {answer_no} in the viewer">[{c.n}]</button> '
        f"{html.escape(c.document)}</div>"
        f'<div class="source-where">{html.escape(_where(c))}{section}</div>'
        f"{quote_html(c.text, terms)}{link}</div>"
    )


def section_html(answer: Answer, answer_no: int, latest: bool) -> str:
    """One answer's chart and sources, labelled with the answer's number and question."""
    question = answer.question
    if len(question) > QUESTION_SHOWN:
        question = question[: QUESTION_SHOWN - 1].rstrip() + "…"
    heading = (f'<div class="answer-sources-head">Answer {answer_no}: '
               f"“{html.escape(question)}”</div>")
    if answer.citations:
        terms = render.question_terms(answer.question)
        body = (chart_html(answer.extras.get("scores"))
                + '<div class="sources">'
                + "".join(card_html(c, answer_no, terms) for c in answer.citations)
                + "</div>")
    elif stop_note(answer):
        body = '<div class="sources-empty">No sources: stopped before any was cited.</div>'
    else:
        body = '<div class="sources-empty">No sources: the documents do not cover this.</div>'
    hidden = "" if latest else " hidden"
    return (f'<section class="answer-sources" data-answer="{answer_no}" '
            f'aria-label="Sources of answer {answer_no}"{hidden}>{heading}{body}</section>')


def panel_html(answers: Sequence[Answer]) -> str:
    """The sources of every answer of a conversation, the latest shown."""
    if not answers:
        return EMPTY
    last = len(answers)
    sections = "".join(section_html(a, i, i == last) for i, a in enumerate(answers, 1))
    return f'<div class="conversation-sources" data-answers="{last}">{sections}</div>'

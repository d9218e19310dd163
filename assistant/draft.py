"""Draft: quoted units -> Markdown with [n] citation markers, and the numbered citation
list they point to. Compose and the modes choose what to quote; this module only writes it:
sentences in a paragraph, lists as one sentence or bullets, table rows framed by their
column names, each country's passages under its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.countries import find_countries
from assistant.evidence import Evidence
from assistant.locators import quote_locator, span
from assistant.passages import ended
from assistant.rows import as_item, fields, frame, frames
from assistant.text import and_joined, is_title
from assistant.types import Chunk, Citation
from assistant.understand import Question, asks_fields
from assistant.vocabulary import conjunction, matches_vocabulary

# Joined into one sentence when a list is this short; longer lists stay bullets.
_JOIN_ITEMS, _JOIN_ITEM_CHARS = 8, 90


@dataclass
class CitationList:
    """Numbered citations, one per distinct quoted unit, in order of first use."""

    items: list[Citation] = field(default_factory=list)
    framed: list[tuple[int, Evidence]] = field(default_factory=list)  # table rows stated

    def cite(self, unit: Evidence) -> int:
        return self._cite(unit.chunk, unit.quote)

    def cite_heading(self, chunk: Chunk, heading: str) -> int:
        return self._cite(chunk, heading)

    def cite_across(self, head: Evidence, tail: Evidence) -> int:
        """A sentence a page break cut, quoted whole: one citation where it starts, its
        locator spanning both pages ("p. 6-7"), not a second one of its last words alone."""
        return self._cite(head.chunk, f"{head.quote} {tail.quote}",
                          span(head.chunk.where, tail.chunk.where))

    def cite_lead(self, item: Evidence) -> int:
        """The lead-in line of a list item, quoted from the same chunk."""
        return self._cite(item.chunk, item.header or item.text)

    def _cite(self, chunk: Chunk, text: str, locator: str | None = None) -> int:
        for citation in self.items:
            if citation.chunk_id == chunk.id and citation.text == text:
                return citation.n
        n = len(self.items) + 1
        # Where to look, in the file's own terms: a spreadsheet row by its row number.
        if locator is None:
            locator = quote_locator(chunk, text.split("\n")[-1])
        self.items.append(
            Citation(n, chunk.document, chunk.source, chunk.page, chunk.section, text, chunk.id,
                     locator, chunk.language, chunk.ocr)
        )
        return n


@dataclass
class Draft:
    text: str
    cites: CitationList
    abstained: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


def marker(ns: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(ns))


# ---- table rows -------------------------------------------------------------------------
def frame_row(unit: Evidence, question: Question, cites: CitationList,
              cells: int | None = None, as_city: bool = True) -> str:
    """A row framed by its column names (``rows.frame``: at most ``cells`` of them),
    cited; the verifier checks a framed row's figures against the row."""
    n = cites.cite(unit)
    cites.framed.append((n, unit))
    return frame(unit, question, n, as_city=as_city) if cells is None else frame(
        unit, question, n, cells, as_city)


# ---- lists and sentences ----------------------------------------------------------------
def _item(text: str) -> str:
    return re.sub(r"[\s;,.]*\b(and|or)?[\s;,.]*$", "", text.strip())


def render_list(items: Sequence[Evidence], cites: CitationList) -> str:
    """A lead-in and its items: one sentence when short, else a lead-in and bullets."""
    lead = items[0].header
    # A short lead-in without a verb, or a title, is a heading ("Overview"): the list stands
    # alone.
    heading = lead is not None and (
        len(lead.split()) <= 4 and not lead.rstrip().endswith(":") or is_title(lead))
    texts = [_item(u.text) for u in items]
    short = len(texts) <= _JOIN_ITEMS and all(len(t) <= _JOIN_ITEM_CHARS for t in texts)
    if lead and short and len(texts) > 1:
        ns = [cites.cite_lead(items[0]), *(cites.cite(u) for u in items)]
        joined = and_joined(texts, conjunction(items[0].chunk.language))
        return f"{lead.rstrip(':.-–— ')}: {joined} {marker(ns)}."
    lines = [f"{lead} [{cites.cite_lead(items[0])}]", ""] if lead and not heading else []
    lines += [f"- {t} [{cites.cite(u)}]" for t, u in zip(texts, items, strict=True)]
    return "\n".join(lines)


def render(blocks: list[list[Evidence]], question: Question, cites: CitationList) -> str:
    """Blocks as Markdown: sentences in a paragraph, lists apart, rows framed; a blank line
    between blocks so lists and headings render as intended."""
    parts: list[str] = []
    paragraph: list[str] = []
    # A sentence a list's lead-in repeats (a long list's second part repeats its lead-in)
    # is said once, by the list.
    leads = " ".join(u.header for b in blocks for u in b if u.kind == "item" and u.header)
    blocks = [kept for b in blocks if (kept := [
        u for u in b if u.kind != "sentence" or u.text not in leads])]
    owners = [owner(b[0]) for b in blocks]
    # Passages of several countries are labelled by whose they are; so is one passage when
    # the question asks which country ("which delegation complained of theft?") or whose
    # ("someone's presentation talked about ... whose was it"), whose quote may not name
    # it ("... infrastructure vandalization and theft", "(6) the country sets ...").
    label = len(set(owners) - {None}) > 1 or question.asks_country or (
        not question.countries and matches_vocabulary(question.text, "owner_asked", "patterns"))
    previous = None
    for block, country in zip(blocks, owners, strict=True):
        if label and country and country != previous:
            if paragraph:
                parts.append(" ".join(paragraph))
                paragraph = []
            parts.append(f"**{country}**")
        previous = country
        items = [u for u in block if u.kind == "item"]
        rows = [u for u in block[1:] if u.kind == "row"]
        if block[0].kind == "row" and asks_fields(question.text) and (
                recorded := fields(block[0])):
            # What the table records: its header, cited with a row under it.
            paragraph.append(f"{recorded} [{cites.cite(block[0])}].")
        elif block[0].kind == "row" and frames(block[0], question):
            paragraph.append(frame_row(block[0], question, cites))
        elif rows and block[0].kind == "sentence":
            # A lead-in announcing a table: the rows are its items, each with its columns.
            if paragraph:
                parts.append(" ".join(paragraph))
                paragraph = []
            parts.append(sentences([u for u in block if u.kind != "row"], cites))
            parts.append("\n".join(f"- {as_item(u)} [{cites.cite(u)}]" for u in rows))
        elif items:
            if paragraph:
                parts.append(" ".join(paragraph))
                paragraph = []
            # The lead-in a list renders itself is not repeated before it.
            intro = [u for u in block if u.kind != "item" and u.text != items[0].header]
            if intro:
                parts.append(sentences(intro, cites))
            parts.append(render_list(items, cites))
        else:
            paragraph.append(sentences(block, cites))
    if paragraph:
        parts.append(" ".join(paragraph))
    return "\n\n".join(parts)


def sentences(quoted: Sequence[Evidence], cites: CitationList) -> str:
    """Quoted units, each with its citation; a sentence cut by a page break is joined to
    its end, one citation spanning both pages ("... is available for building capacity
    ... [5]", p. 6-7)."""
    joined: list[tuple[str, list[int]]] = []
    units = list(quoted)
    at = 0
    while at < len(units):
        unit = units[at]
        tail = units[at + 1] if at + 1 < len(units) else None
        if tail is not None and cut_by_page(unit, tail):
            joined.append((f"{unit.text} {tail.text}", [cites.cite_across(unit, tail)]))
            at += 2
            continue
        if joined and not ended(joined[-1][0]) and unit.text[:1].islower():
            text, ns = joined[-1]
            joined[-1] = (f"{text} {unit.text}", [*ns, cites.cite(unit)])
        else:
            joined.append((unit.text, [cites.cite(unit)]))
        at += 1
    return " ".join(f"{text} {marker(ns)}" for text, ns in joined)


def cut_by_page(head: Evidence, tail: Evidence) -> bool:
    """Whether ``tail`` ends the sentence ``head`` starts, across a page break: head ends
    its passage unfinished, the tail opens the next passage of the same document in lower
    case."""
    return (head.kind == tail.kind == "sentence" and not ended(head.text)
            and tail.text[:1].islower() and head.chunk.id != tail.chunk.id
            and head.chunk.source == tail.chunk.source)


def owner(unit: Evidence) -> str | None:
    """The country whose section a unit is in, if any."""
    return next(iter(find_countries(unit.chunk.section or "")), None)

"""ParsedDocument -> Chunks a person can read as a quote.

Choices (see README, "Chunking"):
- A chunk never crosses a page, so every citation names exactly one page; it never crosses
  a heading either, so its section path is exact.
- Small neighbouring blocks of one page and section are packed together up to
  ``chunk_max_chars``; a longer paragraph is split at sentence ends, repeating
  ``chunk_overlap_sentences`` sentence(s) so no statement loses its context.
- A table is its own chunk: caption, column header, then rows ("Malaysia | Asia | ...");
  a long table is split by rows and each part repeats the header. A title line right above
  a table printed without column names is that table's caption.
- A list stays with its lead-in sentence; a long list is split by items, repeating it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from assistant.countries import find_countries
from assistant.furniture import is_furniture
from assistant.locators import has_pages, row_locator, span
from assistant.parsers.base import looks_like_title
from assistant.settings import Settings
from assistant.types import Block, Chunk, ParsedDocument

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'“])")
_NUMBER_PREFIX = re.compile(r"^(?:[IVX]+|\d+)\.\s+")


def chunk_document(doc: ParsedDocument, settings: Settings) -> list[Chunk]:
    """Split a parsed document into chunks with full provenance."""
    limit = settings.chunk_max_chars
    # Blocks are split to fit already; a heading-sized piece (a slide title) may not be.
    pieces = [
        _Piece(p.page, p.section, p.kind, part, p.locator, p.ocr)
        for p in _pieces(doc, settings)
        for part in _cut_words(p.text, limit)
    ]
    packed = _pack(pieces, limit)
    meta = doc.meta
    paged = has_pages(meta)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for ordinal, (page, section, kind, text, locator, ocr) in enumerate(packed):
        base = hashlib.sha256(f"{meta.source}\x1f{page}\x1f{section}\x1f{text}".encode())
        chunk_id = base.hexdigest()[:32]
        seen[chunk_id] = seen.get(chunk_id, 0) + 1
        if seen[chunk_id] > 1:  # identical passage twice on one page: keep both, distinctly
            chunk_id = f"{chunk_id}-{seen[chunk_id]}"
        chunks.append(
            Chunk(
                id=chunk_id,
                text=text,
                source=meta.source,
                document=meta.title,
                page=page if paged else None,
                section=section,
                doc_type=meta.doc_type,
                year=meta.year,
                publisher=meta.publisher,
                countries=tuple(find_countries(f"{section or ''}\n{text}")),
                kind="furniture" if is_furniture(text, section=section, kind=kind)
                else "slide" if meta.doc_type == "presentation" and kind == "text" else kind,
                doc_sha=meta.sha256,
                ordinal=ordinal,
                locator=locator,
                language=meta.language,
                ocr=ocr,
            )
        )
    return chunks


def section_title(heading: str) -> str:
    """'I. Challenges' -> 'Challenges': numbering adds nothing to a section path."""
    return _NUMBER_PREFIX.sub("", heading).strip()


class _Piece(NamedTuple):
    page: int
    section: str | None
    kind: str
    text: str
    locator: str = ""  # where to find it (block locator; rows of a sheet)
    ocr: bool = False


def _pieces(doc: ParsedDocument, settings: Settings) -> Iterator[_Piece]:
    """Units no longer than the maximum chunk size, with their page and section path."""
    stack: list[tuple[int, str]] = []
    title_key = _key(doc.meta.title)
    slides = doc.meta.doc_type == "presentation"
    heading_page = 0
    # A slide may be all title ("Open gov't data newly included in online service index"):
    # that title is the slide's content, so it becomes a chunk of its own.
    bare_title: _Piece | None = None
    for block in _captioned_tables(doc.blocks):
        if block.kind == "heading":
            # The cover repeats the document title; it is metadata, not a section.
            # (A sheet's name is its section even when the workbook is named after it.)
            cover = doc.meta.doc_type != "spreadsheet"
            if cover and _key(block.text) and title_key.startswith(_key(block.text)):
                continue
            slide_title = slides and block.page != heading_page
            if slide_title:
                if bare_title:
                    yield bare_title
                stack.clear()  # a slide's first heading is its title: a fresh section
            heading_page = block.page
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, section_title(block.text)))
            if slide_title:
                path = " > ".join(t for _, t in stack)
                bare_title = _Piece(block.page, path, "text", block.text, block.locator)
            continue
        bare_title = None
        section = " > ".join(title for _, title in stack) or None
        for kind, text in _split_block(block, settings):
            locator = row_locator(block, text) if block.row_numbers else block.locator
            yield _Piece(block.page, section, kind, text, locator, block.ocr)
    if bare_title:
        yield bare_title


# A title is short and not a sentence: "10 Steps for Successful Programme Fulfillment".
_CAPTION_MAX_CHARS = 120
_LIST_MARK = re.compile(r"^-\s+")
_LEADING_COUNT = re.compile(r"^\d{1,3}\s+(?=\S)")


def _captioned_tables(blocks: Sequence[Block]) -> list[Block]:
    """A title line right above a table printed without column names names that table
    ("10 Steps for Successful Programme Fulfillment" above "Step 1: | ..." rows): it goes
    into the table as its first line, so every part of the table carries it and a question
    worded by the title reaches the rows, not a passage that is the title alone."""
    out: list[Block] = []
    for block in blocks:
        above = out[-1] if out else None
        title = _title_line(above) if above else None
        if (block.kind == "table" and block.header is None and title and above
                and above.page == block.page and block.text.count("\n") + 1 == len(block.rows)):
            out[-1] = replace(block, text=f"{title}\n{block.text}")
            continue
        out.append(block)
    return out


def _title_line(block: Block) -> str | None:
    """The block's text when it is one title-like line (a paragraph, a caption, or a list
    of one item that a bullet made of the title); else None."""
    if block.kind not in ("paragraph", "list", "caption") or "\n" in block.text.strip():
        return None
    text = _LIST_MARK.sub("", block.text.strip()) if block.kind == "list" else block.text.strip()
    if len(text) > _CAPTION_MAX_CHARS or text.endswith((".", "!", "?")) or " | " in text:
        return None
    # A count may open it ("10 Steps for ..."): the title is what follows it.
    return text if looks_like_title(_LEADING_COUNT.sub("", text)) else None


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _split_block(block: Block, settings: Settings) -> Iterator[tuple[str, str]]:
    limit = settings.chunk_max_chars
    if block.kind == "table":
        # A table printed without a header row is "rows": no line of it heads the others.
        kind = "table" if block.header else "rows"
        yield from ((kind, t) for t in _split_rows(block, limit))
    elif block.kind == "list":
        if len(block.text) <= limit:
            yield "list", block.text
        else:
            items = block.text.split("\n")
            lead = items.pop(0) if block.header else None
            yield from (("list", t) for t in _group(items, lead, limit))
    elif len(block.text) <= limit:
        yield "text", block.text
    else:
        yield from (("text", t) for t in _split_sentences(block.text, limit, settings))


def _split_rows(block: Block, limit: int) -> list[str]:
    if len(block.text) <= limit:
        return [block.text]
    lines = block.text.split("\n")
    lead = "\n".join(lines[: len(lines) - len(block.rows)])
    room = limit - len(lead) - 1 if len(lead) <= limit // 2 else limit
    return _group([p for row in block.rows for p in _cut_row(row, room)], lead, limit)


# A row too long for one chunk is cut between cells; each piece repeats the row's first
# cells while they are this short, so a piece still says which row it is.
_ROW_NAME_CHARS = 60
_ROW_NAME_CELLS = 3


def _cut_row(row: str, room: int) -> list[str]:
    """A row as pieces of at most ``room`` characters, cut between its cells: the second
    half of a roadmap activity ("Activity ID: 3.1.2 | Lead Organization: DIAL") names its
    activity again instead of starting mid-sentence in the Description cell."""
    cells = row.split(" | ")
    if len(row) <= room or len(cells) < 2:
        return [row]
    name: list[str] = []
    for cell in cells[:_ROW_NAME_CELLS]:
        if len(cell) > _ROW_NAME_CHARS:
            break
        name.append(cell)
    prefix = " | ".join(name)
    rest = cells[len(name):]
    if not rest or len(prefix) > room // 3:
        return [row]
    pieces: list[str] = []
    current: list[str] = list(name)
    for cell in rest:
        if len(current) > len(name) and len(" | ".join([*current, cell])) > room:
            pieces.append(" | ".join(current))
            current = list(name)
        current.append(cell)
    pieces.append(" | ".join(current))
    return pieces


def _group(items: list[str], lead: str | None, limit: int) -> list[str]:
    """Greedy groups of whole items, each prefixed by the lead (header / lead-in).

    A lead too long to repeat becomes an item itself; an item too long for one chunk (a
    participants row, a list item of run-on text) is cut at word boundaries.
    """
    if lead and len(lead) > limit // 2:
        items, lead = [lead, *items], None
    room = limit - (len(lead) + 1 if lead else 0)
    items = [piece for item in items for piece in _cut_words(item, room)]
    groups: list[str] = []
    current: list[str] = []
    size = len(lead or "")
    for item in items:
        if current and size + len(item) + 1 > limit:
            groups.append("\n".join(([lead] if lead else []) + current))
            current, size = [], len(lead or "")
        current.append(item)
        size += len(item) + 1
    if current:
        groups.append("\n".join(([lead] if lead else []) + current))
    return groups


def _split_sentences(text: str, limit: int, settings: Settings) -> list[str]:
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    # A "sentence" longer than the limit (no punctuation) is cut at word boundaries.
    units = [unit for sentence in sentences for unit in _cut_words(sentence, limit)]
    overlap = settings.chunk_overlap_sentences
    parts: list[str] = []
    current: list[str] = []
    for unit in units:
        if current and len(" ".join(current + [unit])) > limit:
            parts.append(" ".join(current))
            carried = current[-overlap:] if overlap else []
            current = carried if len(" ".join(carried + [unit])) <= limit else []
        current.append(unit)
    if current:
        parts.append(" ".join(current))
    return parts


def _cut_words(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the last space that fits (or hard
    cut inside a run with no space)."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def _pack(pieces: list[_Piece], limit: int) -> list[_Piece]:
    """Join neighbouring pieces of one page and section while they fit; tables stand alone,
    and OCR text is not mixed with text read from the page's text layer."""
    packed: list[_Piece] = []
    for piece in pieces:
        if packed:
            last = packed[-1]
            fits = len(last.text) + 1 + len(piece.text) <= limit
            same_place = (last.page, last.section, last.ocr) == (
                piece.page, piece.section, piece.ocr
            )
            if fits and same_place and not {"table", "rows"} & {piece.kind, last.kind}:
                packed[-1] = last._replace(
                    kind="list" if "list" in (piece.kind, last.kind) else "text",
                    text=f"{last.text}\n{piece.text}",
                    locator=span(last.locator, piece.locator),
                )
                continue
        packed.append(piece)
    return packed

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
  A row too long for a chunk is cut between cells, each piece naming its row.
- A list stays with its lead-in sentence; a long list is split by items, repeating it; a
  numbered caption ("Box 1. ...") ending the chunk before it is moved over to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from assistant.countries import find_countries
from assistant.evidence import numbered_caption
from assistant.furniture import is_furniture
from assistant.locators import has_pages, row_locator, span
from assistant.parsers.base import looks_like_title
from assistant.section_path import SectionPath
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
    # A PDF's heading levels are guessed from fonts; its heading numbers are read too.
    sections = SectionPath(numbers_nest=doc.meta.source.lower().endswith(".pdf"))
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
                sections.clear()  # a slide's first heading is its title: a fresh section
            heading_page = block.page
            sections.enter(block.level, block.text, section_title(block.text))
            if slide_title:
                bare_title = _Piece(block.page, sections.path(), "text", block.text,
                                    block.locator)
            continue
        bare_title = None
        section = sections.path()
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
# cells that are this short (a long one, an instruction printed in a column's name, is
# passed over), so a piece still says which row it is.
_ROW_NAME_CHARS = 60
_ROW_NAME_CELLS = 3
# A spreadsheet cell's column name, printed before its value ("Description: ...").
_CELL_LABEL = re.compile(r"^[^:|]{1,60}: ")


def row_name_cells(cells: Sequence[str]) -> set[int]:
    """The places of the cells a cut row's pieces each open with: its first short cells,
    which say which row a piece is of."""
    return {i for i, cell in enumerate(cells[:_ROW_NAME_CELLS]) if len(cell) <= _ROW_NAME_CHARS}


def _cut_row(row: str, room: int) -> list[str]:
    """A row as pieces of at most ``room`` characters, cut between its cells: the second
    half of a roadmap activity ("Activity ID: 3.1.2 | Lead Organization: DIAL") names its
    activity again instead of starting mid-sentence in the Description cell; the request
    form's "Eligibility validations" names its service ("Service Name: Driving licence")
    past the long "Service ID [If an internal ID is not available: ..." before it. A cell
    too long for a piece is cut between its sentences, each part under its column name."""
    cells = row.split(" | ")
    if len(row) <= room or len(cells) < 2:
        return [row]
    named = row_name_cells(cells)
    name = [cells[i] for i in sorted(named)]
    prefix = " | ".join(name)
    if len(named) == len(cells) or len(prefix) > room // 3:
        return [row]
    space = room - len(prefix) - 3
    pieces: list[str] = []
    current: list[str] = []
    said = False  # whether the current piece holds a cell besides the row's name
    for i, part in ((i, part) for i, cell in enumerate(cells) for part in _cut_cell(cell, space)):
        if i in named and pieces:
            continue  # every piece after the first opens with the name
        if said and len(" | ".join([*current, part])) > room:
            pieces.append(" | ".join(current))
            current, said = list(name), False
        current.append(part)
        said = said or i not in named
    pieces.append(" | ".join(current))
    return pieces


def _cut_cell(cell: str, room: int) -> list[str]:
    """A cell as parts of at most ``room`` characters, cut between sentences (words, for a
    sentence longer than that); each part after the first under the cell's column name."""
    if len(cell) <= room:
        return [cell]
    label = match.group() if (match := _CELL_LABEL.match(cell)) else ""
    sentences = [p for s in _SENTENCE_END.split(cell[len(label):]) if s
                 for p in _cut_words(s, room - len(label))]
    parts: list[str] = []
    for sentence in sentences:
        if parts and len(f"{parts[-1]} {sentence}") <= room:
            parts[-1] = f"{parts[-1]} {sentence}"
        else:
            parts.append(f"{label}{sentence}")
    return parts


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
            piece = _with_caption_before(packed, piece, limit)
        packed.append(piece)
    return packed


def _with_caption_before(packed: list[_Piece], piece: _Piece, limit: int) -> _Piece:
    """A list opening a chunk, with the numbered caption that ends the chunk before it
    ("Box 1. Skills needed by the reengineering team" over the list of skills): the caption
    names the list, and is quoted with it, not with the paragraph above. Not prose: a
    figure's caption printed under its image ends what it captions, and may even part a
    sentence the page wraps around the image."""
    last = packed[-1]
    head, _, caption = last.text.rpartition("\n")
    if (not head or piece.kind != "list" or not numbered_caption(caption)
            or len(caption) > _CAPTION_MAX_CHARS or (last.page, last.section, last.ocr) != (
                piece.page, piece.section, piece.ocr)
            or len(caption) + 1 + len(piece.text) > limit):
        return piece
    packed[-1] = last._replace(text=head)
    return piece._replace(text=f"{caption}\n{piece.text}")

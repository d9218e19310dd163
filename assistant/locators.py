"""Locators: where a person finds a passage in its file ("¶ 3-5", "sheet 1 'Scores', rows
4-6", "slide 2, speaker notes"), for chunks joined from several blocks, for parts of a
spreadsheet table, and for one quoted row."""

from __future__ import annotations

import re

from assistant.types import Block, Chunk, DocumentMeta

# Formats whose page (or slide) number is where a person looks; other formats cite by
# locator only ("¶ 12", "sheet 1 'Scores', row 5").
PAGED_FORMATS = frozenset({"pdf", "pptx"})


def has_pages(meta: DocumentMeta) -> bool:
    """Does a citation of this document name a page? PDFs and slides do; text split into
    pages by form feeds does; Word, spreadsheets, web pages and unpaged text do not.
    (A document of unknown format, from an index built before formats were recorded,
    keeps its pages.)"""
    if meta.format in PAGED_FORMATS or not meta.format:
        return True
    return meta.format in ("txt", "md") and meta.pages > 1

_ROW_RANGE = re.compile(r"^(.*\brows )(\d+)-(\d+)$")


def quote_locator(chunk: Chunk, quote: str) -> str:
    """The locator of a quote from a chunk: a single row of a sheet part ("rows 4-8") is
    cited by its own row when the part's rows are consecutive sheet rows."""
    found = _ROW_RANGE.match(chunk.locator)
    if chunk.kind != "table" or not found:
        return chunk.locator
    first, last = int(found.group(2)), int(found.group(3))
    rows = chunk.text.split("\n")[1:]  # the header line first
    if len(rows) != last - first + 1 or quote not in rows:
        return chunk.locator
    return f"{found.group(1)[:-5]}row {first + rows.index(quote)}"


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)(?:[-–](\d+))?$")


def span(first: str, last: str) -> str:
    """One locator for joined pieces: "¶ 3" + "¶ 5" -> "¶ 3-5"; equal ones stay as they are."""
    if first == last or not last:
        return first
    if last.startswith(first):  # "¶ 11" and "¶ 11, text box": one paragraph
        return last
    a, b = _TRAILING_NUMBER.match(first), _TRAILING_NUMBER.match(last)
    if a and b and a.group(1) == b.group(1):
        return f"{a.group(1)}{a.group(2)}-{b.group(3) or b.group(2)}"
    return f"{first} to {last}" if first else last


def row_locator(block: Block, text: str) -> str:
    """A spreadsheet table part's locator: its sheet and the sheet rows it holds (a piece
    of a row cut for length counts as that row)."""
    numbers = []
    for line in text.split("\n"):
        number = next((n for n, row in zip(block.row_numbers, block.rows, strict=False)
                       if line == row or (line and line in row)), None)
        if number is not None:
            numbers.append(number)
    if not numbers:
        return block.locator
    first, last = min(numbers), max(numbers)
    rows = f"row {first}" if first == last else f"rows {first}-{last}"
    return f"{block.locator}, {rows}" if block.locator else rows

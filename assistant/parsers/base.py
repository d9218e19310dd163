"""What every format parser returns, and the helpers they share.

A parser turns a file's bytes into a ``ParsedFile``: structural blocks (headings with levels,
paragraphs, lists with their lead-in, tables with their header row) each carrying its page
and a locator a person can follow ("p. 4", "slide 3", "sheet 'Budget', row 12", "¶ 14").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from assistant.errors import InputFileError
from assistant.settings import Settings
from assistant.types import Block


@dataclass(frozen=True)
class ParsedFile:
    """One file's blocks before document metadata (title, year, language) is settled."""

    blocks: list[Block]
    pages: int  # pages, slides or sheets
    title: str | None = None  # the file's own title (PDF/Office properties, <title>)
    doc_type: str | None = None  # "presentation", "spreadsheet", ...; None = by suffix
    ocr_pages: int = 0  # pages read by OCR because they had no text layer


class Parser(Protocol):
    """A format parser: bytes of one file -> ParsedFile; raises InputFileError."""

    def __call__(self, data: bytes, settings: Settings) -> ParsedFile: ...


# Titles that name a part of a document, not the document ("Table of contents" as a PDF's
# metadata title or first heading), or that a tool put there by default.
_NOT_A_TITLE = re.compile(
    r"^(?:table\s+of\s+contents?|contents?|sommaire|table\s+des\s+mati[eè]res|cuprins|"
    r"untitled\b.*|title|heading|presentation\s*title|powerpoint\s+presentation|slide\s*\d*|"
    r"speaker\s+notes|footnotes|endnotes|notes|document\d*|\W*)(?:\s+\d+)?$",
    re.IGNORECASE,
)
# A metadata title that is a file name ("page intro.PNG") is what a tool left behind.
_FILE_NAME = re.compile(r"\.(?:png|jpe?g|gif|tiff?|bmp|pdf|docx?|pptx?|xlsx?|txt)$", re.IGNORECASE)
# A title starts like one: a capital letter, or a year ("2030 Agenda ...").
_TITLE_START = re.compile(r"^(?:[^\W\d_]|\d{4}\b)")


def looks_like_title(text: str) -> bool:
    """Could this be a document's title? Not a contents page, a file name, a fragment
    ("register a correspondent);") or a page number with a word ("1 Notes")."""
    clean = " ".join(text.split())
    return (
        3 <= len(clean) <= 200
        and bool(_TITLE_START.match(clean))
        and clean[0] == clean[0].upper()
        and not clean.endswith((";", ",", "(", "-"))
        and not _NOT_A_TITLE.match(clean)
        and not _FILE_NAME.search(clean)
    )


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def short(exc: BaseException) -> str:
    """First line of an exception message, for one-line errors."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def decode(data: bytes) -> str:
    """Text bytes -> str (UTF-8, else cp1252), refusing binary data."""
    if b"\x00" in data[:8192]:
        raise InputFileError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise InputFileError("binary data, not text")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def check_chars(n_chars: int, settings: Settings, what: str = "text", *,
                partial: bool = False) -> None:
    """Refuse a file whose text passes the size limit. ``partial``: ``n_chars`` is what was
    read so far, so the message states the limit rather than a total."""
    limit = settings.max_chars_per_file
    if n_chars <= limit:
        return
    size = (f"exceeds {limit:,} characters" if partial
            else f"has {n_chars:,} characters, over the {limit:,} limit")
    raise InputFileError(f"{what} {size} (ASSISTANT_MAX_CHARS_PER_FILE)")


def table_block(
    header_cells: list[str],
    rows: list[list[str]],
    page: int,
    *,
    caption: str | None = None,
    locator: str = "",
    row_numbers: tuple[int, ...] = (),
    labelled: bool = False,
) -> Block:
    """A table block from cells: header line "A | B | C", one line per row.

    ``labelled`` writes each row as "A: 1 | B: 2" so that a row quoted alone still says
    what each value is (spreadsheets, where a sheet has many columns).
    """
    header = " | ".join(squash(c) for c in header_cells)
    if labelled:
        # Rows name their columns; the header line only has to introduce them, briefly.
        header = " | ".join(" ".join(squash(c).split()[:4]) for c in header_cells if squash(c))
        header = header if len(header) <= 300 else header[:300].rsplit(" | ", 1)[0] + " | ..."
    lines = []
    for row in rows:
        cells = [squash(c) for c in row]
        if labelled:
            pairs = [
                f"{squash(h) or f'Column {i + 1}'}: {c}"
                for i, (h, c) in enumerate(zip(header_cells, cells, strict=False))
                if c
            ]
            lines.append(" | ".join(pairs))
        else:
            lines.append(" | ".join(cells))
    text = "\n".join(([caption] if caption else []) + [header, *lines])
    return Block(
        "table", text, page, header=header, rows=tuple(lines), locator=locator,
        row_numbers=row_numbers,
    )


def list_block(lead_in: str | None, items: list[str], page: int, locator: str = "") -> Block:
    """A list block "lead-in\\n- item\\n- item"; the lead-in stays with its items."""
    body = "\n".join(f"- {squash(i)}" for i in items if squash(i))
    text = f"{lead_in}\n{body}" if lead_in else body
    return Block("list", text, page, header=lead_in, locator=locator)

"""Spreadsheets -> tables: .xlsx with openpyxl, .csv with the csv module.

Each sheet is one page (page = sheet number) under a heading with the sheet's name, so a
citation reads "sheet 2 'Budget', rows 4-9". Its header row is the first row filled about
as widely as the table; lines above it (a sheet title, notes) are paragraphs. Each row is
written with its header, "Country: Kenya | Score: 0.61", so a row quoted alone says what
each value is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, check_chars, decode, short, squash, table_block
from assistant.settings import Settings
from assistant.types import Block

# Rows scanned for the header: a sheet title and notes rarely take more.
_HEADER_SCAN_ROWS = 20


def parse_xlsx(data: bytes, settings: Settings) -> ParsedFile:
    """Workbook -> one table per sheet (cached formula values, hidden sheets skipped)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open is a bad file
        raise InputFileError(f"corrupt or unreadable .xlsx ({short(exc)})") from None
    blocks: list[Block] = []
    total = 0
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    try:
        for number, sheet in enumerate(sheets, start=1):
            # In read-only mode an empty cell has no row number: a row whose first cell is
            # empty (a note in column C) is numbered by its first filled cell.
            numbered = ((next((c.row for c in row if hasattr(c, "row")), None), row)
                        for row in sheet.iter_rows())
            rows = [(n, [_cell_text(c) for c in row]) for n, row in numbered if n is not None]
            sheet_blocks = _sheet_blocks(sheet.title, rows, number)
            total += sum(len(b.text) for b in sheet_blocks)
            check_chars(total, settings, partial=True)
            blocks.extend(sheet_blocks)
    finally:
        book.close()
    title = (book.properties.title or "").strip() or None
    return ParsedFile(blocks, len(sheets), title, doc_type="spreadsheet")


def parse_csv(data: bytes, settings: Settings) -> ParsedFile:
    """A CSV file is one sheet; the delimiter is sniffed (comma, semicolon, tab)."""
    text = decode(data)
    check_chars(len(text), settings)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]
    except csv.Error as exc:
        raise InputFileError(f"malformed CSV ({short(exc)})") from None
    return ParsedFile(_sheet_blocks(None, rows, 1), 1, doc_type="spreadsheet")


def _sheet_blocks(name: str | None, rows: list[tuple[int, list[str]]], page: int) -> list[Block]:
    """A sheet's rows (sheet row number, cell texts) -> heading, notes, one table."""
    name = squash(name) if name else name
    rows = [(n, [squash(c) for c in cells]) for n, cells in rows]
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        return []
    # Drop columns that are empty in every row (formatting reaches far right).
    width = max(len(c) for _, c in rows)
    used = [i for i in range(width) if any(i < len(c) and c[i] for _, c in rows)]
    rows = [(n, [cells[i] if i < len(cells) else "" for i in used]) for n, cells in rows]
    locator = f"sheet {page} '{name}'" if name else ""
    blocks: list[Block] = []
    if name:
        blocks.append(Block("heading", name, page, level=1, locator=locator))
    widest = max(sum(1 for c in cells if c) for _, cells in rows[:_HEADER_SCAN_ROWS])
    start = next(
        i for i, (_, cells) in enumerate(rows[:_HEADER_SCAN_ROWS])
        if sum(1 for c in cells if c) >= max(1, (widest + 1) // 2)
    )
    for n, cells in rows[:start]:  # a sheet title or notes above the table
        text = " ".join(c for c in cells if c)
        blocks.append(Block("paragraph", text, page, locator=_row(locator, n)))
    header, body = _header(rows[start][1], rows[start + 1 :])
    if not body or len(used) == 1:  # a list of values, not a table
        for n, cells in rows[start:]:
            text = " | ".join(c for c in cells if c)
            blocks.append(Block("paragraph", text, page, locator=_row(locator, n)))
        return blocks
    blocks.append(
        table_block(
            header,
            [cells for _, cells in body],
            page,
            locator=locator,
            row_numbers=tuple(n for n, _ in body),
            labelled=True,
        )
    )
    return blocks


def _header(
    header: list[str], body: list[tuple[int, list[str]]]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Merge the rows under the header that only label columns it left empty (a header
    split over two rows, or a two-level header) into it: they hold labels, not data."""
    header = list(header)
    while body:
        cells = body[0][1]
        filled = [i for i, c in enumerate(cells) if c]
        fills_gaps = any(not header[i] for i in filled)
        labels_only = not any(_is_number(cells[i]) for i in filled)
        if not (fills_gaps and labels_only and len(body) > 1):
            break
        header = [
            f"{h} {c}".strip() if c and c != h else h
            for h, c in zip(header, cells, strict=True)
        ]
        body = body[1:]
    return header, body


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).replace("%", "").lstrip("-").isdigit()


def _row(locator: str, n: int) -> str:
    return f"{locator}, row {n}" if locator else f"row {n}"


def _cell_text(cell: Any) -> str:  # an openpyxl cell (openpyxl is untyped)
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{value * 100:.4g}%"
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)

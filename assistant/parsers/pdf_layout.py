"""PDF page lines (pypdf layout mode) -> blocks: headings, paragraphs, lists, tables.

Columns in layout-mode text are runs of 3+ spaces, so a table is a run of lines whose cells
align; a list is a run of bullet lines, kept with the sentence ending in ":" before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.parsers.base import squash
from assistant.types import Block

# One or more bullet glyphs: fonts often draw a junk glyph before the visible one ("\x7f ❖").
_BULLET = re.compile(
    r"^(?:(?:[\u2022\u25aa\u25b6\u25ba\u25cf\u25e6\u2756\u27a2\u2013\x7f>*•-]|[\ue000-\uf8ff])\s*)+"
)
# Bullet glyphs that fonts map to control or private-use code points.
_JUNK = re.compile(r"[\x7f\ue000-\uf8ff]")
_CAPTION = re.compile(r"^(Table|Figure|Fig\.)\s+\d+", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"^Table\s+\d+", re.IGNORECASE)


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell; cells are separated by 3+ spaces."""
    line = _JUNK.sub(" ", line)
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", line)]


def layout_blocks(
    lines: list[str], page: int, headings: dict[str, int], previous: list[Block]
) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    lead_in: str | None = None

    def flush_paragraph() -> None:
        nonlocal lead_in
        if paragraph:
            text = squash(" ".join(paragraph))
            paragraph.clear()
            if _CAPTION.match(text):
                blocks.append(Block("caption", text, page))
            elif text.endswith(":") and not items:
                lead_in = text  # kept for the list that follows
            else:
                flush_lead_in()
                blocks.append(Block("paragraph", text, page))

    def flush_lead_in() -> None:
        nonlocal lead_in
        if lead_in:
            blocks.append(Block("paragraph", lead_in, page))
            lead_in = None

    def flush_list() -> None:
        nonlocal lead_in
        if items:
            body = "\n".join(f"- {squash(i)}" for i in items if squash(i))
            text = f"{lead_in}\n{body}" if lead_in else body
            blocks.append(Block("list", text, page, header=lead_in))
            items.clear()
            lead_in = None

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = squash(line)
        if not stripped:
            flush_paragraph()
            i += 1
            continue
        table = _try_table(lines, i, page, previous + blocks)
        if table is not None:
            block, i = table
            flush_paragraph()
            flush_list()
            flush_lead_in()
            # Header lines read into the table are not text of their own as well.
            header_words = set((block.header or "").split())
            while (
                blocks
                and blocks[-1].kind == "paragraph"
                and set(blocks[-1].text.split()) <= header_words
            ):
                blocks.pop()
            if not _continues_table(blocks, block):
                blocks.append(_with_caption_above(blocks, block))
            continue
        level = headings.get(stripped)
        # A lowercase heading-sized line only continues a heading ("... Insights from /
        # the 2020 UN Survey"); alone it is the tail of a large-font bullet.
        if level is not None and stripped[0].islower():
            after_heading = bool(blocks) and blocks[-1].kind == "heading"
            if not (after_heading and i > 0 and lines[i - 1].strip()):
                level = None
        if level is not None:
            flush_paragraph()
            flush_list()
            flush_lead_in()
            last = blocks[-1] if blocks else None
            # A heading wrapped over two lines arrives as two adjacent heading lines.
            if last and last.kind == "heading" and i > 0 and lines[i - 1].strip():
                blocks[-1] = replace(last, text=f"{last.text} {stripped}")
            else:
                blocks.append(Block("heading", stripped, page, level=level))
            i += 1
            continue
        bullet = _BULLET.match(line.strip())
        if bullet and len(line.strip()) > bullet.end():
            flush_paragraph()
            items.append(line.strip()[bullet.end():])
            i += 1
            continue
        if items and paragraph == [] and lines[i - 1].strip():
            items[-1] += " " + stripped  # wrapped list item
            i += 1
            continue
        if items:
            flush_list()
        paragraph.append(stripped)
        i += 1
    flush_paragraph()
    flush_list()
    flush_lead_in()
    # Large-font body text (a slide in big type) is not a heading: a heading is short
    # and does not end like a sentence.
    return [
        replace(b, kind="paragraph", level=0)
        if b.kind == "heading" and _reads_like_a_sentence(b.text)
        else b
        for b in blocks
    ]


def _reads_like_a_sentence(text: str) -> bool:
    """Long, ends with a full stop, or runs on after a comma in lower case ("three awards,
    1st place in ...")."""
    return len(text.split()) > 15 or text.endswith(".") or bool(re.search(r", [a-z0-9]", text))


def _try_table(
    lines: list[str], start: int, page: int, previous: list[Block]
) -> tuple[Block, int] | None:
    """A table starts at a line of >= 3 cells and runs while lines align with its columns."""
    head_cells = _cells(lines[start])
    if len(head_cells) < 3:
        return None
    columns = [c for c, _ in head_cells]
    bounds = columns[1:] + [10_000]
    rows: list[list[str]] = [[t for _, t in head_cells]]
    i = start + 1
    blank_before = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        cells = _cells(line)
        placed: list[tuple[int, str]] = []
        for col_start, text in cells:
            idx = _column_of(col_start, columns)
            if idx is None or col_start + len(text) > bounds[idx] + 2:
                placed = []
                break
            placed.append((idx, text))
        if not placed:
            break
        # A row starts after vertical space, or where a line fills the first column and
        # most others (tables printed without spacing); other lines continue the row.
        if blank_before or (placed[0][0] == 0 and len(placed) >= max(2, len(columns) // 2)):
            rows.append([""] * len(columns))
        row = rows[-1]
        for idx, text in placed:
            row[idx] = f"{row[idx]} {text}".strip()
        blank_before = False
        i += 1
    # Header continuation lines were appended to the first data row; a real table has
    # at least two data rows whose first cell is filled.
    data_rows = [r for r in rows[1:] if r[0]]
    if len(data_rows) < 2:
        return None
    header_cells = rows[0]
    merged_rows: list[list[str]] = []
    for r in rows[1:]:
        if not r[0] and merged_rows:
            merged_rows[-1] = [f"{a} {b}".strip() for a, b in zip(merged_rows[-1], r, strict=True)]
        elif not r[0]:
            header_cells = [f"{a} {b}".strip() for a, b in zip(header_cells, r, strict=True)]
        else:
            merged_rows.append(r)
    header = " | ".join(header_cells)
    row_texts = [" | ".join(r) for r in merged_rows]
    # A table continued from the previous page repeats no header: reuse that table's (the
    # last one of the previous page with a real header: a part below it on that page may
    # itself have started at a data row).
    prior = next((b for b in reversed(previous) if b.kind == "table"
                  and not _has_figure_cell((b.header or "").split(" | "))), None)
    if (
        prior is not None
        and prior.page == page - 1
        and prior.header
        and prior.header.count("|") == header.count("|")
        and header != prior.header
        and not any(b.page == page and b.kind == "table" for b in previous)
        and _looks_like_data(header_cells)
    ):
        row_texts.insert(0, header)
        header = prior.header
    elif _looks_like_data(header_cells) and not any(
        b.kind == "table" and b.page in (page, page - 1) for b in previous
    ):
        # The first row of a table that continues none holds data: the header is printed
        # above, over lines whose cells span several columns (a two-level header), so it
        # did not align as a row. (Below another table, lines above are more likely rows
        # of that table that did not align.)
        above = _header_above(lines, start, columns)
        if above is not None:
            row_texts.insert(0, header)
            header = " | ".join(above)
    caption, i = _caption_after(lines, i)
    text = "\n".join([header, *row_texts])
    if caption:
        text = f"{caption}\n{text}"
    return Block("table", text, page, header=header, rows=tuple(row_texts)), i


def _with_caption_above(blocks: list[Block], table: Block) -> Block:
    """A "Table N: ..." caption printed just above a table goes with it (taken from the
    blocks), so that every part of the table quotes it; one below is read by _try_table."""
    last = blocks[-1] if blocks else None
    if (
        last is None
        or last.kind != "caption"
        or last.page != table.page
        or not _TABLE_CAPTION.match(last.text)
        or _CAPTION.match(table.text.split("\n", 1)[0])
    ):
        return table
    blocks.pop()
    return replace(table, text=f"{last.text}\n{table.text}")


def _continues_table(blocks: list[Block], table: Block) -> bool:
    """Rows that continue the table above on the same page after a line that did not align
    (a centred cell, a wrapped label) are not a new table whose first row would pass for
    its header: they join that table, under its real header. True when joined."""
    k = next((k for k in range(len(blocks) - 1, -1, -1) if blocks[k].kind == "table"), None)
    if k is None:
        return False
    prior, between = blocks[k], blocks[k + 1 :]
    header_cells = (table.header or "").split(" | ")
    if (
        prior.page != table.page
        or not prior.header
        or prior.header.count("|") != (table.header or "").count("|")
        or not _looks_like_data(header_cells)
        or len(between) > 2
        or any(b.kind != "paragraph" or len(b.text) > 80 for b in between)
    ):
        return False
    rows = (*prior.rows, table.header or "", *table.rows)
    blocks[k] = replace(prior, text="\n".join([prior.text, table.header or "", *table.rows]),
                        rows=rows)
    return True


def _header_above(lines: list[str], start: int, columns: list[int]) -> list[str] | None:
    """Column labels from the short lines just above a table, read top-down: a label over
    several columns (a group such as "Constitutional System") prefixes each of them."""
    labels: list[list[str]] = [[] for _ in columns]
    bounds = columns[1:] + [10_000]
    used = 0
    blank_run = 0
    for j in range(start - 1, max(-1, start - 9), -1):
        line = lines[j]
        if not line.strip():
            blank_run += 1
            if blank_run > 1:
                break
            continue
        blank_run = 0
        cells = _cells(line)
        long_cell = any(len(t) > 40 for _, t in cells)
        if long_cell or any(ch.isdigit() for _, t in cells for ch in t[:1]):
            break  # a title or prose line, or data: the header ends here
        placed: list[tuple[list[int], str]] = []
        for col_start, text in cells:
            end = col_start + len(text)
            covered = [
                k for k, c in enumerate(columns) if col_start - 2 <= c and bounds[k] - 2 <= end + 2
            ]
            if len(covered) < 2:
                home = _column_of(col_start, columns)
                covered = [home] if home is not None else []
            if covered:
                placed.append((covered, text))
        for covered, text in placed:
            for k in covered:
                labels[k].insert(0, text)
        used += 1
    if used == 0:
        return None
    header = [squash(" ".join(words)) for words in labels]
    return header if sum(1 for h in header if h) >= len(columns) // 2 else None


# A cell that is a figure ("1000", "4.8", "25%"), never a column label; a year is one.
_FIGURE = re.compile(r"^(?!(?:19|20)\d\d$)[-+(]?\d[\d\s,.]*%?\)?$")


def _has_figure_cell(cells: list[str]) -> bool:
    return any(_FIGURE.match(c.strip()) for c in cells)


def _looks_like_data(cells: list[str]) -> bool:
    """Headers are short labels; a line with digits or long cells is a data row."""
    return any(len(c) > 30 or any(ch.isdigit() for ch in c) for c in cells)


def _column_of(col_start: int, columns: list[int]) -> int | None:
    for idx in range(len(columns) - 1, -1, -1):
        if col_start >= columns[idx] - 2:
            return idx
    return None


def _caption_after(lines: list[str], i: int) -> tuple[str | None, int]:
    """A "Table N ..." line printed just below a table becomes its caption."""
    for j in range(i, min(i + 3, len(lines))):
        if _CAPTION.match(lines[j].strip()):
            return squash(lines[j]), j + 1
        if lines[j].strip():
            break
    return None, i



def split_columns(lines: list[str]) -> list[str]:
    """A page set in two columns of prose, read as the left column, then the right one.

    Layout-mode text puts both columns on each line, so each line would read across the
    gutter ("The Open Budget Survey assesses the three   OBS Questions and Response").
    A gutter is a character position that most lines leave blank with text on both sides;
    pages where it separates table cells rather than prose are left as they are.
    """
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) < 8:
        return lines
    width = max(len(ln) for ln in filled)
    best: tuple[int, int] | None = None  # (lines crossing the gutter, position)
    for x in range(int(width * 0.3), int(width * 0.7)):
        crossing = sum(1 for ln in filled if ln[x - 1 : x + 2].strip())
        if best is None or crossing < best[0]:
            best = (crossing, x)
    if best is None or best[0] > len(filled) * 0.05:
        return lines
    x = best[1]
    both = [ln for ln in filled if ln[:x].strip() and ln[x:].strip()]
    if len(both) < len(filled) * 0.4:
        return lines
    left = [ln[:x].rstrip() for ln in lines]
    right = [ln[x:].rstrip() if len(ln) > x else "" for ln in lines]
    for side in (left, right):
        segments = [s.strip() for s in side if s.strip()]
        if sum(len(s) for s in segments) / len(segments) < 25:  # short cells: a table
            return lines
        if sum(1 for s in side if len(_cells(s)) >= 3) > len(segments) * 0.2:
            return lines
    indent = min(len(s) - len(s.lstrip()) for s in right if s.strip())
    return [*left, "", *[s[indent:] for s in right]]

"""PDF tables from layout-mode lines: where a table starts and ends, its header row(s),
its caption, and tables printed side by side.

Columns in layout-mode text are runs of 3+ spaces. A table is a run of lines whose cells
align. Its header is its first row unless that row holds figures: then it is the header of
the table this one continues (from the page before), or the labels printed above it (a
label spanning several columns is a group: "Upper: Lower"); failing both, the table has no
header row (``header=None``), rather than a data row passed off as one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.parsers.base import squash
from assistant.parsers.pdf_table_rows import (
    column_of,
    line_after,
    line_cells,
    merged,
    next_country,
    next_entry,
    opens_next_row,
    placed_cells,
    starts_row,
    unlabelled_into,
    with_lines_above,
)
from assistant.types import Block

CAPTION = re.compile(r"^(Table|Figure|Fig\.)\s+\d+", re.IGNORECASE)
TABLE_CAPTION = re.compile(r"^Table\s+\d+", re.IGNORECASE)


def try_table(
    lines: list[str], start: int, page: int, previous: list[Block], floor: int = 0
) -> tuple[Block, int] | None:
    """A table starts at a line of >= 3 cells and runs while lines align with its columns.
    ``floor``: the first line not taken by a table above on the page (header labels are
    looked for between it and ``start``)."""
    head_cells = line_cells(lines[start])
    if len(head_cells) < 3:
        return None
    columns = [c for c, _ in head_cells]
    rows: list[list[str]] = [[t for _, t in head_cells]]
    i = start + 1
    blank_before = False
    spanned = False  # the first row's first cell spans rows below: the first row is data
    carried: set[int] = set()  # rows whose first cell is the spanning one above
    above = {line.strip() for line in lines[floor:start]}
    ahead: list[tuple[int, int, str]] = []  # cell lines held for the row the next line starts
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        cells = line_cells(line)
        if len(cells) == 1 and line.strip() in above:
            # The page's title printed again inside the table (a slide built up in steps).
            i += 1
            continue
        if i > start + 1 and [t for _, t in cells] == rows[0]:
            break  # the first row again: the next table (or part) starts, with its header
        at = placed_cells(cells, columns, head_cells)
        if not at:
            break
        placed = [(idx, text) for idx, _, text in at]
        own_first = placed[0][0] == 0
        # A row starts after vertical space, or where a line fills the first column and
        # most others (tables printed without spacing); other lines continue the row.
        if next_entry(rows[-1], placed):
            # "Step 2: | Formation of ..." under "I | Step 1: | Identification ...": a row of
            # its own under the first cell that spans them (the stage of each step).
            spanned = spanned or len(rows) == 1
            rows.append([rows[-1][0], *[""] * (len(columns) - 1)])
            carried.add(len(rows) - 1)
        elif blank_before or starts_row(placed, len(columns)) or (
                len(rows) - 1 not in carried and next_country(rows[-1], placed)):
            rows.append([""] * len(columns))
        elif len(rows) > 1 and opens_next_row(
                rows[-1], placed, line_after(lines, i + 1, columns, head_cells)):
            # A cell's first line printed above its row's first line (the cell centred on
            # a row taller than it): "(except Scotland: Civil Law/" over "United Kingdom".
            ahead.extend(at)
            i += 1
            continue
        if ahead and not any(rows[-1]):
            at = with_lines_above(at, ahead)
            placed = [(idx, text) for idx, _, text in at]
        else:
            placed = [(idx, text) for idx, _, text in ahead] + placed
        ahead = []
        row = rows[-1]
        if own_first and carried.intersection([len(rows) - 1]):
            # The row's own first cell, printed lower (centred on the row): not the
            # cell above spanning it.
            carried.discard(len(rows) - 1)
            row[0] = ""
        for idx, text in placed:
            row[idx] = f"{row[idx]} {text}".strip()
        blank_before = False
        i += 1
    for idx, _, text in ahead:  # held for a row that never started: the last row's
        rows[-1][idx] = f"{rows[-1][idx]} {text}".strip()
    # Header continuation lines were appended to the first data row; a real table has
    # at least two data rows whose first cell is filled.
    data_rows = [r for r in rows[1:] if r[0]]
    if len(data_rows) < 2:
        return None
    header_cells = rows[0]
    if _wrapped_labels(rows[0], rows[1]):
        # "Exposing a | Working" over "problem | out a program": labels wrapped in two lines.
        header_cells = [f"{a} {b}".strip() for a, b in zip(rows[0], rows[1], strict=True)]
        rows = [header_cells, *rows[2:]]
    merged_rows: list[list[str]] = []
    for r in rows[1:]:
        if not r[0] and merged_rows:
            merged_rows[-1] = [f"{a} {b}".strip() for a, b in zip(merged_rows[-1], r, strict=True)]
        elif not r[0]:
            header_cells = [f"{a} {b}".strip() for a, b in zip(header_cells, r, strict=True)]
        else:
            merged_rows.append(r)
    header, first_is_data = _resolve_header(
        lines, start, columns, header_cells, page, previous, floor
    )
    if spanned:
        # Its first row is data, and the lines above are its slide's title, not labels.
        header, first_is_data = None, True
    if header is not None and _side_text(header.split(" | "), merged_rows):
        # "MEMBER STATE ATTENDEES" printed sideways along the rows: no column of the table.
        header = " | ".join(header.split(" | ")[1:])
        header_cells, merged_rows = header_cells[1:], [r[1:] for r in merged_rows]
    if header is not None:
        labels = header.split(" | ")
        into = unlabelled_into(labels)
        if into:
            header = " | ".join(merged(labels, into))
            header_cells = merged(header_cells, into)
            merged_rows = [merged(r, into) for r in merged_rows]
    row_texts = [" | ".join(r) for r in merged_rows]
    if first_is_data:
        row_texts.insert(0, " | ".join(header_cells))
    caption, i = _caption_after(lines, i)
    text = "\n".join([*([caption] if caption else []), *([header] if header else []), *row_texts])
    return Block("table", text, page, header=header, rows=tuple(row_texts)), i


def _resolve_header(
    lines: list[str], start: int, columns: list[int], first_row: list[str], page: int,
    previous: list[Block], floor: int,
) -> tuple[str | None, bool]:
    """The table's header line: its first row, unless that row is data. Then, in order: the
    header of the table it continues from the page before (a continued table repeats no
    header), the labels printed above it that did not align as a row, or none at all."""
    first = " | ".join(first_row)
    if not _looks_like_data(first_row):
        return _two_level(lines, start, columns, first_row, floor) or first, False
    # The last table of the previous page with a real header (a part below it on that
    # page may itself have started at a data row).
    prior = next((b for b in reversed(previous) if b.kind == "table" and b.header
                  and not has_figure_cell(b.header.split(" | "))), None)
    on_this_page = [b for b in previous if b.page == page]
    on_this_page_table = any(b.kind == "table" for b in on_this_page)
    if prior is not None and prior.page == page - 1 and prior.header and not on_this_page_table:
        same_columns = prior.header.count("|") == first.count("|")
        # At the top of a page, right after a table ending the page before: a
        # continuation even where a column more or less was recognised.
        at_page_top = not on_this_page and previous and previous[-1].page == page - 1 and (
            previous[-1].kind == "table")
        if same_columns or at_page_top:
            return prior.header, True
    # Below a table of this page, lines above are rather its rows that did not align.
    above = None if on_this_page_table else _header_above(lines, start, columns, floor)
    if above is not None:
        return above, True
    if has_figure_cell(first_row):
        return None, True  # every row is data: no header row is printed
    return first, False


def with_caption_above(blocks: list[Block], table: Block) -> Block:
    """A "Table N: ..." caption printed just above a table goes with it (taken from the
    blocks), so that every part of the table quotes it; one below is read by try_table."""
    last = blocks[-1] if blocks else None
    if (
        last is None
        or last.kind != "caption"
        or last.page != table.page
        or not TABLE_CAPTION.match(last.text)
        or CAPTION.match(table.text.split("\n", 1)[0])
    ):
        return table
    blocks.pop()
    return replace(table, text=f"{last.text}\n{table.text}")


def continues_table(blocks: list[Block], table: Block) -> bool:
    """Rows that continue the table above on the same page after a line that did not align
    (a centred cell, a wrapped label) are not a new table whose first row would pass for
    its header: they join that table, under its real header. True when joined."""
    k = next((k for k in range(len(blocks) - 1, -1, -1) if blocks[k].kind == "table"), None)
    if k is None or not table.rows:
        return False
    prior, between = blocks[k], blocks[k + 1 :]
    rows = table.rows if table.header is None else (table.header, *table.rows)
    if (
        prior.page != table.page
        or not prior.header
        or prior.header.count("|") != rows[0].count("|")
        or not _looks_like_data(rows[0].split(" | "))
        or len(between) > 2
        or any(b.kind != "paragraph" or len(b.text) > 80 for b in between)
    ):
        return False
    blocks[k] = replace(prior, text="\n".join([prior.text, *rows]), rows=(*prior.rows, *rows))
    return True


def _labels_above(
    lines: list[str], start: int, columns: list[int], floor: int, *, groups_only: bool
) -> list[list[tuple[str, bool]]] | None:
    """Per column, the labels printed in the short lines just above a table, top-down, each
    marked True where it spans several columns (a group: "Constitutional System" over
    "Forms of State | Forms of Government"). ``groups_only``: read only the lines of
    spanning labels right above (the table's first row is its header's lower level)."""
    labels: list[list[tuple[str, bool]]] = [[] for _ in columns]
    used = 0
    blank_run = 0
    for j in range(start - 1, max(floor - 1, start - 9), -1):
        line = lines[j]
        if not line.strip():
            blank_run += 1
            if blank_run > 4 or groups_only:  # header lines may sit well above the rows
                break
            continue
        blank_run = 0
        cells = line_cells(line)
        if any(len(t) > 40 or _sentence(t) for _, t in cells) or has_figure_cell(
            [t for _, t in cells]
        ):
            break  # a title or prose line, or data: the header ends here
        placed: list[tuple[list[int], str]] = []
        for col_start, text in cells:
            # The columns that start under the label; a label over one column or none
            # belongs to the column it starts in.
            covered = [k for k, c in enumerate(columns)
                       if col_start - 2 <= c <= col_start + len(text) + 2]
            if len(covered) < 2:
                home = column_of(col_start, columns)
                covered = [home] if home is not None else []
            if covered:
                placed.append((covered, text))
        if groups_only and not any(len(covered) > 1 for covered, _ in placed):
            break
        for covered, text in placed:
            for k in covered:
                labels[k].insert(0, (text, len(covered) > 1))
        used += 1
    return labels if used else None


def _label(parts: list[tuple[str, bool]], lower: str = "") -> str:
    """One column's name: its group labels, then its own ("Upper: Lower")."""
    group = squash(" ".join(t for t, spans in parts if spans))
    own = squash(" ".join([*(t for t, spans in parts if not spans), lower]))
    return f"{group}: {own}" if group and own else group or own


def _two_level(
    lines: list[str], start: int, columns: list[int], first_row: list[str], floor: int
) -> str | None:
    """The first row under group labels that span its columns, as "Upper: Lower"."""
    labels = _labels_above(lines, start, columns, floor, groups_only=True)
    if labels is None:
        return None
    return " | ".join(_label(parts, lower) for parts, lower in zip(labels, first_row, strict=True))


def _header_above(lines: list[str], start: int, columns: list[int], floor: int) -> str | None:
    """A header printed above a table whose first row is data: labels over several lines,
    which did not align as a row (a label spanning columns, a label wrapped in its cell)."""
    labels = _labels_above(lines, start, columns, floor, groups_only=False)
    if labels is None:
        return None
    header = [_label(parts) for parts in labels]
    labelled = sum(1 for h in header if h)
    return " | ".join(header) if labelled >= max(2, len(columns) // 2) else None



def _side_text(labels: list[str], rows: list[list[str]]) -> bool:
    """Whether the first column is text printed along the table (a label turned sideways,
    cut into fragments): no label of its own where every other column has one, and cells
    that mostly repeat one another, unlike the row labels of a first column."""
    if len(labels) < 4 or labels[0] or not all(labels[1:]):
        return False
    firsts = [r[0] for r in rows]
    return len(set(firsts)) * 2 < len(firsts)


def _wrapped_labels(first: list[str], second: list[str]) -> bool:
    """Whether the second row only continues the first row's labels: every cell filled,
    starting in lower case, with no figure ("problem | out a program | program")."""
    return not _looks_like_data(first) and all(second) and all(
        c[:1].islower() and not any(ch.isdigit() for ch in c) for c in second)


def _sentence(text: str) -> bool:
    """A cell that reads as prose ("The example below sets out the benefits."), no label."""
    return len(text.split()) > 3 and text.rstrip().endswith((".", ":"))


# A cell that is a figure ("1000", "4.8", "25%"), never a column label; a year is one.
_FIGURE = re.compile(r"^(?!(?:19|20)\d\d$)[-+(]?\d[\d\s,.]*%?\)?$")


def has_figure_cell(cells: list[str]) -> bool:
    return any(_FIGURE.match(c.strip()) for c in cells)


def _looks_like_data(cells: list[str]) -> bool:
    """Headers are short labels; a line with digits or long cells is a data row."""
    return any(len(c) > 30 or any(ch.isdigit() for ch in c) for c in cells)



def _caption_after(lines: list[str], i: int) -> tuple[str | None, int]:
    """A "Table N ..." line printed just below a table becomes its caption."""
    for j in range(i, min(i + 3, len(lines))):
        if CAPTION.match(lines[j].strip()):
            return squash(lines[j]), j + 1
        if lines[j].strip():
            break
    return None, i


def split_side_by_side(lines: list[str]) -> list[str]:
    """Two tables printed side by side, read as one table after the other.

    A table too long for its page is often set in two halves next to each other, and each
    half repeats the header: a line whose cells are the same labels twice over ("Country |
    Score | Country | Score"). Read across, each line would join a row of the left half to
    an unrelated row of the right half. From that line down, while no cell crosses the gap
    between the two halves, the lines are cut there: the left half, then the right half.
    """
    for h, line in enumerate(lines):
        cells = line_cells(line)
        half = len(cells) // 2
        if half < 2 or len(cells) % 2 or [t.lower() for _, t in cells[:half]] != [
            t.lower() for _, t in cells[half:]
        ]:
            continue
        left_end = cells[half - 1][0] + len(cells[half - 1][1])
        x = (left_end + cells[half][0]) // 2  # the middle of the gap between the halves
        end = h + 1
        while end < len(lines) and not any(
            start < x < start + len(text) for start, text in line_cells(lines[end])
        ):
            end += 1
        if end - h < 3:
            continue
        region = lines[h:end]
        left = [ln[:x].rstrip() for ln in region]
        right = [ln[x:].rstrip() for ln in region]
        return [*lines[:h], *left, "", *right, *split_side_by_side(lines[end:])]
    return lines

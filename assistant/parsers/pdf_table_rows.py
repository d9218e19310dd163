"""Rows of a PDF table in layout-mode text: which column each cell of a line falls in, and
whether a line starts a row, continues the row above, or opens the row below (a cell
printed above its row's first line when centred on a taller row); columns printed
without a label of their own joined to their labelled neighbour."""

from __future__ import annotations

import re

from assistant.countries import country_of_cell

_JUNK = re.compile(r"[\x7f\ue000-\uf8ff]")


def line_cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell; cells are separated by 3+ spaces."""
    line = _JUNK.sub(" ", line)
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", line)]


# A cell ending mid-phrase ("Secretary-General at", "Planning,"): its next line goes on.
_CUT = re.compile(r"(?:\b[a-z]{1,3}|[,;/&(-])$")


def next_entry(row: list[str], placed: list[tuple[int, str]]) -> bool:
    """Whether a line filling every column but the first, each cell starting a new entry
    (a capital or a figure, not a wrapped word), under a row whose cells are all filled,
    is a row of its own: the row's first cell spans both."""
    filled = sorted(idx for idx, _ in placed)
    return (len(row) >= 3 and filled == list(range(1, len(row))) and all(row)
            and not any(_CUT.search(cell) for cell in row[1:])
            and all(text[:1].isupper() or text[:1].isdigit() for _, text in placed))


def placed_cells(
    cells: list[tuple[int, str]], columns: list[int], head_cells: list[tuple[int, str]]
) -> list[tuple[int, int, str]]:
    """(column index, start, text) of a line's cells; [] when a cell fits no column."""
    bounds = columns[1:] + [10_000]
    placed: list[tuple[int, int, str]] = []
    for col_start, text in cells:
        idx = column_of(col_start, columns)
        if idx is not None and col_start + len(text) > bounds[idx] + 2:
            # It runs into the next column: a cell centred under its column's label.
            idx = centred_column(col_start, text, head_cells)
        if idx is None:
            return []
        placed.append((idx, col_start, text))
    return placed


def starts_row(placed: list[tuple[int, str]], n_columns: int) -> bool:
    """A line filling the first column and most others starts a row (tables printed
    without spacing between rows)."""
    return placed[0][0] == 0 and len(placed) >= max(2, n_columns // 2)


def line_after(
    lines: list[str], i: int, columns: list[int], head_cells: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """The placed cells of the next line that is not blank ([] if none or no fit)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return []
    return [(idx, text) for idx, _, text in placed_cells(line_cells(lines[i]), columns, head_cells)]


def _ends_mid_phrase(text: str) -> bool:
    """A cell line that goes on below: a cut word or sign, or a parenthesis left open."""
    return bool(_CUT.search(text)) or text.count("(") > text.count(")")


def opens_next_row(
    row: list[str], placed: list[tuple[int, str]], after: list[tuple[int, str]]
) -> bool:
    """Whether a line continuing no row belongs to the row the next line starts: it fills
    no first column, each of its cells opens an entry (a capital, a figure or a
    parenthesis, not a wrapped word) and goes on below ("(except Scotland: Civil Law/")
    where the row above is complete in that column, and the next line starts a row
    filling those columns too."""
    if not after or not starts_row(after, len(row)) or placed[0][0] == 0:
        return False
    below = {idx for idx, _ in after}
    return all(
        _ends_mid_phrase(text) and (text[:1].isupper() or text[:1] in "(0123456789")
        and idx in below and row[idx] and not _ends_mid_phrase(row[idx])
        for idx, text in placed)


def with_lines_above(
    at: list[tuple[int, int, str]], ahead: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A row's first line with the lines held above it, each placed before the piece of
    its cell that starts where it does (a cell's second sub-column: "Common law |
    (except Scotland: ... / Common law and Jersey ...")."""
    out = list(at)
    for idx, start, text in ahead:
        spot = next((k for k, (j, s, _) in enumerate(out) if j == idx and abs(s - start) <= 2),
                    next((k for k, (j, _, _) in enumerate(out) if j == idx), len(out)))
        out.insert(spot, (idx, start, text))
    return out


def next_country(row: list[str], placed: list[tuple[int, str]]) -> bool:
    """Whether a line filling the first column and too few others to start a row is a row
    of its own all the same: its first cell names a country, under a row whose first cell
    names one too and is complete ("Libya (in transition)" under "Liberia", a row with
    most cells empty), unlike "Congo" under "Democratic Republic of"."""
    if placed[0][0] != 0 or not row[0] or _ends_mid_phrase(row[0]):
        return False
    return bool(country_of_cell(placed[0][1]) and country_of_cell(row[0]))


# At most this share of a header's columns may go unlabelled and be read as sub-columns.
_UNLABELLED_SHARE = 4


def unlabelled_into(labels: list[str]) -> dict[int, int]:
    """Columns printed without a label of their own among labelled ones, each to the
    labelled neighbour it is a part of ("Mixed | Civil Law/Customary" under one "Legal
    System"): the one to its right where its left is the rows' subject, else its left."""
    empty = [k for k, label in enumerate(labels) if not label.strip()]
    if not empty or 0 in empty or len(empty) * _UNLABELLED_SHARE > len(labels):
        return {}
    into: dict[int, int] = {}
    for k in empty:
        left = k - 1 if k - 1 > 0 and labels[k - 1].strip() else None
        right = k + 1 if k + 1 < len(labels) and labels[k + 1].strip() else None
        target = left if left is not None else right
        if target is None:
            return {}
        into[k] = target
    return into


def merged(cells: list[str], into: dict[int, int]) -> list[str]:
    """A row with each unlabelled column's text joined to its neighbour's, in print order."""
    out = list(cells)
    for k, target in into.items():
        pair = (out[k], out[target]) if k < target else (out[target], out[k])
        out[target] = " ".join(p for p in pair if p).strip()
    return [c for k, c in enumerate(out) if k not in into]


def centred_column(col_start: int, text: str, head: list[tuple[int, str]]) -> int | None:
    """The column of a cell that starts left of its column's first-row cell: the one whose
    first-row cell is centred nearest to it (labels and figures centred in a column), if
    the cell lies under that cell and under no other."""
    centre = col_start + len(text) / 2
    idx = min(range(len(head)), key=lambda k: abs(head[k][0] + len(head[k][1]) / 2 - centre))
    end = col_start + len(text)
    over = [k for k, (s, t) in enumerate(head) if s < end and col_start < s + len(t)]
    return idx if over == [idx] else None


def column_of(col_start: int, columns: list[int]) -> int | None:
    for idx in range(len(columns) - 1, -1, -1):
        if col_start >= columns[idx] - 2:
            return idx
    return None

"""Two-column PDF pages read down each column: the left column's lines, then the right's.

Layout-mode text (``pdf_text``) places each piece of text at its position on the page, so
both columns share every line ("Weighting the Relative Importance      Assessing Public
Participation and"); read as prose, each line would jump across the gutter. A gutter is a
character position that the page's lines leave blank; the lines that cross it (a title, a
full-width paragraph, a footer) cut the page into bands, and each band whose lines have
text on both sides of the gutter is read as its left column, then its right column. A
band whose sides are table cells (short pieces, several to a line) is left as it is: the
gutter there is between a table's columns, and the table parser needs the whole row.
"""

from __future__ import annotations

import re

_CELL_GAP = re.compile(r"\S\s{3,}\S")  # 3+ spaces inside a side: more than one cell
_LIST_MARK = re.compile(r"^(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]\s+")  # "1.     The ..." is one item
_MIN_BAND_LINES = 6  # fewer lines than this side by side are not columns
_MIN_BOTH_SIDES = 0.4  # share of a band's lines with text on both sides of the gutter
# Columns of prose run the page down; a few rows side by side are more likely a table's.
_MIN_SIDE_BY_SIDE = 10
_MIN_SIDE_CHARS = 25  # prose lines are longer than this on average; table cells shorter
_MAX_MULTI_CELL = 0.25  # share of a side's lines that may hold several cells (a small table)


def read_columns(lines: list[str]) -> list[str]:
    """The page's lines with each two-column band read as left column, then right column;
    a page without a gutter comes back unchanged (the same list)."""
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) < _MIN_BAND_LINES:
        return lines
    gutter = _gutter(filled)
    if gutter is None:
        return lines
    out: list[str] = []
    band: list[str] = []
    changed = False
    for line in lines:
        if _crosses(line, gutter):
            split = _split_band(band, gutter)
            changed |= split != band
            out.extend(split)
            out.append(line)
            band = []
        else:
            band.append(line)
    split = _split_band(band, gutter)
    changed |= split != band
    out.extend(split)
    return out if changed else lines


def columns_on_page(lines: list[str]) -> bool:
    """Whether some band of the page is read as two columns."""
    return read_columns(lines) is not lines


def _gutter(filled: list[str]) -> int | None:
    """The character position in the middle of the page that the fewest lines cross, among
    those with text on both sides in many lines; None if every position is crossed often."""
    # The text's extent: a high percentile of where lines end, so that a sidebar or a page
    # number printed in the margin does not move the middle of the page.
    ends = sorted(len(ln.rstrip()) for ln in filled)
    right = ends[int(len(ends) * 0.9)]
    left = min(len(ln) - len(ln.lstrip()) for ln in filled)
    width = right - left
    best: tuple[int, int, int] | None = None  # (lines crossing, -lines on both sides, x)
    for x in range(left + int(width * 0.3), left + int(width * 0.7)):
        crossing = sum(1 for ln in filled if _crosses(ln, x))
        both = sum(1 for ln in filled if not _crosses(ln, x) and _both_sides(ln, x))
        key = (crossing, -both, x)
        if best is None or key < best:
            best = key
    if best is None or -best[1] < _MIN_BAND_LINES or best[0] > len(filled) * 0.5:
        return None
    return best[2]


def _crosses(line: str, x: int) -> bool:
    return bool(line[max(x - 1, 0) : x + 2].strip())


def _both_sides(line: str, x: int) -> bool:
    return bool(line[:x].strip() and line[x:].strip())


def _split_band(band: list[str], x: int) -> list[str]:
    """A band of lines that no line crosses at ``x``: left then right when both sides hold
    prose, else the band itself (the same list)."""
    head, band, tail = _left_only_ends(band, x)
    filled = [ln for ln in band if ln.strip()]
    if len(filled) < _MIN_BAND_LINES:
        return [*head, *band, *tail] if head or tail else band
    both = sum(1 for ln in filled if _both_sides(ln, x))
    if both < max(len(filled) * _MIN_BOTH_SIDES, _MIN_SIDE_BY_SIDE):
        return [*head, *band, *tail] if head or tail else band
    left = [ln[:x].rstrip() for ln in band]
    right = [ln[x:].rstrip() for ln in band]
    indent = min(len(s) - len(s.lstrip()) for s in right if s.strip())
    # A side may itself hold two columns (a spread of two pages side by side).
    sides = [read_columns(_trimmed(left)), read_columns(_trimmed([s[indent:] for s in right]))]
    for side in sides:
        pieces = [_LIST_MARK.sub("", s.strip()) for s in side if s.strip()]
        if sum(len(s) for s in pieces) / len(pieces) < _MIN_SIDE_CHARS:
            return [*head, *band, *tail] if head or tail else band
        if sum(1 for s in pieces if _CELL_GAP.search(s)) > len(pieces) * _MAX_MULTI_CELL:
            return [*head, *band, *tail] if head or tail else band
    # Each column is a paragraph run of its own, set off by blank lines from the text
    # around it and from the other column.
    columns = ["", *sides[0], "", *sides[1], ""]
    return [*head, *columns, *tail]


def _left_only_ends(band: list[str], x: int) -> tuple[list[str], list[str], list[str]]:
    """(head, middle, tail) of a band: text only on the left above or below the right
    column, set apart from it by 2+ blank lines, is a heading or paragraph over the whole
    page width (short enough not to cross the gutter), read before or after the columns."""
    right = [i for i, ln in enumerate(band) if ln[x:].strip()]
    if not right:
        return [], band, []
    start, end = _gap_end(band, right[0], -1), _gap_end(band, right[-1], 1)
    return band[:start], band[start:end], band[end:]


def _gap_end(band: list[str], edge: int, step: int) -> int:
    """From the first/last line with right-column text, the edge of the band's middle: the
    first run of 2+ blank lines beyond it, or the band's end."""
    i, blanks = edge + step, 0
    while 0 <= i < len(band):
        if band[i].strip():
            if blanks >= 2:
                return i - step * blanks + (1 if step < 0 else 0)
            blanks = 0
        else:
            blanks += 1
        i += step
    return 0 if step < 0 else len(band)


def _trimmed(lines: list[str]) -> list[str]:
    start = next(i for i, s in enumerate(lines) if s.strip())
    end = max(i for i, s in enumerate(lines) if s.strip())
    return lines[start : end + 1]

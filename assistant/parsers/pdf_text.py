"""One pass over a PDF page's content stream: layout text and the runs of text with their
font size, weight and position.

pypdf's layout mode (``extract_text(extraction_mode="layout")``) turns text into a grid of
fixed-width columns. Between two separately positioned pieces of text it pads to the grid
column of the second piece, whatever the real gap: where the grid runs short of the line,
a letter positioned on its own lands a dozen columns away ("th         e"); where it runs
long, two words a space apart touch ("Availabilityof"). Here the gap between the end of
one piece and the start of the next, in points, decides: a fraction of a space joins them,
a word gap gives one space, a column gap keeps the grid. The same pass keeps each piece's
font, so headings need no second extraction (which doubled the parse time).

pypdf's layout internals (``pypdf._text_extraction._layout_mode``) do the content-stream
work; only the assembly of lines is ours.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# Gaps, as a share of the font height: below this, no space (kerning, a letter positioned
# on its own); below a column gap, one space; wider, a column boundary.
_SAME_WORD = 0.15
_COLUMN_GAP = 0.6
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_CONTROL = str.maketrans(dict.fromkeys(range(14, 32), " "))


class Run(NamedTuple):
    """A piece of text as the PDF draws it, with its font size, weight and baseline."""

    text: str
    size: float
    bold: bool
    y: float
    x: float = 0.0  # where it starts and ends on the line, in points
    end: float = 0.0


class PageText(NamedTuple):
    layout: str  # lines, columns kept as runs of spaces
    runs: list[Run]


def page_text(page: Any) -> PageText:
    """Layout text and text runs of one pypdf page."""
    from pypdf.generic import ArrayObject, ContentStream, StreamObject

    contents = page.get("/Contents")
    if contents is not None:
        contents = contents.get_object()
    if not isinstance(contents, (ArrayObject, StreamObject)):
        return PageText("", [])
    fonts = page._layout_mode_fonts()
    ops = iter(ContentStream(contents, page.pdf, "bytes").operations)
    shown = [
        t for t in _text_show_operations(ops, fonts)
        if t.text and not t.rotated and t.font.interpretable
    ]
    runs = [
        Run(
            t.text,
            round(t.font_height, 1),
            bool(_BOLD_FONT.search(t.font.name or "")),
            round(t.ty, 1),
            t.tx,
            t.displaced_tx,
        )
        for t in shown
        if t.text.strip()
    ]
    if not shown:
        return PageText("", runs)
    from pypdf._text_extraction import _layout_mode

    # Pieces drawn one after another along a line join into one group, with spaces from
    # the gaps between them (pypdf's own grouping spaces them by its estimate of a space's
    # width, often wrong); groups keep what one text object draws together, so a figure's
    # labels over a line of prose do not interleave with it letter by letter.
    min_x = min(t.tx for t in shown)
    pieces: list[dict[str, Any]] = []
    for t in shown:
        last = pieces[-1] if pieces else None
        height = t.font_height or 1.0
        if (
            last is not None
            and abs(t.ty - last["ty"]) < 0.5 * height
            and -0.5 * height < t.tx - min_x - last["displaced_tx"] < _COLUMN_GAP * height
        ):
            gap = spaces_between(t.tx - min_x - last["displaced_tx"], height, 1)
            spaced = last["text"].endswith(" ") or t.text.startswith(" ")
            glue = " " if gap and not spaced else ""
            last["text"] += glue + t.text
            last["displaced_tx"] = t.displaced_tx - min_x
            continue
        pieces.append(
            {
                "tx": t.tx - min_x,
                "ty": t.ty,
                "font_size": t.font_size,
                "font_height": t.font_height,
                "text": t.text,
                "displaced_tx": t.displaced_tx - min_x,
                "flip_sort": -1 if t.flip_vertical else 1,
            }
        )
    pieces.sort(key=lambda g: (g["ty"] * g["flip_sort"], -g["tx"]), reverse=True)
    lines = _layout_mode.y_coordinate_groups(pieces)  # type: ignore[arg-type]
    char_width = _layout_mode.fixed_char_width(pieces, 1.25)  # type: ignore[arg-type]
    return PageText(_fixed_width_page(lines, char_width), runs)


def spaces_between(gap: float, height: float, grid_spaces: int) -> int:
    """Spaces between two pieces of a line ``gap`` points apart, for text ``height`` high;
    ``grid_spaces`` is what the fixed-width grid would put there.

    >>> spaces_between(1.0, 11, 15), spaces_between(3.0, 11, 0), spaces_between(40, 11, 0)
    (0, 1, 3)
    """
    if gap < _SAME_WORD * height:
        return 0
    if gap < _COLUMN_GAP * height:
        return 1
    return max(grid_spaces, 3)


def _text_show_operations(ops: Any, fonts: dict) -> list:
    """Every text-show operation of a content stream, with its position, font and size
    (pypdf's ``text_show_operations`` without its grouping)."""
    from pypdf._text_extraction._layout_mode._fixed_width_page import (
        recurse_to_target_op,
        set_font_operation,
    )

    state = _text_state()
    shown: list = []
    for operands, op in ops:
        if op in (b"BT", b"q"):
            _, tjs = recurse_to_target_op(ops, state, b"ET" if op == b"BT" else b"Q", fonts, True)
            shown.extend(tjs)
        elif op == b"Tf":
            set_font_operation(state, fonts, operands)
        else:
            state.set_state_param(op, operands)
    return shown


def _text_state() -> Any:
    """pypdf's text state, with character and word spacing, scaling, leading and rise
    saved by ``q`` and restored by ``Q`` as the PDF graphics state requires (pypdf keeps
    only the font): a "0.122 Tc" inside one q/Q pair otherwise narrows or widens every
    later line, and pieces of one word land apart ("th e", "thei r")."""
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager

    class TextState(TextStateManager):
        def __init__(self) -> None:
            super().__init__()
            self.saved: list[tuple[float, float, float, float, float]] = []

        def add_q(self) -> None:
            self.saved.append((self.Tc, self.Tw, self.Tz, self.TL, self.Ts))
            super().add_q()

        def remove_q(self) -> Any:
            if self.saved:
                self.Tc, self.Tw, self.Tz, self.TL, self.Ts = self.saved.pop()
            return super().remove_q()

        @property
        def effective_transform(self) -> list[float]:
            # pypdf's product of the stack, newest first, without a list per factor: a TJ
            # array pushes a matrix per kerning number, so the stack grows along a line and
            # this product took a fifth of the parse. The same operations in the same
            # order give the same floats.
            maps = self.transform_stack.maps
            top = maps[0]
            a, b, c, d, e, f = top[0], top[1], top[2], top[3], top[4], top[5]
            for m in maps[1:]:
                m0, m1, m2, m3 = m[0], m[1], m[2], m[3]
                a, b, c, d, e, f = (
                    a * m0 + b * m2,
                    a * m1 + b * m3,
                    c * m0 + d * m2,
                    c * m1 + d * m3,
                    e * m0 + f * m2 + m[4],
                    e * m1 + f * m3 + m[5],
                )
            return [a, b, c, d, e, f]

    return TextState()


def _fixed_width_page(lines: dict[int, list], char_width: float) -> str:
    """pypdf's ``fixed_width_page`` with the gap between pieces judged in points."""
    out: list[str] = []
    last_y = 0
    for y, groups in lines.items():
        if out:
            height = groups[0]["font_height"]
            blank = 0 if height == 0 else int(abs(y - last_y) / height) - 1
            out.extend([""] * min(max(blank, 0), 1_000))
        parts: list[str] = []
        length = 0
        last_end: float | None = None
        for group in groups:
            tx = group["tx"]
            grid = (int(tx // char_width) if char_width else length) - length
            if last_end is None:
                pad = max(grid, 0)
            else:
                pad = spaces_between(tx - last_end, group["font_height"], grid)
            text = group["text"].translate(_CONTROL)
            if pad and parts and parts[-1].endswith(" "):
                pad = max(pad - 1, 0) if pad < 3 else pad
            parts.append(" " * min(pad, 10_000))
            parts.append(text)
            length += pad + len(text)
            last_end = group["displaced_tx"]
        line = "".join(parts).rstrip()
        if line.strip() or out:
            out.append(line)
        last_y = y
    return "\n".join(out)

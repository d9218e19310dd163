"""PowerPoint (.pptx) -> blocks with python-pptx: one slide is one page.

The slide title heads the slide's section; the other text frames follow in reading order
(top to bottom, then left to right); a frame's bulleted paragraphs are a list kept with the
line before them; tables are tables; grouped shapes are opened; speaker notes are kept
under the slide's section as "Speaker notes", with the locator "slide N, speaker notes".
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, check_chars, list_block, short, squash, table_block
from assistant.settings import Settings
from assistant.types import Block

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import TextFrame, _Paragraph


def parse_pptx(data: bytes, settings: Settings) -> ParsedFile:
    """Slides -> blocks: title heading, frames in reading order, tables, speaker notes."""
    import pptx

    try:
        deck = pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure to open is a bad file
        raise InputFileError(f"corrupt or unreadable .pptx ({short(exc)})") from None
    blocks: list[Block] = []
    total = 0
    for number, slide in enumerate(deck.slides, start=1):
        slide_blocks = _slide_blocks(slide, number)
        total += sum(len(b.text) for b in slide_blocks)
        check_chars(total, settings, partial=True)
        blocks.extend(slide_blocks)
    # A deck's properties often keep a template's title ("Heading"): the first slide's
    # title is the fallback (ingest rejects placeholder titles).
    first_title = next((b.text for b in blocks if b.kind == "heading" and b.page == 1), None)
    title = (deck.core_properties.title or "").strip() or first_title
    return ParsedFile(blocks, len(deck.slides), title, doc_type="presentation")


def _slide_blocks(slide: Slide, number: int) -> list[Block]:
    locator = f"slide {number}"
    blocks: list[Block] = []
    title_shape = slide.shapes.title
    title = squash(title_shape.text_frame.text) if title_shape is not None else ""
    if title:
        blocks.append(Block("heading", title, number, level=1, locator=locator))
    shapes = [
        s for s in _flatten(slide.shapes)
        if (title_shape is None or s.shape_id != title_shape.shape_id) and not _furniture(s)
    ]
    shapes.sort(key=lambda s: ((s.top or 0) // 100_000, s.left or 0))  # rows ~0.1 in apart
    for shape in shapes:
        if getattr(shape, "has_table", False) and shape.has_table:
            rows = [[squash(c.text) for c in row.cells] for row in shape.table.rows]
            rows = [r for r in rows if any(r)]
            if len(rows) >= 2:
                blocks.append(table_block(rows[0], rows[1:], number, locator=locator))
            elif rows:
                blocks.append(Block("paragraph", " | ".join(rows[0]), number, locator=locator))
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            blocks.extend(_frame_blocks(shape.text_frame, number, locator))
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        text = notes.text.strip() if notes is not None else ""
        if text and notes is not None:
            blocks.append(Block("heading", "Speaker notes", number, level=2, locator=locator))
            blocks.extend(_frame_blocks(notes, number, f"{locator}, speaker notes"))
    return blocks


def _furniture(shape: BaseShape) -> bool:
    """Slide number, date and footer placeholders: printed on every slide, never content."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not shape.is_placeholder:
        return False
    furniture = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER)
    try:
        return shape.placeholder_format.type in furniture
    except ValueError:
        return False


def _flatten(shapes: Iterable[Any]) -> Iterator[Any]:
    # Any: python-pptx shapes of several classes, told apart by has_table / has_text_frame.
    """Shapes with the members of groups in their place."""
    for shape in shapes:
        if shape.shape_type is not None and hasattr(shape, "shapes"):
            yield from _flatten(shape.shapes)
        else:
            yield shape


def _frame_blocks(frame: TextFrame, page: int, locator: str) -> list[Block]:
    """A text frame's paragraphs: indented or bulleted ones form a list with the line
    before them as its lead-in; the rest are paragraphs."""
    blocks: list[Block] = []
    lines = [(p.level, squash("".join(r.text for r in p.runs) or p.text), _bulleted(p))
             for p in frame.paragraphs]
    lines = [(level, text, bullet) for level, text, bullet in lines if text]
    items: list[str] = []
    lead: str | None = None
    for level, text, bullet in lines:
        if bullet or level > 0:
            items.append(text)
            continue
        if items or lead:
            blocks.append(list_block(lead, items, page, locator) if items
                          else Block("paragraph", lead or "", page, locator=locator))
            items, lead = [], None
        if len(lines) > 1:
            lead = text  # may introduce the bullets that follow
        else:
            blocks.append(Block("paragraph", text, page, locator=locator))
    if items:
        blocks.append(list_block(lead, items, page, locator))
    elif lead:
        blocks.append(Block("paragraph", lead, page, locator=locator))
    return blocks


def _bulleted(paragraph: _Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    return any(child.tag.endswith(("}buChar", "}buAutoNum")) for child in ppr)

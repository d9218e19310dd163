"""PDF page lines (pypdf layout mode) -> blocks: headings, paragraphs, lists, tables.

Columns in layout-mode text are runs of 3+ spaces, so a table is a run of lines whose cells
align; a list is a run of bullet lines, kept with the sentence ending in ":" before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.parsers.base import squash
from assistant.parsers.pdf_tables import (
    CAPTION,
    continues_table,
    try_table,
    with_caption_above,
)
from assistant.types import Block

# One or more bullet glyphs: fonts often draw a junk glyph before the visible one ("\x7f ❖").
_BULLET = re.compile(
    r"^(?:(?:[\u2022\u25aa\u25b6\u25ba\u25cf\u25e6\u2756\u27a2\u2013\x7f>*•-]|[\ue000-\uf8ff])\s*)+"
)

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
            if CAPTION.match(text):
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
    floor = 0  # the first line below the last table read (header labels stop there)
    while i < len(lines):
        line = lines[i]
        stripped = squash(line)
        if not stripped:
            flush_paragraph()
            i += 1
            continue
        table = try_table(lines, i, page, previous + blocks, floor)
        if table is not None:
            block, i = table
            floor = i
            flush_paragraph()
            flush_list()
            flush_lead_in()
            # Header lines read into the table are not text of their own as well.
            header_words = set((block.header or "").replace(": ", " ").split())
            while (
                blocks
                and blocks[-1].kind == "paragraph"
                and set(blocks[-1].text.split()) <= header_words
            ):
                blocks.pop()
            if not continues_table(blocks, block):
                blocks.append(with_caption_above(blocks, block))
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

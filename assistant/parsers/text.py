"""Plain text -> blocks, line by line; form feeds separate pages (Markdown too).

Markdown is parsed by assistant/parsers/markdown.py; this module reads plain text (and the
text OCR returns for a scanned PDF page): paragraphs, "-"/"*"/"1." lists with their lead-in,
headings underlined with "===" or "---".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.parsers.base import ParsedFile, check_chars, decode, squash
from assistant.settings import Settings
from assistant.types import Block

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_UNDERLINE = re.compile(r"\s*(=+|-+)\s*")


def parse_text(data: bytes, settings: Settings) -> ParsedFile:
    """Plain text: paragraphs, "-"/"*" lists, underlined headings; form feeds = pages."""
    return paged_blocks(decode(data), settings, lambda page_text, page: text_blocks(
        page_text.split("\n"), page))


def paged_blocks(
    text: str, settings: Settings, blocks_of: Callable[[str, int], list[Block]]
) -> ParsedFile:
    """Blocks of each form-feed-separated page, each with its locator."""
    check_chars(len(text), settings)
    pages = text.split("\f")
    blocks: list[Block] = []
    for page_no, page_text in enumerate(pages, start=1):
        blocks.extend(blocks_of(page_text, page_no))
    # Paragraph numbers locate a passage in a file without pages.
    blocks = [
        replace(b, locator=f"¶ {n}") if len(pages) == 1 else replace(b, locator=f"p. {b.page}")
        for n, b in enumerate(blocks, start=1)
    ]
    return ParsedFile(blocks, len(pages))


def text_blocks(lines: list[str], page: int) -> list[Block]:
    """Plain-text lines of one page -> heading, paragraph and list blocks."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            text = squash(" ".join(paragraph))
            paragraph.clear()
            if items == [] and text.endswith(":"):
                items.append("\x00" + text)  # lead-in marker, kept with its list
            else:
                blocks.append(Block("paragraph", text, page))
        if items and not items[-1].startswith("\x00"):
            lead = items[0][1:] if items[0].startswith("\x00") else None
            body = "\n".join(f"- {i}" for i in items if not i.startswith("\x00"))
            blocks.append(Block("list", f"{lead}\n{body}" if lead else body, page, header=lead))
            items.clear()

    for idx, raw in enumerate(lines):
        line = raw.rstrip()
        if not line.strip():
            if paragraph:
                flush()
            continue
        underline = idx + 1 < len(lines) and _UNDERLINE.fullmatch(lines[idx + 1] or "")
        if _UNDERLINE.fullmatch(line) and blocks and blocks[-1].kind == "heading":
            continue
        if underline and len(line) < 100 and not paragraph:
            flush()
            if items and items[0].startswith("\x00"):
                blocks.append(Block("paragraph", items.pop(0)[1:], page))
            level = 1 if underline and "=" in underline.group(1) else 2
            blocks.append(Block("heading", squash(line), page, level=level))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            if paragraph:
                paragraph_text = squash(" ".join(paragraph))
                paragraph.clear()
                if paragraph_text.endswith(":"):
                    items.append("\x00" + paragraph_text)
                else:
                    blocks.append(Block("paragraph", paragraph_text, page))
            items.append(squash(item.group(1)))
            continue
        if items and not items[-1].startswith("\x00") and raw.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
            continue
        if items and not items[-1].startswith("\x00"):
            flush()
        paragraph.append(line.strip())
    flush()
    if items and items[0].startswith("\x00"):
        blocks.append(Block("paragraph", items.pop(0)[1:], page))
    return blocks


"""Plain text and Markdown -> blocks, line by line; form feeds separate pages.

Markdown written for web renderers (GitBook, HTML inside Markdown) is cleaned first: tags,
template directives (``{% tab %}``) and entities (``&#x20;``) never reach the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.parsers.base import ParsedFile, check_chars, decode, squash
from assistant.settings import Settings
from assistant.types import Block

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def parse_text(data: bytes, settings: Settings) -> ParsedFile:
    """Plain text: paragraphs, "-"/"*" lists, underlined headings; form feeds = pages."""
    return _parse(decode(data), settings, markdown=False)


def parse_markdown(data: bytes, settings: Settings) -> ParsedFile:
    """Markdown: "#" headings, lists, pipe tables, after HTML/GitBook markup is removed."""
    return _parse(clean_markdown(decode(data)), settings, markdown=True)


def _parse(text: str, settings: Settings, *, markdown: bool) -> ParsedFile:
    check_chars(len(text), settings)
    pages = text.split("\f")
    blocks: list[Block] = []
    for page_no, page_text in enumerate(pages, start=1):
        blocks.extend(text_blocks(page_text.split("\n"), page_no, markdown))
    # Paragraph numbers locate a passage in a file without pages.
    blocks = [
        replace(b, locator=f"¶ {n}") if len(pages) == 1 else replace(b, locator=f"p. {b.page}")
        for n, b in enumerate(blocks, start=1)
    ]
    return ParsedFile(blocks, len(pages))


# --------------------------------------------------------------------------------------
# Markdown written for web renderers

# YAML front matter ("---\ndescription: ...\n---") is page metadata for the renderer.
_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.DOTALL)
_TEMPLATE_TAB = re.compile(r"^\s*\{%\s*tab\s+title\s*=\s*\"([^\"]*)\"\s*%\}\s*$")
_TEMPLATE_OPEN = re.compile(r"^\s*\{%\s*(tabs|details)\b[^%]*%\}\s*$|^\s*<details\b[^>]*>\s*$")
_TEMPLATE_CLOSE = re.compile(r"^\s*\{%\s*end(tabs|details)\s*%\}\s*$|^\s*</details>\s*$")
_TEMPLATE_ANY = re.compile(r"\{%.*?%\}")
_SUMMARY = re.compile(r"^\s*<summary>(.*?)</summary>\s*$", re.IGNORECASE)
_HTML_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t[hd]>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")
_TASK_BOX = re.compile(r"^(\s*[-*+]\s+)\[[ xX]\]\s+")
_HEADING_LEVEL = re.compile(r"^(#{1,6})\s")


def clean_markdown(text: str) -> str:
    """Markdown as a reader sees it rendered: no tags, template directives or entities.

    GitBook tabs (``{% tab title="Plan" %}``) and HTML ``<summary>`` lines name the content
    under them, so they become headings one level below the enclosing one; HTML tables
    become pipe tables; links keep their text.
    """
    import html

    text = _FRONT_MATTER.sub("", text, count=1)
    text = _HTML_TABLE.sub(lambda m: _pipe_table(m.group()), text)
    out: list[str] = []
    level = 0  # level of the last heading written
    bases: list[int] = []  # heading level enclosing each open tabs/details group
    for line in text.split("\n"):
        if _TEMPLATE_OPEN.match(line):
            bases.append(level)
            continue
        if _TEMPLATE_CLOSE.match(line):
            level = bases.pop() if bases else level
            continue
        title = _TEMPLATE_TAB.match(line) or _SUMMARY.match(line)
        if title:
            level = min(6, (bases[-1] if bases else level) + 1)
            line = "#" * level + " " + _HTML_TAG.sub("", title.group(1))
        elif heading := _HEADING_LEVEL.match(line):
            level = len(heading.group(1))
        line = _TEMPLATE_ANY.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _HTML_TAG.sub(" ", line) if "<" in line else line
        line = _TASK_BOX.sub(r"\1", line)
        line = _EMPHASIS.sub("", line)
        line = html.unescape(line).replace("\xa0", " ").replace("\u200b", "")
        out.append(line.rstrip())
    return "\n".join(out)


def _pipe_table(table_html: str) -> str:
    """An HTML table as Markdown pipe rows, the first row as header."""
    import html

    rows = []
    for row in _HTML_ROW.findall(table_html):
        cells = [squash(html.unescape(_HTML_TAG.sub(" ", c))) for _, c in _HTML_CELL.findall(row)]
        if any(cells):
            rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    if not rows:
        return ""
    return "\n" + "\n".join([rows[0], "| --- |", *rows[1:]]) + "\n"


def text_blocks(lines: list[str], page: int, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    table: list[str] = []

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
        if table:
            header, rows = table[0], tuple(table[1:])
            blocks.append(Block("table", "\n".join(table), page, header=header, rows=rows))
            table.clear()

    for idx, raw in enumerate(lines):
        line = raw.rstrip()
        if not line.strip():
            if paragraph:
                flush()
            continue
        heading = _MD_HEADING.match(line) if markdown else None
        underline = idx + 1 < len(lines) and re.fullmatch(r"\s*(=+|-+)\s*", lines[idx + 1] or "")
        if re.fullmatch(r"\s*(=+|-+)\s*", line) and blocks and blocks[-1].kind == "heading":
            continue
        if heading or (underline and len(line) < 100 and not paragraph):
            flush()
            if items and items[0].startswith("\x00"):
                blocks.append(Block("paragraph", items.pop(0)[1:], page))
            level = (
                len(heading.group(1))
                if heading
                else (1 if underline and "=" in underline.group(1) else 2)
            )
            title = heading.group(2) if heading else line.strip()
            blocks.append(Block("heading", squash(title), page, level=level))
            continue
        if markdown and line.strip().startswith("|"):
            if _MD_TABLE_SEP.match(line):
                continue
            if paragraph:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if any(cells):  # a row of empty cells ("|", "| |") holds nothing to quote
                table.append(" | ".join(cells))
            continue
        if table:
            flush()
        item = _MD_LIST.match(line)
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


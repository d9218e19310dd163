"""Markdown -> blocks: markdown-it-py parses, this module walks its token stream.

Headings give the section path; bullet and ordered lists become list blocks ("- item" lines,
nested items flattened) with the paragraph that introduces them ("... the following:");
pipe tables become table blocks (header line, then "a | b | c" rows); paragraphs and code
become text. Raw HTML, images and links are reduced to the text a reader sees: markup never
reaches a chunk.

Markdown written for GitBook carries markup that is not Markdown: YAML front matter and
template directives (``{% tabs %}``, ``{% tab title="Plan" %}``, ``{% hint %}``). A small
pre-pass drops them, writing tabs as the HTML that renders the same way (``<details>`` with
a ``<summary>`` per tab), so a tab's title and a ``<summary>`` both become a heading one
level below the enclosing one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from assistant.parsers.base import ParsedFile, decode, list_block, squash, table_block
from assistant.settings import Settings
from assistant.types import Block

if TYPE_CHECKING:
    from markdown_it.token import Token


def parse_markdown(data: bytes, settings: Settings) -> ParsedFile:
    """Markdown: headings, lists, pipe tables, after GitBook directives are removed."""
    from assistant.parsers.text import paged_blocks

    return paged_blocks(without_directives(decode(data)), settings, markdown_blocks)


# --------------------------------------------------------------------------------------
# GitBook pre-pass: what is not Markdown

# YAML front matter ("---\ndescription: ...\n---") is page metadata for the renderer.
_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.DOTALL)
_DIRECTIVE = re.compile(r"\{%\s*(end)?(\w[\w-]*)(.*?)%\}")
_TAB_TITLE = re.compile(r"\btitle\s*=\s*\"([^\"]*)\"")


def without_directives(text: str) -> str:
    """GitBook's front matter and ``{% ... %}`` directives removed; tabs written as
    ``<details>``/``<summary>``, each on its own HTML block (blank lines around)."""

    def directive(match: re.Match[str]) -> str:
        end, name, args = match.group(1), match.group(2), match.group(3)
        if name == "tabs":
            return "\n\n</details>\n\n" if end else "\n\n<details>\n\n"
        title = _TAB_TITLE.search(args)
        if name == "tab" and not end and title:
            return f"\n\n<summary>{html.escape(html.unescape(title.group(1)))}</summary>\n\n"
        # Other directives (hint, endtab, content-ref, embed) only style the text around.
        return "\n\n" if match.group() == match.string.strip() else ""

    text = _FRONT_MATTER.sub("", text, count=1)
    return "\n".join(_DIRECTIVE.sub(directive, line) for line in text.split("\n"))


# --------------------------------------------------------------------------------------
# The token walk


@dataclass
class _Walk:
    """Blocks of one page, built while the tokens are read."""

    page: int
    blocks: list[Block] = field(default_factory=list)
    lead_in: str | None = None  # a paragraph ending in ":" waiting to see if a list follows
    level: int = 0  # level of the last heading written
    groups: list[int] = field(default_factory=list)  # heading level enclosing each <details>
    titles: list[int] = field(default_factory=list)  # level of each open group's <summary>

    def add(self, block: Block) -> None:
        if self.lead_in is not None:
            self.blocks.append(Block("paragraph", self.lead_in, self.page))
            self.lead_in = None
        self.blocks.append(block)

    def paragraph(self, text: str) -> None:
        text = squash(text)
        if not text:
            return
        if text.endswith(":"):
            if self.lead_in is not None:
                self.add(Block("paragraph", self.lead_in, self.page))
            self.lead_in = text
        else:
            self.add(Block("paragraph", text, self.page))

    def heading(self, text: str, level: int) -> None:
        text = squash(text)
        if text:
            self.level = level
            self.add(Block("heading", text, self.page, level=level))

    def markdown_heading(self, text: str, level: int) -> None:
        """A "#" heading inside a tab or <details> belongs under that group's title, whatever
        its own level says; one that repeats the title it sits under adds nothing."""
        title = self.titles[-1] if self.titles else 0
        last = self.blocks[-1] if self.blocks and self.lead_in is None else None
        if title and last is not None and last.kind == "heading" and last.level == title \
                and squash(text).lower() in last.text.lower():
            return
        self.heading(text, min(6, max(level, title + 1)) if title else level)

    def items(self, items: list[str]) -> None:
        items = [i for i in items if squash(i)]
        if items:
            lead, self.lead_in = self.lead_in, None
            self.add(list_block(lead, items, self.page))

    def table(self, rows: list[list[str]]) -> None:
        rows = [[squash(c).replace("|", "/") for c in row] for row in rows]
        rows = [row for row in rows if any(row)]  # a row of empty cells holds nothing to quote
        if rows:
            self.add(table_block(rows[0], rows[1:], self.page))

    def html(self, source: str) -> None:
        reader = _HtmlReader()
        reader.feed(source)
        reader.close()
        for kind, text, rows in reader.events:
            if kind == "open":
                self.groups.append(self.level)
                self.titles.append(0)
            elif kind == "close":
                self.level = self.groups.pop() if self.groups else self.level
                if self.titles:
                    self.titles.pop()
            elif kind == "summary":
                base = self.groups[-1] if self.groups else self.level
                self.heading(text, min(6, base + 1))
                if self.titles:
                    self.titles[-1] = min(6, base + 1)
            elif kind == "table":
                self.table(rows)
            else:
                self.paragraph(text)

    def finish(self) -> list[Block]:
        if self.lead_in is not None:  # a lead-in with no list after it is a paragraph
            self.blocks.append(Block("paragraph", self.lead_in, self.page))
            self.lead_in = None
        return self.blocks


class _TextReader(MarkdownIt):
    """markdown-it leaves a link to an unsafe URL ("javascript:") as literal "[x](...)" so that
    a renderer never makes it clickable; nothing here is rendered, so every link is read as a
    link and reduced to its text."""

    def validateLink(self, url: str) -> bool:
        return True


def markdown_blocks(text: str, page: int) -> list[Block]:
    """One page of Markdown -> heading, paragraph, list and table blocks."""
    reader = _TextReader("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = reader.parse(text)
    walk = _Walk(page)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            walk.markdown_heading(inline_text(tokens[i + 1]), int(token.tag[1]))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            walk.items(_list_items(tokens[i + 1:end]))
            i = end + 1
        elif token.type == "table_open":
            end = _closing(tokens, i)
            walk.table(_table_rows(tokens[i + 1:end]))
            i = end + 1
        elif token.type == "inline":
            walk.paragraph(inline_text(token))
            i += 1
        elif token.type in ("fence", "code_block"):
            walk.paragraph(token.content)
            i += 1
        elif token.type == "html_block":
            walk.html(token.content)
            i += 1
        else:  # paragraph_open/close, blockquote (its paragraphs are read), hr
            i += 1
    return walk.finish()


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token: link text, image alt text, no markup."""
    parts: list[str] = []
    hidden = False  # inside an inline <script> or <style>: code, not text
    link_start = 0  # where the text of the open link starts in ``parts``
    for child in token.children or []:
        if child.type == "link_open":
            link_start = len(parts)
        elif child.type == "link_close" and _FOOTNOTE_REF.fullmatch("".join(parts[link_start:])):
            # A link reading "[3]" points to a note; a reader follows it, does not read it
            # (and a "[3]" in a quote would pass for one of the answer's citation markers).
            del parts[link_start:]
        elif child.type == "html_inline" and _SCRIPT_TAG.match(child.content):
            hidden = not child.content.startswith("</")
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)  # the alt text
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            parts.append(" " if re.match(r"<br\b", child.content, re.IGNORECASE) else "")
    return squash("".join(parts).replace("\u200b", ""))


_SCRIPT_TAG = re.compile(r"</?(?:script|style)\b", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\s*\[?\d{1,3}\]?\s*")


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token closing ``tokens[start]`` (same nesting level)."""
    close = tokens[start].type.replace("_open", "_close")
    level = tokens[start].level
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == close and tokens[j].level == level:
            return j
    return len(tokens) - 1


def _list_items(tokens: list[Token]) -> list[str]:
    """The items of a list and of the lists inside it, in reading order, each one line."""
    items: list[str] = []
    open_items: list[int] = []  # index in ``items`` of each open item, innermost last
    for token in tokens:
        if token.type == "list_item_open":
            items.append("")
            open_items.append(len(items) - 1)
        elif token.type == "list_item_close" and open_items:
            open_items.pop()
        elif token.type in ("inline", "fence", "code_block", "html_block") and open_items:
            text = inline_text(token) if token.type == "inline" else _html_text(token.content)
            index = open_items[-1]
            items[index] = squash(f"{items[index]} {text}")
    return [_without_task_box(i) for i in items]


def _without_task_box(item: str) -> str:
    """A task list's "[ ] " / "[x] " box is a checkbox, not text."""
    return item[4:] if item[:4] in ("[ ] ", "[x] ", "[X] ") else item


def _table_rows(tokens: list[Token]) -> list[list[str]]:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_text(token))
    return rows


# --------------------------------------------------------------------------------------
# Raw HTML inside Markdown


class _HtmlReader(HTMLParser):
    """Events of an HTML block: text, tables (rows of cells), <details> groups and their
    <summary> titles. Tags are dropped, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, list[list[str]]]] = []  # (kind, text, table rows)
        self._text: list[str] = []
        self._rows: list[list[str]] | None = None  # inside a <table>
        self._cell: list[str] | None = None
        self._skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "details":
            self._flush()
            self.events.append(("open", "", []))
        elif tag == "summary":
            self._flush()
        elif tag == "table":
            self._flush()
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""  # an image's text is its alt text
            (self._cell if self._cell is not None else self._text).append(f" {alt} ")
        elif tag in ("br", "p", "div", "li", "figcaption"):
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "details":
            self._flush()
            self.events.append(("close", "", []))
        elif tag == "summary":
            self.events.append(("summary", squash("".join(self._text)), []))
            self._text.clear()
        elif tag == "table" and self._rows is not None:
            self.events.append(("table", "", self._rows))
            self._rows = None
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(squash("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._rows is None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        if self._rows:
            self.events.append(("table", "", self._rows))
            self._rows = None
        self._flush()

    def _flush(self) -> None:
        text = squash("".join(self._text).replace("\u200b", ""))
        if text:
            self.events.append(("text", text, []))
        self._text.clear()


def _html_text(source: str) -> str:
    """The text of an HTML fragment, tags dropped (a table's cells in reading order)."""
    reader = _HtmlReader()
    reader.feed(source)
    reader.close()
    parts = [
        " ".join(" ".join(row) for row in rows) if kind == "table" else text
        for kind, text, rows in reader.events
    ]
    return squash(" ".join(parts))

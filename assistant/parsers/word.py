"""Word (.docx) -> blocks with python-docx.

Heading styles ("Heading 1".."Heading 9", and styles based on them) give the section path;
list paragraphs (a list style or numbering) stay with the sentence ending in ":" before
them; tables keep their header rows (rows marked "repeat as header", else the first);
text boxes and footnotes, which python-docx does not read as body text, are kept. Word has
no fixed pages: the page is counted from the page breaks Word rendered when it last saved
the file (1 when it recorded none), and the locator is the paragraph number ("¶ 12").
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, check_chars, list_block, short, squash, table_block
from assistant.programme import names_someone
from assistant.settings import Settings
from assistant.types import Block

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
# Text boxes are stored twice (a DrawingML box and its VML fallback): read the first only.
_TEXT_BOX_PARAGRAPHS = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p", namespaces=_NS
)
_TEXTS = etree.XPath(".//w:t/text()", namespaces=_NS)
_PAGE_BREAKS = etree.XPath(".//w:lastRenderedPageBreak | .//w:br[@w:type='page']", namespaces=_NS)


def parse_docx(data: bytes, settings: Settings) -> ParsedFile:
    """Word bytes -> blocks in reading order, headings with levels, footnotes at the end."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure to open is a bad file
        raise InputFileError(f"corrupt or unreadable .docx ({short(exc)})") from None
    reader = _Reader()
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            reader.table(item)
        else:
            reader.paragraph(item)
    reader.flush()
    if not any(b.kind == "heading" for b in reader.blocks):
        reader.blocks = _label_lines_as_headings(reader.blocks, reader.bold)
    reader.notes(document)
    title = (document.core_properties.title or "").strip() or reader.title
    total = sum(len(b.text) for b in reader.blocks)
    check_chars(total, settings)
    return ParsedFile(reader.blocks, reader.page, title or None)


class _Reader:
    """Walks the body once, keeping the page, paragraph number and open list."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.page = 1
        self.paragraph_no = 0
        self.items: list[str] = []
        self.lead_in: str | None = None
        self.list_locator = ""
        self.title: str | None = None
        self.bold: set[str] = set()  # locators of paragraphs set all in bold

    def paragraph(self, paragraph: Paragraph) -> None:
        element = paragraph._p
        text = squash(paragraph.text)
        boxes = [squash("".join(_TEXTS(p))) for p in _TEXT_BOX_PARAGRAPHS(element)]
        page = self.page
        self.page += len(_PAGE_BREAKS(element))
        if not text and not any(boxes):
            return
        self.paragraph_no += 1
        locator = f"¶ {self.paragraph_no}"
        style = paragraph.style
        level = _heading_level(style)
        if text and level:
            self.flush()
            if level == 1 and _style_chain(style)[0] == "title" and self.title is None:
                self.title = text
            self.blocks.append(Block("heading", text, page, level=level, locator=locator))
        elif text and _is_list_item(paragraph):
            if not self.items:
                self.list_locator = locator
            self.items.append(text)
        elif text:
            self.flush()
            runs = [r for r in paragraph.runs if r.text.strip()]
            if runs and all(r.bold for r in runs):
                self.bold.add(locator)
            if text.endswith(":") and len(text) < 300:
                self.lead_in = text
                self.list_locator = locator
            else:
                self.blocks.append(Block("paragraph", text, page, locator=locator))
        for box in boxes:
            if box:
                self.flush()
                self.blocks.append(Block("paragraph", box, page, locator=f"{locator}, text box"))

    def flush(self) -> None:
        """Close the open list (with its lead-in), or write a lead-in no list followed."""
        if self.items:
            self.blocks.append(list_block(self.lead_in, self.items, self.page, self.list_locator))
        elif self.lead_in:
            self.blocks.append(
                Block("paragraph", self.lead_in, self.page, locator=self.list_locator)
            )
        self.items, self.lead_in = [], None

    def table(self, table: Table) -> None:
        self.flush()
        self.paragraph_no += 1
        locator = f"¶ {self.paragraph_no}, table"
        rows = [_row_cells(row) for row in table.rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if width == 1 or len(rows) == 1:  # a layout box or a bare header: read as text
            for row in rows:
                text = " | ".join(c for c in row if c)
                self.blocks.append(Block("paragraph", text, self.page, locator=locator))
            return
        n_header = sum(1 for row in table.rows if _repeats_as_header(row)) or 1
        n_header = min(n_header, len(rows) - 1)
        # Two header rows ("2020" over "Score | Rank") read as one: "2020 Score | 2020 Rank".
        header = [squash(" ".join(dict.fromkeys(r[i] for r in rows[:n_header] if r[i])))
                  for i in range(width)]
        self.blocks.append(table_block(header, rows[n_header:], self.page, locator=locator))

    def notes(self, document: Document) -> None:
        """Footnotes and endnotes, each "[n] text", under their own heading at the end."""
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind not in ("footnotes", "endnotes") or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.findall(f"{{{_W}}}{kind[:-1]}"):
                note_id = note.get(f"{{{_W}}}id", "")
                text = squash(" ".join(_TEXTS(note)))
                if note_id.isdigit() and int(note_id) > 0 and text:
                    notes.append(f"[{note_id}] {text}")
            if notes:
                name = kind.capitalize()
                self.blocks.append(Block("heading", name, self.page, level=1, locator=name))
                self.blocks.extend(
                    Block("paragraph", n, self.page, locator=name.lower()) for n in notes
                )


_LABEL_END = re.compile(r"[.,;:!?]$")


def _label_lines_as_headings(blocks: list[Block], bold: set[str]) -> list[Block]:
    """Headings of a document written without heading styles: short label lines ("Scope",
    "Project team") that introduce a list or a longer paragraph; bold ones rank higher."""
    out = list(blocks)
    for i, block in enumerate(blocks[:-1]):
        following = blocks[i + 1]
        if (
            block.kind == "paragraph"
            and len(block.text.split()) <= 8
            and block.text[:1].isupper()
            and not _LABEL_END.search(block.text)
            and not names_someone(block.text)  # "Moderator: Ms. Jane Roe" says who
            and following.kind in ("list", "paragraph", "table")
            and len(following.text) >= len(block.text)
        ):
            level = 1 if block.locator in bold else 2
            out[i] = Block("heading", block.text, block.page, level=level, locator=block.locator)
    return out


def _style_chain(style: Any) -> list[str]:  # a python-docx style: base_style is on subclasses
    """The style's name and the names of the styles it is based on, lower case."""
    names: list[str] = []
    while style is not None and len(names) < 10:
        names.append((style.name or "").lower())
        style = style.base_style
    return names or [""]


def _heading_level(style: Any) -> int:
    for name in _style_chain(style):
        if name == "title":
            return 1
        found = _HEADING_STYLE.match(name)
        if found:
            return int(found.group(1))
    return 0


def _is_list_item(paragraph: Paragraph) -> bool:
    if paragraph._p.xpath("./w:pPr/w:numPr"):
        return True
    return any("list" in name for name in _style_chain(paragraph.style))


def _row_cells(row: _Row) -> list[str]:
    """Cell texts of a row; a cell merged across columns counts once."""
    cells, previous = [], None
    for cell in row.cells:
        if cell._tc is previous:  # python-docx repeats a merged cell once per grid column
            continue
        previous = cell._tc
        cells.append(squash(cell.text))
    return cells


def _repeats_as_header(row: _Row) -> bool:
    return bool(row._tr.xpath("./w:trPr/w:tblHeader"))

"""Files -> ParsedDocument: structural blocks (headings, paragraphs, lists, tables) per page.

PDF text comes from pypdf's *layout* mode, which keeps the horizontal position of text, so
table columns stay recognisable; a second pass with a text visitor reads font sizes so that
headings are told apart from body text. Plain text and Markdown are parsed line by line.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

from assistant.errors import InputFileError
from assistant.settings import Settings
from assistant.types import Block, DocumentMeta, ParsedDocument

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md", ".markdown"}

# pypdf reports recoverable damage through logging; our one-line errors replace that noise.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# One or more bullet glyphs: fonts often draw a junk glyph before the visible one ("\x7f ❖").
_BULLET = re.compile(
    r"^(?:(?:[\u2022\u25aa\u25b6\u25ba\u25cf\u25e6\u2756\u27a2\u2013\x7f>*•-]|[\ue000-\uf8ff])\s*)+"
)
# Bullet glyphs that fonts map to control or private-use code points.
_JUNK = re.compile(r"[\x7f\ue000-\uf8ff]")
_CAPTION = re.compile(r"^(Table|Figure|Fig\.)\s+\d+", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$", re.IGNORECASE)
_ROMAN_PREFIX = re.compile(r"^(?:[IVX]+|\d+)\.\s+")
_EDGE_LINES = 3
_LEAD_IN_END = re.compile(r"(?::|\.\s*[\d,]*)$")


def ingest_file(path: Path, settings: Settings) -> ParsedDocument:
    """Parse one supported file into blocks with document metadata; raises InputFileError."""
    try:
        if path.is_symlink() and not path.exists():
            raise InputFileError("broken symbolic link (its target is missing, or it loops)")
        if not path.exists():
            raise InputFileError("no such file (moved or deleted before it was read)")
        if not path.is_file():
            raise InputFileError("not a regular file")
        size = path.stat().st_size
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputFileError(
                f"unsupported file type '{suffix or path.name}' (supported: PDF, .txt, .md)"
            )
        if size == 0:
            raise InputFileError("empty file (0 bytes)")
        if size > settings.max_file_mb * 1024 * 1024:
            raise InputFileError(
                f"file is {size / 1e6:.0f} MB, over the {settings.max_file_mb:g} MB limit "
                "(ASSISTANT_MAX_FILE_MB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputFileError("permission denied") from None
    except OSError as exc:
        raise InputFileError(f"cannot read file ({exc.strerror or exc})") from None
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        blocks, pages, pdf_title = ingest_pdf(data, settings)
    else:
        blocks, pages = ingest_text(data, markdown=suffix != ".txt", settings=settings)
        pdf_title = None
    if not any(b.text.strip() for b in blocks):
        raise InputFileError("no extractable text (a scanned PDF needs OCR first)")
    meta = _document_meta(path, sha, pages, blocks, pdf_title)
    return ParsedDocument(meta=meta, blocks=tuple(blocks))


# --------------------------------------------------------------------------------------
# PDF


def ingest_pdf(data: bytes, settings: Settings) -> tuple[list[Block], int, str | None]:
    """PDF bytes -> (blocks, page count, metadata title)."""
    import io

    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputFileError("not a PDF (no %PDF header)")
    started = time.monotonic()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises many types for bad crypto
                ok = 0
            if not ok:
                raise InputFileError("encrypted PDF: decrypt it (e.g. qpdf --decrypt) first")
        n_pages = len(reader.pages)
        if n_pages == 0:
            raise InputFileError("PDF has no pages")
        if n_pages > settings.max_pages:
            raise InputFileError(
                f"PDF has {n_pages} pages, over the {settings.max_pages} page limit "
                "(ASSISTANT_MAX_PAGES)"
            )
        title = None
        try:
            meta_title = (reader.metadata or {}).get("/Title")
            title = str(meta_title).strip() if meta_title else None
        except Exception:  # noqa: BLE001 - broken info dictionaries are common
            title = None
        layouts: list[str] = []
        runs: list[list[tuple[str, float]]] = []
        total_chars = 0
        for page in reader.pages:
            page_runs: list[tuple[str, float]] = []

            def visit(text, cm, tm, font, size, _runs=page_runs):  # noqa: ANN001
                if text.strip():
                    scale = abs(tm[0]) or 1.0
                    _runs.append((text, round(size * scale, 1)))

            page.extract_text(visitor_text=visit)
            layout = page.extract_text(extraction_mode="layout")
            total_chars += len(layout)
            if total_chars > settings.max_chars_per_file:
                raise InputFileError(
                    f"extracted text exceeds {settings.max_chars_per_file:,} characters "
                    "(ASSISTANT_MAX_CHARS_PER_FILE)"
                )
            if time.monotonic() - started > settings.max_seconds_per_file:
                raise InputFileError(
                    f"parsing took over {settings.max_seconds_per_file:g} s "
                    "(ASSISTANT_MAX_SECONDS_PER_FILE)"
                )
            layouts.append(layout)
            runs.append(page_runs)
    except InputFileError:
        raise
    except LimitReachedError as exc:
        # pypdf's own bounds (75 MB per decompressed stream, tokens per content stream, ...)
        raise InputFileError(
            f"PDF exceeds a parser safety limit ({_short(exc)}); oversized streams are refused"
        ) from None
    except FileNotDecryptedError:
        raise InputFileError("encrypted PDF: decrypt it (e.g. qpdf --decrypt) first") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise InputFileError(f"corrupt or truncated PDF ({_short(exc)})") from None
    except RecursionError:
        raise InputFileError("corrupt PDF (objects nested too deeply)") from None
    except MemoryError:
        raise InputFileError("PDF content too large to parse") from None
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file, not a crash
        raise InputFileError(f"unreadable PDF ({_short(exc)})") from None

    headings = _heading_levels(runs)
    pages = _strip_running_lines([_clean_lines(t) for t in layouts])
    blocks: list[Block] = []
    for page_no, lines in enumerate(pages, start=1):
        blocks.extend(_layout_blocks(lines, page_no, headings.get(page_no - 1, {}), blocks))
    return blocks, len(layouts), title


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\t", "    ")
    return [ln.rstrip() for ln in text.split("\n")]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _norm_repeat(line: str) -> str:
    return re.sub(r"\d+", "#", _squash(line)).lower()


def _edge_indices(lines: list[str]) -> set[int]:
    """Positions of a page's first and last few non-empty lines, where running heads sit."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers and page numbers from each page's lines.

    A running line sits at a page's top or bottom and recurs (digits ignored) on at least
    60% of >= 3 pages; a bare page number ("12", "Page 3", "3 of 22") at an edge goes too.
    Only edge lines count, so body lines that differ just by a number stay.
    """
    edges = [_edge_indices(lines) for lines in pages]
    counts: Counter[str] = Counter()
    for lines, edge in zip(pages, edges, strict=True):
        counts.update({_norm_repeat(lines[i]) for i in edge})
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}

    def running(line: str) -> bool:
        norm = _norm_repeat(line)
        return norm in repeated or bool(_PAGE_NUMBER.match(norm))

    return [
        [ln for i, ln in enumerate(lines) if not (i in edge and running(ln))]
        for lines, edge in zip(pages, edges, strict=True)
    ]


def _heading_levels(runs: list[list[tuple[str, float]]]) -> dict[int, dict[str, int]]:
    """Per page: heading text -> level, from font sizes larger than the body size."""
    sizes: Counter[float] = Counter()
    for page_runs in runs:
        for text, size in page_runs:
            sizes[size] += len(text.strip())
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({s for s in sizes if s > body * 1.1}, reverse=True)
    rank = {s: i for i, s in enumerate(heading_sizes)}
    result: dict[int, dict[str, int]] = {}
    for page_index, page_runs in enumerate(runs):
        for text, size in page_runs:
            clean = _squash(text)
            # Bold lead-ins ("The Curriculum covers the following:", "... topics. 1,2"
            # with footnote marks) end like sentences; headings do not.
            if (
                size in rank
                and 2 <= len(clean) <= 120
                and clean[0].isalnum()
                and not _LEAD_IN_END.search(clean)
            ):
                result.setdefault(page_index, {})[clean] = _heading_level(clean, rank[size])
    return result


def _heading_level(text: str, size_rank: int) -> int:
    """Style first, size second: ALL CAPS chapters > plain headings > numbered ones
    ("I. Challenges"); within a style a larger font is the higher level."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        style = 1
    elif _ROMAN_PREFIX.match(text):
        style = 3
    else:
        style = 2
    # ALL CAPS chapters are siblings whatever their size (a larger "CONTENTS" is no parent).
    return style * 10 + (0 if style == 1 else size_rank)


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell; cells are separated by 3+ spaces."""
    line = _JUNK.sub(" ", line)
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", line)]


def _layout_blocks(
    lines: list[str], page: int, headings: dict[str, int], previous: list[Block]
) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    lead_in: str | None = None

    def flush_paragraph() -> None:
        nonlocal lead_in
        if paragraph:
            text = _squash(" ".join(paragraph))
            paragraph.clear()
            if _CAPTION.match(text):
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
            body = "\n".join(f"- {_squash(i)}" for i in items if _squash(i))
            text = f"{lead_in}\n{body}" if lead_in else body
            blocks.append(Block("list", text, page, header=lead_in))
            items.clear()
            lead_in = None

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = _squash(line)
        if not stripped:
            flush_paragraph()
            i += 1
            continue
        table = _try_table(lines, i, page, previous + blocks)
        if table is not None:
            block, i = table
            flush_paragraph()
            flush_list()
            flush_lead_in()
            blocks.append(block)
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


def _try_table(
    lines: list[str], start: int, page: int, previous: list[Block]
) -> tuple[Block, int] | None:
    """A table starts at a line of >= 3 cells and runs while lines align with its columns."""
    head_cells = _cells(lines[start])
    if len(head_cells) < 3:
        return None
    columns = [c for c, _ in head_cells]
    bounds = columns[1:] + [10_000]
    rows: list[list[str]] = [[t for _, t in head_cells]]
    i = start + 1
    blank_before = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        cells = _cells(line)
        placed: list[tuple[int, str]] = []
        for col_start, text in cells:
            idx = _column_of(col_start, columns)
            if idx is None or col_start + len(text) > bounds[idx] + 2:
                placed = []
                break
            placed.append((idx, text))
        if not placed:
            break
        # A row starts after vertical space, or where a line fills the first column and
        # most others (tables printed without spacing); other lines continue the row.
        if blank_before or (placed[0][0] == 0 and len(placed) >= max(2, len(columns) // 2)):
            rows.append([""] * len(columns))
        row = rows[-1]
        for idx, text in placed:
            row[idx] = f"{row[idx]} {text}".strip()
        blank_before = False
        i += 1
    # Header continuation lines were appended to the first data row; a real table has
    # at least two data rows whose first cell is filled.
    data_rows = [r for r in rows[1:] if r[0]]
    if len(data_rows) < 2:
        return None
    header_cells = rows[0]
    merged_rows: list[list[str]] = []
    for r in rows[1:]:
        if not r[0] and merged_rows:
            merged_rows[-1] = [f"{a} {b}".strip() for a, b in zip(merged_rows[-1], r, strict=True)]
        elif not r[0]:
            header_cells = [f"{a} {b}".strip() for a, b in zip(header_cells, r, strict=True)]
        else:
            merged_rows.append(r)
    header = " | ".join(header_cells)
    row_texts = [" | ".join(r) for r in merged_rows]
    # A table continued from the previous page repeats no header: reuse that table's.
    prior = next((b for b in reversed(previous) if b.kind == "table"), None)
    if (
        prior is not None
        and prior.page == page - 1
        and prior.header
        and prior.header.count("|") == header.count("|")
        and header != prior.header
        and not any(b.page == page and b.kind == "table" for b in previous)
        and _looks_like_data(header_cells)
    ):
        row_texts.insert(0, header)
        header = prior.header
    caption, i = _caption_after(lines, i)
    text = "\n".join([header, *row_texts])
    if caption:
        text = f"{caption}\n{text}"
    return Block("table", text, page, header=header, rows=tuple(row_texts)), i


def _looks_like_data(cells: list[str]) -> bool:
    """Headers are short labels; a line with digits or long cells is a data row."""
    return any(len(c) > 30 or any(ch.isdigit() for ch in c) for c in cells)


def _column_of(col_start: int, columns: list[int]) -> int | None:
    for idx in range(len(columns) - 1, -1, -1):
        if col_start >= columns[idx] - 2:
            return idx
    return None


def _caption_after(lines: list[str], i: int) -> tuple[str | None, int]:
    """A "Table N ..." line printed just below a table becomes its caption."""
    for j in range(i, min(i + 3, len(lines))):
        if _CAPTION.match(lines[j].strip()):
            return _squash(lines[j]), j + 1
        if lines[j].strip():
            break
    return None, i


# --------------------------------------------------------------------------------------
# Text and Markdown

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def ingest_text(data: bytes, *, markdown: bool, settings: Settings) -> tuple[list[Block], int]:
    """Text/Markdown bytes -> (blocks, pages); form feeds separate pages."""
    text = _decode(data)
    if len(text) > settings.max_chars_per_file:
        raise InputFileError(
            f"text has {len(text):,} characters, over the {settings.max_chars_per_file:,} "
            "limit (ASSISTANT_MAX_CHARS_PER_FILE)"
        )
    pages = text.split("\f")
    blocks: list[Block] = []
    for page_no, page_text in enumerate(pages, start=1):
        blocks.extend(_text_blocks(page_text.split("\n"), page_no, markdown))
    return blocks, len(pages)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputFileError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise InputFileError("binary data, not text")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _text_blocks(lines: list[str], page: int, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            text = _squash(" ".join(paragraph))
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
            level = len(heading.group(1)) if heading else (1 if "=" in underline.group(1) else 2)
            title = heading.group(2) if heading else line.strip()
            blocks.append(Block("heading", _squash(title), page, level=level))
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
                paragraph_text = _squash(" ".join(paragraph))
                paragraph.clear()
                if paragraph_text.endswith(":"):
                    items.append("\x00" + paragraph_text)
                else:
                    blocks.append(Block("paragraph", paragraph_text, page))
            items.append(_squash(item.group(1)))
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


# --------------------------------------------------------------------------------------
# Document metadata


def _document_meta(
    path: Path, sha: str, pages: int, blocks: list[Block], pdf_title: str | None
) -> DocumentMeta:
    entry = _manifest_entry(path)
    heading = next((b.text for b in blocks if b.kind == "heading"), None)
    title = entry.get("title") or pdf_title or heading or path.stem.replace("_", " ")
    year = entry.get("year")
    if year is None:
        found = re.search(r"\b(19[5-9]\d|20\d\d)\b", title)
        year = int(found.group(1)) if found else None
    doc_type = entry.get("doc_type") or (
        "report" if path.suffix.lower() == ".pdf" else "note"
    )
    return DocumentMeta(
        source=path.name,
        title=str(title),
        doc_type=str(doc_type),
        year=int(year) if year else None,
        publisher=entry.get("publisher"),
        sha256=sha,
        pages=pages,
    )


def _manifest_entry(path: Path) -> dict:
    """The file's record in a manifest.json beside it, if there is one."""
    manifest = path.parent / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    for entry in data.get("documents", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("file") == path.name:
            return entry
    return {}

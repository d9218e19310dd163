"""Files -> ParsedDocument: one parser per format behind one interface, chosen by suffix.

Every parser (``assistant/parsers/``) turns bytes into blocks (headings with levels,
paragraphs, lists with their lead-in, tables with their header row), each with its page and
a locator. This module checks the file, picks the parser, detects the document's language
and settles its metadata (title, year, type) from a manifest, the file or its headings.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from pathlib import Path

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, Parser, looks_like_title
from assistant.settings import Settings
from assistant.types import Block, DocumentMeta, ParsedDocument

# suffix -> (format name, parser "module:function"); parsers import their library lazily.
_PARSERS: dict[str, tuple[str, str]] = {
    ".pdf": ("pdf", "assistant.parsers.pdf:parse_pdf"),
    ".docx": ("docx", "assistant.parsers.word:parse_docx"),
    ".pptx": ("pptx", "assistant.parsers.slides:parse_pptx"),
    ".xlsx": ("xlsx", "assistant.parsers.sheets:parse_xlsx"),
    ".csv": ("csv", "assistant.parsers.sheets:parse_csv"),
    ".html": ("html", "assistant.parsers.web:parse_html"),
    ".htm": ("html", "assistant.parsers.web:parse_html"),
    ".md": ("md", "assistant.parsers.markdown:parse_markdown"),
    ".markdown": ("md", "assistant.parsers.markdown:parse_markdown"),
    ".txt": ("txt", "assistant.parsers.text:parse_text"),
}
SUPPORTED_SUFFIXES = frozenset(_PARSERS)
SUPPORTED_TYPES = "PDF, Word .docx, PowerPoint .pptx, Excel .xlsx, .csv, HTML, Markdown, .txt"

# Document type by format when no manifest names one.
_DOC_TYPES = {"pdf": "report", "pptx": "presentation", "xlsx": "spreadsheet", "csv": "spreadsheet",
              "docx": "document", "html": "web page"}
_OFFICE_PREFIX = re.compile(r"^microsoft\s+(?:word|powerpoint|excel)\s+-\s+", re.IGNORECASE)


def parser_for(suffix: str) -> tuple[str, Parser]:
    """(format name, parser) for a file suffix; raises InputFileError for other types."""
    try:
        fmt, target = _PARSERS[suffix.lower()]
    except KeyError:
        raise InputFileError(
            f"unsupported file type '{suffix}' (supported: {SUPPORTED_TYPES})"
        ) from None
    module, function = target.split(":")
    return fmt, getattr(importlib.import_module(module), function)


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
        fmt, parse = parser_for(path.suffix or path.name)
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
    parsed = parse(data, settings)
    blocks = [b for b in parsed.blocks if b.text.strip()]
    if not blocks:
        raise InputFileError(f"no extractable text in this {fmt.upper()} file")
    meta = _document_meta(path, sha, fmt, parsed, blocks)
    return ParsedDocument(meta=meta, blocks=tuple(blocks))


def ingest_text(data: bytes, *, markdown: bool, settings: Settings) -> tuple[list[Block], int]:
    """Text or Markdown bytes -> (blocks, pages)."""
    from assistant.parsers.markdown import parse_markdown
    from assistant.parsers.text import parse_text

    parsed = (parse_markdown if markdown else parse_text)(data, settings)
    return parsed.blocks, parsed.pages


# --------------------------------------------------------------------------------------
# Document metadata


def _document_meta(
    path: Path, sha: str, fmt: str, parsed: ParsedFile, blocks: list[Block]
) -> DocumentMeta:
    from assistant.language import document_language

    entry = _manifest_entry(path)
    # A sheet's name is no title for the workbook; on a scan only the tallest lines are
    # (a menu bar read by OCR, "English - Espafiol - ...", is a heading at best).
    headings = (
        [] if parsed.doc_type == "spreadsheet"
        else [b for b in blocks if b.kind == "heading" and (not b.ocr or b.level == 1)]
    )
    heading = next((b.text for b in headings if looks_like_title(b.text)), None)
    own_title = _OFFICE_PREFIX.sub("", parsed.title or "").strip()
    title = (
        entry.get("title")
        or (own_title if looks_like_title(own_title) else None)
        or heading
        or path.stem.replace("_", " ").strip()
    )
    year = entry.get("year")
    if year is None:
        found = re.search(r"\b(19[5-9]\d|20\d\d)\b", title)
        year = int(found.group(1)) if found else None
    doc_type = entry.get("doc_type") or parsed.doc_type or _DOC_TYPES.get(fmt, "note")
    return DocumentMeta(
        source=path.name,
        title=str(title),
        doc_type=str(doc_type),
        year=int(year) if year else None,
        publisher=entry.get("publisher"),
        sha256=sha,
        pages=parsed.pages,
        format=fmt,
        language=entry.get("language") or document_language([b.text for b in blocks]),
        ocr_pages=parsed.ocr_pages,
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

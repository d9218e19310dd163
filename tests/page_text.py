"""Text of a file's page, read independently of the assistant's parsers, so the question
sets' expected facts are checked against the file itself.

A scanned PDF page (no text layer) is read by Tesseract. Pages: PDF page index (as pypdf
counts), PowerPoint slide number, spreadsheet sheet number
in workbook order; Word, Markdown, HTML and text files are one page.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# A PDF page with fewer characters than this has no text layer (a scan): it is read by
# Tesseract directly, as a reader of the scan would see it.
_TEXT_LAYER = 40


@cache
def _ocr(path: Path, index: int) -> str:
    import pypdfium2
    import pytesseract

    page = pypdfium2.PdfDocument(str(path))[index]
    return _squash(pytesseract.image_to_string(page.render(scale=200 / 72).to_pil()))


def _squash(text: str) -> str:
    return " ".join(text.split())


@cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Every page's text, whitespace collapsed."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdf

        return tuple(_squash(p.extract_text() or "") for p in pypdf.PdfReader(path).pages)
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        return (_squash("\n".join(parts)),)
    if suffix == ".pptx":
        import pptx

        slides = []
        for slide in pptx.Presentation(str(path)).slides:
            parts = []
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if getattr(shape, "has_table", False) and shape.has_table:
                    parts += [c.text for row in shape.table.rows for c in row.cells]
            if slide.has_notes_slide:
                parts.append(slide.notes_slide.notes_text_frame.text)
            slides.append(_squash("\n".join(parts)))
        return tuple(slides)
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        return tuple(
            _squash(
                "\n".join(
                    " | ".join("" if v is None else str(v) for v in row)
                    for row in sheet.iter_rows(values_only=True)
                )
            )
            for sheet in book.worksheets
        )
    return (_squash(path.read_text(encoding="utf-8", errors="replace")),)


def _read(path: Path, texts: tuple[str, ...], index: int) -> str:
    """A page's text layer, or its OCR reading when it has none (only pages a set names
    are read so: OCR takes seconds a page)."""
    text = texts[index]
    return _ocr(path, index) if path.suffix.lower() == ".pdf" and len(text) < _TEXT_LAYER else text


def missing_facts(path: Path, pages: tuple[int, ...], facts: tuple[tuple[str, ...], ...]) -> list[str]:
    """The facts none of whose alternatives is printed on the named pages."""
    texts = page_texts(path)
    text = " ".join(_read(path, texts, p - 1) for p in pages if 0 < p <= len(texts))
    return [
        " | ".join(fact)
        for fact in facts
        if not any(re.search(alt, text, re.IGNORECASE) for alt in fact)
    ]

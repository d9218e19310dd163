"""PDF -> blocks: pypdf's layout-mode text per page, font sizes for headings.

Layout mode keeps the horizontal position of text, so table columns stay recognisable; a
second pass with a text visitor reads font sizes so that headings are told apart from body
text. A page without a text layer (a scan) is read by OCR (``assistant.parsers.ocr``).
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, check_chars, looks_like_title, short, squash
from assistant.parsers.pdf_columns import read_columns
from assistant.parsers.pdf_layout import layout_blocks
from assistant.parsers.pdf_tables import line_cells, split_side_by_side
from assistant.parsers.pdf_text import Run, page_text, spaces_between
from assistant.parsers.spacing import respace, word_counts
from assistant.programme import names_someone
from assistant.settings import Settings
from assistant.types import Block

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf reports recoverable damage through logging; our one-line errors replace that noise.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# A line of this many cells or more, above another, may be a table's column labels.
_TABLE_CELLS = 3
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$", re.IGNORECASE)
_ROMAN_PREFIX = re.compile(r"^(?:[IVX]+|\d+)\.\s+")
_EDGE_LINES = 3
_LEAD_IN_END = re.compile(r"(?::|\.\s*[\d,]*)$")


# A page with fewer visible characters than this and an image on it is a scan.
_MIN_TEXT_LAYER_CHARS = 20


def parse_pdf(data: bytes, settings: Settings) -> ParsedFile:
    """PDF bytes -> blocks per page, page count, metadata title; scanned pages by OCR."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputFileError("not a PDF (no %PDF header)")
    started = time.monotonic()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok: int = reader.decrypt("")  # a PasswordType, an IntEnum; 0 = not decrypted
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
            metadata = reader.metadata
            meta_title = metadata.get("/Title") if metadata else None
            title = str(meta_title).strip() if meta_title else None
        except Exception:  # noqa: BLE001 - broken info dictionaries are common
            title = None
        layouts: list[str] = []
        runs: list[list[Run]] = []
        scanned: list[int] = []
        total_chars = 0
        for page_index, page in enumerate(reader.pages):
            layout, page_runs = page_text(page)
            total_chars += len(layout)
            check_chars(total_chars, settings, "extracted text", partial=True)
            if time.monotonic() - started > settings.max_seconds_per_file:
                raise InputFileError(
                    f"parsing took over {settings.max_seconds_per_file:g} s "
                    "(ASSISTANT_MAX_SECONDS_PER_FILE)"
                )
            if len("".join(layout.split())) < _MIN_TEXT_LAYER_CHARS and _has_images(page):
                scanned.append(page_index)
            layouts.append(layout)
            runs.append(page_runs)
    except InputFileError:
        raise
    except LimitReachedError as exc:
        # pypdf's own bounds (75 MB per decompressed stream, tokens per content stream, ...)
        raise InputFileError(
            f"PDF exceeds a parser safety limit ({short(exc)}); oversized streams are refused"
        ) from None
    except FileNotDecryptedError:
        raise InputFileError("encrypted PDF: decrypt it (e.g. qpdf --decrypt) first") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise InputFileError(f"corrupt or truncated PDF ({short(exc)})") from None
    except RecursionError:
        raise InputFileError("corrupt PDF (objects nested too deeply)") from None
    except MemoryError:
        raise InputFileError("PDF content too large to parse") from None
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file, not a crash
        raise InputFileError(f"unreadable PDF ({short(exc)})") from None

    ocr_text: dict[int, str] = {}
    if scanned:
        from assistant.parsers.ocr import ocr_pdf_pages

        ocr_text = ocr_pdf_pages(data, scanned, settings, started)
    headings = _heading_levels(runs)
    pages = _strip_running_lines([_clean_lines(t) for t in layouts])
    blocks: list[Block] = []
    for page_no, lines in enumerate(pages, start=1):
        if page_no - 1 in ocr_text:
            page_blocks = _ocr_blocks(ocr_text[page_no - 1], page_no)
            blocks.extend(replace(b, ocr=True) for b in page_blocks)
        else:
            lines = read_columns(split_side_by_side(lines))
            blocks.extend(layout_blocks(lines, page_no, headings.get(page_no - 1, {}), blocks))
    blocks = _respaced(blocks)
    blocks = [replace(b, locator=b.locator or f"p. {b.page}") for b in blocks]
    if not (title and looks_like_title(title)) and runs:
        title = _cover_title(runs[0]) or title
    return ParsedFile(blocks, len(layouts), title, ocr_pages=len(ocr_text))


def _ocr_blocks(text: str, page: int) -> list[Block]:
    """Blocks of an OCRed page: the lines OCR marked as headings (taller than the body
    text) head sections; the text between them is read as plain text."""
    from assistant.parsers.ocr import HEADING
    from assistant.parsers.text import text_blocks

    blocks: list[Block] = []
    run: list[str] = []
    for line in [*text.split("\n"), f"{HEADING}0"]:
        if not line.startswith(HEADING):
            run.append(line)
            continue
        blocks.extend(text_blocks(run, page))
        run = []
        title, level = squash(line[2:]), int(line[1])
        if not title:
            continue
        last = blocks[-1] if blocks else None
        if last is not None and last.kind == "heading" and last.level == level:
            blocks[-1] = replace(last, text=f"{last.text} {title}")  # a heading over two lines
        else:
            blocks.append(Block("heading", title, page, level=level))
    return blocks


def _cover_title(first_page: list[Run]) -> str | None:
    """The largest text on the first page, its lines joined: a cover's title."""
    lines = [r for r in _line_runs(first_page) if sum(c.isalpha() for c in r.text) >= 3]
    if not lines:
        return None
    largest = max(r.size for r in lines)
    sizes = Counter({r.size: 0 for r in lines})
    for r in lines:
        sizes[r.size] += len(r.text)
    if largest < 1.3 * sizes.most_common(1)[0][0]:  # no text stands out: a contents page
        return None
    title = squash(" ".join(r.text for r in lines if r.size == largest))
    return title if looks_like_title(title) and len(title) <= 150 else None


def _respaced(blocks: list[Block]) -> list[Block]:
    """Blocks with glued and split words repaired (``spacing``), in text, header and rows."""
    counts = word_counts(b.text for b in blocks)
    return [
        replace(
            b,
            text=respace(b.text, counts),
            header=respace(b.header, counts) if b.header else b.header,
            rows=tuple(respace(r, counts) for r in b.rows),
        )
        for b in blocks
    ]


def _has_images(page: PageObject) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # noqa: BLE001 - a broken image dictionary is no image
        return False


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\t", "    ")
    return [ln.rstrip() for ln in text.split("\n")]


def _norm_repeat(line: str) -> str:
    return re.sub(r"\d+", "#", squash(line)).lower()


def _edge_indices(lines: list[str]) -> set[int]:
    """Positions of a page's first and last few non-empty lines, where running heads sit."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers and page numbers from each page's lines.

    A running line sits at a page's top or bottom and recurs (digits ignored) on at least
    60% of >= 3 pages; a bare page number ("12", "Page 3", "3 of 22") at an edge goes too.
    Only edge lines count, so body lines that differ just by a number stay. A note printed
    so (``_is_note``) is kept where it is first printed.
    """
    edges = [_edge_indices(lines) for lines in pages]
    counts: Counter[str] = Counter()
    for lines, edge in zip(pages, edges, strict=True):
        counts.update({_norm_repeat(lines[i]) for i in edge})
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}

    said: set[str] = set()

    def running(line: str) -> bool:
        norm = _norm_repeat(line)
        if _PAGE_NUMBER.match(norm):
            return True
        if norm not in repeated:
            return False
        if _is_note(line) and norm not in said:
            # A note printed on every page ("NB. Données à jour au 1er janvier 2018") is
            # said where it is first printed.
            said.add(norm)
            return False
        return True

    return [
        [ln for i, ln in enumerate(lines)
         if not (i in edge and running(ln) and not _labels_a_table(lines, i))]
        for lines, edge in zip(pages, edges, strict=True)
    ]


# A note's opening: a footnote mark ("(3)", "4)", "*"), "NB", "Note:", "Source:".
_NOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}\)|[*†‡]|N\.\s?B\.|NB\b|Notes?\b|Sources?\b)",
                   re.IGNORECASE)
# A running line this long and ending a sentence states something; a running head is a title.
_NOTE_WORDS = 4


def _is_note(line: str) -> bool:
    """Whether a line repeated on every page is a note, which says something (a footnote,
    "NB. Données à jour au 1er janvier 2018", a source), not a running head (the document's
    title, its address, a page number)."""
    text = line.strip()
    return bool(_NOTE.match(text)) or (
        text.endswith(".") and len(text.split()) >= _NOTE_WORDS)


def _labels_a_table(lines: list[str], i: int) -> bool:
    """Whether line ``i`` labels a table's columns: it and the next line with text are
    both three cells or more. A table printed on every page repeats its header at the top of
    each, where running heads sit; its upper labels ("Population", "GDP" over "(millions)",
    "(billions)") name the columns below, they are no running head."""
    below = next((ln for ln in lines[i + 1:] if ln.strip()), "")
    return len(line_cells(lines[i])) >= _TABLE_CELLS and len(line_cells(below)) >= _TABLE_CELLS


def _line_runs(page_runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one line in one font joined: many PDFs draw word by word, and a
    heading is recognised as a whole line ("1. Introduction", not "1." and "Introduction")."""
    joined: list[Run] = []
    for run in page_runs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and (last.size, last.bold) == (run.size, run.bold)
            and abs(last.y - run.y) < run.size * 0.5
        ):
            boundary_space = last.text.endswith(" ") or run.text.startswith(" ")
            gap = spaces_between(run.x - last.end, run.size, 1)
            glue = "" if boundary_space or not gap else " "
            joined[-1] = last._replace(text=last.text + glue + run.text, end=run.end)
        else:
            joined.append(run)
    return joined


def _heading_levels(runs: list[list[Run]]) -> dict[int, dict[str, int]]:
    """Per page: heading text -> level, from font sizes larger than the body size and, below
    those, whole lines set in bold at body size."""
    sizes: Counter[float] = Counter()
    for page_runs in runs:
        for run in page_runs:
            sizes[run.size] += len(run.text.strip())
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({s for s in sizes if s > body * 1.1}, reverse=True)
    rank = {s: i for i, s in enumerate(heading_sizes)}
    lines = [_line_runs(page_runs) for page_runs in runs]
    # Bold lines at body size count as headings only in documents that set few headings
    # in a larger size; where sizes mark the headings, bold marks emphasis.
    sized = sum(1 for page in lines for run in page if run.size in rank)
    use_bold = sized < len(runs)
    result: dict[int, dict[str, int]] = {}
    for page_index, page_lines in enumerate(lines):
        for run in page_lines:
            clean = squash(run.text)
            size_rank = rank.get(run.size)
            if size_rank is None and use_bold and run.bold and run.size >= body * 0.95:
                size_rank = len(heading_sizes)  # bold at body size: below every larger size
                # ... and it reads like a heading: a capital, some words, not too many
                # (a bold line starting in lower case continues a bold sentence).
                letters = sum(c.isalpha() for c in clean)
                if len(clean.split()) > 12 or letters < 3 or not clean[0].isupper():
                    continue
            # Bold lead-ins ("The Curriculum covers the following:", "... topics. 1,2"
            # with footnote marks) end like sentences; headings do not.
            if (
                size_rank is not None
                and 2 <= len(clean) <= 120
                and clean[0].isalnum()
                and not _LEAD_IN_END.search(clean)
                # "Moderator: Ms. Jane Roe", a name in bold on a programme: who, not a title.
                and not names_someone(clean)
            ):
                result.setdefault(page_index, {})[clean] = _heading_level(clean, size_rank)
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


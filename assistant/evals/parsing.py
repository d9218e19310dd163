"""Parsing speed and structure per format (not a test): every file of a folder is parsed and
chunked (no embedding), and the figures the ingest issue asks for are written out.

    python -m assistant.evals.parsing [FOLDER ...] [--out DIR] [--json]

FOLDER defaults to ../shared/corpus-real plus the generated fixtures of tests/data for
formats that corpus lacks (HTML, CSV). Per file: format, pages (slides, sheets), chunks,
share of chunks with a section path, OCRed pages, wall and CPU seconds. Per format: units
per second (PDF text pages, slides, sheets, Word and web documents) with OCR time taken out
and reported apart as seconds per OCRed page. On PDFs also: glued and split words
(``assistant.evals.spacing``), section-path coverage in documents that have headings, and
table quality (a header read as a data row, a data row taken for the header, a table
printed without a header row and said to have none, a "Table N" caption left apart from its
table). Results go to ``evals/results/parsing.md`` and ``.json``.
The machine's load average is recorded: other work on a shared machine inflates wall time,
CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.chunking import chunk_document
from assistant.errors import InputFileError
from assistant.evals.spacing import SpacingErrors, known_language, spacing_errors
from assistant.ingest import SUPPORTED_SUFFIXES, ingest_file
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Block

RESULTS = PROJECT_ROOT / "evals" / "results"
DEFAULT_FOLDERS = [PROJECT_ROOT.parent / "shared" / "corpus-real", PROJECT_ROOT / "tests" / "data"]
# Formats taken from tests/data only when no real file has them.
UNITS = {"pdf": "text page", "pdf (OCR)": "OCR page", "pptx": "slide", "xlsx": "sheet",
         "csv": "sheet", "docx": "document", "html": "document", "md": "document",
         "txt": "document"}
_TABLE_CAPTION = re.compile(r"^Table\s+\d+", re.IGNORECASE)
# A cell that is a figure, not a label: a header holding one is a data row ("Albania | 1000");
# a year is a common column label ("2022") and does not count.
_NUMBER = re.compile(r"^(?!(?:19|20)\d\d$)[-+(]?\d[\d\s,.]*%?\)?$")


def cpu_seconds() -> float:
    """CPU seconds of this process and of the programs it ran (Tesseract runs apart)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _OcrClock:
    """Wall and CPU seconds spent in OCR, by wrapping the OCR entry point."""

    def __init__(self) -> None:
        from assistant.parsers import ocr

        self.wall = self.cpu = 0.0
        original = ocr.ocr_pdf_pages

        def timed(*args: Any, **kwargs: Any) -> dict[int, str]:
            wall, cpu = time.perf_counter(), cpu_seconds()
            try:
                return original(*args, **kwargs)
            finally:
                self.wall += time.perf_counter() - wall
                self.cpu += cpu_seconds() - cpu

        ocr.ocr_pdf_pages = timed  # type: ignore[assignment]


def files_of(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(folder, file) pairs: every supported file of the first folder, then files of the
    later folders in formats the earlier ones lack."""
    seen_formats: set[str] = set()
    out: list[tuple[Path, Path]] = []
    for folder in folders:
        found = sorted(p for p in folder.rglob("*") if p.is_file()
                       and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md")
        new = {p.suffix.lower() for p in found} - seen_formats
        out += [(folder, p) for p in found if not out or p.suffix.lower() in new]
        seen_formats |= {p.suffix.lower() for p in found}
    return out


def measure(folders: list[Path]) -> dict[str, Any]:
    settings = Settings()
    clock = _OcrClock()
    rows = []
    spacing = SpacingErrors()
    for folder, path in files_of(folders):
        name = f"{folder.name}/{path.relative_to(folder)}"
        ocr_wall, ocr_cpu = clock.wall, clock.cpu
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            doc = ingest_file(path, settings)
            chunks = chunk_document(doc, settings)
        except InputFileError as exc:
            rows.append({"file": name, "error": str(exc)})
            continue
        row: dict[str, Any] = {
            "file": name,
            "format": doc.meta.format,
            "language": doc.meta.language,
            "pages": doc.meta.pages,
            "ocr_pages": doc.meta.ocr_pages,
            "chunks": len(chunks),
            "with_section": sum(1 for c in chunks if c.section),
            "has_headings": any(b.kind == "heading" for b in doc.blocks),
            "seconds": round(time.perf_counter() - wall, 3),
            "cpu_seconds": round(cpu_seconds() - cpu, 3),
            "ocr_seconds": round(clock.wall - ocr_wall, 3),
            "ocr_cpu_seconds": round(clock.cpu - ocr_cpu, 3),
        }
        if doc.meta.format == "pdf":
            row.update(table_quality(doc.blocks))
            if known_language(doc.meta.language or "en"):
                errors = spacing_errors([b.text for b in doc.blocks], doc.meta.language or "en")
                spacing.add(errors)
                row.update(tokens=errors.tokens, glued=len(errors.glued), split=len(errors.split),
                           spacing_examples=sorted(set(errors.glued + errors.split))[:12])
        rows.append(row)
    return {
        "folders": [str(f) for f in folders],
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "files": rows,
        "formats": by_format(rows),
        "pdf": pdf_summary(rows, spacing),
    }


def table_quality(blocks: tuple[Block, ...]) -> dict[str, int]:
    """Tables, rows that repeat the table's header (a header read as data), tables whose
    header holds a figure (a data row taken for the header), tables without a header row
    (``header`` None: every row is data, none promoted), and "Table N" captions left as
    text next to a table on the same page instead of going with it."""
    tables = [b for b in blocks if b.kind == "table"]
    header_rows = sum(1 for t in tables for r in t.rows if _norm(r) == _norm(t.header or ""))
    data_headers = sum(1 for t in tables if any(_NUMBER.match(c.strip())
                                                for c in (t.header or "").split(" | ")))
    loose = 0
    for i, block in enumerate(blocks):
        if block.kind in ("caption", "paragraph") and _TABLE_CAPTION.match(block.text):
            near = blocks[max(0, i - 1) : i + 2]
            loose += any(b.kind == "table" and b.page == block.page for b in near)
    return {"tables": len(tables), "header_rows": header_rows, "data_headers": data_headers,
            "headerless": sum(1 for t in tables if t.header is None), "loose_captions": loose}


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def pdf_summary(rows: list[dict[str, Any]], spacing: SpacingErrors) -> dict[str, Any]:
    pdfs = [r for r in rows if r.get("format") == "pdf"]
    headed = [r for r in pdfs if r["has_headings"]]
    chunks = sum(r["chunks"] for r in headed)
    return {
        "section_share_with_headings": round(sum(r["with_section"] for r in headed) / chunks, 3)
        if chunks else None,
        "spacing_tokens": spacing.tokens,
        "glued": len(spacing.glued),
        "split": len(spacing.split),
        "glued_or_split_share": round(spacing.share, 5),
        **{k: sum(r.get(k, 0) for r in pdfs)
           for k in ("tables", "header_rows", "data_headers", "headerless", "loose_captions")},
    }


def by_format(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Units per second per format, OCR apart: a PDF's text pages are timed without the
    seconds its scanned pages took, which count for "pdf (OCR)"."""
    buckets: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if "error" in row:
            continue
        fmt = row["format"]
        units = row["pages"] if fmt in ("pdf", "pptx", "xlsx", "csv") else 1
        text_units = units - row["ocr_pages"]
        if text_units:
            bucket = buckets[fmt]
            bucket["files"] += 1
            bucket["units"] += text_units
            bucket["seconds"] += row["seconds"] - row["ocr_seconds"]
            bucket["cpu_seconds"] += row["cpu_seconds"] - row["ocr_cpu_seconds"]
        if row["ocr_pages"]:
            bucket = buckets["pdf (OCR)"]
            bucket["files"] += 1
            bucket["units"] += row["ocr_pages"]
            bucket["seconds"] += row["ocr_seconds"]
            bucket["cpu_seconds"] += row["ocr_cpu_seconds"]
    out = {}
    for name, b in sorted(buckets.items()):
        out[name] = {
            "unit": UNITS.get(name, "document"),
            "files": int(b["files"]),
            "units": int(b["units"]),
            "seconds": round(b["seconds"], 2),
            "cpu_seconds": round(b["cpu_seconds"], 2),
            "units_per_second": round(b["units"] / b["seconds"], 1) if b["seconds"] else None,
            "seconds_per_unit": round(b["seconds"] / b["units"], 3) if b["units"] else None,
            "cpu_seconds_per_unit": round(b["cpu_seconds"] / b["units"], 3) if b["units"] else None,
        }
    return out


def to_markdown(result: dict[str, Any]) -> str:
    lines = [f"# Parsing: {', '.join(result['folders'])}", "",
             f"Load average (1/5/15 min) at the end: {result['load_average']} on "
             f"{os.cpu_count()} CPUs; wall seconds grow with other work on the machine, CPU "
             "seconds much less.", "",
             "| file | format | lang | pages | OCR pages | chunks | with section | wall s | CPU s "
             "| glued+split / tokens | tables | header rows | data headers | no header "
             "| loose captions |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in result["files"]:
        if "error" in r:
            lines.append(f"| {r['file']} | error: {r['error']} |" + " |" * 13)
            continue
        share = f"{100 * r['with_section'] / r['chunks']:.0f}%" if r["chunks"] else "-"
        spacing = (f"{r['glued'] + r['split']} / {r['tokens']}" if "tokens" in r else "")
        lines.append(
            f"| {r['file']} | {r['format']} | {r['language']} | {r['pages']} | {r['ocr_pages']} "
            f"| {r['chunks']} | {share} | {r['seconds']} | {r['cpu_seconds']} | {spacing} "
            f"| {r.get('tables', '')} | {r.get('header_rows', '')} | {r.get('data_headers', '')} "
            f"| {r.get('headerless', '')} | {r.get('loose_captions', '')} |")
    lines += ["", "| format | unit | files | units | wall s | CPU s | units/s (wall) "
              "| s/unit (wall) | s/unit (CPU) |", "|---|---|---|---|---|---|---|---|---|"]
    for name, f in result["formats"].items():
        lines.append(f"| {name} | {f['unit']} | {f['files']} | {f['units']} | {f['seconds']} "
                     f"| {f['cpu_seconds']} | {f['units_per_second']} | {f['seconds_per_unit']} "
                     f"| {f['cpu_seconds_per_unit']} |")
    p = result["pdf"]
    lines += [
        "", "PDFs:", "",
        f"- chunks with a section path, in documents that have headings: "
        f"{p['section_share_with_headings']:.1%}" if p["section_share_with_headings"] is not None
        else "- no PDF with headings",
        f"- glued or split words: {p['glued']} glued + {p['split']} split of "
        f"{p['spacing_tokens']} tokens = {p['glued_or_split_share']:.3%}",
        f"- tables: {p['tables']}; rows repeating the header: {p['header_rows']}; headers "
        f"holding data: {p['data_headers']}; without a header row: {p['headerless']}; "
        f"'Table N' captions left apart: {p['loose_captions']}",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    parser.add_argument("--json", action="store_true", help="print the JSON result")
    args = parser.parse_args()
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    for folder in folders:
        if not folder.is_dir():
            parser.exit(2, f"error: {folder}: no such folder\n")
    result = measure(folders)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "parsing.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    (args.out / "parsing.md").write_text(to_markdown(result), encoding="utf-8")
    print(json.dumps(result) if args.json else to_markdown(result))


if __name__ == "__main__":
    main()

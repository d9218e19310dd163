"""Parsing speed and structure per format (not a test): every file of a folder is parsed and
chunked (no embedding), and the figures the ingest issue asks for are written out.

    python -m assistant.evals.parsing [FOLDER] [--json]      # FOLDER defaults to ../shared/corpus-real

Per file: format, pages (slides, sheets), chunks, share of chunks with a section path, OCRed
pages and seconds. Per format: pages per second (text pages only; scanned pages are counted
apart as OCR seconds per page). Results go to ``evals/results/parsing.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from assistant.chunking import chunk_document
from assistant.errors import InputFileError
from assistant.ingest import SUPPORTED_SUFFIXES, ingest_file
from assistant.settings import PROJECT_ROOT, Settings

RESULTS = PROJECT_ROOT / "evals" / "results"
DEFAULT_FOLDER = PROJECT_ROOT.parent / "shared" / "corpus-real"


def measure(folder: Path) -> dict:
    settings = Settings()
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md")
    rows = []
    for path in files:
        started = time.perf_counter()
        try:
            doc = ingest_file(path, settings)
            chunks = chunk_document(doc, settings)
        except InputFileError as exc:
            rows.append({"file": str(path.relative_to(folder)), "error": str(exc)})
            continue
        seconds = time.perf_counter() - started
        rows.append({
            "file": str(path.relative_to(folder)),
            "format": doc.meta.format,
            "language": doc.meta.language,
            "pages": doc.meta.pages,
            "ocr_pages": doc.meta.ocr_pages,
            "chunks": len(chunks),
            "with_section": sum(1 for c in chunks if c.section),
            "seconds": round(seconds, 2),
        })
    return {"folder": str(folder), "files": rows, "formats": by_format(rows)}


def by_format(rows: list[dict]) -> dict[str, dict]:
    """Pages per second per format; a PDF mostly read by OCR counts as "pdf (OCR)"."""
    buckets: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if "error" in row:
            continue
        scanned = row["ocr_pages"] * 2 > row["pages"]
        bucket = buckets["pdf (OCR)" if scanned else row["format"]]
        bucket["files"] += 1
        bucket["pages"] += row["pages"]
        bucket["seconds"] += row["seconds"]
    return {
        name: {
            "files": int(b["files"]),
            "pages": int(b["pages"]),
            "seconds": round(b["seconds"], 2),
            "pages_per_second": round(b["pages"] / b["seconds"], 1) if b["seconds"] else None,
            "seconds_per_page": round(b["seconds"] / b["pages"], 3) if b["pages"] else None,
        }
        for name, b in sorted(buckets.items())
    }


def to_markdown(result: dict) -> str:
    lines = [f"# Parsing: {result['folder']}", "",
             "| file | format | lang | pages | OCR pages | chunks | with section | s |",
             "|---|---|---|---|---|---|---|---|"]
    for r in result["files"]:
        if "error" in r:
            lines.append(f"| {r['file']} | error: {r['error']} |||||||")
            continue
        share = f"{100 * r['with_section'] / r['chunks']:.0f}%" if r["chunks"] else "-"
        lines.append(f"| {r['file']} | {r['format']} | {r['language']} | {r['pages']} | "
                     f"{r['ocr_pages']} | {r['chunks']} | {share} | {r['seconds']} |")
    lines += ["", "| format | files | pages | s | pages/s | s/page |", "|---|---|---|---|---|---|"]
    for name, f in result["formats"].items():
        lines.append(f"| {name} | {f['files']} | {f['pages']} | {f['seconds']} | "
                     f"{f['pages_per_second']} | {f['seconds_per_page']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--json", action="store_true", help="print the JSON result")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.exit(2, f"error: {args.folder}: no such folder\n")
    result = measure(args.folder)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "parsing.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    (RESULTS / "parsing.md").write_text(to_markdown(result), encoding="utf-8")
    print(json.dumps(result) if args.json else to_markdown(result))


if __name__ == "__main__":
    main()

"""What the command line prints for a person: answers with their sources, an index's
documents, progress bars. Text from documents is made safe for a terminal first; JSON output
is printed by the commands themselves."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from assistant.manifest import IndexManifest
    from assistant.types import Answer, IndexedDocument

# Terminal escape sequences (CSI, OSC, single-character ones) and other control characters:
# a document's text or title printed as it is could retitle the terminal, hide lines or
# rewrite what was printed before. JSON output escapes them already.
_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def document_row(doc: IndexedDocument) -> dict[str, Any]:
    """An indexed document as `assistant info --json` lists it."""
    return {"source": doc.source, "title": doc.title, "doc_type": doc.doc_type,
            "year": doc.year, "pages": doc.pages, "chunks": doc.chunks, "format": doc.format,
            "language": doc.language, "ocr_chunks": doc.ocr_chunks}


def printable(text: str) -> str:
    """Text safe to print on a terminal: escape sequences and control characters removed."""
    # Every sequence the pattern removes starts with a control character, which is not
    # printable: a printable text (a JSON line) is returned as it is, without a scan by
    # the pattern (~10 KB a batch's answer, ~10 ms of a 135-question batch).
    return text if text.isprintable() else _TERMINAL_CONTROL.sub("", text)


def echo(text: str = "", err: bool = False) -> None:
    click.echo(printable(text), err=err)


def print_answer(answer: Answer) -> None:
    """The answer, a facilitator's note if any, then the numbered sources with their quotes."""
    echo(answer.answer)
    note = answer.extras.get("facilitator_note")
    if note:
        echo(f"\n{note}")
    if answer.citations:
        echo("\nSources:")
        for c in answer.citations:
            section = f", {c.section}" if c.section else ""
            where = c.where
            marks = "".join(
                [
                    f", {c.language}" if c.language and c.language != "en" else "",
                    ", OCR" if c.ocr else "",
                ]
            )
            echo(f"[{c.n}] {c.document} ({c.source}), {where}{section}{marks}")
            echo(f'    "{c.text}"')


def print_index_info(
    data: dict[str, Any],
    manifest: IndexManifest | None,
    stale: list[str],
    docs: list[IndexedDocument],
) -> None:
    """`assistant info` for a person: location, model, manifest, then one line a document."""
    echo(f"index: {data['index']}\nmodel: {data['model']}\nchunks: {data['chunks']}")
    if manifest is None:
        echo("manifest: none (built by an older version; the next ingest re-chunks it)")
    else:
        echo(
            f"manifest: chunk_max_chars={manifest.chunk_max_chars}, "
            f"chunk_overlap_sentences={manifest.chunk_overlap_sentences}, "
            f"parser v{manifest.parser_version}, chunk format v{manifest.chunk_format}, "
            f"BM25 format v{manifest.bm25_format}, embedding {manifest.embedding_variant}"
        )
    for difference in stale:
        echo(
            f"differs from the settings: {difference} (the next `assistant ingest` "
            "updates the index)"
        )
    for d in docs:
        unit = {"pptx": "slides", "xlsx": "sheets", "csv": "sheets"}.get(d.format, "pages")
        facts = [d.format or "?", f"{d.pages} {unit}", f"{d.chunks} chunks"]
        facts += [f"language {d.language}"] if d.language else []
        facts += [f"{d.ocr_chunks} chunks OCRed"] if d.ocr_chunks else []
        echo(f"- {d.title} ({d.source}): {', '.join(facts)}")


class RichProgress:
    """Files and embedding batches as two rich progress bars (terminal only)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}"),
            transient=True,
            console=Console(stderr=True),
        )
        self.file_task = self.progress.add_task("files", total=None, name="")
        self.batch_task = self.progress.add_task("embedding", total=None, name="")

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def files(self, done: int, total: int, name: str) -> None:
        self.progress.update(self.file_task, completed=done, total=total, name=name)

    def batches(self, done: int, total: int) -> None:
        self.progress.update(self.batch_task, completed=done, total=total, name="")

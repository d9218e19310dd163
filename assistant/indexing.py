"""Incremental, crash-safe ingestion: files -> chunks -> vectors -> Chroma + BM25.

Per file: parse, chunk, embed, upsert (ids derive from content, so a repeat is a no-op),
delete the file's stale chunks, and only then write its registry record. A file whose
SHA-256 matches its record is skipped without parsing or loading the model.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.chunking import chunk_document
from assistant.embedding import Embedder, get_embedder
from assistant.errors import AssistantError, IndexLockedError, InputFileError
from assistant.ingest import SUPPORTED_SUFFIXES, SUPPORTED_TYPES, ingest_file
from assistant.lexical import BM25Index, fingerprint
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.types import FileFailure, IngestReport

# Files that describe a corpus folder rather than belong to it.
_FOLDER_META = {"readme.md", "manifest.json", "license", "license.md", ".gitkeep"}


class ProgressSink(Protocol):
    def files(self, done: int, total: int, name: str) -> None: ...

    def batches(self, done: int, total: int) -> None: ...


class _NoProgress:
    def files(self, done: int, total: int, name: str) -> None:
        pass

    def batches(self, done: int, total: int) -> None:
        pass


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """One writer per index: a second ingest fails fast with a clear message."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    path = settings.index_dir / ".ingest.lock"
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise IndexLockedError(
                f"another ingest (pid {holder}) is writing to {settings.index_dir}; "
                "wait for it to finish and run again"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[FileFailure]]:
    """Expand folders (recursively, sorted); name what cannot be ingested."""
    files: list[Path] = []
    failures: list[FileFailure] = []
    for path in paths:
        try:
            if path.is_dir():
                found_before = len(files) + len(failures)
                for root, dirs, names in os.walk(path, followlinks=False, onerror=None):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        if name.startswith(".") or name.lower() in _FOLDER_META:
                            continue
                        candidate = Path(root) / name
                        if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                            files.append(candidate)
                        else:
                            failures.append(
                                FileFailure(
                                    str(candidate),
                                    f"unsupported file type '{candidate.suffix or name}' "
                                    f"(supported: {SUPPORTED_TYPES})",
                                )
                            )
                # A folder named on the command line that holds nothing is a mistake to report.
                if len(files) + len(failures) == found_before:
                    failures.append(
                        FileFailure(str(path), f"folder holds no supported files ({SUPPORTED_TYPES})")
                    )
            elif path.exists() or path.is_symlink():
                files.append(path)
            else:
                failures.append(FileFailure(str(path), "no such file or directory"))
        except OSError as exc:
            failures.append(FileFailure(str(path), f"cannot read ({exc.strerror or exc})"))
    return files, failures


def index_paths(
    paths: Sequence[Path],
    settings: Settings,
    *,
    prune: bool = False,
    progress: ProgressSink | None = None,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Ingest files and folders into the index; returns what changed."""
    started = time.monotonic()
    sink = progress or _NoProgress()
    report = IngestReport()
    files, report.failed = discover(paths)
    with ingest_lock(settings):
        store = ChromaStore(settings, create=True)
        store.claim_model(settings.embedding_model)
        registry = store.documents()
        seen_sources: dict[str, Path] = {}
        changed = False
        for done, path in enumerate(files):
            sink.files(done, len(files), path.name)
            try:
                if path.name in seen_sources:
                    raise InputFileError(
                        f"another file named {path.name} ({seen_sources[path.name]}) is in "
                        "this ingest; file names identify documents, rename one"
                    )
                seen_sources[path.name] = path
                embedded = _index_file(path, settings, store, registry, sink, embedder)
                if embedded is None:
                    report.unchanged += 1
                else:
                    report.added += 1
                    report.embedded_chunks += embedded[0]
                    report.embed_seconds += embedded[1]
                    changed = True
            except InputFileError as exc:
                report.failed.append(FileFailure(str(path), str(exc)))
            except AssistantError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
                report.failed.append(
                    FileFailure(str(path), f"unexpected error: {type(exc).__name__}: {exc}"[:200])
                )
        sink.files(len(files), len(files), "")
        if prune:
            for source, recorded in store.document_paths().items():
                if recorded and not Path(recorded).exists():
                    store.forget_document(source)
                    report.removed += 1
                    changed = True
        refresh_bm25(store, settings, force=changed)
        report.documents = len(store.documents())
        report.chunks = store.count()
    report.seconds = time.monotonic() - started
    return report


def _index_file(
    path: Path,
    settings: Settings,
    store: ChromaStore,
    registry: dict,
    sink: ProgressSink,
    embedder: Embedder | None,
) -> tuple[int, float] | None:
    """Index one file: (chunks embedded, seconds spent embedding), or None when its
    recorded SHA-256 shows it unchanged."""
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        sha = ""  # ingest_file reports the precise reason
    known = registry.get(path.name)
    if known is not None and sha and known.sha256 == sha:
        return None
    doc = ingest_file(path, settings)
    chunks = chunk_document(doc, settings)
    embedder = embedder or get_embedder(settings.embedding_model, settings.embedding_batch_size)
    step = settings.embedding_batch_size
    batches = max(1, -(-len(chunks) // step))
    vectors = []
    started = time.monotonic()
    for b in range(batches):
        sink.batches(b, batches)
        vectors.append(
            embedder.embed([c.embedding_text() for c in chunks[b * step : (b + 1) * step]])
        )
    sink.batches(batches, batches)
    embed_seconds = time.monotonic() - started
    store.upsert(chunks, np.concatenate(vectors) if vectors else np.zeros((0, 1)))
    fresh = {c.id for c in chunks}
    store.delete_chunks([cid for cid in store.chunk_ids(doc.meta.source) if cid not in fresh])
    ocr_chunks = sum(1 for c in chunks if c.ocr)
    store.record_document(doc.meta, len(chunks), str(path.resolve()), ocr_chunks=ocr_chunks)
    return len(chunks), embed_seconds


def refresh_bm25(store: ChromaStore, settings: Settings, *, force: bool = False) -> BM25Index:
    """Rebuild the BM25 index from the store when it changed or is out of step.

    Chunks of a document with no registry record belong to an interrupted ingest; they are
    deleted here so that neither retriever ever sees half a document.
    """
    documents = store.documents()
    existing = None if force else BM25Index.load(settings.bm25_dir)
    expected = sum(d.chunks for d in documents.values())
    if existing is not None and store.count() == expected == len(existing.chunks):
        ids = store.chunks.get(include=[])["ids"]
        if fingerprint(ids) == existing.fingerprint:
            return existing
    chunks, orphans = [], []
    for chunk in store.iter_chunks():
        (chunks if chunk.source in documents else orphans).append(chunk)
    if orphans:
        store.delete_chunks([c.id for c in orphans])
    index = BM25Index.build(chunks)
    index.save(settings.bm25_dir)
    return index

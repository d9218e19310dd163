"""One file's way into the index, in two steps that run side by side.

``prepare_file`` (parse and chunk; pure Python) runs in a parse thread one file ahead of
``store_file`` (embed with onnxruntime, which releases the GIL, then write), so on two cores
the next file is parsed while this one is embedded. ``parsed_ahead`` does the scheduling;
``index_paths`` hands it the files smallest first, so that embedding starts early.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from assistant.chunking import chunk_document
from assistant.embedding import Embedder, embed_sorted
from assistant.evidence import units
from assistant.ingest import ingest_file
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.types import Chunk, ParsedDocument
from assistant.unitvec import UnitVectors


class ProgressSink(Protocol):
    def files(self, done: int, total: int, name: str) -> None: ...

    def batches(self, done: int, total: int) -> None: ...


@dataclass(frozen=True)
class Prepared:
    """A file read and chunked (by the parse thread), waiting to be embedded and stored;
    ``doc`` None when its recorded SHA-256 shows it unchanged."""

    key: str
    doc: ParsedDocument | None = None
    chunks: tuple[Chunk, ...] = ()
    # Each chunk's evidence units, as the texts their vectors are embedded from and stored
    # under (a unit in its context, ``Evidence.context``).
    units: tuple[tuple[str, ...], ...] = ()


def prepare_file(path: Path, key: str, settings: Settings, registry: dict) -> Prepared:
    """Parse and chunk one file under ``key`` unless its SHA-256 matches its record."""
    sha = sha256_of(path, settings.max_file_mb * 1024 * 1024)
    known = registry.get(key)
    if known is not None and sha and known.sha256 == sha:
        return Prepared(key)
    doc = ingest_file(path, settings)
    doc = replace(doc, meta=replace(doc.meta, source=key))
    chunks = tuple(chunk_document(doc, settings))
    return Prepared(key, doc, chunks, tuple(tuple(u.context for u in units(c)) for c in chunks))


def store_file(
    prepared: Prepared,
    real_path: str,
    settings: Settings,
    store: ChromaStore,
    sink: ProgressSink,
    embedder: Embedder,
    unit_store: UnitVectors,
) -> float:
    """Embed a prepared file's evidence units not stored yet and compute its chunks'
    vectors, store them, drop its stale chunks, then record it; the seconds spent
    embedding."""
    assert prepared.doc is not None
    chunks = list(prepared.chunks)
    started = time.monotonic()
    vectors = embed_file(
        prepared, embedder, settings.embedding_batch_size, sink, unit_store,
        pooled=store.pooled_chunk_vectors,
    )
    embed_seconds = time.monotonic() - started
    store.upsert(chunks, vectors if chunks else np.zeros((0, 1)))
    fresh = {c.id for c in chunks}
    meta = prepared.doc.meta
    store.delete_chunks([cid for cid in store.chunk_ids(meta.source) if cid not in fresh])
    ocr_chunks = sum(1 for c in chunks if c.ocr)
    store.record_document(meta, len(chunks), real_path, ocr_chunks=ocr_chunks)
    return embed_seconds


def embed_file(
    prepared: Prepared,
    embedder: Embedder,
    batch: int,
    sink: ProgressSink,
    unit_store: UnitVectors,
    *,
    pooled: bool = True,
) -> np.ndarray:
    """Vectors of a file's chunks (rows in order); its evidence units' vectors go to
    ``unit_store``, so that questions score units by a lookup.

    The units ``unit_store`` lacks are embedded, with the chunks in one pass shortest first
    (batches of similar length). ``pooled``: a chunk is made of its units, so its vector is
    their mean weighted by length, scaled to unit length, instead of a second pass of the
    same words through the model (half the tokens embedded); only a chunk without units is
    embedded whole. An index built before pooling (``ChromaStore.pooled_chunk_vectors``)
    embeds every chunk whole, so its chunks' vectors stay of one kind."""
    whole = [row for row, texts in enumerate(prepared.units) if not (pooled and texts)]
    new = unit_store.missing([t for texts in prepared.units for t in texts])
    vectors = embed_sorted(
        embedder, [prepared.chunks[row].embedding_text() for row in whole] + new, batch,
        sink.batches,
    )
    unit_store.add(new, vectors[len(whole) :])
    by_text = dict(zip(new, vectors[len(whole) :], strict=True))
    pooled_rows = [row for row, texts in enumerate(prepared.units) if pooled and texts]
    earlier = list(dict.fromkeys(
        t for row in pooled_rows for t in prepared.units[row] if t not in by_text))
    if earlier:  # units met in files ingested before
        by_text.update(zip(earlier, unit_store(earlier), strict=True))
    dimension = next((len(v) for v in by_text.values()), vectors.shape[1])
    out = np.zeros((len(prepared.chunks), dimension), dtype=np.float32)
    if whole:
        out[whole] = vectors[: len(whole)]
    for row in pooled_rows:
        lengths = np.array([len(t) for t in prepared.units[row]], dtype=np.float32)
        mean = lengths @ np.array([by_text[t] for t in prepared.units[row]], dtype=np.float32)
        out[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return out


T = TypeVar("T")


Item = TypeVar("Item")


def parsed_ahead(
    items: Sequence[Item], work: Callable[[Item], T]
) -> Iterator[tuple[Item, Future[T]]]:
    """(item, future of work(item)) in order, the next item's work already running: the
    parse of file n+1 (pure Python) overlaps the embedding of file n (onnxruntime, which
    releases the GIL), so both cores stay busy. One file ahead at most."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
    try:
        pending: tuple[Item, Future[T]] | None = None
        for item in items:
            running = (item, pool.submit(work, item))
            if pending is not None:
                yield pending
            pending = running
        if pending is not None:
            yield pending
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def sha256_of(path: Path, max_bytes: float) -> str:
    """SHA-256 of a regular file no larger than ``max_bytes``, else "" (ingest_file then
    names the problem). The file is opened without blocking and checked on the open handle,
    so a device, a pipe or a file swapped for one is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return ""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return ""
        digest = hashlib.sha256()
        while block := os.read(fd, 1 << 20):
            digest.update(block)
        return digest.hexdigest()
    except OSError:
        return ""
    finally:
        os.close(fd)

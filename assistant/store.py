"""Chroma vector store: chunks with provenance metadata, plus a registry of documents.

The same class runs embedded (``PersistentClient`` at ``index_dir``) or against a Chroma
server (``HttpClient``) when ``chroma_url`` is set. A document's registry record is written
*after* all its chunks, so a record means "this file is completely indexed"; an ingest that
dies half-way leaves no record and the next run redoes that file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from assistant.chroma_client import make_client
from assistant.embedding import FP32
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, IndexedDocument

# The embedded store's change mark (``ChromaStore.touched``), beside chroma.sqlite3.
_MARK = "changed"
# Searches sent to Chroma in one call by ``query_many``.
_QUERIES_PER_CALL = 1000


def marked_token(settings: Settings) -> str:
    """The change token in an embedded store's mark file: the one its registry holds
    (``ChromaStore.changed``), read without opening the store; "" when there is none."""
    if settings.chroma_url:
        return ""
    try:
        return (settings.index_dir / _MARK).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _nearest(got: Any) -> list[list[tuple[str, float]]]:
    """Each query's (id, cosine similarity) pairs from a Chroma query result, nearest first."""
    return [
        [(cid, 1.0 - float(dist)) for cid, dist in zip(ids, distances, strict=True)]
        for ids, distances in zip(got["ids"], got["distances"], strict=True)
    ]


class ChromaStore:
    """Chunks and the document registry in two Chroma collections."""

    def __init__(self, settings: Settings, *, create: bool = False) -> None:
        self.settings = settings
        self.client = make_client(settings, create=create)
        # (when looked, the registry's change token then, the registered keys)
        self._registered_at: tuple[float, str, set[str]] | None = None
        name = settings.collection
        if create:
            self.chunks = self.client.get_or_create_collection(
                name,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
            # Registry records carry no meaningful vector; Chroma still wants one.
            self.registry = self.client.get_or_create_collection(
                f"{name}_documents", embedding_function=None
            )
        else:
            try:
                self.chunks = self.client.get_collection(name, embedding_function=None)
                self.registry = self.client.get_collection(
                    f"{name}_documents", embedding_function=None
                )
            except Exception:  # noqa: BLE001 - NotFoundError differs between versions
                where = settings.chroma_url or settings.index_dir
                raise IndexMissingError(
                    f"no collection '{name}' at {where}; run `assistant ingest corpus/` first"
                ) from None

    # ---- model ---------------------------------------------------------------------
    def collection_metadata(self) -> dict[str, Any]:
        """The chunk collection's own metadata: the model and variant it is bound to."""
        return dict(self.chunks.metadata or {})

    @property
    def embedding_model(self) -> str | None:
        return self.collection_metadata().get("embedding_model")

    @property
    def embedding_variant(self) -> str | None:
        """Which vectors the index holds (embedding.variant_name); None for a new index.
        An index bound to a model before variants were recorded holds fp32 vectors."""
        if not self.embedding_model:
            return None
        return str(self.collection_metadata().get("embedding_variant", FP32))

    def claim_model(self, model: str, variant: str = FP32) -> None:
        """Bind the collection to an embedding model and variant; refuse a different
        model (the variant is checked by embedding.index_precision before)."""
        current = self.embedding_model
        if current and current != model:
            raise IndexMismatchError(
                f"the index at {self.location} was built with '{current}', not '{model}'; "
                "use that model (ASSISTANT_EMBEDDING_MODEL) or another --index"
            )
        if not current:
            self.chunks.modify(metadata={
                "embedding_model": model, "embedding_variant": variant, "chunk_vectors": "pooled"})

    @property
    def pooled_chunk_vectors(self) -> bool:
        """Whether a chunk's vector is pooled from its evidence units' (ingest_steps.embed_file),
        as in every index bound to a model since; an index bound before embeds each chunk in
        a pass of its own, so its chunks' vectors stay of one kind."""
        recorded = self.collection_metadata().get("chunk_vectors")
        return recorded == "pooled" or not self.embedding_model

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)

    # ---- chunks --------------------------------------------------------------------
    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        step = max(1, min(5000, self.client.get_max_batch_size()))
        for start in range(0, len(chunks), step):
            part = chunks[start : start + step]
            self.chunks.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + step],
                documents=[c.text for c in part],
                metadatas=[c.to_metadata() for c in part],
            )

    def chunk_ids(self, source: str) -> list[str]:
        return list(self.chunks.get(where={"source": source}, include=[])["ids"])

    def delete_chunks(self, ids: Sequence[str]) -> None:
        step = 5000
        for start in range(0, len(ids), step):
            self.chunks.delete(ids=list(ids[start : start + step]))

    def count(self) -> int:
        return self.chunks.count()

    def iter_chunks(self, page_size: int = 5000) -> Iterator[Chunk]:
        """All chunks, paged, in a stable order (for the BM25 index)."""
        offset = 0
        while True:
            got = self.chunks.get(
                include=["documents", "metadatas"], limit=page_size, offset=offset
            )
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                yield Chunk.from_metadata(cid, text, meta)
            if len(got["ids"]) < page_size:
                return
            offset += page_size

    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        if not ids:
            return []
        got = self.chunks.get(ids=list(ids), include=["documents", "metadatas"])
        by_id = {
            cid: Chunk.from_metadata(cid, text, meta)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }
        return [by_id[i] for i in ids if i in by_id]

    def get_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored embeddings by chunk id (ids the store does not hold are left out)."""
        if not ids:
            return {}
        got = self.chunks.get(ids=list(ids), include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def unit_vectors_ahead(self) -> dict[str, np.ndarray]:
        """Vectors of evidence texts embedded ahead as a question would embed them, by
        text (a store read from its copy: storecopy.py); none here."""
        return {}

    def query(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids of the nearest chunks with their cosine similarity (1 - distance), nearest
        first. Only ids come back: reading text and metadata costs Chroma 4x the search
        itself, and a reader fetches each chunk once (``get_chunks``) and keeps it.

        A caller cites only chunks of ``registered()`` documents: an ingest killed between
        writing a file's chunks and its registry record leaves chunks no answer may cite
        (the next ingest deletes them); a row deleted by another process can still come
        back from a stale vector index, and ``get_chunks`` no longer finds it.
        """
        # n beyond the collection's size returns what there is (Chroma 1.x, embedded and
        # server): no count() first, which costs ~0.4 s per question at 1M on a server.
        got = self.chunks.query(
            query_embeddings=[vector],
            n_results=n,
            where=where or None,
            include=["distances"],
        )
        return _nearest(got)[0]

    def query_many(self, vectors: Sequence[np.ndarray], n: int) -> list[list[tuple[str, float]]]:
        """``query`` for many vectors at once, without filters: Chroma answers a batch of
        questions' searches in one call at about a tenth of the CPU of one call each, with
        the same results (ids and distances, checked on the bundled and the outside index)."""
        found: list[list[tuple[str, float]]] = []
        for start in range(0, len(vectors), _QUERIES_PER_CALL):
            got = self.chunks.query(
                query_embeddings=list(vectors[start : start + _QUERIES_PER_CALL]),
                n_results=n,
                include=["distances"],
            )
            found += _nearest(got)
        return found

    def registered(self) -> set[str]:
        """Registered document keys, as of at most a second ago: a question should not pay a
        registry read over thousands of documents (0.03-0.07 s at 6,200 over HTTP), so the
        keys are read again only when the registry's change token moved (one small read)."""
        now = time.monotonic()
        if self._registered_at is None or now - self._registered_at[0] >= 1.0:
            stamp = self.changed()
            if self._registered_at is None or not stamp or stamp != self._registered_at[1]:
                keys = set(self.registry.get(include=[])["ids"])
            else:
                keys = self._registered_at[2]
            self._registered_at = (now, stamp, keys)
        return self._registered_at[2]

    # ---- document registry ---------------------------------------------------------
    def document_count(self) -> int:
        return self.registry.count()

    def registry_records(self) -> dict[str, dict[str, Any]]:
        """Every document's registry record (its metadata), by document key."""
        got = self.registry.get(include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"], strict=True))

    def documents(self) -> dict[str, IndexedDocument]:
        docs: dict[str, IndexedDocument] = {}
        for source, meta in self.registry_records().items():
            docs[source] = IndexedDocument(
                source=source,
                title=str(meta.get("title", source)),
                doc_type=str(meta.get("doc_type", "")),
                year=int(meta.get("year") or 0) or None,
                pages=int(meta.get("pages", 0)),
                chunks=int(meta.get("chunks", 0)),
                sha256=str(meta.get("sha256", "")),
                format=str(meta.get("format", "")),
                language=str(meta.get("language", "")),
                ocr_chunks=int(meta.get("ocr_chunks", 0)),
            )
        return docs

    def record_document(
        self, meta: DocumentMeta, n_chunks: int, path: str, *, ocr_chunks: int = 0
    ) -> None:
        self.record_documents([(meta, n_chunks, path, ocr_chunks)])

    def record_documents(self, rows: Sequence[tuple[DocumentMeta, int, str, int]]) -> None:
        """Many documents in one write, (meta, chunks, path, OCR chunks) each: a registry
        write costs the same for one document or thousands."""
        step = 5000
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            self.registry.upsert(
                ids=[meta.source for meta, *_ in part],
                embeddings=[[1.0]] * len(part),
                documents=[json.dumps({"path": path}) for _, _, path, _ in part],
                metadatas=[
                    {
                        "title": meta.title,
                        "doc_type": meta.doc_type,
                        "year": meta.year or 0,
                        "publisher": meta.publisher or "",
                        "pages": meta.pages,
                        "chunks": n_chunks,
                        "sha256": meta.sha256,
                        "path": path,
                        "format": meta.format,
                        "language": meta.language,
                        "ocr_chunks": ocr_chunks,
                    }
                    for meta, n_chunks, path, ocr_chunks in part
                ],
            )
        self._stamp_change()

    def changed(self) -> str:
        """A token every write to the registry replaces (any process): reading it costs
        one small request, where version() reads every document's record (seconds with
        thousands of documents). "" when no writer has stamped the store."""
        registry = self.client.get_collection(self.registry.name, embedding_function=None)
        return str((registry.metadata or {}).get("changed", ""))

    def _stamp_change(self) -> None:
        """Called after a registry write, so a reader that saw the old token looks again.
        An embedded store also replaces its mark file (``touched``)."""
        token = uuid.uuid4().hex
        self.registry.modify(metadata={"changed": token})
        if not self.settings.chroma_url:
            mark = self.settings.index_dir / _MARK
            scratch = mark.with_name(f"{_MARK}.{token}")
            scratch.write_text(token, encoding="utf-8")
            os.replace(scratch, mark)  # a new file (inode) each time: no reader sees half

    def touched(self) -> str:
        """Where ``changed`` costs a request, this costs one ``stat``, so a reader can look
        before every question: the embedded store's mark file, replaced by every registry
        write of this version or later; "" for a Chroma server or an unmarked index."""
        if self.settings.chroma_url:
            return ""
        try:
            found = os.stat(self.settings.index_dir / _MARK)
        except OSError:
            return ""
        return f"{found.st_ino}:{found.st_mtime_ns}"

    def version(self) -> str:
        """A digest of the registry: it changes whenever any process adds, changes or
        removes a document, so a reader knows when to load the index again."""
        digest = hashlib.sha256()
        for source, meta in sorted(self.registry_records().items()):
            digest.update(f"{source}\0{meta.get('sha256', '')}\0{meta.get('chunks', 0)}\n"
                          .encode())
        return digest.hexdigest()

    def record_document_path(self, source: str, path: str) -> None:
        """A document's file moved (same content): only its recorded path changes."""
        got = self.registry.get(ids=[source], include=["metadatas"])
        if got["ids"]:
            self.registry.update(ids=[source], documents=[json.dumps({"path": path})],
                                 metadatas=[{**got["metadatas"][0], "path": path}])
            self._stamp_change()

    def document_paths(self) -> dict[str, str]:
        records = self.registry_records()
        return {source: str(meta.get("path", "")) for source, meta in records.items()}

    def retitle(self, source: str, title: str) -> None:
        """A document's title changes in its record and in every chunk (citations show it)."""
        got = self.registry.get(ids=[source], include=["metadatas"])
        if not got["ids"]:
            return
        self.registry.update(ids=[source], metadatas=[{**got["metadatas"][0], "title": title}])
        chunks = self.chunks.get(where={"source": source}, include=["metadatas"])
        step = 5000
        for start in range(0, len(chunks["ids"]), step):
            ids = chunks["ids"][start : start + step]
            metas = [{**m, "document": title} for m in chunks["metadatas"][start : start + step]]
            self.chunks.update(ids=ids, metadatas=metas)
        self._stamp_change()  # after the chunks: a reader that looks again sees them all

    def forget_document(self, source: str) -> None:
        """Drop the registry record first: a crash after it leaves a redo, not a ghost."""
        self.registry.delete(ids=[source])
        self.delete_chunks(self.chunk_ids(source))
        self._stamp_change()

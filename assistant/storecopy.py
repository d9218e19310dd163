"""The store's copy for questions: what answering reads from a small embedded store (every
chunk's text, metadata and vector, the document registry, the model the collection is bound
to), written beside it by every ingest, so that a question process never imports chromadb.

Importing chromadb and opening its client took ~0.25 s of CPU in every process that asks
(with lean_imports' trims; ~0.45 s without), a tenth of a batch of 135 golden questions;
the copy is one file read in a few milliseconds. Only an
index of at most ``COPIED_CHUNKS`` chunks has one: such an index is searched exactly on its
stored vectors (retrieve.py), so its questions need nothing else of Chroma's; a larger one
searches Chroma's graph and opens the store as before.

The copy also holds what every asking process would otherwise work out from the same
passages again (``passages_ahead``): the sentences of each text the evidence stage splits
(syntok is Python: ~0.1 s of a batch, its import included; used only under the splitting
rules they were split by, ``text.sentence_rules``), and the vectors select would embed
because the unit store lacks them: of sentences a page break cut, completed by the next
passage as select scores them, and of the things a sentence names, each read alone when
the whole units leave a question unsupported (``pieces.things_read``: ~30 of a golden
batch, ~0.3 s of its CPU). ~9 ms each, embedded alone as a question would embed them
(int8 indexes only, see ``_embedded_alone``): ~300 texts of the bundled corpus, ~3 s of
its ingest, once.

The copy stands for the store only while it is the store's: it names the registry's change
token when it was written, and the store's mark file (which every registry write replaces,
``ChromaStore.touched``) must still hold that token; its content must match the SHA-256
digest it carries (a changed or garbled copy is not used); and the store's own file must
open (a damaged store is reported as it always was, not answered from its copy). Otherwise
questions read the store itself. Anything the copy does not hold (writes, a filtered search
over more chunks than it has) opens the store when first asked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings
from assistant.store import ChromaStore, marked_token
from assistant.text import recorded_splits, remember_sentences, sentence_rules
from assistant.types import Chunk

COPY_FILE = "store-copy.json"
# Bump when write_copy() writes other fields; a copy of another format is not read (the
# store is, until the next ingest writes the copy again).
COPY_FORMAT = 1
# An index of more chunks keeps no copy: its unfiltered searches go to Chroma's graph.
# The same bound as the exact search over a filter's chunks (retrieve._FEW_ALLOWED).
COPIED_CHUNKS = 5000
# Chunks read from the store per request while writing the copy.
_READ_STEP = 1000


@dataclass(frozen=True)
class StoreCopy:
    token: str  # the registry's change token when the copy was written
    collection: str  # the chunk collection's name
    metadata: dict[str, Any]  # the chunk collection's metadata (model, variant)
    registry: dict[str, dict[str, Any]]  # each document's registry record, by key
    records: dict[str, tuple[str, dict[str, Any]]]  # each chunk's text and metadata, by id
    rows: dict[str, int]  # each chunk's row in ``vectors``
    vectors: np.ndarray  # the stored vectors, as the store returns them (float64)
    # Worked out at ingest as questions would work them out (``passages_ahead``): the
    # sentences of each text evidence.units splits, under the rules named, and the vectors
    # of the texts select embeds that the unit store lacks, by text.
    sentence_rules: str = ""
    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unit_vectors: dict[str, np.ndarray] = field(default_factory=dict)


def copy_path(settings: Settings) -> Path:
    return settings.index_dir / COPY_FILE


def write_copy(store: ChromaStore, ids: Sequence[str]) -> None:
    """Write the copy of an embedded store whose registered chunks are ``ids`` (ingest,
    under its lock, after the last registry write), or remove a copy that can no longer
    be written: too many chunks, no change token, a Chroma server."""
    settings = store.settings
    if settings.chroma_url:
        return
    path = copy_path(settings)
    token = store.changed()
    if not token or token != marked_token(settings) or len(ids) > COPIED_CHUNKS:
        path.unlink(missing_ok=True)
        return
    texts: list[str] = []
    metadatas: list[dict[str, Any]] = []
    vectors: list[np.ndarray] = []
    held: list[str] = []
    for start in range(0, len(ids), _READ_STEP):
        got = store.chunks.get(ids=list(ids[start : start + _READ_STEP]),
                               include=["documents", "metadatas", "embeddings"])
        held += got["ids"]
        texts += got["documents"]
        metadatas += got["metadatas"]
        vectors += list(got["embeddings"])
    matrix = np.array(vectors, dtype=np.float64).reshape(len(held), -1)
    # The store keeps float32: its vectors are written as such, and read back exactly.
    dtype = np.float32 if np.array_equal(matrix.astype(np.float32), matrix) else np.float64
    chunks = [Chunk.from_metadata(cid, text, meta)
              for cid, text, meta in zip(held, texts, metadatas, strict=True)]
    earlier = read_copy(path)
    if earlier is not None:  # the passages an earlier ingest split are not split again
        remember_sentences(earlier.sentences, earlier.sentence_rules)
    sentences, lacking = passages_ahead(chunks)
    unit_vectors = _embedded_alone(store, lacking, earlier.unit_vectors if earlier else {})
    unit_texts = list(unit_vectors)
    unit_matrix = np.array([unit_vectors[t] for t in unit_texts], dtype=np.float32)
    body = json.dumps({
        "token": token,
        "collection": settings.collection,
        "metadata": store.collection_metadata(),
        "registry": store.registry_records(),
        "ids": held,
        "texts": texts,
        "metadatas": metadatas,
        "dtype": np.dtype(dtype).name,
        "vectors": base64.b64encode(matrix.astype(dtype).tobytes()).decode("ascii"),
        "dimension": matrix.shape[1],
        "sentence_rules": sentence_rules(),
        "sentences": {text: spans for text, found in sentences.items()
                      if (spans := _spans(text, found)) is not None},
        "unit_texts": unit_texts,
        "unit_vectors": base64.b64encode(unit_matrix.tobytes()).decode("ascii"),
    }, ensure_ascii=False).encode("utf-8")
    header = json.dumps({"format": COPY_FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
    scratch = path.with_name(f"{path.name}.tmp")
    scratch.write_bytes(header.encode("ascii") + b"\n" + body)
    os.replace(scratch, path)  # a reader sees the old copy or the new one, never half


def read_copy(path: Path) -> StoreCopy | None:
    """The copy at ``path``; None when missing, of another format, or not what was
    written (its digest differs)."""
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        head = json.loads(header)
        if head.get("format") != COPY_FORMAT or \
                head.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        data = json.loads(body)
        ids = data["ids"]
        raw = base64.b64decode(data["vectors"])
        vectors = np.frombuffer(raw, dtype=np.dtype(data["dtype"])).astype(np.float64)
        return StoreCopy(
            token=data["token"],
            collection=data["collection"],
            metadata=data["metadata"],
            registry=data["registry"],
            records={cid: (text, meta) for cid, text, meta
                     in zip(ids, data["texts"], data["metadatas"], strict=True)},
            rows={cid: row for row, cid in enumerate(ids)},
            vectors=vectors.reshape(len(ids), int(data["dimension"])),
            sentence_rules=data["sentence_rules"],
            sentences={text: tuple(text[a:b] for a, b in spans)
                       for text, spans in data["sentences"].items()},
            unit_vectors=dict(zip(data["unit_texts"], np.frombuffer(
                base64.b64decode(data["unit_vectors"]), dtype=np.float32).reshape(
                len(data["unit_texts"]), int(data["dimension"])), strict=True)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def current_copy(settings: Settings) -> StoreCopy | None:
    """The copy of the embedded store at ``settings.index_dir`` if it is the store's now
    (see the module's docstring), else None."""
    if settings.chroma_url:
        return None
    token = marked_token(settings)
    if not token:
        return None
    copy = read_copy(copy_path(settings))
    if copy is None or copy.token != token or copy.collection != settings.collection:
        return None
    return copy if _opens(settings.index_dir / "chroma.sqlite3") else None


def _opens(database: Path) -> bool:
    """Whether the store's SQLite file opens and its schema reads (a fraction of a
    millisecond; a garbled or truncated file fails here)."""
    if not database.is_file():
        return False
    try:
        # A file URI needs an absolute path: ``--index index`` is relative to where one runs.
        connection = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


def passages_ahead(chunks: Sequence[Chunk]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """What every question process would work out from these passages again: the sentences
    of each text ``evidence.units`` splits, and the texts select embeds that the unit store
    lacks: the contexts of the sentences a page break cut, completed by the next passage
    (``select.whole_sentence``), and of the things a sentence names, each read alone
    (``pieces.things_read``)."""
    from assistant.evidence import units
    from assistant.pieces import things_read
    from assistant.select import whole_sentence

    at = {(c.source, c.ordinal): c for c in chunks}

    def neighbour(chunk: Chunk, step: int) -> Chunk | None:
        return at.get((chunk.source, chunk.ordinal + step))

    embedded: list[str] = []
    with recorded_splits() as sentences:
        for chunk in chunks:
            for unit in units.__wrapped__(chunk):  # not the cache: its splits are recorded
                whole = whole_sentence(unit, neighbour)
                if whole is not unit:
                    embedded.append(whole.context)
                embedded += things_read(unit)
    return sentences, list(dict.fromkeys(embedded))


def _embedded_alone(store: ChromaStore, texts: Sequence[str],
                    earlier: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The vectors questions would give the texts the unit store lacks, embedding each
    alone (int8; those of an earlier copy kept). None for an fp32 index: a question embeds
    the units it lacks together, and a vector then depends on the others in its batch."""
    from assistant.embedding import OneByOne, index_precision, question_embedder
    from assistant.unitvec import UnitVectors

    settings = store.settings
    precision = index_precision(settings, store.embedding_variant, store.location)
    if precision != "int8":
        return {}
    lacking = UnitVectors(lambda _: np.zeros((0, 0)), settings.units_dir).missing(texts)
    found = {t: earlier[t] for t in lacking if t in earlier}
    todo = [t for t in lacking if t not in found]
    embedder = question_embedder(settings, precision) if todo else None
    if isinstance(embedder, OneByOne):  # each text alone, as a question embeds it
        found.update(zip(todo, embedder.embed(todo), strict=True))
    return {t: found[t] for t in lacking if t in found}


def _spans(text: str, sentences: Sequence[str]) -> list[tuple[int, int]] | None:
    """Where each sentence is in the text (each is a substring of it, in order); None if
    one is not (that text is then split by the process that asks)."""
    spans, at = [], 0
    for sentence in sentences:
        at = text.find(sentence, at)
        if at < 0:
            return None
        spans.append((at, at + len(sentence)))
        at += len(sentence)
    return spans


def open_store(settings: Settings) -> ChromaStore:
    """The store as questions read it: its copy when that is current, else the store."""
    copy = current_copy(settings)
    if copy is None:
        return ChromaStore(settings)
    # Splitting is a function of the text alone: what ingest split is not split again.
    remember_sentences(copy.sentences, copy.sentence_rules)
    return CopiedStore(settings, copy)


class CopiedStore(ChromaStore):
    """A store read from its copy while the copy is the store's; the store itself (opened
    when first needed) for what the copy does not hold, and for everything once another
    writer changed the store (a long-lived reader: the LangChain retriever)."""

    def __init__(self, settings: Settings, copy: StoreCopy) -> None:
        # Not ChromaStore.__init__: that opens the client this class exists to avoid.
        self.settings = settings
        self.copy = copy
        self._registered_at = None
        self._live: ChromaStore | None = None
        self._mark_seen = ""  # the mark file (``touched``) when last looked at
        self._is_current = False
        self._looked_at = -1.0  # when (time.monotonic) the mark was last looked at

    @property
    def live(self) -> ChromaStore:
        """The store itself, opened when first needed."""
        if self._live is None:
            self._live = ChromaStore(self.settings)
        return self._live

    def current(self) -> bool:
        """Whether the copy is still the store's, as of at most a second ago (as
        ``ChromaStore.registered`` reads the registry): a ``stat`` of the mark file a
        second, and a read of its token when it was replaced. A PolicyAssistant looks at
        the mark before every question anyway, and loads the index again on a change."""
        now = time.monotonic()
        if now - self._looked_at >= 1.0:
            self._looked_at = now
            mark = self.touched()
            if mark != self._mark_seen:
                self._mark_seen = mark
                self._is_current = marked_token(self.settings) == self.copy.token
        return self._is_current

    @property
    def client(self) -> Any:
        return self.live.client

    @property
    def chunks(self) -> Any:
        return self.live.chunks

    @property
    def registry(self) -> Any:
        return self.live.registry

    def collection_metadata(self) -> dict[str, Any]:
        if not self.current():
            return self.live.collection_metadata()
        return dict(self.copy.metadata)

    def count(self) -> int:
        return len(self.copy.records) if self.current() else self.live.count()

    def iter_chunks(self, page_size: int = 5000) -> Iterator[Chunk]:
        if not self.current():
            yield from self.live.iter_chunks(page_size)
            return
        for cid, (text, meta) in self.copy.records.items():
            yield Chunk.from_metadata(cid, text, meta)

    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        if not self.current():
            return self.live.get_chunks(ids)
        records = self.copy.records
        by_id = {cid: Chunk.from_metadata(cid, *records[cid])
                 for cid in dict.fromkeys(ids) if cid in records}
        return [by_id[i] for i in ids if i in by_id]

    def get_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not self.current():
            return self.live.get_vectors(ids)
        rows, vectors = self.copy.rows, self.copy.vectors
        return {cid: vectors[rows[cid]] for cid in ids if cid in rows}

    def registered(self) -> set[str]:
        return set(self.copy.registry) if self.current() else self.live.registered()

    def unit_vectors_ahead(self) -> dict[str, np.ndarray]:
        return self.copy.unit_vectors  # by text: a text's vector is the same in any store

    def document_count(self) -> int:
        return len(self.copy.registry) if self.current() else self.live.document_count()

    def registry_records(self) -> dict[str, dict[str, Any]]:
        if not self.current():
            return self.live.registry_records()
        return {source: dict(meta) for source, meta in self.copy.registry.items()}

    def changed(self) -> str:
        """The token in the mark file, which every registry write replaces."""
        return marked_token(self.settings)

    def version(self) -> str:
        """The copy's version while the mark names its token (looked at now: a reader asks
        for the version when the mark moved), else the store's (opened for it)."""
        if marked_token(self.settings) == self.copy.token:
            return super().version()
        return self.live.version()

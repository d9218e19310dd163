"""BM25 over chunk texts with bm25s, persisted beside the Chroma store.

Each chunk is read by ``text.terms`` in its document's language (bm25s's token pattern and
stopword lists, PyStemmer's stemmers: french, romanian, ...), the same terms the evidence
scores and the metrics see, and accents are folded after stemming so "capacites" finds
"capacités". A query is tokenized in every language the index holds, so a French
question finds French passages and an English one English passages.

The index holds no chunk text: bm25s's matrices and the chunk table (assistant.chunktable:
ids, filter columns, corpus statistics) are memory-mapped, and a search returns chunk ids,
whose text and metadata the caller reads from the store. Start-up over a million chunks is
then a few file opens, and a tampered index can rank passages but never put words in them.

The index is derived data: it is rebuilt from the store at the end of every ingest and
whenever the store's version (a digest of the document registry) is not the one it was
built from. ``integrity.json`` holds the SHA-256 of every file (checked again only for a
file whose size or change time differs from when it was saved, so an untouched index of a
million chunks opens without reading it), the chunk-id fingerprint, and a digest of every
chunk's text and metadata, which ingest compares with the store's own chunks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.chunktable import ChunkTable
from assistant.language import language_name
from assistant.text import fold_accents, terms
from assistant.types import Chunk


def fingerprint(ids: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for chunk_id in sorted(ids):
        digest.update(chunk_id.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def content_digest(chunks: Iterable[Chunk]) -> str:
    """A digest of what answers quote: every chunk's id, text and metadata."""
    digest = hashlib.sha256()
    for chunk in sorted(chunks, key=lambda c: c.id):
        row = [chunk.id, chunk.text, chunk.to_metadata()]
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _stamp(path: Path) -> list[int]:
    """Size and change time: any write, rename or copy changes the change time."""
    info = path.stat()
    return [info.st_size, info.st_ctime_ns]


def _files(directory: Path) -> list[Path]:
    return [p for p in sorted(directory.iterdir()) if p.is_file() and p.name != _INTEGRITY]


_INTEGRITY = "integrity.json"


@lru_cache(maxsize=32)
def analyzer(language: str) -> Callable[[str], list[str]]:
    """The BM25 terms of a text in a language ("fr"): text.terms (the tokens, stopwords and
    stems every stage uses) with accents folded after stemming."""
    name = language_name(language or "en")

    def analyze(text: str) -> list[str]:
        return [fold_accents(t) for t in terms(text, name)]

    return analyze


class BM25Index:
    """A bm25s retriever over the chunks' texts and the chunk table of the same rows."""

    def __init__(self, retriever, table: ChunkTable, fp: str, content: str,  # noqa: ANN001
                 version: str = "") -> None:
        self.retriever = retriever
        self.table = table
        self.fingerprint = fp
        self.content = content
        self.version = version  # the store version it was built from ("" unknown)
        self.languages = table.languages

    def __len__(self) -> int:
        return len(self.table)

    @classmethod
    def build(cls, chunks: Sequence[Chunk], version: str = "") -> BM25Index:
        import bm25s

        chunks = sorted(chunks, key=lambda c: c.id)
        retriever = bm25s.BM25()
        if chunks:
            tokens = [analyzer(c.language)(c.embedding_text()) or [""] for c in chunks]
            retriever.index(tokens, show_progress=False)
        return cls(retriever, ChunkTable.build(chunks), fingerprint(c.id for c in chunks),
                   content_digest(chunks), version)

    def save(self, directory: Path) -> None:
        """Write to a sibling folder, then swap it in, so a crash never leaves half a file."""
        # Unique names: two threads (an upload, a question) may save at once.
        unique = uuid.uuid4().hex[:12]
        tmp = directory.with_name(f"{directory.name}.tmp-{unique}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if len(self):
            self.retriever.save(str(tmp), show_progress=False)
        self.table.save(tmp)
        files = _files(tmp)
        integrity = {"fingerprint": self.fingerprint, "content": self.content,
                     "version": self.version,
                     "files": {p.name: _file_digest(p) for p in files}}
        (tmp / _INTEGRITY).write_text(json.dumps(integrity, indent=1))
        old = directory.with_name(f"{directory.name}.old-{unique}")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
        # Stamps are taken after the move: renaming a folder leaves its files' ctime alone.
        integrity["stamps"] = {p.name: _stamp(p) for p in _files(directory)}
        (directory / _INTEGRITY).write_text(json.dumps(integrity, indent=1))

    @classmethod
    def load(cls, directory: Path) -> BM25Index | None:
        """The saved index, memory-mapped, or None when missing, unreadable, or not what
        was saved (a file changed or garbled): the caller rebuilds it from the store."""
        import bm25s

        try:
            integrity = json.loads((directory / _INTEGRITY).read_text())
            files = _files(directory)
            if {p.name for p in files} != set(integrity["files"]):
                return None
            stamps = integrity.get("stamps", {})
            for path in files:
                if stamps.get(path.name) != _stamp(path) and \
                        _file_digest(path) != integrity["files"][path.name]:
                    return None
            table = ChunkTable.load(directory)
            retriever = (bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
                         if len(table) else bm25s.BM25())
            # Plain arrays over the maps: a search slices them once per query term, and
            # np.memmap's slicing (a Python method) cost more than the slice.
            retriever.scores = {name: np.asarray(value) if isinstance(value, np.ndarray)
                                else value for name, value in retriever.scores.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return cls(retriever, table, integrity["fingerprint"], integrity["content"],
                   integrity.get("version", ""))

    def search(
        self, query: str, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """Top-k chunk ids by BM25; ``mask`` (0/1 per row) restricts the candidates."""
        if not len(self):
            return []
        from bm25s.selection import topk

        vocab = self.retriever.vocab_dict
        # The main language's tokens as they come (a repeated word weighs twice, as it
        # always has); other languages add only the stems it did not produce.
        main, *others = sorted(self.languages, key=lambda lang: lang != "en")
        tokens = [t for t in analyzer(main)(query) if t in vocab]
        seen = set(tokens)
        for lang in others:
            extra = [t for t in analyzer(lang)(query) if t in vocab and t not in seen]
            tokens += extra
            seen.update(extra)
        known = [tokens]
        if not known[0]:
            return []
        if mask is not None:
            return self._search_rows(known[0], k, np.flatnonzero(mask))
        # What bm25s's retrieve() computes for one query (its scores, then its top-k), without
        # its batch machinery: a progress bar, result arrays, ~0.2 ms a search.
        top_scores, top = topk(self.retriever.get_scores(known[0]), min(k, len(self)),
                               sorted=True)
        return self._ranked(top, top_scores)

    def _search_rows(self, tokens: list[str], k: int, rows: np.ndarray) -> list[tuple[str, float]]:
        """Top-k among ``rows`` only. bm25s's own mask scores the other rows 0 and then picks
        the top k among them all: at a million rows, mostly equal zeros, that selection
        took 50 ms of a filtered question, against under 1 ms over the allowed rows."""
        from bm25s.selection import topk

        if not len(rows):
            return []
        scores = self.retriever.get_scores(tokens)[rows]
        top_scores, top = topk(scores, min(k, len(rows)), sorted=True)
        return self._ranked(rows[top], top_scores)

    def _ranked(self, rows: np.ndarray, scores: np.ndarray) -> list[tuple[str, float]]:
        return [(self.table.id_of(int(i)), float(s))
                for i, s in zip(rows, scores, strict=True) if s > 0]


def lexical_hits(chunks: Sequence[Chunk], query: str, k: int) -> list[Chunk]:
    """The top-k of ``chunks`` for ``query`` by an index built in memory (tools, tests)."""
    by_id = {c.id: c for c in chunks}
    return [by_id[cid] for cid, _ in BM25Index.build(chunks).search(query, k)]

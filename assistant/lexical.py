"""BM25 over chunk texts with bm25s, persisted beside the Chroma store.

Each chunk is read by ``text.terms`` in its document's language (bm25s's token pattern and
stopword lists, PyStemmer's stemmers: french, romanian, ...), the same terms the evidence
scores and the metrics see, and accents are folded after stemming so "capacites" finds
"capacités". A query is tokenized in every language the index holds, so a French
question finds French passages and an English one English passages.

The index is derived data: it is rebuilt from the store at the end of every ingest and
whenever its fingerprint (a hash of the chunk ids) no longer matches the store, so it can
never drift out of step with the vectors. It is also never trusted blindly: ``integrity.json``
holds the SHA-256 of every file and a digest of every chunk's text and metadata, ``load``
refuses a folder that does not match them (the caller rebuilds from the store), and ingest
compares the digest with the store's own chunks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

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


def _file_digests(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
        if path.is_file() and path.name != _INTEGRITY
    }


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
    """Chunks in a fixed order and a bm25s retriever over their texts."""

    def __init__(self, chunks: list[Chunk], retriever, fp: str,  # noqa: ANN001
                 content: str | None = None) -> None:
        self.chunks = chunks
        self.retriever = retriever
        self.fingerprint = fp
        self.content = content or content_digest(chunks)
        self.languages = sorted({c.language or "en" for c in chunks}) or ["en"]

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> BM25Index:
        import bm25s

        chunks = sorted(chunks, key=lambda c: c.id)
        retriever = bm25s.BM25()
        if chunks:
            tokens = [analyzer(c.language)(c.embedding_text()) or [""] for c in chunks]
            retriever.index(tokens, show_progress=False)
        return cls(list(chunks), retriever, fingerprint(c.id for c in chunks))

    def save(self, directory: Path) -> None:
        """Write to a sibling folder, then swap it in, so a crash never leaves half a file."""
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.chunks:
            self.retriever.save(str(tmp), show_progress=False)
        with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as fh:
            for chunk in self.chunks:
                fh.write(
                    json.dumps({"id": chunk.id, "text": chunk.text, "meta": chunk.to_metadata()})
                )
                fh.write("\n")
        integrity = {"fingerprint": self.fingerprint, "content": self.content,
                     "files": _file_digests(tmp)}
        (tmp / _INTEGRITY).write_text(json.dumps(integrity, indent=1))
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> BM25Index | None:
        """The saved index, or None when missing, unreadable, or not what was saved (a file
        changed or garbled, a chunk's text edited): the caller rebuilds it from the store."""
        import bm25s

        try:
            integrity = json.loads((directory / _INTEGRITY).read_text())
            if _file_digests(directory) != integrity["files"]:
                return None
            chunks = []
            with (directory / "chunks.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    chunks.append(Chunk.from_metadata(row["id"], row["text"], row["meta"]))
            content = content_digest(chunks)
            if content != integrity["content"] or fingerprint(c.id for c in chunks) != \
                    integrity["fingerprint"]:
                return None
            retriever = (
                bm25s.BM25.load(str(directory), show_progress=False) if chunks else bm25s.BM25()
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return cls(chunks, retriever, integrity["fingerprint"], content)

    def search(
        self, query: str, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[Chunk, float]]:
        """Top-k chunks by BM25; ``mask`` (0/1 per chunk) restricts the candidates."""
        if not self.chunks:
            return []
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
        k = min(k, len(self.chunks))
        docs, scores = self.retriever.retrieve(
            known, k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (self.chunks[int(i)], float(s))
            for i, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]

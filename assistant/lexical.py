"""BM25 over chunk texts with bm25s, persisted beside the Chroma store.

Each chunk is stemmed and stripped of stopwords in its document's language (PyStemmer
has french, romanian, ...), and accents are folded after stemming so "capacites" finds
"capacités". A query is tokenized in every language the index holds, so a French
question finds French passages and an English one English passages.

The index is derived data: it is rebuilt from the store at the end of every ingest and
whenever its fingerprint (a hash of the chunk ids) no longer matches the store, so it can
never drift out of step with the vectors.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.language import language_name
from assistant.types import Chunk

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def fingerprint(ids: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for chunk_id in sorted(ids):
        digest.update(chunk_id.encode())
        digest.update(b"\n")
    return digest.hexdigest()


class _Analyzer:
    """Lower case, stopwords out, stems in one language, accents folded."""

    def __init__(self, language: str) -> None:
        import Stemmer
        from bm25s.tokenization import _infer_stopwords

        name = language_name(language)
        self.stemmer = Stemmer.Stemmer(name if name in Stemmer.algorithms() else "english")
        try:
            self.stopwords = frozenset(_infer_stopwords(name))
        except ValueError:  # bm25s has no list for this language: keep every word
            self.stopwords = frozenset()

    def __call__(self, text: str) -> list[str]:
        words = [w for w in _TOKEN.findall(text.lower()) if w not in self.stopwords]
        return [_fold(stem) for stem in self.stemmer.stemWords(words)]


@lru_cache(maxsize=32)
def analyzer(language: str) -> _Analyzer:
    return _Analyzer(language or "en")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class BM25Index:
    """Chunks in a fixed order and a bm25s retriever over their texts."""

    def __init__(self, chunks: list[Chunk], retriever, fp: str) -> None:
        self.chunks = chunks
        self.retriever = retriever
        self.fingerprint = fp
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
                fh.write(json.dumps({"id": chunk.id, "text": chunk.text, "meta": chunk.to_metadata()}))
                fh.write("\n")
        (tmp / "fingerprint.txt").write_text(self.fingerprint)
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> BM25Index | None:
        """The saved index, or None when missing or unreadable (the caller rebuilds)."""
        import bm25s

        try:
            fp = (directory / "fingerprint.txt").read_text().strip()
            chunks = []
            with (directory / "chunks.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    chunks.append(Chunk.from_metadata(row["id"], row["text"], row["meta"]))
            retriever = (
                bm25s.BM25.load(str(directory), show_progress=False) if chunks else bm25s.BM25()
            )
        except (OSError, ValueError, KeyError):
            return None
        return cls(chunks, retriever, fp)

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

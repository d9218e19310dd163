"""What a loaded index reads from the store once and keeps: chunks, their stored vectors and
their terms, by chunk id.

A batch of questions (or a server's day of them) retrieves the same passages again and
again. One read from Chroma costs about as much as a search, and the rerank splits and stems
some thirty chunk texts per question. Chunk ids derive from content, so what an id names
does not change while the index is loaded; a reader loads the index again (and gets a new
cache) when another process changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.text import terms
from assistant.types import Chunk

if TYPE_CHECKING:
    from assistant.store import ChromaStore

# Chunks kept before a cache starts afresh: a chunk's text, metadata, vector and terms take
# about 17 KB (tracemalloc, bundled index), so a server on a large index holds at most
# ~35 MB here; a question reads some 30-100 chunks.
CACHED_CHUNKS = 2048
# Vector sets (see ``vector_set``) kept: at most 5,000 vectors of 384 floats each, 7.7 MB.
CACHED_SETS = 8


class ChunkCache:
    def __init__(self, store: ChromaStore) -> None:
        self.store = store
        self._chunks: dict[str, Chunk] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._terms: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._sets: dict[bytes, tuple[list[str], np.ndarray]] = {}

    def __contains__(self, chunk_id: str) -> bool:
        return chunk_id in self._chunks

    def chunks(self, ids: Sequence[str]) -> list[Chunk]:
        """Chunks by id, in the order given; ids the store does not hold are left out."""
        missing = [cid for cid in dict.fromkeys(ids) if cid not in self._chunks]
        if missing:
            _make_room(self._chunks)
            self._chunks.update((c.id, c) for c in self.store.get_chunks(missing))
        return [self._chunks[cid] for cid in ids if cid in self._chunks]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored embeddings by chunk id (ids the store does not hold are left out)."""
        missing = [cid for cid in dict.fromkeys(ids) if cid not in self._vectors]
        if missing:
            _make_room(self._vectors)
            self._vectors.update(self.store.get_vectors(missing))
        return {cid: self._vectors[cid] for cid in ids if cid in self._vectors}

    def vector_set(self, key: bytes, ids: Callable[[], list[str]]) -> tuple[list[str], np.ndarray]:
        """The stored vectors of a set of chunks (a filter's allowed chunks, ``key`` naming
        the set): the ids held, in the order given, and one matrix of unit rows. Read once
        per set: a UI keeps its filter for question after question."""
        cached = self._sets.get(key)
        if cached is None:
            if len(self._sets) >= CACHED_SETS:
                self._sets.clear()
            wanted = ids()
            # Vectors held already are not read again (a country's set, after the whole
            # index's); the others are read without filling the cache.
            found = {cid: self._vectors[cid] for cid in wanted if cid in self._vectors}
            missing = [cid for cid in wanted if cid not in found]
            if missing:
                found.update(self.store.get_vectors(missing))
            held = [cid for cid in wanted if cid in found]
            matrix = np.array([found[cid] for cid in held],
                              dtype=np.float32).reshape(len(held), -1)
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
            cached = self._sets[key] = (held, matrix)
        return cached

    def read_ahead(self, ids: Sequence[str]) -> None:
        """Read the chunks and vectors a batch of questions will ask for in one call each
        (at most half the cache, so that what the questions read besides still fits)."""
        ahead = list(dict.fromkeys(ids))[: CACHED_CHUNKS // 2]
        self.chunks(ahead)
        self.vectors(ahead)

    def terms(self, chunk: Chunk) -> tuple[frozenset[str], frozenset[str]]:
        """A chunk's terms (heading, text and document title) and their five-letter
        prefixes."""
        cached = self._terms.get(chunk.id)
        if cached is None:
            _make_room(self._terms)
            # Part by part, the same terms as the parts joined (no word spans a line break
            # or a space): the evidence stage then finds the text's terms remembered.
            found = frozenset(t for part in (chunk.section or "", chunk.text, chunk.document)
                              for t in terms(part))
            cached = found, frozenset(f[:5] for f in found if len(f) >= 5)
            self._terms[chunk.id] = cached
        return cached


def _make_room(cache: dict) -> None:
    if len(cache) > CACHED_CHUNKS:
        cache.clear()

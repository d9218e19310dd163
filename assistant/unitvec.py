"""Unit embeddings: one MiniLM vector per evidence unit, computed at ingest and kept beside
the index, so scoring evidence by meaning costs a lookup at question time.

Vectors are keyed by a hash of the text that was embedded (a unit in its context), so they
never go stale: a changed document yields new keys, and a key seen again is reused. Each
ingest appends one shard: ``units/<n>.keys.npy`` (the keys, sorted) and
``units/<n>.vectors.npy`` (float16, one row per key). Readers memory-map both and find a key
by binary search, so a million chunks' units (several million vectors, gigabytes) cost a
process only the pages its questions touch, and opening them reads nothing. Shards of the
older format (``<n>.npz``) are still read, into memory. A unit missing from the shards (an
index built before units were stored) is embedded when first needed and kept in memory
only: readers never write.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

Embed = Callable[[list[str]], np.ndarray]
_KEY = np.dtype("S24")  # key(): 12 bytes as 24 hex characters
_SHARD = re.compile(r"^(\d+)\.(keys\.npy|vectors\.npy|npz)$")


def key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class _Shard:
    """Sorted keys and their vectors (memory-mapped, or in memory for an old shard)."""

    def __init__(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        if len(keys) != len(vectors):
            raise ValueError("a shard's keys and vectors differ in length")
        self.keys = keys
        self.vectors = vectors

    @classmethod
    def sorted(cls, keys: np.ndarray, vectors: np.ndarray) -> _Shard:
        order = np.argsort(keys, kind="stable")
        return cls(np.ascontiguousarray(keys[order]), np.ascontiguousarray(vectors[order]))

    def rows(self, wanted: np.ndarray) -> np.ndarray:
        """The row of each wanted key, -1 where this shard lacks it."""
        if not len(self.keys):
            return np.full(len(wanted), -1)
        at = self.keys.searchsorted(wanted)
        inside = at < len(self.keys)
        found = np.zeros(len(wanted), dtype=bool)
        found[inside] = self.keys[at[inside]] == wanted[inside]
        return np.where(found, at, -1)


class UnitVectors:
    """Vectors for unit texts: from the persisted shards, else embedded on demand."""

    def __init__(self, embed: Embed, folder: Path | None = None, limit: int = 50000) -> None:
        self._embed = embed
        self._folder = folder
        self._limit = limit
        self._shards: list[_Shard] = []
        self._extra: dict[str, np.ndarray] = {}
        self._held: dict[str, np.ndarray] = {}  # by text, as last looked up
        if folder is not None and folder.is_dir():
            self._load(folder)

    def _load(self, folder: Path) -> None:
        for number in sorted(_numbers(folder)):
            try:
                keys = folder / f"{number:06d}.keys.npy"
                old = folder / f"{number:06d}.npz"
                if keys.exists():
                    # Plain arrays over the maps: np.memmap's own indexing (a Python method)
                    # took ~30 us where the arrays' takes ~1 us.
                    self._shards.append(_Shard(
                        np.asarray(np.load(keys, mmap_mode="r")),
                        np.asarray(np.load(folder / f"{number:06d}.vectors.npy", mmap_mode="r")),
                    ))  # fmt: skip
                elif old.exists():
                    with np.load(old) as data:
                        self._shards.append(_Shard.sorted(
                            data["keys"].astype(_KEY), data["vectors"].astype(np.float16)))
            except (OSError, ValueError, KeyError):
                continue  # a torn shard (killed ingest) is skipped; its units re-embed on demand

    def __len__(self) -> int:
        return sum(len(s.keys) for s in self._shards) + len(self._extra)

    def _stored(self, keys: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray | None]]:
        """Whether each key is stored, and its stored vector (None where not)."""
        wanted = np.array(keys, dtype=_KEY)
        found = np.zeros(len(keys), dtype=bool)
        vectors: list[np.ndarray | None] = [None] * len(keys)
        for shard in self._shards:
            if found.all():
                break
            rows = shard.rows(wanted)
            taken = np.flatnonzero((rows >= 0) & ~found)
            for i, vector in zip(taken, shard.vectors[rows[taken]], strict=True):
                vectors[i] = vector
            found[taken] = True
        return found, vectors

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # A unit's vector, once looked up, is held by its text: the same units come back
        # question after question (~2,500 lookups a golden batch, each a blake2b key and
        # a binary search per shard).
        held = self._held
        todo = list(dict.fromkeys(t for t in texts if t not in held))
        if len(held) + len(todo) > self._limit:
            held.clear()
            todo = list(dict.fromkeys(texts))
        if todo:
            held.update(zip(todo, self._looked_up(todo), strict=True))
        return np.array([held[t] for t in texts], dtype=np.float32)

    def _looked_up(self, texts: Sequence[str]) -> np.ndarray:
        keys = [key(t) for t in texts]
        found, stored = self._stored(keys)
        missing = list(
            dict.fromkeys(
                (k, t)
                for k, t, known in zip(keys, texts, found, strict=True)
                if not known and k not in self._extra
            )
        )
        if missing:
            if len(self._extra) + len(missing) > self._limit:
                self._extra.clear()
            vectors = self._embed([t for _, t in missing])
            self._extra.update(zip((k for k, _ in missing), vectors, strict=True))
        return np.array(
            [v if v is not None else self._extra[k] for k, v in zip(keys, stored, strict=True)],
            dtype=np.float32,
        )

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Vectors of texts the shards lack, embedded ahead exactly as they would be on
        demand (storecopy.py: sentences completed across a page break, embedded at ingest
        each alone, as a question embeds them), kept like those embedded on demand."""
        self._extra.update((key(text), vector) for text, vector in vectors.items())

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts whose vectors are not stored yet, in order."""
        distinct = list(dict.fromkeys(texts))
        found, _ = self._stored([key(t) for t in distinct])
        return [t for t, known in zip(distinct, found, strict=True) if not known]

    def add(self, texts: Sequence[str], vectors: np.ndarray) -> int:
        """Store vectors embedded by the caller (ingest embeds them with its chunks, in
        batches of similar length) as a new shard; the number of vectors written."""
        keys = [key(t) for t in texts]
        found, _ = self._stored(keys)
        first: dict[str, int] = {}  # key -> row of its first text
        for i, k in enumerate(keys):
            if not found[i]:
                first.setdefault(k, i)
        if self._folder is None or not first:
            return 0
        shard = _Shard.sorted(np.array(list(first), dtype=_KEY),
                              np.asarray(vectors, dtype=np.float16)[list(first.values())])
        self._folder.mkdir(parents=True, exist_ok=True)
        number = max(_numbers(self._folder), default=-1) + 1
        stem = self._folder / f"{number:06d}"
        # Vectors first, keys last, each written under a temporary name and renamed: a
        # shard whose keys file exists is whole (a killed ingest leaves none or a .tmp).
        for part, array in (("vectors", shard.vectors), ("keys", shard.keys)):
            tmp = stem.with_name(f"{stem.name}.{part}.tmp.npy")
            np.save(tmp, array, allow_pickle=False)
            tmp.replace(stem.with_name(f"{stem.name}.{part}.npy"))
        self._shards.append(shard)
        self._held.clear()  # a stored vector now comes before one embedded on demand
        return len(first)

    def persist(self, texts: Sequence[str], batch: int = 64) -> int:
        """Embed the texts not stored yet and write them as a new shard (ingest only);
        the number of vectors written."""
        if self._folder is None:
            return 0
        todo = self.missing(texts)
        if not todo:
            return 0
        vectors = np.concatenate(
            [self._embed(todo[i : i + batch]) for i in range(0, len(todo), batch)]
        )
        return self.add(todo, vectors)


def _numbers(folder: Path) -> set[int]:
    """The numbers of the shards in a folder, whole or not (either format)."""
    return {int(m.group(1)) for p in folder.iterdir() if (m := _SHARD.match(p.name))}

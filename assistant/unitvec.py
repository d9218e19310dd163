"""Unit embeddings: one MiniLM vector per evidence unit, computed at ingest and kept beside
the index, so scoring evidence by meaning costs a lookup at question time.

Vectors are keyed by a hash of the text that was embedded (a unit in its context), so they
never go stale: a changed document yields new keys, and a key seen again is reused. Each
ingest appends one shard (``units/<n>.npz``: keys and float16 vectors); readers load every
shard once. A unit missing from the shards (an index built before units were stored) is
embedded when first needed and kept in memory only: readers never write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Embed = Callable[[list[str]], np.ndarray]


def key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class UnitVectors:
    """Vectors for unit texts: from the persisted shards, else embedded on demand."""

    def __init__(self, embed: Embed, folder: Path | None = None, limit: int = 50000) -> None:
        self._embed = embed
        self._folder = folder
        self._limit = limit
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float16)
        self._extra: dict[str, np.ndarray] = {}
        if folder is not None and folder.is_dir():
            self._load(folder)

    def _load(self, folder: Path) -> None:
        keys: list[str] = []
        blocks = []
        for shard in sorted(p for p in folder.glob("*.npz") if not p.name.endswith(".partial.npz")):
            try:
                with np.load(shard) as data:
                    keys += [str(k) for k in data["keys"]]
                    blocks.append(data["vectors"].astype(np.float16))
            except (OSError, ValueError, KeyError):
                continue  # a torn shard (killed ingest) is skipped; its units re-embed on demand
        if blocks:
            self._matrix = np.concatenate(blocks)
            self._rows = {k: i for i, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._rows) + len(self._extra)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [key(t) for t in texts]
        missing = list(
            dict.fromkeys(
                (k, t)
                for k, t in zip(keys, texts, strict=True)
                if k not in self._rows and k not in self._extra
            )
        )
        if missing:
            if len(self._extra) + len(missing) > self._limit:
                self._extra.clear()
            vectors = self._embed([t for _, t in missing])
            self._extra.update(zip((k for k, _ in missing), vectors, strict=True))
        return np.array(
            [self._matrix[self._rows[k]] if k in self._rows else self._extra[k] for k in keys],
            dtype=np.float32,
        )

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts whose vectors are not stored yet, in order."""
        return list(dict.fromkeys(t for t in texts if key(t) not in self._rows))

    def add(self, texts: Sequence[str], vectors: np.ndarray) -> int:
        """Store vectors embedded by the caller (ingest embeds them with its chunks, in
        batches of similar length) as a new shard; the number of vectors written."""
        first: dict[str, int] = {}  # key -> row of its first text
        for i, text in enumerate(texts):
            if key(text) not in self._rows:
                first.setdefault(key(text), i)
        if self._folder is None or not first:
            return 0
        fresh = list(first.items())
        rows = np.asarray(vectors, dtype=np.float16)[[i for _, i in fresh]]
        self._folder.mkdir(parents=True, exist_ok=True)
        number = len(list(self._folder.glob("*.npz")))
        final = self._folder / f"{number:06d}.npz"
        partial = self._folder / f"{number:06d}.partial.npz"
        np.savez(partial, keys=np.array([k for k, _ in fresh]), vectors=rows)
        partial.replace(final)  # a shard appears whole or not at all
        start = len(self._rows)
        self._matrix = rows if not len(self._matrix) else np.concatenate([self._matrix, rows])
        self._rows.update({k: start + n for n, (k, _) in enumerate(fresh)})
        return len(fresh)

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
